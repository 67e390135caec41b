"""The chat's WebSocket consumer: authenticate, parse, validate, call a service, relay.

Contract (clients and tests depend on these names), at
/ws/chat/<room>/[?after=<id>[&changes=<change>]]:

client -> server: message {client_id, body, reply_to?} | history {before, limit} |
typing | delete {id} | edit {id, body} | react {id, emoji, on} | thread {id} |
pin {id, on} (moderators)
server -> client: hello {room, user, last_id, last_change, can_write, can_moderate,
reactions} | message | history {messages, has_more} | typing | presence {users, count} |
deleted {id, by, reply_to, change} | edited {id, body_html, edited, change} |
reaction {id, emoji, count, users, user, on, change} | reactions {id, reactions, change} |
thread {id, messages} | pinned {id, on, pins, change} | pins {pins, change} | gap |
access {can_write, can_moderate, message} | notifications {unread, label} |
error {code: rate_limited|too_long|invalid|forbidden|muted|signed_out|no_access|
too_many_sockets, message, client_id (when a message was refused: which one)}

- A ``message`` frame: {id, room, author {id, name, roles}, body_html, created,
  client_id, reply_to (the id of the thread's first message, or null), replies
  (how many replies its thread has), edited (when, or null), reactions {emoji:
  [person ids]}, files [{name, size, image, url}], pinned, deleted (only when
  true)}.
- Pins: moderators pin a message above the log (at most 10); ``pinned`` and
  ``pins`` carry the whole list [{id, author, excerpt}], newest first.
- Threads: a message sent with ``reply_to`` goes to the thread of that message
  (of its first message when it is itself a reply); its ``message`` frame reaches
  every socket of the room like any other (ids have no holes); ``thread {id}``
  asks for a thread's first message and replies.
- Changes: ``edit`` (the author while they may write, or a moderator; at most
  4,000 characters, through lms/markup.py), ``delete`` (the author or a
  moderator) and ``react`` (one of ``hello.reactions``; ``on``: true to give,
  false to take back) number the room's changes: each frame carries ``change``.
  Someone else's message without moderation rights: ``error/forbidden``; a
  deleted or unknown message, an unknown emoji: ``error/invalid``. Edits and
  reactions count toward the rate limit.
- Reconnecting with ``?after=<last id shown>&changes=<last change seen>`` brings
  the messages after that id, then, for the messages up to it changed since,
  a ``deleted``, or an ``edited`` and a ``reactions`` frame each (500 at most,
  then ``gap``: reconnect with the last change seen), then ``pins`` when
  anything changed. ``deleted`` of a reply carries ``reply_to`` (its thread
  counts one fewer).

- ``gap {after}``: frames may have been missed after message ``after`` (the
  catch-up stopped at 500, or the channel layer failed and came back):
  reconnect with ``?after=<the last id shown>``.
- ``access``: the person's rights in the room changed while connected (put on
  hold, a question closed, made a member): ``message`` says so in their
  language; the composer follows ``can_write``.
- ``notifications``: the person's unread notifications changed (a mention, a
  direct message, one read elsewhere): ``unread`` for the header's badge and
  ``label`` (e.g. "3 unread notifications") in their language.
- The handshake is refused (HTTP 403) without a session, without read access,
  for an unknown room, or from another origin: scheme, host and port must be
  the site's own (or in CSRF_TRUSTED_ORIGINS).

Close codes after which the client must not reconnect by itself, each sent
after an ``error`` frame with the same code:

- 4401 ``signed_out``: the session ended (logout, a new password, the account
  deactivated). A client may try once more: a renewed session (the password
  changed in this browser) connects again, an ended one is refused.
- 4403 ``no_access``: the person may no longer read the room (removed from its
  space, the room closed to them); also after ``history`` once access is lost.
- 4429 ``too_many_sockets``: the person already has RIAL_CHAT_MAX_SOCKETS chat
  connections open (all server processes together).

Any other close (network, server restart) means: reconnect with ``?after=``.

A person's own socket, at /ws/me/, opened by every signed-in page where no chat
room is open (``PersonConsumer``): server -> client ``notifications {unread,
label}`` on connecting and whenever the count changes; ``error`` (``invalid`` for
any frame sent: it takes none); it closes with 4401 ``signed_out`` and 4429
``too_many_sockets`` as above (``forum.hub.PERSON_SOCKETS`` pages per person and
server process). Any other close: reconnect.
"""

