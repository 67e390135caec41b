"""Writes about chat rooms: messages, mutes, read markers, presence. Keyword-only
arguments, one transaction, permission first (``forum.access``), broadcasts only
after the transaction commits."""

import contextlib
import datetime
import logging
import threading
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from forum.access import room_access_for, room_person_facts, room_send_facts
from forum.events import (
    broadcast,
    message_payload,
    user_payload,
)
from forum.models import (
    ChatFile,
    Message,
    Room,
    RoomMute,
    RoomPresence,
    RoomRead,
)
from forum.search import message_index
from forum.selectors import chat as selectors
from forum.selectors.forums import MENTION, handle
from forum.selectors.nav import nav_counts_forget
from forum.services.questions import question_message_sent
from lms.markup import MarkupTooLong, render_markdown
from lms.models import User
from lms.services.notifications import (
    notifications_fan_out,
)

MAX_BODY = 4000

logger = logging.getLogger(__name__)
CACHE_WARNING_EVERY = 60  # seconds between two warnings that the cache is down
_cache_warned = [0.0]


def _cache_down(what: str) -> None:
    if time.monotonic() - _cache_warned[0] > CACHE_WARNING_EVERY:
        _cache_warned[0] = time.monotonic()
        logger.warning("chat rate limit %s: the cache does not answer", what, exc_info=True)


class ChatError(Exception):
    """A refusal the client can act on; ``code`` is part of the WebSocket contract."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Sent:
    message: Message
    created: bool
    payload: dict | None = None  # the broadcast event, for a caller that publishes it


def rate_limit(*, user: User, room: Room) -> None:
    """At most N messages per person per room in W seconds (sliding, shared cache).

    Two fixed windows weighted by overlap approximate a sliding window with two
    cache counters, so every server process counts the same.
    """
    count, window = settings.RIAL_CHAT_RATE_LIMIT
    now = time.time()
    current = int(now // window)
    key = f"rial:chat:rate:{room.pk}:{user.pk}:"
    try:
        # Both windows in one round trip to the cache.
        counts = cache.get_many([key + str(current - 1), key + str(current)])
    except Exception:
        # The shared cache (Redis) is down: the chat goes on, unlimited meanwhile,
        # rather than refusing every message.
        _cache_down("skipped")
        return
    previous_count = counts.get(key + str(current - 1), 0)
    current_count = counts.get(key + str(current), 0)
    elapsed = (now % window) / window
    if previous_count * (1 - elapsed) + current_count >= count:
        raise ChatError("rate_limited", _("You are sending messages too fast. Wait a few seconds."))
    try:
        cache.incr(key + str(current))
    except ValueError:
        cache.add(key + str(current), 0, timeout=window * 3)
        cache.incr(key + str(current))
    except Exception:
        _cache_down("not counted")


def check_body(body) -> str:
    """The message's text as typed, or a ChatError (empty, too long); its safe HTML."""
    if not isinstance(body, str) or not body.strip():
        raise ChatError("invalid", _("The message is empty."))
    if len(body) > MAX_BODY:
        raise ChatError(
            "too_long",
            _("A message has at most %(n)s characters; yours has %(length)s.")
            % {"n": MAX_BODY, "length": len(body)},
        )
    try:
        return render_markdown(body)
    except MarkupTooLong as error:
        raise ChatError("too_long", _("The message is too long.")) from error


def check_may_write(*, user: User, room: Room, facts: dict | None = None) -> None:
    """``facts``: the person's, as ``room_send_facts`` or ``room_person_facts`` read them
    just now; read here otherwise (one query, one more when a mute runs: until when)."""
    if facts is None:
        facts = room_person_facts(user=user, room=room)
    access = room_access_for(user=user, room=room, facts=facts)
    if not access.can_write:
        raise ChatError("forbidden", _("You can read this room but not write in it."))
    if facts is not None and not facts["person_muted"]:
        return
    mute = selectors.is_muted(user=user, room=room)
    if mute is not None:
        raise ChatError(
            "muted",
            _("A moderator has muted you in this room until %(time)s.")
            % {"time": timezone.localtime(mute.until).strftime("%H:%M")},
        )


