"""Configuration by environment, checked in fresh interpreters."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3y-" + "x9Qv7Lm2Pz4Rt8Wc" * 4


def _environment(settings: str, env: dict) -> dict:
    """This process's environment without the deployment variables, plus ``env``."""
    ignored = {
        "DATABASE_URL",
        "REDIS_URL",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DEBUG",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "BASE_URL",
    }
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    clean.update({"DJANGO_SETTINGS_MODULE": settings, **env})
    return clean


def run(code: str, settings: str, **env):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_environment(settings, env),
        capture_output=True,
        text=True,
    )


def manage(*args, settings: str, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_environment(settings, env),
        capture_output=True,
        text=True,
    )


SHOW = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), "
    "'layer': s.CHANNEL_LAYERS['default']['BACKEND'], "
    "'cache': s.CACHES['default']['BACKEND'], 'debug': s.DEBUG}))"
)


def test_defaults_need_no_service():
    result = run(SHOW, "config.settings.dev")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["db"] == "django.db.backends.sqlite3"
    assert shown["layer"] == "channels.layers.InMemoryChannelLayer"
    assert shown["cache"].endswith("LocMemCache")
    assert shown["debug"] is True


def test_database_url_and_redis_url_switch_to_real_services():
    result = run(
        SHOW,
        "config.settings.dev",
        DATABASE_URL="postgres://rial@db.internal:5432/rial",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["db"] == "django.db.backends.postgresql"
    assert shown["name"] == "rial"
    assert shown["layer"] == "channels_redis.core.RedisChannelLayer"
    assert shown["cache"] == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.parametrize("key", [None, "", "short", "django-insecure-" + "a" * 60, "a" * 60])
def test_production_refuses_to_start_without_a_real_secret_key(key):
    env = {"ALLOWED_HOSTS": "campus.example.org"}
    if key is not None:
        env["SECRET_KEY"] = key
    result = run("import django; django.setup()", "config.settings.production", **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run(
        "import django; django.setup()", "config.settings.production", SECRET_KEY=STRONG_KEY
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        settings="config.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="campus.example.org",
        BASE_URL="https://campus.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("base_url", [None, "http://127.0.0.1:8000", "http://campus.example.org"])
def test_the_deployment_checklist_asks_for_the_public_address(base_url):
    """Emails link to BASE_URL: a deployment without its public https address warns."""
    env = {"SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "campus.example.org"}
    if base_url is not None:
        env["BASE_URL"] = base_url
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", settings="config.settings.production", **env
    )
    assert result.returncode != 0
    assert "rial.W001" in result.stdout + result.stderr


def test_production_settings_are_strict():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS]))"
    )
    result = run(
        code,
        "config.settings.production",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="campus.example.org",
    )
    assert result.returncode == 0, result.stderr
    debug, session_secure, csrf_secure, ssl_redirect, hsts = json.loads(result.stdout)
    assert not debug and session_secure and csrf_secure and ssl_redirect and hsts >= 31536000


@pytest.mark.parametrize("settings_module", ["config.settings.dev", "config.settings.production"])
def test_the_file_email_backend_writes_where_email_file_path_says(tmp_path, settings_module):
    folder = tmp_path / "mail"
    code = (
        "import django; django.setup(); from django.core.mail import send_mail; "
        "send_mail('Prueba', 'Hola', None, ['ana@example.org'])"
    )
    result = run(
        code,
        settings_module,
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(folder),
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="campus.example.org",
    )
    assert result.returncode == 0, result.stderr
    (written,) = folder.iterdir()
    text = written.read_text()
    assert "Subject: Prueba" in text and "To: ana@example.org" in text and "Hola" in text