import functools
import json
import time
from urllib.parse import parse_qs

from channels.generic.websocket import AsyncWebsocketConsumer, WebsocketConsumer
from channels.sessions import InstanceSessionWrapper
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from forum import selectors, services
from forum.access import RoomAccess, room_access
from forum.db import chat_db
from forum.events import (
    deleted_payload,
    dumps,
    edited_payload,
    group_event,
    message_payload,
    user_payload,
)
from forum.hub import get_hub
from forum.models import REACTIONS
from lms.selectors.counts import unread_notification_counts
from lms.selectors.people import person_language

MAX_FRAME = 16 * 1024  # a 4,000-character message in JSON stays well below
CATCH_UP_LIMIT = 500
TYPING_EVERY = 2.0  # seconds between two typing events of one socket

# What an ``access`` frame says.
WRITES = _("You can write in this room now.")
READS_ONLY = _("You can read this room but not write in it.")
# Why a socket is closed for good: the error code, its close code and its message.
ENDINGS = {
    "signed_out": (4401, _("You were signed out. Sign in again to keep chatting.")),
    "no_access": (4403, _("You no longer have access to this room.")),
    "too_many_sockets": (
        4429,
        _("You have too many chat windows open. Close some of them, then reload this page."),
    ),
}


class UnknownPathConsumer(WebsocketConsumer):
    """Refuses the handshake for any WebSocket path no real consumer claims.

    Without it Channels' router raises for an unknown path, which the server
    logs as an error; a refusal is what a client that mistyped a URL deserves.
    """

    channel_layer_alias = None  # nothing to receive: no channel-layer reader

    def connect(self):
        self.close()


def _open(user, slug, channel_name):
    """The room, the person's access and data, and whether one more socket is allowed."""
    access = room_access(user=user, slug=slug)
    if access is None or not access.can_read:
        return None
    allowed = services.presence_join(user=user, room=access.room, channel_name=channel_name)
    language = person_language(user, default=None)
    return access, user_payload(user), language, allowed


def daphne_protocol(send):
    """The connection's WebSocket protocol under Daphne, which hands each connection
    ``partial(server.handle_reply, protocol)`` as its ``send``; None under another
    server. The hub writes a room's frame, framed once, straight to it
    (``forum.hub.RoomHub._deliver``): framing and sending the same text again for
    every socket was most of a message's cost in a large room."""
    if (
        isinstance(send, functools.partial)
        and getattr(send.func, "__name__", "") == "handle_reply"
        and send.args
        and hasattr(send.args[0], "sendPreparedMessage")
        and hasattr(send.args[0], "factory")
    ):
        return send.args[0]
    return None


class _HubSocket(AsyncWebsocketConsumer):
    """What every socket the hub (forum/hub.py) speaks to has: frames in the person's
    language, the header's count, and an end with its reason."""

    # No channel of its own: the hub of the process reads the channel layer for
    # every socket (forum/hub.py), so a failing layer does not kill sockets.
    channel_layer_alias = None
    room = None
    language = None
    endings = ENDINGS
    wire = None  # Daphne's protocol of the connection (daphne_protocol), for the hub

    async def end(self, reason: str) -> None:
        """Close for good: an ``error`` frame saying why, then the close code."""
        if self.ended:
            return
        self.ended = True  # the hub delivers nothing more, frames received are ignored
        code, message = self.endings[reason]
        await self._error(reason, self._text(message))
        await self.close(code=code)

    async def notifications_changed(self, unread: int) -> None:
        """The person's unread notifications, for the header's badge (and what a screen
        reader says of it, in the person's language)."""
        with translation.override(self.language or translation.get_language()):
            label = ngettext("%(n)s unread notification", "%(n)s unread notifications", unread) % {
                "n": unread
            }
        await self._send({"type": "notifications", "unread": unread, "label": label})

    async def _send(self, payload: dict):
        await self.send(text_data=dumps(payload))

    async def _error(self, code: str, message: str, **about):
        """An error frame; ``about`` says what it refuses (a message's ``client_id``), so
        a client that sent several at once (its outbox, on reconnecting) knows which."""
        await self._send({"type": "error", "code": code, "message": message, **about})

    def _text(self, message) -> str:
        """A (lazy) translatable message in the person's language."""
        with translation.override(self.language or translation.get_language()):
            return str(message)


