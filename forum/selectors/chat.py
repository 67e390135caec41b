"""Reads about chat rooms, filtered by what the acting person may see (``forum.access``)."""

import datetime
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from courses.prepared import PreparedModels
from forum.access import (
    RoomAccess,
    can_read_room_space,
    readable_spaces_filter,
    room_role,
    space_people,
)
from forum.models import Message, Room, RoomMute, RoomPresence, RoomRead, Space, SpaceMembership
from lms.models import User
from lms.selectors.people import remember_roles

PRESENCE_SECONDS = 180


def readable_rooms(*, user: User):
    """Every room the person may open, with its unread count (one query)."""
    if not user.is_authenticated:
        return Room.objects.none()
    # Office-hours rooms are reached from their session's page, while it is open.
    rooms = Room.objects.select_related("space").filter(office_hour__isnull=True)
    if not user.is_secretariat:
        rooms = rooms.filter(readable_spaces_filter(user, prefix="space__") | Q(is_public=True))
    else:
        # Questions to experts are private between the asker and the experts.
        mine = SpaceMembership.objects.filter(space_id=OuterRef("space_id"), user=user)
        rooms = rooms.filter(~Q(space__kind__in=Space.kinds(private=True)) | Q(Exists(mine)))
    read = RoomRead.objects.filter(room_id=OuterRef("pk"), user=user).values("last_read_seq")[:1]
    return rooms.annotate(unread=F("last_seq") - Coalesce(Subquery(read), Value(0))).order_by(
        "space__name", "name"
    )


def space_rooms(*, user: User, space: Space):
    """The rooms of a space the person may open, with their unread counts (its forum links them)."""
    return readable_rooms(user=user).filter(space=space)


def room_forum(*, user: User, room: Room, found: bool = False) -> Space | None:
    """The forum of the room's space, if it has one and the person may read it (the room
    links it); a public room's readers who are not in its space get None. ``found``:
    the room comes from ``find_room`` in this request (``forum.access``)."""
    space = room.space
    if not space.has_forum or not can_read_room_space(user=user, room=room, found=found):
        return None
    return space


def unread_total(*, user: User) -> int:
    return sum(max(room.unread, 0) for room in readable_rooms(user=user))


def is_muted(*, user: User, room: Room, now=None) -> RoomMute | None:
    return RoomMute.objects.filter(room=room, user=user, until__gt=now or timezone.now()).first()


def _messages(room: Room):
    """A room's messages as frames and pages show them: author and roles, the id of
    the thread they answer (``reply_to_seq``)."""
    return (
        Message.objects.filter(room=room)
        .select_related("author", "author__profile")
        .annotate(reply_to_seq=F("reply_to__seq"))
        .prefetch_related("author__role_grants")
    )


def messages_after(*, room: Room, after: int, limit: int):
    return list(_messages(room).filter(seq__gt=after).order_by("seq")[:limit])


_latest_prepared: dict[int, PreparedModels] = {}


def _latest(limit: int) -> PreparedModels:
    """A room's ``limit`` latest messages and one more (to know whether more exist), as a
    query compiled once per process: the room's page asks it on every visit."""
    prepared = _latest_prepared.get(limit)
    if prepared is None:
        prepared = _latest_prepared[limit] = PreparedModels(
            lambda room: _messages(room).prefetch_related(None).order_by("-seq")[: limit + 1],
            room=int,
        )
    return prepared


def messages_before(*, room: Room, before: int | None, limit: int) -> tuple[list[Message], bool]:
    """Up to ``limit`` messages older than ``before``, oldest first, and whether more exist."""
    if before is None:
        page = _latest(limit).all(room=room.pk if isinstance(room, Room) else room)
    else:
        messages = _messages(room).prefetch_related(None).filter(seq__lt=before)
        page = list(messages.order_by("-seq")[: limit + 1])
    remember_roles(message.author for message in page)
    has_more = len(page) > limit
    return list(reversed(page[:limit])), has_more


MENTION_SUGGESTIONS = 8


