"""Django's ASGI handler, with the threads that run requests kept for the next ones.

Django runs the synchronous part of each request (middleware, view, template) in
a thread of the request's own (``ThreadSensitiveContext``): a new thread for every
request, which forgets on its way out everything kept per thread. That is the
queries compiled once per thread (``courses.prepared``) and, on SQLite, the
database connection: opening one reads the whole schema again, about 2.5 ms, and
every query of the request then starts from SQLite's empty page cache (about
5 ms of every page on the demo database, measured against an open connection).

Here each request still runs alone on a thread (so a slow request holds up no
other), but the thread comes from a small set kept between requests. Nothing a
request leaves in a thread reaches the next one: Django keeps a request's
language, time zone, URL configuration and user in context variables, which
each request starts afresh; what is kept per thread is code's (compiled
queries) and the database connection, whose life ``CONN_MAX_AGE`` decides as
for any server that reuses threads.

And requests take turns (``RequestTurns``): under load, sixteen threads running
pages at once cost each page a third more than running them one after the other
(the threads take the interpreter lock from each other at every query and every
few milliseconds, and each brings its own SQLite cache and compiled queries into
the processor's caches). So only ``REQUESTS_AT_ONCE`` requests are served at a
time, the others waiting in the event loop (not on a thread); a request that has
run ``REQUEST_TURN_MS`` stops counting, so a slow page, an export or a call to
another server holds the others up that long at most (Daphne reads a request's
whole body before it calls the application: a slow upload waits for no turn). A
request whose client leaves while it waits (a reload, a closed tab) is not served. The
whole request takes the turn, from reading its body to sending the answer:
measured, leaving those two outside lost a third of what turns gain (Django's
request signals then run on request threads beside the turn's request).
"""

import asyncio
import itertools
import threading
import weakref
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import AsyncToSync, ThreadSensitiveContext, sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler
from django.db import connections

# Threads kept waiting for a request. More run at once under load, one per request
# in flight, as Django does; those beyond this number end when their request does.
# Fewer than the requests usually in flight would open (and close) a SQLite
# connection for each request beyond them: with 8 kept, 16 people at once cost
# each page 1.5-2x what it costs with 16 or 32 kept (measured in process). Each
# kept thread holds at most one SQLite connection (PostgreSQL's come from the pool).
THREADS_KEPT = 32

_names = itertools.count(1)


class _RequestThread(ThreadPoolExecutor):
    """One thread, one call at a time (what ``ThreadSensitiveContext`` needs), that
    knows whether it is still busy. Django waits for the view of a request whose
    client left before its handler returns; but a request the server cancels (its
    ``application_close_timeout``) leaves its code running: that thread retires."""

    def __init__(self):
        super().__init__(max_workers=1, thread_name_prefix=f"django-request-{next(_names)}")
        self.pending = 0
        self._count = threading.Lock()  # submitted by the event loop, done in the thread

    def submit(self, fn, /, *args, **kwargs):
        with self._count:
            self.pending += 1
        future = super().submit(fn, *args, **kwargs)
        future.add_done_callback(self._done)
        return future

    def _done(self, _future):
        with self._count:
            self.pending -= 1

    def retire(self) -> None:
        """Close this thread's database connections in it, then let the thread end."""
        super().submit(connections.close_all)
        self.shutdown(wait=False)


