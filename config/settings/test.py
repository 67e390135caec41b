"""The test suite: fast hashing, mail in memory, everything else as configured.

``DATABASE_URL`` and ``REDIS_URL`` are honoured, so the same suite runs against
SQLite and the in-memory layer (``make test``) and against PostgreSQL and Redis
(``.ci/run``).
"""

import os
from pathlib import Path

from .base import *

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-rial-campus-0123456789abcdefghijklmnop"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Uploads of the test run (.ci/run gives its second, simultaneous run a folder of its own).
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT") or BASE_DIR / ".test-media")
WAGTAILADMIN_BASE_URL = "http://testserver"
# Connections are those of a deployment (base: pooled on PostgreSQL and given back
# after each request, kept by the request threads on SQLite): the Daphne processes
# of tests/config/test_connections.py run with these settings and must hold what a
# deployment would.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tests use their own database, in memory unless a live server needs a file.
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_SQLITE_NAME") or None}
if REDIS_URL:
    # Keep test runs apart from anything else on the same Redis.
    prefix = os.environ.get("TEST_REDIS_PREFIX", f"rialtest{os.getpid()}")
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = prefix
    CACHES["default"]["KEY_PREFIX"] = prefix

# Tasks run as soon as they are enqueued (after commit), in the test's process;
# tests of the worker itself switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Private uploads (assignment files) of the test run.
PRIVATE_MEDIA_ROOT = MEDIA_ROOT / "private"

# The browser tests' servers push to a push service of the test's own on 127.0.0.1.
WEB_PUSH_ALLOW_LOCAL_ENDPOINTS = env_bool("WEB_PUSH_ALLOW_LOCAL_ENDPOINTS", False)

# No video server unless a test starts the fake one (tests/video_fake.py).
BBB_URL = ""
BBB_SECRET = ""
BBB_TIMEOUT_SECONDS = 2.0

# The browser tests check every page their servers serve with the Nu HTML Checker
# (tests/html_checker.py): a Daphne process they start keeps its pages in this folder.
if os.environ.get("TEST_RECORD_PAGES_DIR"):
    MIDDLEWARE = ["tests.html_checker.RecordPagesMiddleware", *MIDDLEWARE]
