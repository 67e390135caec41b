"""Open chat sockets follow the session and the rules: announcements to every server process.

A service that changes who may read or write a room, or ends a session,
calls one of these; after the commit, the hub of every process (forum.hub)
checks its affected sockets again with one database call and closes them or
tells them their new rights. Nothing here waits for the sockets.
"""

from collections.abc import Iterable

from django.db import transaction

from forum.events import announce


def _pk(thing) -> int:
    return thing if isinstance(thing, int) else thing.pk


def chat_access_changed(*, users: Iterable | None = None, space=None, room=None) -> None:
    """These people's (everyone's when None) access to this space's rooms, this room,
    or any room (neither given) may have changed: check their open sockets again."""
    people = None if users is None else sorted({_pk(user) for user in users})
    if people == []:
        return
    message = {
        "type": "chat.access",
        "users": people,
        "spaces": None if space is None else [_pk(space)],
        "rooms": None if room is None else [_pk(room)],
    }
    transaction.on_commit(lambda: announce(message))


def chat_sessions_ended(*, user, session_keys: Iterable[str]) -> None:
    """These sessions of the person ended (logout): their sockets close now."""
    keys = sorted(key for key in session_keys if key)
    if keys:
        message = {"type": "chat.sessions", "users": [_pk(user)], "ended": keys}
        transaction.on_commit(lambda: announce(message))


def chat_sessions_check(*, user) -> None:
    """The person's password or account changed: sockets of sessions that no longer
    sign them in (Django's session hash, an inactive account) close."""
    message = {"type": "chat.sessions", "users": [_pk(user)]}
    transaction.on_commit(lambda: announce(message))


def chat_notifications_changed(*, users: Iterable) -> None:
    """These people's unread notifications changed (called after the commit): their
    open sockets are sent the new count, for the header's badge."""
    people = sorted({_pk(user) for user in users})
    if people:
        announce({"type": "chat.notifications", "users": people})
