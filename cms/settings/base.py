"""Settings shared by every environment.

Everything that differs between a laptop and a deployment is read from the
environment (see README, "Configuration"):

- ``DATABASE_URL``: PostgreSQL (``postgres://user@host:5432/name``); SQLite if unset.
- ``REDIS_URL``: Redis for the channel layer and the cache; in-memory if unset.
- ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DEBUG``, ``EMAIL_*``: deployment.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Daphne first: its runserver serves ASGI (HTTP and WebSocket) in development.
    "daphne",
    # Our apps, before third-party ones so our templates and translations win.
    "cms",
    "forum",
    "lms",
    "courses",
    # Wagtail. ``lms.apps.RialUsersAppConfig`` replaces ``wagtail.users`` so the
    # secretariat edits full names and RIAL roles in the Wagtail admin.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "lms.apps.RialUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work: the ORM queue and the periodic jobs declared in code.
    "django_tasks",
    "django_tasks_db",
    "django_periodic_tasks",
    # Not routed anywhere (Wagtail is the admin). django-tasks-db imports
    # django-stubs-ext, which imports django.contrib.admin; django-periodic-tasks
    # then looks at every module's objects, the lazy admin site included, which
    # needs this app to resolve. SimpleAdminConfig autodiscovers nothing.
    "django.contrib.admin.apps.SimpleAdminConfig",
    # Real time.
    "channels",
    # Django.
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"
ASGI_APPLICATION = "cms.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cms.context_processors.site_chrome",
            ],
        },
    },
]

# Every form renders its fields through templates/includes/field.html, with
# help text and errors tied to the input for screen readers.
FORM_RENDERER = "lms.forms_rendering.RialFormRenderer"

# --- Database -------------------------------------------------------------------
# Connections are closed at the end of every request (CONN_MAX_AGE = 0), on
# purpose: under ASGI each request runs its view in a thread of its own, so a
# persistent connection (CONN_MAX_AGE > 0) is one more open connection per
# thread that ever ran a request — PostgreSQL ran out of connections and SQLite
# out of file handles. PostgreSQL connections come from one bounded psycopg
# pool per process instead: closing returns them to the pool, and a request
# that finds the pool busy waits DB_POOL_TIMEOUT seconds for one.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = {
        "pool": {
            "min_size": int(os.environ.get("DB_POOL_MIN_SIZE", "2")),
            "max_size": int(os.environ.get("DB_POOL_MAX_SIZE", "10")),
            # Seconds a request waits for a free connection before failing.
            "timeout": float(os.environ.get("DB_POOL_TIMEOUT", "10")),
            # A connection unused this long is closed (one per period), down to min_size.
            "max_idle": float(os.environ.get("DB_POOL_MAX_IDLE", "30")),
        },
        "connect_timeout": int(os.environ.get("DB_CONNECT_TIMEOUT", "5")),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers (Daphne) and a writer work at the same time; a busy
    # timeout waits for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Channel layer and cache: in memory on one machine, Redis when it grows -----
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py 8 reads with a 5 s socket timeout by default, the same
                # as the layer's blocking BZPOPMIN: every idle socket would then
                # fail with "Timeout reading". Give blocking reads room.
                "hosts": [{"address": REDIS_URL, "socket_timeout": 15}],
                "prefix": os.environ.get("CHANNEL_LAYER_PREFIX", "rial"),
                "capacity": 1500,
                "expiry": 30,
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "rial"),
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background work ---------------------------------------------------------------------
# Work that touches many people or rows (emails to a cohort, announcements,
# digests, the newsletter, CSV imports) is a task: it goes to the database queue
# and runs in ``manage.py db_worker``. Periodic jobs are declared in code with
# ``@scheduled_task`` in ``<app>/tasks.py`` and enqueued by one
# ``manage.py run_scheduler`` (several schedulers never enqueue a job twice: the
# due rows are locked with SKIP LOCKED). The Procfile runs web, worker and
# scheduler; tests use the immediate backend (cms/settings/test.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PERIODIC_TASKS_AUTOSTART = False
PERIODIC_TASKS_SCHEDULER_INTERVAL = int(os.environ.get("SCHEDULER_INTERVAL", "15"))

# --- Accounts ---------------------------------------------------------------------
AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"  # the adapter sends people to their language's home

ACCOUNT_ADAPTER = "lms.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "lms.forms.SignupForm",
    "login": "lms.forms.LoginForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[RIAL Campus] "
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
# allauth's rate limits stay on (its defaults); they count in the default cache,
# which is Redis as soon as REDIS_URL is set, so every worker shares them.
ACCOUNT_RATE_LIMITS = {}

# --- Internationalisation -----------------------------------------------------------
LANGUAGE_CODE = "es"
LANGUAGES = [
    ("es", "Español"),
    ("en", "English"),
    ("pt", "Português"),
    ("fr", "Français"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# The Technical Secretariat sits in Washington, D.C.; people set their own zone.
TIME_ZONE = "America/New_York"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("es", "Español"),
    ("en", "English"),
    ("pt-br", "Português"),
    ("fr", "Français"),
]

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Assignment files and other things served only through a permission check.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Email ----------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "RIAL Campus <campus@rialnet.org>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "RIAL Campus"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "mp4", "odt", "pdf", "pptx", "txt", "vtt", "webm", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = False  # people reset passwords through allauth
WAGTAILADMIN_LOGIN_URL = "account_login"

# --- Sessions and security that hold everywhere ------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.channels.server": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# --- RIAL Campus ------------------------------------------------------------------------------
# Maximum length of anything a person types that goes through lms.markup.
RIAL_MARKUP_MAX_LENGTH = 20_000
# Largest file a learner may attach to an assignment.
RIAL_SUBMISSION_MAX_BYTES = 10 * 1024 * 1024
# Allow uploads of that size (plus the form around it).
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Forums: seconds a member waits between two posts in a space; attachment size.
RIAL_FORUM_FLOOD_SECONDS = int(os.environ.get("FORUM_FLOOD_SECONDS", "15"))
RIAL_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
# Chat: at most this many messages per person per room in this many seconds.
RIAL_CHAT_RATE_LIMIT = (
    int(os.environ.get("CHAT_RATE_COUNT", "5")),
    int(os.environ.get("CHAT_RATE_SECONDS", "5")),
)
# Chat: at most this many open chat connections per person, on all server
# processes together (tabs, devices); one more gets the error too_many_sockets.
RIAL_CHAT_MAX_SOCKETS = int(os.environ.get("CHAT_MAX_SOCKETS", "20"))
# Experts: answers that helped, published with the asker's consent, become topics
# of this category of this (public) space.
RIAL_EXPERT_QA_SPACE = "rial"
RIAL_EXPERT_QA_CATEGORY = "preguntas-respondidas"