def _thread_of(*, room: Room, seq) -> Message:
    """The message a reply answers: its thread's first message (threads have one level)."""
    if not isinstance(seq, int) or isinstance(seq, bool):
        raise ChatError("invalid", _("There is no such message."))
    parent = Message.objects.filter(room=room, seq=seq).select_related("reply_to").first()
    if parent is not None and parent.reply_to_id is not None:
        parent = parent.reply_to
    if parent is None or parent.deleted_at is not None:
        raise ChatError("invalid", _("There is no such message."))
    return parent


MAX_FILES = 3


def _check_files(files) -> list[tuple[object, bool]]:
    """(upload, is_image) for each file, or a ChatError (the forum's attachment rules)."""
    from forum.services.topics import check_attachment

    if len(files) > MAX_FILES:
        raise ChatError(
            "invalid", _("Share at most %(n)s files in one message.") % {"n": MAX_FILES}
        )
    checked = []
    for upload in files:
        try:
            checked.append((upload, check_attachment(upload)))
        except ValidationError as error:
            raise ChatError("invalid", " ".join(error.messages)) from error
    return checked


def chat_message_send(
    *,
    user: User,
    room: Room,
    client_id,
    body: str,
    publish: bool = True,
    reply_to=None,
    files=(),
) -> Sent:
    """Save a message, then (after commit) send it to everyone in the room.

    ``publish=False`` is for the WebSocket consumer, which publishes the
    returned ``Sent.payload`` itself from the event loop once this returns
    (after the commit), instead of making the database thread wait for the
    loop.

    Sending the same ``client_id`` again returns the first message and creates
    nothing. Messages of a room are numbered in the order they commit.

    ``reply_to``: the id (``seq``) of a message of the room; the reply goes to that
    message's thread, whose reply count grows.
    """
    try:
        client_id = uuid.UUID(str(client_id))
    except ValueError as error:
        raise ChatError("invalid", _("The message is not valid.")) from error
    if not isinstance(body, str) or (not body.strip() and not files):
        raise ChatError("invalid", _("The message is empty."))
    if len(body) > MAX_BODY:
        check_body(body)  # too long: the same refusal as an edit's
    # One query, compiled once per process: whether this client_id was sent already,
    # the person's role, mute and read marker as they are now.
    facts = room_send_facts(user=user, room=room, client_id=client_id)
    if facts is not None:  # the frame's badge, without a query of its own
        user.__dict__["voice"] = facts["person_voice"] or ""
    if facts is None or facts["person_sent"]:
        existing = selectors.sent_before(room=room, user=user, client_id=client_id)
        if existing is not None:
            return Sent(existing, created=False)
    check_may_write(user=user, room=room, facts=facts)
    parent = None if reply_to is None else _thread_of(room=room, seq=reply_to)
    checked = _check_files(list(files))
    rate_limit(user=user, room=room)
    body_html = check_body(body) if body.strip() else ""
    # The sender's read marker exists before the room is locked (an INSERT that
    # does nothing when it is there). Created under the lock, it could wait for
    # the same row inserted by room_mark_read, whose deferred foreign-key check
    # waits for the room's lock at commit: PostgreSQL found that deadlock under
    # load (bench/production.py). Only when the facts found none.
    if facts is None or facts["person_read_seq"] is None:
        RoomRead.objects.bulk_create(
            [RoomRead(room=room, user=user, last_read_seq=0)], ignore_conflicts=True
        )
    try:
        with _one_writer(), transaction.atomic():
            seq = _next_seq(room.pk)
            message = Message.objects.create(
                room=room,
                seq=seq,
                author=user,
                client_id=client_id,
                body=body,
                body_html=body_html,
                reply_to=parent,
            )
            if parent is not None:
                message.reply_to_seq = parent.seq
                Message.objects.filter(pk=parent.pk).update(reply_count=F("reply_count") + 1)
            if checked:
                shared = [
                    ChatFile.objects.create(
                        message=message,
                        file=upload,
                        name=(upload.name or "file")[:200],
                        size=upload.size,
                        is_image=is_image,
                    )
                    for upload, is_image in checked
                ]
                message.files_given = [
                    {"id": f.pk, "name": f.name, "size": f.size, "image": f.is_image}
                    for f in shared
                ]
                message.save(update_fields=["files_given"])
            message_index(message=message, created=True)
            RoomRead.objects.filter(room=room, user=user, last_read_seq__lt=seq).update(
                last_read_seq=seq
            )
            if room.space.rules.rooms == "question":
                question_message_sent(message=message, room=room)
            payload = message_payload(message, room.slug)
            if publish:
                transaction.on_commit(lambda: broadcast(room.pk, payload))
            mentions_later(message)
            if room.space.rules.rooms == "direct":  # as a question's room, by its rule
                _direct_later(message)
    except IntegrityError:
        existing = selectors.sent_before(room=room, user=user, client_id=client_id)
        if existing is None:
            raise
        return Sent(existing, created=False)
    room.last_seq = seq
    return Sent(message, created=True, payload=payload)


