"""WebSocket routes, mounted by config/asgi.py behind the origin and session checks."""

from django.urls import re_path

from forum.consumers import ChatConsumer, PersonConsumer, UnknownPathConsumer

websocket_urlpatterns = [
    re_path(r"^ws/chat/(?P<slug>[-\w]+)/$", ChatConsumer.as_asgi()),
    re_path(r"^ws/me/$", PersonConsumer.as_asgi()),
    # Keep last: anything above did not match.
    re_path(r"", UnknownPathConsumer.as_asgi()),
]