class RequestTurns:
    """At most ``at_once`` calls running that started less than ``turn`` seconds ago,
    for one event loop; the next waits its turn, first come first served."""

    def __init__(self, at_once: int, turn: float):
        self.at_once, self.turn = at_once, turn
        self.running = 0  # calls still within their turn
        self._waiting: deque[asyncio.Future] = deque()

    GONE = object()  # what ``run`` returns when ``gone`` came before the turn

    @property
    def free(self) -> bool:
        """Whether a call would start at once."""
        return self.running < self.at_once and not self._waiting

    async def run(self, call, *args, gone: asyncio.Future | None = None):
        """``await call(*args)`` in its turn; or, if ``gone`` is done first, ``GONE``
        without calling."""
        loop = asyncio.get_running_loop()
        if self.free:
            self.running += 1
        else:
            turn = loop.create_future()
            self._waiting.append(turn)
            try:
                if gone is None:
                    await turn
                else:
                    await asyncio.wait((turn, gone), return_when=asyncio.FIRST_COMPLETED)
                    if not turn.done():
                        self._waiting.remove(turn)
                        return self.GONE
            except BaseException:  # cancelled (or the coroutine closed) while waiting
                if turn.done() and not turn.cancelled():
                    self._pass_on()  # given the turn as it was called off
                elif turn in self._waiting:  # (a turn passed on skips it and drops it)
                    self._waiting.remove(turn)
                raise
        over = False

        def end_turn():
            nonlocal over
            if not over:
                over = True
                self._pass_on()

        timer = loop.call_later(self.turn, end_turn)
        try:
            return await call(*args)
        finally:
            timer.cancel()
            end_turn()

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def _pass_on(self) -> None:
        """The turn that ended goes to the first waiting, or is free."""
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self.running -= 1


async def _listen(receive, heard: list) -> None:
    """What the client sends (its body), until it leaves."""
    while True:
        message = await receive()
        heard.append(message)
        if message["type"] == "http.disconnect":
            return


class ThreadKeepingASGIHandler(ASGIHandler):
    """``ASGIHandler`` whose requests run on kept threads (see the module's text)."""

    def __init__(self):
        super().__init__()
        self._idle: list[_RequestThread] = []
        self._turns: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def load_middleware(self, is_async=False):
        """The middleware and the view as one synchronous chain, entered once per request
        on its thread.

        For ASGI Django builds the chain around an asynchronous inner handler: every
        request went from the event loop to its thread for the outer middleware, back
        to the event loop at the first middleware that is only synchronous (the MFA
        rule), and to the thread again for the view: two more trips between threads
        than the work needs, on every page. Every middleware and view of the project
        is synchronous (an asynchronous view would still run, through Django's own
        ``async_to_sync``)."""
        super().load_middleware(is_async=False)
        self._middleware_chain = sync_to_async(self._middleware_chain, thread_sensitive=True)

    def turns(self) -> RequestTurns:
        """The turns of the running event loop's requests."""
        loop = asyncio.get_running_loop()
        turns = self._turns.get(loop)
        if turns is None:
            turns = self._turns[loop] = RequestTurns(
                settings.REQUESTS_AT_ONCE, settings.REQUEST_TURN_MS / 1000
            )
        return turns

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or getattr(AsyncToSync.executors, "current", None):
            # Called from synchronous code (async_to_sync: tests): Django's own way,
            # which runs the views on the caller's thread, in its transaction.
            return await super().__call__(scope, receive, send)
        turns = self.turns()
        if turns.free:
            await turns.run(self._handle_on_kept_thread, scope, receive, send)
            return
        # It waits its turn, listening to its client: one who leaves meanwhile (a
        # reload, a closed tab) is not served. What was heard is given to Django.
        heard: list[dict] = []
        listening = asyncio.ensure_future(_listen(receive, heard))
        try:
            await turns.run(
                self._handle_heard, listening, heard, scope, receive, send, gone=listening
            )
        finally:
            listening.cancel()

    async def _handle_heard(self, listening, heard, scope, receive, send):
        listening.cancel()  # (a message it was about to take stays in the queue)
        await asyncio.gather(listening, return_exceptions=True)

        async def heard_first():
            return heard.pop(0) if heard else await receive()

        await self._handle_on_kept_thread(scope, heard_first, send)

    async def _handle_on_kept_thread(self, scope, receive, send):
        thread = self._idle.pop() if self._idle else _RequestThread()
        finished = False
        try:
            async with ThreadSensitiveContext(executor=thread):
                await self.handle(scope, receive, send)
            finished = True
        finally:
            self._give_back(thread, finished)

    @property
    def idle(self) -> list[_RequestThread]:
        """The threads waiting for a request."""
        return self._idle

    def _give_back(self, thread: _RequestThread, finished: bool) -> None:
        # A thread still running an abandoned request's code, or one too many, ends
        # when that code does; the next request gets another.
        if finished and not thread.pending and len(self._idle) < THREADS_KEPT:
            self._idle.append(thread)
        else:
            thread.retire()
