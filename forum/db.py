"""Database calls from the chat's event loop (consumers and the hub).

``database_sync_to_async`` runs every call of a process on one thread by
default (thread-sensitive mode), one after the other. Under page load each of
those calls also waits for a pooled connection behind the page requests, so
one slow call held every socket's message, presence and history behind it:
chat delivery fell tens of seconds behind while pages were busy
(bench/production.py, pages back to back). Chat calls carry no state from one
call to the next (each is its own transaction and gives its connection back
when it ends), so they run on a small pool of threads of their own instead:
a few at a time, never more than ``RIAL_CHAT_DB_THREADS``, leaving the rest of
the database pool to pages.

On SQLite (no pool) those few threads keep their connection from one call to the
next, for at most ``KEEP_SQLITE_SECONDS``: opening one (its pragmas, reading the
schema, compiling every statement again) and closing it (a WAL checkpoint) cost
about 5 ms of a chat message's 7 ms (measured in process). The threads are few and
fixed, so are their connections, as for the kept request threads
(config/handlers.py). A connection that failed, or left a transaction open, is
closed after the call as before (Django's own checks).
"""

import time
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import SyncToAsync
from django.conf import settings
from django.db import close_old_connections, connections

KEEP_SQLITE_SECONDS = 300.0

_executor: ThreadPoolExecutor | None = None


def _chat_executor() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(
            max_workers=settings.RIAL_CHAT_DB_THREADS, thread_name_prefix="chat-db"
        )
    return _executor


def _close_old_connections() -> None:
    """Django's ``close_old_connections``, but a chat thread's SQLite connection lives
    ``KEEP_SQLITE_SECONDS`` from when it opened instead of ``CONN_MAX_AGE``."""
    for connection in connections.all(initialized_only=True):
        raw = connection.connection
        new = raw is not None and getattr(connection, "chat_kept", None) is not raw
        if new and connection.vendor == "sqlite":
            connection.chat_kept = raw
            connection.close_at = time.monotonic() + KEEP_SQLITE_SECONDS
    close_old_connections()


class ChatSyncToAsync(SyncToAsync):
    """``channels.db.DatabaseSyncToAsync`` with ``_close_old_connections``."""

    def thread_handler(self, loop, *args, **kwargs):
        _close_old_connections()
        try:
            return super().thread_handler(loop, *args, **kwargs)
        finally:
            _close_old_connections()


def chat_db(func):
    """``func`` as a coroutine run on the chat's database threads."""
    return ChatSyncToAsync(func, thread_sensitive=False, executor=_chat_executor())
