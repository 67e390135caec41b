"""ASGI entry point: HTTP to Django, WebSocket through origin and session checks.

Run with ``daphne cms.asgi:application``. Several Daphne processes can serve the
same site when ``REDIS_URL`` points them at one Redis channel layer.
"""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

# Build the Django application first: it sets up apps before consumers import models.
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from forum.routing import websocket_urlpatterns  # noqa: E402
from lms.middleware import MfaAuthMiddlewareStack  # noqa: E402

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
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            # channels' session and user, where a session held on the two-factor
            # pages counts as signed out (lms/middleware.py).
            MfaAuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
