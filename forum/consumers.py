"""The chat's WebSocket consumer: authenticate, parse, validate, call a service, relay.

Contract (clients and tests depend on these names), at /ws/chat/<room>/:

client -> server: message {client_id, body} | history {before, limit} | typing |
delete {id}
server -> client: hello | message | history | typing | presence | deleted | gap |
error {code: rate_limited|too_long|invalid|forbidden|muted, message}
"""

import json
import time
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer, WebsocketConsumer
from django.utils import translation
from django.utils.translation import gettext as _

from forum import selectors, services
from forum.events import dumps, group_event, group_name, message_payload, user_payload
from forum.hub import get_hub

MAX_FRAME = 16 * 1024  # a 4,000-character message in JSON stays well below
CATCH_UP_LIMIT = 500
TYPING_EVERY = 2.0  # seconds between two typing events of one socket


class UnknownPathConsumer(WebsocketConsumer):
    """Refuses the handshake for any WebSocket path no real consumer claims.

    Without it Channels' router raises for an unknown path, which the server
    logs as an error; a refusal is what a client that mistyped a URL deserves.
    """

    def connect(self):
        self.close()


def _load_room(user, slug):
    access = selectors.room_access(user=user, slug=slug)
    if access is None or not access.can_read:
        return None
    language = getattr(getattr(user, "profile", None), "preferred_language", None)
    return access, user_payload(user), language


class ChatConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        self.room = None
        if user is None or not user.is_authenticated:
            await self.close()  # before accept: the handshake answers 403
            return
        loaded = await database_sync_to_async(_load_room)(
            user, self.scope["url_route"]["kwargs"]["slug"]
        )
        if loaded is None:
            await self.close()
            return
        self.access, self.user_data, self.language = loaded
        self.room = self.access.room
        self.user = user
        self.last_typing = 0.0
        await self.accept()
        # Join before reading the backlog: nothing can fall between the two.
        hub = get_hub()
        await hub.join(self.room.pk, self)
        # Read after joining: a message committed meanwhile is either counted
        # here or arrives through the hub.
        last_seq = await database_sync_to_async(services.presence_join)(
            user=user, room=self.room, channel_name=self.channel_name
        )
        hub.presence_changed(self.room.pk)
        await self._send(
            {
                "type": "hello",
                "room": self.room.slug,
                "user": self.user_data,
                "last_id": last_seq or None,
                "can_write": self.access.can_write,
                "can_moderate": self.access.can_moderate,
            }
        )
        after = self._after()
        if after is not None:
            await self._catch_up(after)

    async def disconnect(self, code):
        if self.room is None:
            return
        hub = get_hub()
        await hub.leave(self.room.pk, self)
        await database_sync_to_async(services.presence_leave)(
            room=self.room, channel_name=self.channel_name
        )
        hub.presence_changed(self.room.pk)

    # --- helpers ----------------------------------------------------------------------------

    def _after(self) -> int | None:
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        values = query.get("after")
        if not values:
            return None
        try:
            return max(0, int(values[0]))
        except ValueError:
            return None

    async def _send(self, payload: dict):
        await self.send(text_data=dumps(payload))

    async def _error(self, code: str, message: str):
        await self._send({"type": "error", "code": code, "message": message})

    def _text(self, callable_, *args):
        with translation.override(self.language or translation.get_language()):
            return str(callable_(*args))

    async def _catch_up(self, after: int):
        messages = await database_sync_to_async(selectors.messages_after)(
            room=self.room, after=after, limit=CATCH_UP_LIMIT + 1
        )
        for message in messages[:CATCH_UP_LIMIT]:
            await self._send(message_payload(message, self.room.slug))
        if len(messages) > CATCH_UP_LIMIT:
            await self._send({"type": "gap", "after": messages[CATCH_UP_LIMIT - 1].seq})

    # --- frames from the client ---------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None):
        if bytes_data is not None or text_data is None:
            await self._error("invalid", self._text(_, "Send JSON text frames."))
            return
        if len(text_data) > MAX_FRAME:
            await self._error("invalid", self._text(_, "The frame is too large."))
            return
        try:
            frame = json.loads(text_data)
        except ValueError:
            frame = None
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            await self._error("invalid", self._text(_, "Send a JSON object with a type."))
            return
        handler = {
            "message": self._on_message,
            "history": self._on_history,
            "typing": self._on_typing,
            "delete": self._on_delete,
        }.get(frame["type"])
        if handler is None:
            await self._error("invalid", self._text(_, "Unknown frame type."))
            return
        await handler(frame)

    async def _on_message(self, frame):
        body, client_id = frame.get("body"), frame.get("client_id")
        if not isinstance(body, str) or not isinstance(client_id, str):
            await self._error("invalid", self._text(_, "A message needs a client_id and a body."))
            return
        try:
            created, payload = await database_sync_to_async(self._send_message)(client_id, body)
        except services.ChatError as error:
            await self._error(error.code, error.message)
            return
        if created:
            # Committed: publish from the loop (one layer message per process).
            await self.channel_layer.group_send(
                group_name(self.room.pk), group_event(self.room.pk, payload)
            )
        else:
            # A repeated client_id: the original, to this socket only.
            await self._send(payload)

    def _send_message(self, client_id, body) -> tuple[bool, dict]:
        """Save through the service; (created, event to publish or original to resend)."""
        with translation.override(self.language or translation.get_language()):
            sent = services.chat_message_send(
                user=self.user, room=self.room, client_id=client_id, body=body, publish=False
            )
        if sent.created:
            return True, sent.payload
        return False, message_payload(sent.message, self.room.slug)

    async def _on_history(self, frame):
        before, limit = frame.get("before"), frame.get("limit", 50)
        valid_before = before is None or (isinstance(before, int) and not isinstance(before, bool))
        valid_limit = isinstance(limit, int) and not isinstance(limit, bool) and 1 <= limit <= 100
        if not valid_before or not valid_limit:
            await self._error(
                "invalid", self._text(_, "History needs an integer before and a limit of 1 to 100.")
            )
            return
        messages, has_more = await database_sync_to_async(selectors.messages_before)(
            room=self.room, before=before, limit=limit
        )
        await self._send(
            {
                "type": "history",
                "messages": [message_payload(m, self.room.slug) for m in messages],
                "has_more": has_more,
            }
        )

    async def _on_typing(self, frame):
        if not self.access.can_write:
            return
        now = time.monotonic()
        if now - self.last_typing < TYPING_EVERY:
            return
        self.last_typing = now
        await self.channel_layer.group_send(
            group_name(self.room.pk),
            group_event(
                self.room.pk, {"type": "typing", "user": self.user_data}, origin=self.channel_name
            ),
        )

    async def _on_delete(self, frame):
        seq = frame.get("id")
        if not isinstance(seq, int) or isinstance(seq, bool):
            await self._error("invalid", self._text(_, "Delete needs the message id."))
            return
        try:
            await database_sync_to_async(self._delete)(seq)
        except services.ChatError as error:
            await self._error(error.code, error.message)

    def _delete(self, seq):
        with translation.override(self.language or translation.get_language()):
            services.chat_message_delete(actor=self.user, room=self.room, seq=seq)

    # Per-connection channel-layer events are not used: the hub delivers room events.