class PersonConsumer(_HubSocket):
    """/ws/me/: a signed-in person's own socket, opened by every page (static/js/site.js).

    It carries the header's count live where no chat room is open: on connecting
    ``notifications {unread, label}``, then again whenever the count changes (a
    mention, a direct message, one read in another tab). It takes no frames (each
    gets ``error/invalid``). It closes with 4401 ``signed_out`` when the session
    ends, as a chat socket does, and with 4429 ``too_many_sockets`` beyond
    ``forum.hub.PERSON_SOCKETS`` of the person's pages in one server process.
    Refused (HTTP 403) without a session or from another origin.
    """

    endings = {
        **ENDINGS,
        "too_many_sockets": (
            4429,
            _("You have too many pages open: this one no longer shows new notifications live."),
        ),
    }

    async def connect(self):
        user = self.scope.get("user")
        self.ended = False
        self.joined = False
        if user is None or not user.is_authenticated:
            await self.close()  # before accept: the handshake answers 403
            return
        self.user = user
        self.session_key = self.scope["session"].session_key
        self.channel_name = f"person.{user.pk}"
        checked_at = time.monotonic()
        await self.accept()
        self.joined = await get_hub().join_person(self, checked_at)
        # After joining: a change meanwhile is counted here or sent by the hub.
        self.language, unread = await chat_db(_person)(user)
        if not self.joined:
            await self.end("too_many_sockets")
            return
        await self.notifications_changed(unread)

    async def disconnect(self, code):
        self.ended = True
        if self.joined:
            get_hub().leave_person(self)

    async def receive(self, text_data=None, bytes_data=None):
        if not self.ended:
            await self._error("invalid", self._text(_("This socket takes no frames.")))


def _person(user) -> tuple[str | None, int]:
    """The person's language, and their unread notifications."""
    return person_language(user, default=None), unread_notification_counts(user_ids={user.pk}).get(
        user.pk, 0
    )


