"""Settings shared by every environment.

Everything that differs between a laptop and a deployment is read from the
environment (see README, "Configuration"):

- ``DATABASE_URL``: PostgreSQL (``postgres://user@host:5432/name``); SQLite if unset.
- ``REDIS_URL``: Redis for the channel layer and the cache; in-memory if unset.
- ``BBB_URL``, ``BBB_SECRET``: a BigBlueButton server for the video rooms; plain links if unset.
- ``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DEBUG``, ``EMAIL_*``: deployment.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

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
    # The project (config/apps.py: deployment checks, housekeeping jobs), the
    # Wagtail site, the portal's features, then what they build on.
    "config",
    "cms",
    "portfolio",
    "library",
    "events",
    "cooperation",
    "priorities",
    "newsletter",
    "workplan",
    "reports",
    "evaluations",
    "bodies",
    "expertgroups",
    "pilots",
    "needs",
    "funding",
    "forum",
    "lms",
    "courses",
    "search",
    "demo",
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
    # Content-Security-Policy (the policy is under "Security headers" below).
    "csp",
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
    # Static files are answered here, with their long cache and none of the
    # headers below (they are not pages).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above everything that may answer (redirects, errors, views), so every
    # response of ours gets its Content-Security-Policy, Permissions-Policy and,
    # for signed-in people, Cache-Control: private (config/middleware.py).
    "config.middleware.ContentSecurityPolicyMiddleware",
    "config.middleware.PrivacyHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Wagtail's site from the cached layout (after CommonMiddleware checked the host).
    "config.middleware.SiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After allauth's: holds the secretariat, staff and superusers on the two-factor
    # setup page until they have an authenticator app, and anyone who has one on
    # the code page until this session has passed it (lms/middleware.py).
    "lms.middleware.MfaRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
# PostgreSQL connections come from one bounded psycopg pool per process: each
# request closes its connection at the end (CONN_MAX_AGE = 0), which returns it to
# the pool, and a request that finds the pool busy waits DB_POOL_TIMEOUT seconds
# for one. Persistent connections (CONN_MAX_AGE > 0) would be one more open
# connection per thread that ever ran a request: under Django's own ASGI handler,
# a thread per request, PostgreSQL ran out of connections and SQLite out of file
# handles. SQLite (below) keeps one per request thread, now that Daphne's request
# threads are a small kept set (config/handlers.py).
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
            # A connection nobody used for this long is closed, one per period, down
            # to min_size: the pool follows the load down within (max - min) periods.
            # 1 s, measured by bench/production.py (64 signed-in people, two Daphne
            # processes): 10 connections per process at the peak, 2 again ten seconds
            # after (with 30 s all 10 were still open). A new connection costs ~6 ms,
            # so following the load costs at most that per second and process.
            "max_idle": float(os.environ.get("DB_POOL_MAX_IDLE", "1")),
        },
        "connect_timeout": int(os.environ.get("DB_CONNECT_TIMEOUT", "5")),
    }
    # The pool checks a connection before handing it out (one empty round trip):
    # after PostgreSQL restarts, requests get new connections instead of a 500
    # for every connection the pool held.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers (Daphne) and a writer work at the same time; a busy
    # timeout waits for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        # The -wal file is cut back to 64 MB after a checkpoint: with connections
        # kept open it is never deleted, and a large import would leave it at its peak.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            " PRAGMA journal_size_limit=67108864;"
        ),
    }
    # Kept open between requests by the thread that opened it (Daphne's request
    # threads are kept: config/handlers.py). Opening a SQLite file reads its whole
    # schema again and starts from an empty page cache: about 5 ms of every page of
    # the demo. At most one connection per kept thread (32), closed when a thread
    # beyond those ends.
    DATABASES["default"]["CONN_MAX_AGE"] = None
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Requests under Daphne take turns (config/handlers.py) -----------------------
# How many requests run their middleware and view at once in one process, and for
# how long (ms) a request counts before the next may start beside it: a slow page,
# an export or a call to another server holds the others up that long at most.
# Measured with bench/signed_in_pages.py (16 connections, one Daphne process, pages
# of 4-12 ms), pages per second against everything at once: on SQLite one at a time
# +20-40%; on PostgreSQL (same machine) one or two at a time +15-25%. Two for
# PostgreSQL, whose queries leave the processor idle while the server answers.
REQUESTS_AT_ONCE = max(
    1,  # (0 would serve nobody)
    int(
        os.environ.get(
            "REQUESTS_AT_ONCE",
            "2" if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" else "1",
        )
    ),
)
REQUEST_TURN_MS = float(os.environ.get("REQUEST_TURN_MS", "20"))

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
            # A Redis that stops answering costs a request at most this long: the
            # page cache and the layout caches then go to the database (they never
            # fail a request), instead of waiting for ever.
            "OPTIONS": {
                "socket_timeout": float(os.environ.get("CACHE_SOCKET_TIMEOUT", "0.5")),
                "socket_connect_timeout": float(os.environ.get("CACHE_SOCKET_TIMEOUT", "0.5")),
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The shared page cache of visitors' pages (config/page_cache.py): seconds a page is
# kept at most (it is forgotten at once when what it shows changes) and its largest size.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_MAX_BYTES = 1024 * 1024

# /healthz: seconds each check (database, channel layer) may take; both run at once,
# so the answer comes within about this long (load balancers give up after ~1 s).
HEALTH_CHECK_TIMEOUT = float(os.environ.get("HEALTH_CHECK_TIMEOUT", "0.5"))

# --- Background work ---------------------------------------------------------------------
# Work that touches many people or rows (emails to a cohort, announcements,
# digests, the newsletter, CSV imports) is a task: it goes to the database queue
# and runs in ``manage.py db_worker``. Periodic jobs are declared in code with
# ``@scheduled_task`` in ``<app>/tasks.py`` and enqueued by one
# ``manage.py run_scheduler`` (several schedulers never enqueue a job twice: the
# due rows are locked with SKIP LOCKED). The Procfile runs web, worker and
# scheduler; tests use the immediate backend (config/settings/test.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PERIODIC_TASKS_AUTOSTART = False
PERIODIC_TASKS_SCHEDULER_INTERVAL = int(os.environ.get("SCHEDULER_INTERVAL", "15"))
# Mentions and direct messages still unread this many minutes after they came are
# emailed, all of a person's waiting ones in one email (lms notification-email-batches).
NOTIFICATION_EMAIL_DELAY_MINUTES = int(os.environ.get("NOTIFICATION_EMAIL_DELAY_MINUTES", "10"))

# Video rooms (lms.video): a BigBlueButton server, as `bbb-conf --secret` prints its
# URL (https://host/bigbluebutton/) and shared secret. Unset, live sessions, dialogues
# and meetings keep their plain "link to join".
BBB_URL = os.environ.get("BBB_URL", "")
BBB_SECRET = os.environ.get("BBB_SECRET", "")
BBB_TIMEOUT_SECONDS = float(os.environ.get("BBB_TIMEOUT_SECONDS", "5"))

# Web Push to the installed app (lms.services.push). Push is off until both keys are
# set; `manage.py vapid_keys` makes a pair (`make run` keeps one in .env). The subject
# tells push services whom to contact about this server's pushes.
WEB_PUSH_VAPID_PUBLIC_KEY = os.environ.get("WEB_PUSH_VAPID_PUBLIC_KEY", "")
WEB_PUSH_VAPID_PRIVATE_KEY = os.environ.get("WEB_PUSH_VAPID_PRIVATE_KEY", "")
WEB_PUSH_SUBJECT = os.environ.get("WEB_PUSH_SUBJECT", "mailto:campus@rialnet.org")
# How long a push service keeps a push for a device that is off (a day), and waits on it.
WEB_PUSH_TTL_SECONDS = int(os.environ.get("WEB_PUSH_TTL_SECONDS", "86400"))
WEB_PUSH_TIMEOUT_SECONDS = float(os.environ.get("WEB_PUSH_TIMEOUT_SECONDS", "5"))
# The push services of the browsers (Chrome, Edge, Firefox, Safari and those built on
# them): a subscription to any other host is refused, as the worker posts to it.
WEB_PUSH_SERVICE_HOSTS = env_list(
    "WEB_PUSH_SERVICE_HOSTS",
    "fcm.googleapis.com,updates.push.services.mozilla.com,push.services.mozilla.com,"
    "push.apple.com,notify.windows.com",
)
# Tests allow a push service of their own on 127.0.0.1.
WEB_PUSH_ALLOW_LOCAL_ENDPOINTS = False

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
# Two-factor sign-in (allauth.mfa): an authenticator app (TOTP) and recovery codes,
# offered to everyone on the account pages, required for the secretariat, staff and
# superusers (lms/mfa.py says who and when; lms/middleware.py holds them).
MFA_ADAPTER = "lms.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {
    "authenticate": "lms.forms.MfaAuthenticateForm",
    "reauthenticate": "lms.forms.MfaReauthenticateForm",
    "activate_totp": "lms.forms.ActivateTOTPForm",
}
# The name authenticator apps show next to the code.
MFA_TOTP_ISSUER = "RIAL Campus"
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
# Where EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend writes
# each message (one .log file per connection), e.g. to read the demo's emails.
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH") or BASE_DIR / "sent-emails")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "RIAL Campus <campus@rialnet.org>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Newsletter confirmations the whole site sends to visitors in an hour, at most: the
# visitors' form needs no sign-in, so this bounds what a script posting addresses
# can make the campus send (newsletter/services.py visitor_subscribe).
NEWSLETTER_CONFIRMATIONS_PER_HOUR = int(os.environ.get("NEWSLETTER_CONFIRMATIONS_PER_HOUR", "200"))

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "RIAL Campus"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "mp4", "odt", "pdf", "pptx", "txt", "vtt", "webm", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Pixels, not bytes, are what an image costs: making a rendition decodes the
# whole picture, about 4 bytes a pixel, so 12000 x 12000 (144 million, a 17 KB
# PNG) needs ~576 MB and seconds of CPU on every page that shows it first.
# 40 million keeps that to ~160 MB and fits any ordinary photo (a 24-megapixel
# camera is 6000 x 4000, an 8K video frame 33 million). The Wagtail admin
# enforces it in its form; lms/uploads.py check_image_pixels does for every
# other upload that makes an image (expert photos, forum and event images).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = False  # people reset passwords through allauth
WAGTAILADMIN_LOGIN_URL = "account_login"
# No avatars from gravatar.com in the admin: no page asks another host for anything
# (and the secretariat's email hash stays here). Wagtail shows its default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Sessions and security that hold everywhere ------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Security headers (config/middleware.py) ----------------------------------------------------
# Content-Security-Policy, enforced on every page. Everything comes from this
# site: no page loads a script, style, font or frame from another host, and no
# template has inline script or a style="" attribute, so neither script-src nor
# style-src allows 'unsafe-inline'. A template that ever needs an inline
# <script> gives it nonce="{{ request.csp_nonce }}" (the nonce is only sent
# when a page asks for it). The Wagtail admin has its own policy, below.
# Violations are reported nowhere: no report-uri, nothing leaves the browser.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # data: for the QR code of two-factor sign-in (allauth's TOTP setup draws
        # it as a data: image); images otherwise come from this site only.
        "img-src": [SELF, "data:"],
        # The chat's WebSocket: 'self' covers ws:/wss: on our own host in
        # today's browsers (CSP 3); the middleware also names ws(s)://<host>
        # of the request for browsers that read 'self' as http(s) only.
        "connect-src": [SELF],
        # No third-party player or embed: lesson videos are files served by the
        # campus (courses/blocks.py VideoBlock) and no rich-text field enables
        # Wagtail's "embed" feature, so no page frames anything. A course that
        # wants YouTube/Vimeo would add exactly those hosts here.
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin (/admin/, the secretariat only) writes inline <script> and
# style="" itself (inline panels, date pickers, Draftail, its preview iframe),
# which no nonce can cover: it gets this policy instead, still limited to our
# own host. It applies to /admin/ only, never to the public pages. Wagtail's
# preview shows pages in a same-origin frame, hence frame-src and
# frame-ancestors 'self' here; blob: for the previews of images being uploaded.
RIAL_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Powerful browser features no page of ours uses are off, for us and for
# anything we might ever frame; fullscreen and picture-in-picture stay for the
# lesson videos, and WebAuthn (publickey-credentials-*) for a future security
# key at sign-in.
RIAL_PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": ["self"],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
# Wagtail shows people's avatars from gravatar.com unless told not to: that
# would be another host (blocked by the policy above, and a leak of who visits).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

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
        # fpdf2 subsets fonts for every PDF (certificates, reports) and logs each glyph.
        "fontTools": {"level": "WARNING"},
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
# Chat: threads of each web process that run the chat's database calls
# (forum/db.py); keep it below DB_POOL_MAX_SIZE so pages always find a connection.
RIAL_CHAT_DB_THREADS = int(os.environ.get("CHAT_DB_THREADS", "4"))
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
