"""Daphne's requests run on kept threads (config/handlers.py), one request at a time on
each: a thread serves the next request once its own is done, a slow request holds up
no other, one abandoned by its client keeps its thread out of use, and no more
threads than ``THREADS_KEPT`` wait between requests."""

import asyncio

import pytest
from channels.testing import HttpCommunicator

from config import handlers
from tests.config import request_threads_urls

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("tests.config.request_threads_urls"),
]


async def served_by(handler, path="/thread/") -> int:
    communicator = HttpCommunicator(handler, "GET", path, headers=[(b"host", b"testserver")])
    response = await communicator.get_response(timeout=10)
    await communicator.wait(timeout=10)  # the handler's work after the answer, done
    assert response["status"] == 200
    return int(response["body"])


@pytest.fixture
def handler():
    request_threads_urls.released.clear()
    handler = handlers.ThreadKeepingASGIHandler()
    yield handler
    request_threads_urls.released.set()
    for thread in handler.idle:  # and their connections
        thread.retire()


async def test_one_request_after_another_runs_on_one_kept_thread(handler):
    threads = {await served_by(handler) for _ in range(5)}
    assert len(threads) == 1
    assert len(handler.idle) == 1


async def test_a_request_goes_to_its_thread_once(handler, monkeypatch):
    """Middleware and view run in one stretch on the request's thread: no trip back to
    the event loop in between (Django's ASGI chain made two more, at the first
    middleware that is only synchronous and again for the view)."""
    from asgiref.sync import AsyncToSync, SyncToAsync

    trips = {"to the thread": 0, "back to the loop": 0}
    to_thread, to_loop = SyncToAsync.__call__, AsyncToSync.__call__

    async def counted_to_thread(self, *args, **kwargs):
        trips["to the thread"] += 1
        return await to_thread(self, *args, **kwargs)

    def counted_to_loop(self, *args, **kwargs):
        trips["back to the loop"] += 1
        return to_loop(self, *args, **kwargs)

    await served_by(handler)  # the first request of a handler loads what it needs
    monkeypatch.setattr(SyncToAsync, "__call__", counted_to_thread)
    monkeypatch.setattr(AsyncToSync, "__call__", counted_to_loop)
    await served_by(handler)
    monkeypatch.undo()
    # The chain, and Django's request signals and closing of the response.
    assert trips["back to the loop"] == 0
    assert trips["to the thread"] <= 4, trips


async def test_a_slow_request_holds_up_no_other(handler):
    slow = asyncio.ensure_future(served_by(handler, "/wait/"))
    await asyncio.sleep(0.2)
    quick = await asyncio.wait_for(served_by(handler), 5)  # served while the slow one waits
    assert not slow.done()
    request_threads_urls.released.set()
    assert await slow != quick


async def test_no_more_threads_than_kept_wait_between_requests(handler, monkeypatch):
    monkeypatch.setattr(handlers, "THREADS_KEPT", 2)
    held = [asyncio.ensure_future(served_by(handler, "/wait/")) for _ in range(4)]
    await asyncio.sleep(0.3)
    request_threads_urls.released.set()
    assert len(set(await asyncio.gather(*held))) == 4  # four at once: four threads
    assert len(handler.idle) == 2


async def test_a_request_its_client_left_holds_up_no_other(handler):
    """Django lets the view of a request whose client went away run to its end (the
    handler waits for it): meanwhile the next request is served on another thread."""
    first = await served_by(handler)
    left = HttpCommunicator(handler, "GET", "/wait/", headers=[(b"host", b"testserver")])
    await left.send_input({"type": "http.request", "body": b""})
    await asyncio.sleep(0.3)
    await left.send_input({"type": "http.disconnect"})
    quick = await asyncio.wait_for(served_by(handler), 5)  # not queued behind the view
    assert quick != first  # the kept thread is the one still running the view
    request_threads_urls.released.set()
    await left.wait(timeout=5)
    assert len(handler.idle) == 2