def mention_suggestions(*, room: Room, user: User, typed: str) -> list[User]:
    """The room's people (but the person) whose handle, or a word of it, starts with
    what was typed after "@": at most MENTION_SUGGESTIONS, by name."""
    from forum.selectors.forums import handle

    typed = typed.strip().lower()[:60]
    # Handles drop accents ("patricia" for Patrícia): matched here, not by the database.
    people = room_members(room=room).filter(is_active=True).exclude(pk=user.pk).only("full_name")
    found = []
    for person in people[:2000]:
        words = handle(person)
        if not typed or any(w.startswith(typed) for w in [words, *words.split("-")]):
            found.append(person)
            if len(found) == MENTION_SUGGESTIONS:
                break
    return found


def room_pins(*, room: Room) -> list[dict]:
    """The room's pinned messages now, newest first."""
    return Room.objects.filter(pk=room.pk).values_list("pins", flat=True).get()


def sent_before(*, room: Room, user: User, client_id) -> Message | None:
    """The message this person already sent with this ``client_id`` (sent again)."""
    return _messages(room).filter(author=user, client_id=client_id).first()


def message_by_seq(*, room: Room, seq: int) -> Message | None:
    return _messages(room).filter(seq=seq).first()


THREAD_LIMIT = 500


def thread_messages(*, room: Room, seq: int) -> list[Message] | None:
    """A thread: the message that started it, then its replies, oldest first (None:
    no such message, or it is itself a reply)."""
    root = _messages(room).filter(seq=seq, reply_to__isnull=True).first()
    if root is None:
        return None
    replies = list(_messages(room).filter(reply_to=root).order_by("seq")[:THREAD_LIMIT])
    return [root, *replies]


def changed_messages(*, room: Room, changes: int, up_to: int, limit: int) -> list[Message]:
    """Messages up to ``up_to`` edited, deleted or reacted to after change ``changes``,
    in the order of their last change."""
    return list(
        _messages(room).filter(changed__gt=changes, seq__lte=up_to).order_by("changed")[:limit]
    )


def message_versions(*, room: Room, seq: int) -> tuple[Message, list] | None:
    """A message and what it said before each edit, oldest first (for moderators)."""
    message = _messages(room).filter(seq=seq).first()
    if message is None:
        return None
    return message, list(message.edits.select_related("edited_by"))


def room_last_seq(*, room: Room, changes: bool = False):
    """The id of the room's last message now (0: none yet); with ``changes``, and the
    number of its last change to a message (edit, deletion, reaction)."""
    if changes:
        return Room.objects.filter(pk=room.pk).values_list("last_seq", "last_change").get()
    return Room.objects.filter(pk=room.pk).values_list("last_seq", flat=True).get()


def room_history(
    *, user: User, room: Room, before: int | None, limit: int
) -> tuple[list[Message], bool] | None:
    """``messages_before`` for someone who may still read the room (None: they may not)."""
    if not RoomAccess(room=room, role=room_role(user=user, room=room)).can_read:
        return None
    return messages_before(room=room, before=before, limit=limit)


def room_thread(*, user: User, room: Room, seq: int) -> list[Message] | bool | None:
    """``thread_messages`` for someone who may still read the room (False: they may not)."""
    if not RoomAccess(room=room, role=room_role(user=user, room=room)).can_read:
        return False
    return thread_messages(room=room, seq=seq)


def open_socket_count(*, user: User) -> int:
    """How many chat connections the person has open, on every server process."""
    since = timezone.now() - datetime.timedelta(seconds=PRESENCE_SECONDS)
    return RoomPresence.objects.filter(user=user, last_seen__gte=since).count()


def socket_roles(*, pairs: set[tuple[int, int]]) -> dict[tuple[int, int], str | None]:
    """Each (person id, room id)'s role now, for open sockets checked again (None: no access).

    The same rule as ``room_role``, on fresh rows: a person deactivated or a
    room deleted since the socket opened has no access.
    """
    users = (
        User.objects.filter(pk__in={user_id for user_id, _room in pairs}, is_active=True)
        .prefetch_related("role_grants")
        .in_bulk()
    )
    rooms = (
        Room.objects.filter(pk__in={room_id for _user, room_id in pairs})
        .select_related("space")
        .in_bulk()
    )
    return {
        (user_id, room_id): room_role(user=users[user_id], room=rooms[room_id])
        if user_id in users and room_id in rooms
        else None
        for user_id, room_id in pairs
    }