class ChatConsumer(_HubSocket):
    async def __call__(self, scope, receive, send):
        # The hub writes each room event to every socket of the room (``deliver``).
        # Channels' session wrapper around ``send`` saves the session on an HTTP
        # response only, never on a WebSocket frame, yet reads the session for every
        # frame: a fifth of the fan-out's time at 500 listeners. The hub's frames go
        # to the server's ``send`` beneath it; this consumer's own go through it.
        wrapper = getattr(send, "__self__", None)
        self.server_send = (
            wrapper.real_send if isinstance(wrapper, InstanceSessionWrapper) else send
        )
        self.wire = daphne_protocol(self.server_send)
        return await super().__call__(scope, receive, send)

    async def connect(self):
        user = self.scope.get("user")
        self.room = None
        self.ended = False
        self.joined = False
        self.sent_up_to = 0  # the last message id sent to this socket
        if user is None or not user.is_authenticated:
            await self.close()  # before accept: the handshake answers 403
            return
        hub = get_hub()
        self.channel_name = hub.socket_name()
        self.session_key = self.scope["session"].session_key
        checked_at = time.monotonic()
        opened = await chat_db(_open)(
            user, self.scope["url_route"]["kwargs"]["slug"], self.channel_name
        )
        if opened is None:
            await self.close()
            return
        self.access, self.user_data, self.language, allowed = opened
        self.room = self.access.room
        self.user = user
        self.last_typing = 0.0
        await self.accept()
        if not allowed:
            await self.end("too_many_sockets")
            return
        # Join before reading the backlog: nothing can fall between the two.
        await hub.join(self.room.pk, self, checked_at)
        self.joined = True
        # Read after joining: a message committed meanwhile is either counted
        # here or arrives through the hub.
        last_seq, last_change = await chat_db(selectors.room_last_seq)(room=self.room, changes=True)
        hub.presence_changed(self.room.pk)
        after = self._number("after")
        self.sent_up_to = last_seq if after is None else after
        await self._send(
            {
                "type": "hello",
                "room": self.room.slug,
                "user": self.user_data,
                "last_id": last_seq or None,
                "last_change": last_change,
                "can_write": self.access.can_write,
                "can_moderate": self.access.can_moderate,
                "reactions": list(REACTIONS),
            }
        )
        if after is not None:
            await self._catch_up(after, self._number("changes"))

    async def disconnect(self, code):
        self.ended = True
        if self.room is None:
            return
        hub = get_hub()
        await hub.leave(self.room.pk, self)
        await chat_db(services.presence_leave)(room=self.room, channel_name=self.channel_name)
        if self.joined:
            hub.presence_changed(self.room.pk)

    # --- called by the hub --------------------------------------------------------------------

    async def deliver(self, frame: dict) -> None:
        """A ``websocket.send`` the hub built once for every socket of the room."""
        await self.server_send(frame)

    async def access_changed(self, role: str | None) -> None:
        """The person's role now: close without read access, else tell a change of rights."""
        access = RoomAccess(room=self.room, role=role)
        if not access.can_read:
            await self.end("no_access")
            return
        before = (self.access.can_write, self.access.can_moderate)
        self.access = access
        if (access.can_write, access.can_moderate) == before:
            return
        message = self._text(WRITES if access.can_write else READS_ONLY)
        await self._send(
            {
                "type": "access",
                "can_write": access.can_write,
                "can_moderate": access.can_moderate,
                "message": message,
            }
        )

    async def gap(self) -> None:
        """Frames were lost (the channel layer failed): the client catches up."""
        await self._send({"type": "gap", "after": self.sent_up_to})

    # --- helpers ----------------------------------------------------------------------------

    def _number(self, name: str) -> int | None:
        """``after`` or ``changes`` from the socket's query string, if it is a number."""
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        values = query.get(name)
        if not values:
            return None
        try:
            return max(0, int(values[0]))
        except ValueError:
            return None

    async def _catch_up(self, after: int, changes: int | None):
        # Access was checked at this connection's handshake, just before.
        messages = await chat_db(selectors.messages_after)(
            room=self.room, after=after, limit=CATCH_UP_LIMIT + 1
        )
        for message in messages[:CATCH_UP_LIMIT]:
            await self._send(message_payload(message, self.room.slug))
            self.sent_up_to = max(self.sent_up_to, message.seq)
        if len(messages) > CATCH_UP_LIMIT:
            await self._send({"type": "gap", "after": messages[CATCH_UP_LIMIT - 1].seq})
        if changes is None:
            return
        # Messages the client has (up to ``after``) changed while it was away; the
        # newer ones came whole just now.
        changed = await chat_db(selectors.changed_messages)(
            room=self.room, changes=changes, up_to=after, limit=CATCH_UP_LIMIT + 1
        )
        more = len(changed) > CATCH_UP_LIMIT
        changed = changed[:CATCH_UP_LIMIT]
        for message in changed:
            if message.deleted_at is not None:
                await self._send(deleted_payload(message, message.changed))
                continue
            if message.edited_at is not None:
                await self._send(edited_payload(message, message.changed))
            await self._send(services.reactions_payload(message))
        if changed:
            # The pinned messages as they are now (a pin taken down leaves no row).
            pins = await chat_db(selectors.room_pins)(room=self.room)
            await self._send({"type": "pins", "pins": pins, "change": changed[-1].changed})
        if more:
            # More changes than one catch-up sends: the client reconnects with the
            # last change it has now, and gets the next ones.
            await self._send({"type": "gap", "after": self.sent_up_to})

    # --- frames from the client ---------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None):
        if self.ended:
            return
        if bytes_data is not None or text_data is None:
            await self._error("invalid", self._text(_("Send JSON text frames.")))
            return
        if len(text_data) > MAX_FRAME:
            await self._error("invalid", self._text(_("The frame is too large.")))
            return
        try:
            frame = json.loads(text_data)
        except ValueError:
            frame = None
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            await self._error("invalid", self._text(_("Send a JSON object with a type.")))
            return
        handler = {
            "message": self._on_message,
            "history": self._on_history,
            "typing": self._on_typing,
            "delete": self._on_delete,
            "edit": self._on_edit,
            "react": self._on_react,
            "thread": self._on_thread,
            "pin": self._on_pin,
        }.get(frame["type"])
        if handler is None:
            await self._error("invalid", self._text(_("Unknown frame type.")))
            return
        await handler(frame)

    async def _on_message(self, frame):
        body, client_id = frame.get("body"), frame.get("client_id")
        if not isinstance(body, str) or not isinstance(client_id, str):
            await self._error("invalid", self._text(_("A message needs a client_id and a body.")))
            return
        reply_to = frame.get("reply_to")
        if reply_to is not None and not _is_id(reply_to):
            await self._error("invalid", self._text(_("reply_to is a message id.")))
            return
        try:
            created, payload = await chat_db(self._send_message)(client_id, body, reply_to)
        except services.ChatError as error:
            await self._error(error.code, error.message, client_id=client_id)
            return
        if created:
            # Committed: publish from the loop (one layer message per process).
            await get_hub().publish(self.room.pk, group_event(self.room.pk, payload))
        else:
            # A repeated client_id: the original, to this socket only.
            await self._send(payload)

    def _send_message(self, client_id, body, reply_to) -> tuple[bool, dict]:
        """Save through the service; (created, event to publish or original to resend)."""
        with translation.override(self.language or translation.get_language()):
            sent = services.chat_message_send(
                user=self.user,
                room=self.room,
                client_id=client_id,
                body=body,
                reply_to=reply_to,
                publish=False,
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
                "invalid", self._text(_("History needs an integer before and a limit of 1 to 100."))
            )
            return
        # Read access is checked again each time.
        page = await chat_db(selectors.room_history)(
            user=self.user, room=self.room, before=before, limit=limit
        )
        if page is None:
            await self.end("no_access")
            return
        messages, has_more = page
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
        await get_hub().publish(
            self.room.pk,
            group_event(
                self.room.pk, {"type": "typing", "user": self.user_data}, origin=self.channel_name
            ),
        )

    async def _on_delete(self, frame):
        if not _is_id(frame.get("id")):
            await self._error("invalid", self._text(_("Delete needs the message id.")))
            return
        await self._change(services.chat_message_delete, seq=frame["id"])

    async def _on_edit(self, frame):
        if not _is_id(frame.get("id")) or not isinstance(frame.get("body"), str):
            await self._error("invalid", self._text(_("An edit needs the message id and a body.")))
            return
        await self._change(services.chat_message_edit, seq=frame["id"], body=frame["body"])

    async def _on_react(self, frame):
        on = frame.get("on", True)
        if not _is_id(frame.get("id")) or not isinstance(on, bool):
            await self._error("invalid", self._text(_("A reaction needs the message id.")))
            return
        await self._change(
            services.chat_message_react,
            seq=frame["id"],
            emoji=frame.get("emoji"),
            on=on,
        )

    async def _on_pin(self, frame):
        if not _is_id(frame.get("id")):
            await self._error("invalid", self._text(_("A pin needs the message id.")))
            return
        await self._change(services.chat_message_pin, seq=frame["id"], on=frame.get("on", True))

    async def _change(self, service, **arguments):
        """Edit, delete or react through the service; publish the event it returns."""
        try:
            payload = await chat_db(self._as_person)(service, **arguments)
        except services.ChatError as error:
            await self._error(error.code, error.message)
            return
        if payload is not None:  # None: nothing changed (already so)
            await get_hub().publish(self.room.pk, group_event(self.room.pk, payload))

    def _as_person(self, service, **arguments):
        with translation.override(self.language or translation.get_language()):
            return service(actor=self.user, room=self.room, publish=False, **arguments)

    async def _on_thread(self, frame):
        if not _is_id(frame.get("id")):
            await self._error("invalid", self._text(_("A thread needs the message id.")))
            return
        # Read access is checked again, as for history.
        messages = await chat_db(selectors.room_thread)(
            user=self.user, room=self.room, seq=frame["id"]
        )
        if messages is False:
            await self.end("no_access")
            return
        if messages is None:
            await self._error("invalid", self._text(_("There is no such message.")))
            return
        await self._send(
            {
                "type": "thread",
                "id": frame["id"],
                "messages": [message_payload(m, self.room.slug) for m in messages],
            }
        )


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
