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
"""

from concurrent.futures import ThreadPoolExecutor

from channels.db import database_sync_to_async
from django.conf import settings

_executor: ThreadPoolExecutor | None = None


def _chat_executor() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(
            max_workers=settings.RIAL_CHAT_DB_THREADS, thread_name_prefix="chat-db"
        )
    return _executor


def chat_db(func):
    """``func`` as a coroutine run on the chat's database threads."""
    return database_sync_to_async(func, thread_sensitive=False, executor=_chat_executor())
