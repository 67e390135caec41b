"""Settings for baseline (b): the Channels tutorial chat, with nothing else.

No database, no sessions table: sessions are signed cookies, so the tutorial's
``AuthMiddlewareStack`` runs as written and finds every client anonymous
without a query. The channel layer is the in-memory one, as in RIAL Campus
without ``REDIS_URL``.
"""

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DEBUG = False
SECRET_KEY = "bench-tutorial-chat-only-serves-127.0.0.1-and-keeps-no-secrets"  # noqa: S105
INSTALLED_APPS = [
    "daphne",
    "channels",
    "django.contrib.auth",
    "django.contrib.contenttypes",
]
DATABASES: dict = {}
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
ROOT_URLCONF = "bench.tutorial_chat"
ASGI_APPLICATION = "bench.tutorial_chat.application"
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
USE_TZ = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
