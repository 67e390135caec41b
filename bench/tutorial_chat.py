"""Baseline (b) of the chat benchmark: the plain pattern of the Channels tutorial.

Each connection adds its own channel to the room's group; a frame it receives
becomes one ``group_send`` of a ``chat.message`` event, which the channel layer
copies into the queue of every member; each member's ``chat_message`` handler
serialises the event and writes it to its socket. The synchronous consumer is
the tutorial's part 2, the asynchronous one its part 3 rewrite. The only change:
the event carries the benchmark's ``client_id`` and ``body`` instead of a single
``message`` field, so the load generator can time each delivery.

Serve it with ``DJANGO_SETTINGS_MODULE=bench.tutorial_settings daphne
bench.tutorial_chat:application``; the sync consumer is at
``/ws/chat/sync/<room>/``, the async one at ``/ws/chat/async/<room>/``.
"""

import json
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.tutorial_settings")
django_asgi_app = get_asgi_application()

from asgiref.sync import async_to_sync  # noqa: E402
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.generic.websocket import AsyncWebsocketConsumer, WebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import re_path  # noqa: E402

urlpatterns: list = []  # ROOT_URLCONF: no HTTP pages


def _event(text_data: str) -> dict:
    frame = json.loads(text_data)
    return {"type": "chat.message", "client_id": frame["client_id"], "body": frame["body"]}


def _frame(event: dict) -> str:
    return json.dumps({"type": "message", "client_id": event["client_id"], "body": event["body"]})


class SyncChatConsumer(WebsocketConsumer):
    """Tutorial part 2: a synchronous consumer, layer calls through ``async_to_sync``."""

    def connect(self):
        self.group = "chat_" + self.scope["url_route"]["kwargs"]["room_name"]
        async_to_sync(self.channel_layer.group_add)(self.group, self.channel_name)
        self.accept()

    def disconnect(self, code):
        async_to_sync(self.channel_layer.group_discard)(self.group, self.channel_name)

    def receive(self, text_data=None, bytes_data=None):
        async_to_sync(self.channel_layer.group_send)(self.group, _event(text_data))

    def chat_message(self, event):
        self.send(text_data=_frame(event))


class AsyncChatConsumer(AsyncWebsocketConsumer):
    """Tutorial part 3: the same consumer, asynchronous."""

    async def connect(self):
        self.group = "chat_" + self.scope["url_route"]["kwargs"]["room_name"]
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        await self.channel_layer.group_send(self.group, _event(text_data))

    async def chat_message(self, event):
        await self.send(text_data=_frame(event))


websocket_urlpatterns = [
    re_path(r"^ws/chat/sync/(?P<room_name>\w+)/$", SyncChatConsumer.as_asgi()),
    re_path(r"^ws/chat/async/(?P<room_name>\w+)/$", AsyncChatConsumer.as_asgi()),
]

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