def sessions_still_valid(*, sessions: dict[str, int]) -> set[str]:
    """Which of these sessions (key: the id of the person it signed in) still sign them in.

    What ``django.contrib.auth.get_user`` checks, for many sessions at once:
    the session exists and has not expired (logout and a renewed key end it),
    it signed in the same person through a configured backend, the person is
    active, and their password has not changed since (the session hash, also
    under ``SECRET_KEY_FALLBACKS``).
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if hasattr(store, "get_model_class"):  # sessions in the database: one query
        rows = store.get_model_class().objects.filter(
            session_key__in=list(sessions), expire_date__gt=timezone.now()
        )
        data = {row.session_key: store().decode(row.session_data) for row in rows}
    else:
        data = {key: store(session_key=key).load() for key in sessions}
    people = User.objects.filter(pk__in=set(sessions.values()), is_active=True).in_bulk()
    valid = set()
    for key, user_id in sessions.items():
        session, person = data.get(key) or {}, people.get(user_id)
        if (
            person is not None
            and str(session.get(SESSION_KEY)) == str(user_id)
            and session.get(BACKEND_SESSION_KEY) in settings.AUTHENTICATION_BACKENDS
            and _hash_verified(session.get(HASH_SESSION_KEY), person)
        ):
            valid.add(key)
    return valid


def _hash_verified(session_hash: str | None, user: User) -> bool:
    if not session_hash:
        return False
    hashes = [user.get_session_auth_hash(), *user.get_session_auth_fallback_hash()]
    return any(constant_time_compare(session_hash, candidate) for candidate in hashes)


def present_users(*, room: Room | int, roles: bool = True) -> list[User]:
    """People with an open connection to the room, by name, with their roles unless
    ``roles`` is False (two queries, or one, whatever their number)."""
    since = timezone.now() - datetime.timedelta(seconds=PRESENCE_SECONDS)
    people = _PRESENT.all(room=room.pk if isinstance(room, Room) else room, since=since)
    if roles:
        remember_roles(people)
    return people


# Who is in a room now, compiled once per process (every room page asks).
_PRESENT = PreparedModels(
    lambda room, since: (
        User.objects.filter(
            pk__in=RoomPresence.objects.filter(room_id=room, last_seen__gte=since)
            .values_list("user_id", flat=True)
            .distinct()
        )
        .select_related("profile")
        .order_by("full_name", "email")
    ),
    room=int,
    since=datetime.datetime,
)


def room_members(*, room: Room):
    """People who may write in the room, for the moderators' mute form."""
    if room.space.rules.rooms == "session":
        # A session's room: its subscribers.
        return User.objects.filter(office_hour_subscriptions__session__room=room).order_by(
            "full_name", "email"
        )
    return space_people(space=room.space)


# The rooms whose last messages the installable app keeps readable offline.
OFFLINE_ROOMS = 5


def offline_rooms(*, user: User, limit: int = OFFLINE_ROOMS) -> list[Room]:
    """The person's rooms (those of their spaces, and any other they opened), where
    something was said last first; office hours', questions' and direct conversations'
    rooms live on other pages and are left out. One query."""
    latest = Message.objects.filter(room_id=OuterRef("pk")).order_by("-seq")
    latest = latest.values("created_at")[:1]
    member = SpaceMembership.objects.filter(space_id=OuterRef("space_id"), user=user)
    opened = RoomRead.objects.filter(room_id=OuterRef("pk"), user=user)
    return list(
        readable_rooms(user=user)
        .filter(Exists(member) | Exists(opened))
        .filter(expert_question__isnull=True)
        .exclude(space__kind=Space.Kind.DIRECT)
        .annotate(last_message_at=Subquery(latest))
        .order_by(F("last_message_at").desc(nulls_last=True), "pk")[:limit]
    )