_sqlite_writer = threading.Lock()


@contextlib.contextmanager
def _one_writer():
    """On SQLite, this process's chat threads write one after the other: SQLite has
    one writer at a time, and a thread that finds the database locked sleeps in
    steps of up to 100 ms before it tries again (its busy handler), where a lock of
    this process wakes the next thread as soon as the write commits. Not inside a
    transaction already open (it holds the database: the next writer would wait for
    it while it waits here)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with _sqlite_writer:
        yield


# Room's table and columns (test_next_seq_names_the_rooms_columns checks them).
_NEXT_SEQ = "UPDATE forum_room SET last_seq = last_seq + 1 WHERE id = %s RETURNING last_seq"


def _next_seq(room_id: int) -> int:
    """The room's next message number, its row locked until commit: numbers follow
    commit order. One UPDATE ... RETURNING (the lock and the number in one round trip);
    an UPDATE of a column no key uses locks FOR NO KEY UPDATE on PostgreSQL, so rows
    that only point at the room (presence, reads, messages of other senders) check
    their foreign key without waiting."""
    with connection.cursor() as cursor:
        cursor.execute(_NEXT_SEQ, [room_id])
        row = cursor.fetchone()
    if row is None:
        raise Room.DoesNotExist
    return row[0]


# --- Mentions ---------------------------------------------------------------------------------


def mentions_later(message: Message) -> None:
    """Tell the people a message mentions (@their-name), in the worker after commit."""
    if not MENTION.search(message.body):
        return
    from forum.tasks import notify_chat_mentions

    transaction.on_commit(lambda: notify_chat_mentions.enqueue(message.pk))


def _direct_later(message: Message) -> None:
    from forum.tasks import notify_direct_message

    transaction.on_commit(lambda: notify_direct_message.enqueue(message.pk))


def chat_mentions_notify(*, message_id: int) -> int:
    """Notify each person of the room a message mentions (a task's work); how many were
    told. Only people who may write in the room, never its author; a mention kept
    in an edit tells nobody twice (the notification's key)."""
    message = (
        Message.objects.filter(pk=message_id, deleted_at__isnull=True)
        .select_related("room__space", "author")
        .first()
    )
    if message is None:
        return 0
    handles = {found.lower() for found in MENTION.findall(message.body)}
    if not handles:
        return 0
    room = message.room
    people = [
        person
        for person in selectors.room_members(room=room).filter(is_active=True)
        if person.pk != message.author_id and handle(person) in handles
    ]
    url = reverse("forum:room", kwargs={"slug": room.slug})
    if message.reply_to_id is not None:
        url = reverse("forum:room_thread", kwargs={"slug": room.slug, "seq": message.reply_to.seq})
    author = message.author.get_full_name()

    def write(_person):
        return {
            "title": _("%(name)s mentioned you in %(room)s") % {"name": author, "room": room.name},
            "body": mention_excerpt(message),
            "url": f"{url}#m-{message.seq}",
        }

    return notifications_fan_out(
        people=people, kind=CHAT_MENTION, key=mention_key(message), write=write, email=True
    )


def mention_key(message: Message) -> str:
    return f"chat:{message.pk}:mention"


def mention_excerpt(message: Message) -> str:
    return Truncator(strip_tags(str(message.body_html)).strip()).chars(300)


CHAT_MENTION = "chat_mention"


@transaction.atomic
def room_mute(*, actor: User, room: Room, user: User, minutes: int, reason: str = "") -> RoomMute:
    access = room_access_for(user=actor, room=room)
    if not access.can_moderate:
        raise ChatError("forbidden", _("Only moderators mute people."))
    if user.pk == actor.pk:
        raise ChatError("invalid", _("You cannot mute yourself."))
    if not 1 <= minutes <= 60 * 24 * 30:
        raise ChatError("invalid", _("Mute for between one minute and thirty days."))
    mute, _created = RoomMute.objects.update_or_create(
        room=room,
        user=user,
        defaults={
            "until": timezone.now() + datetime.timedelta(minutes=minutes),
            "by": actor,
            "reason": reason[:300],
        },
    )
    return mute


@transaction.atomic
def room_unmute(*, actor: User, room: Room, user: User) -> None:
    access = room_access_for(user=actor, room=room)
    if not access.can_moderate:
        raise ChatError("forbidden", _("Only moderators mute people."))
    RoomMute.objects.filter(room=room, user=user).delete()


@transaction.atomic
def room_mark_read(*, user: User, room: Room, seq: int) -> int:
    seq = max(0, min(int(seq), room.last_seq))
    read, created = RoomRead.objects.get_or_create(
        room=room, user=user, defaults={"last_read_seq": seq}
    )
    if created or seq > read.last_read_seq:
        if not created:
            RoomRead.objects.filter(pk=read.pk, last_read_seq__lt=seq).update(last_read_seq=seq)
        nav_counts_forget(user.pk)
    return seq


# A presence frame names at most this many people (and says how many are here): each
# arrival is announced to everyone present, so a full list would cost the square of
# a large live session's size (2,000 joining: 25 GB of frames, bench/chat_fanout).
PRESENCE_LISTED = 100


def presence_payload(*, room_id: int) -> dict:
    """Who is in the room now, as the ``presence`` event: the first ``PRESENCE_LISTED``
    people by name and ``count``, how many are present."""
    users = selectors.present_users(room=room_id)
    return {
        "type": "presence",
        "users": [user_payload(u) for u in users[:PRESENCE_LISTED]],
        "count": len(users),
    }


@transaction.atomic
def presence_join(*, user: User, room: Room, channel_name: str) -> bool:
    """Count the connection as present, unless the person already has
    ``RIAL_CHAT_MAX_SOCKETS`` open on all server processes together (False).

    The person's row stays locked until commit: connections opened at the same
    time on two processes are counted one after the other. The consumer
    announces presence through the hub, which coalesces the announcements of a
    burst of connections into one.
    """
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
    if selectors.open_socket_count(user=user) >= settings.RIAL_CHAT_MAX_SOCKETS:
        return False
    RoomPresence.objects.update_or_create(
        channel_name=channel_name,
        defaults={"room": room, "user": user, "last_seen": timezone.now()},
    )
    return True


@transaction.atomic
def presence_leave(*, room: Room, channel_name: str) -> None:
    RoomPresence.objects.filter(channel_name=channel_name).delete()


def presence_refresh(*, channel_names: list[str]) -> None:
    """Keep this process's open connections counted as present."""
    if channel_names:
        RoomPresence.objects.filter(channel_name__in=channel_names).update(last_seen=timezone.now())
