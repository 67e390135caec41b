"""What the chat sends: event payloads, serialised once, and their broadcast.

A message is turned into JSON text once, here, and that text goes to every
listener as it is: nothing per listener but a socket write.

Besides room events, the hub of every server process listens to one control
group (``CONTROL_GROUP``): services announce there that someone's session or
access changed, and each hub checks its own open sockets again.
"""

import json
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from forum.models import Message, Room
from lms.models import User

logger = logging.getLogger(__name__)

# Every process's hub is in this group (forum.hub); announcements go there.
CONTROL_GROUP = "chat.control"


def user_payload(user: User) -> dict:
    return {
        "id": user.pk,
        "name": user.get_full_name(),
        "roles": sorted(user.roles),
        # The actor type the secretariat verified ("": none), for the badge by the name.
        "voice": user.voice,
    }


def message_payload(message: Message, room_slug: str) -> dict:
    """A ``message`` frame. The message comes from a ``forum.selectors.chat`` reader
    (``reply_to_seq`` annotated, reactions prefetched) or was just sent."""
    payload = {
        "type": "message",
        "id": message.seq,
        "room": room_slug,
        "author": user_payload(message.author),
        # Already safe HTML (lms.markup), a SafeString: templates print it as it is.
        "body_html": "" if message.deleted_at else message.body_html,
        "created": message.created_at.isoformat(),
        "client_id": str(message.client_id),
        "reply_to": reply_to_seq(message),
        "replies": message.reply_count,
        "edited": message.edited_at.isoformat() if message.edited_at else None,
        "reactions": {} if message.deleted_at else reaction_users(message),
        "files": [] if message.deleted_at else shared_files(message),
        "pinned": message.pinned_at is not None and not message.deleted_at,
    }
    if message.deleted_at:
        payload["deleted"] = True
        payload["deleted_by"] = (
            "author" if message.deleted_by_id == message.author_id else "moderator"
        )
    return payload


def reply_to_seq(message: Message) -> int | None:
    """The id (``seq``) of the message whose thread this one is in, or None."""
    if message.reply_to_id is None:
        return None
    seq = getattr(message, "reply_to_seq", None)
    return seq if seq is not None else message.reply_to.seq


def shared_files(message: Message) -> list[dict]:
    """The files shared with the message: name, size, whether an image, and where it is
    served (to people who may read the room)."""
    from django.urls import reverse

    return [
        {
            "name": item["name"],
            "size": item["size"],
            "image": item["image"],
            "url": reverse("forum:chat_file", kwargs={"file_id": item["id"]}),
        }
        for item in message.files_given or []
    ]


def reaction_users(message: Message) -> dict[str, list[int]]:
    """Each emoji the message got, with who gave it (in the order given)."""
    return {emoji: list(users) for emoji, users in (message.reactions_given or {}).items()}


def edited_payload(message: Message, change: int) -> dict:
    return {
        "type": "edited",
        "id": message.seq,
        "body_html": message.body_html,
        "edited": message.edited_at.isoformat(),
        "change": change,
    }


def deleted_payload(message: Message, change: int) -> dict:
    by_author = message.deleted_by_id == message.author_id
    return {
        "type": "deleted",
        "id": message.seq,
        "by": "author" if by_author else "moderator",
        # A reply: its thread counts one fewer.
        "reply_to": reply_to_seq(message),
        "change": change,
    }


def dumps(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def group_event(room_id: int, payload: dict, *, origin: str = "") -> dict:
    """A channel-layer message carrying the already serialised text.

    A message's id travels beside the text (``seq``): a hub delivers each
    message once and knows how far each socket got.
    """
    event = {
        "type": "room.event",
        "room": room_id,
        "text": dumps(payload),
        "origin": origin,
    }
    if payload.get("type") == "message":
        event["seq"] = payload["id"]
    return event


def group_name(room_id: int) -> str:
    return f"room.{room_id}"


def broadcast(room: Room | int, payload: dict, *, origin: str = "") -> None:
    """Send to everyone in the room, from synchronous code (services, after commit)."""
    room_id = room if isinstance(room, int) else room.pk
    _send(group_name(room_id), group_event(room_id, payload, origin=origin))


def announce(message: dict) -> None:
    """Tell the hub of every server process (from synchronous code, after commit)."""
    _send(CONTROL_GROUP, message)


def _send(group: str, message: dict) -> None:
    # What was committed stays committed when the channel layer is down: the
    # hubs notice the outage themselves and tell their sockets to catch up.
    try:
        async_to_sync(get_channel_layer().group_send)(group, message)
    except Exception:
        logger.warning("chat: the channel layer refused a %s event", message["type"], exc_info=True)
