"""WebSocket routes, mounted by cms/asgi.py behind the origin and session checks."""

from django.urls import re_path

from forum.consumers import UnknownPathConsumer

websocket_urlpatterns = [
    # Keep last: anything above did not match.
    re_path(r"", UnknownPathConsumer.as_asgi()),
]
