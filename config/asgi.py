"""ASGI entry point: HTTP to Django behind the page cache, WebSocket through origin and
session checks.

Run with ``daphne config.asgi:application``. Several Daphne processes can serve the
same site when ``REDIS_URL`` points them at one Redis channel layer.
"""

import gc
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

# Build the Django application first: it sets up apps before consumers import models.
# Django's handler, with the threads that run requests kept (config/handlers.py).
django.setup(set_prefix=False)

from config.handlers import ThreadKeepingASGIHandler  # noqa: E402

django_asgi_app = ThreadKeepingASGIHandler()

from urllib.parse import urlsplit  # noqa: E402

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import WebsocketDenier  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.exceptions import DisallowedHost  # noqa: E402
from django.http import HttpRequest  # noqa: E402
from django.utils.http import is_same_domain  # noqa: E402

from config.page_cache import PageCache  # noqa: E402
from forum.routing import websocket_urlpatterns  # noqa: E402
from lms.middleware import MfaAuthMiddlewareStack  # noqa: E402

DEFAULT_PORTS = {"http": 80, "https": 443}


class _Handshake(HttpRequest):
    """A WebSocket handshake seen as Django sees an HTTP request: the same
    ``get_host()`` (ALLOWED_HOSTS, USE_X_FORWARDED_HOST) and ``is_secure()``
    (the connection, or SECURE_PROXY_SSL_HEADER behind a proxy)."""

    def __init__(self, scope):
        super().__init__()
        for name, value in scope.get("headers", ()):
            key = name.decode("latin-1").upper().replace("-", "_")
            self.META[f"HTTP_{key}"] = value.decode("latin-1")
        server = scope.get("server") or ("", "")
        self.META["SERVER_NAME"], self.META["SERVER_PORT"] = str(server[0]), str(server[1] or "")
        self.secure_connection = scope.get("scheme") in ("wss", "https")

    def _get_scheme(self):
        return "https" if self.secure_connection else "http"


def _origin(value: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, port) of an origin, the default port written out."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower(), port


def origin_allowed(scope) -> bool:
    """Whether a WebSocket handshake comes from an allowed origin.

    Scheme, host and port of the Origin header must be those of the request
    itself (the Host header, which must be in ALLOWED_HOSTS; https when the
    connection is, or behind a proxy that says so) or of an entry of
    CSRF_TRUSTED_ORIGINS (``https://*.example.org`` for subdomains), the rules
    Django's CSRF check applies to forms. Channels' AllowedHostsOriginValidator
    compares hosts only: another port or scheme of the same host passed.
    """
    request = _Handshake(scope)
    header = request.META.get("HTTP_ORIGIN")
    origin = _origin(header) if header else None
    if origin is None:
        return False
    try:
        own = _origin(f"{request.scheme}://{request.get_host()}")
    except DisallowedHost:
        own = None
    if origin == own:
        return True
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        if "*" in trusted:
            scheme, _sep, pattern = trusted.partition("://")
            netloc = urlsplit(header.strip()).netloc.lower()
            if origin[0] == scheme and is_same_domain(netloc, pattern.replace("*", "", 1)):
                return True
        elif origin == _origin(trusted):
            return True
    return False


class OriginValidator:
    """Refuses (HTTP 403) a WebSocket handshake from any other origin."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not origin_allowed(scope):
            return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)


# Everything imported so far lives as long as the process: move it out of the
# collector's sight, and collect less often. Full collections of a large heap
# otherwise pause every socket of the process for ~200 ms every few seconds
# under chat load (measured by bench/chat_fanout.py: p99 at 500 listeners
# 215-230 ms before, 41-44 ms after).
gc.collect()
gc.freeze()
gc.set_threshold(50_000, 20, 10)

application = ProtocolTypeRouter(
    {
        # Visitors' pages from the shared page cache when it has them (config/page_cache.py).
        "http": PageCache(django_asgi_app),
        "websocket": OriginValidator(
            # channels' session and user, where a session held on the two-factor
            # pages counts as signed out (lms/middleware.py).
            MfaAuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
