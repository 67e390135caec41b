"""Daphne's requests run on kept threads (config/handlers.py), one request at a time on
each: a thread serves the next request once its own is done, a slow request holds up
no other, one abandoned by its client keeps its thread out of use, and no more
threads than ``THREADS_KEPT`` wait between requests. Requests take turns
(``RequestTurns``): ``REQUESTS_AT_ONCE`` at a time, a long one for its turn only."""

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
def handler(settings):
    settings.REQUESTS_AT_ONCE, settings.REQUEST_TURN_MS = 1, 50
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


async def test_requests_take_turns(handler):
    """Eight requests at once, each working 30 ms (less than a turn): one works at a time,
    each on a kept thread, and every one is answered."""
    request_threads_urls.running["most"] = 0
    served = await asyncio.gather(*(served_by(handler, "/busy/") for _ in range(8)))
    assert request_threads_urls.running["most"] == 1
    assert len(served) == 8
    assert handler.turns().running == 0 and handler.turns().waiting == 0


async def test_two_at_once_when_the_setting_says_so(handler, settings):
    settings.REQUESTS_AT_ONCE = 2
    request_threads_urls.running["most"] = 0
    await asyncio.gather(*(served_by(handler, "/busy/") for _ in range(8)))
    assert request_threads_urls.running["most"] == 2


async def test_a_client_gone_while_waiting_its_turn_is_not_served(handler, settings):
    """A reload or a closed tab while the request waits: its view never runs, and the
    turns go on to the next."""
    settings.REQUEST_TURN_MS = 60_000  # the held request keeps its turn
    held = asyncio.ensure_future(served_by(handler, "/wait/"))
    await asyncio.sleep(0.05)
    left = HttpCommunicator(handler, "GET", "/thread/", headers=[(b"host", b"testserver")])
    await left.send_input({"type": "http.request", "body": b""})
    await asyncio.sleep(0.05)
    assert handler.turns().waiting == 1
    await left.send_input({"type": "http.disconnect"})
    # Done at once, while the held request still has its turn.
    await asyncio.wait_for(asyncio.shield(left.future), 5)
    assert not held.done()
    before = request_threads_urls.served["thread"]
    request_threads_urls.released.set()
    await held
    await served_by(handler)
    await asyncio.sleep(0.1)  # (the one that left, had it been let through)
    assert request_threads_urls.served["thread"] == before + 1  # only the last one
    assert handler.turns().running == 0 and handler.turns().waiting == 0


async def test_a_request_that_waited_its_turn_gets_its_whole_body(handler, settings):
    settings.REQUEST_TURN_MS = 60_000  # the held request keeps its turn
    held = asyncio.ensure_future(served_by(handler, "/wait/"))
    await asyncio.sleep(0.05)
    waiting = HttpCommunicator(
        handler, "POST", "/echo/", headers=[(b"host", b"testserver")], body=b""
    )
    await waiting.send_input({"type": "http.request", "body": b"first ", "more_body": True})
    await waiting.send_input({"type": "http.request", "body": b"second"})
    await asyncio.sleep(0.05)
    assert handler.turns().waiting == 1
    request_threads_urls.released.set()
    await held
    start = await waiting.receive_output(timeout=10)
    body = await waiting.receive_output(timeout=10)
    assert start["status"] == 200 and body["body"] == b"first second"
    await waiting.wait(timeout=5)


# --- RequestTurns on its own ---------------------------------------------------------------


async def _work(log, name, started, release):
    log.append(f"{name} starts")
    started.set()
    await release.wait()
    log.append(f"{name} ends")
    return name


async def test_a_turn_goes_to_the_first_waiting_when_the_call_ends():
    turns = handlers.RequestTurns(1, 60)
    log, events = [], {name: (asyncio.Event(), asyncio.Event()) for name in "abc"}
    tasks = {
        name: asyncio.ensure_future(turns.run(_work, log, name, *events[name])) for name in "abc"
    }
    await events["a"][0].wait()
    await asyncio.sleep(0.05)
    assert log == ["a starts"] and turns.waiting == 2
    events["a"][1].set()
    await events["b"][0].wait()
    events["b"][1].set()
    events["c"][1].set()
    assert [await tasks[name] for name in "abc"] == ["a", "b", "c"]
    assert log == ["a starts", "a ends", "b starts", "b ends", "c starts", "c ends"]
    assert turns.running == 0 and turns.waiting == 0


async def test_a_long_call_lets_the_next_start_once_its_turn_is_over():
    turns = handlers.RequestTurns(1, 0.05)
    log = []
    a_started, a_release = asyncio.Event(), asyncio.Event()
    b_started, b_release = asyncio.Event(), asyncio.Event()
    a = asyncio.ensure_future(turns.run(_work, log, "a", a_started, a_release))
    b = asyncio.ensure_future(turns.run(_work, log, "b", b_started, b_release))
    await asyncio.wait_for(b_started.wait(), 5)  # while a still runs
    assert log == ["a starts", "b starts"]
    b_release.set()
    a_release.set()
    await asyncio.gather(a, b)
    assert turns.running == 0


async def test_a_call_given_up_while_waiting_or_as_its_turn_comes_loses_no_turn():
    turns = handlers.RequestTurns(1, 60)
    log = []
    events = {name: (asyncio.Event(), asyncio.Event()) for name in "abcd"}
    a = asyncio.ensure_future(turns.run(_work, log, "a", *events["a"]))
    await events["a"][0].wait()
    b = asyncio.ensure_future(turns.run(_work, log, "b", *events["b"]))
    c = asyncio.ensure_future(turns.run(_work, log, "c", *events["c"]))
    d = asyncio.ensure_future(turns.run(_work, log, "d", *events["d"]))
    await asyncio.sleep(0)
    b.cancel()  # while waiting
    events["a"][1].set()
    await asyncio.sleep(0)  # a ends and hands its turn to c ...
    c.cancel()  # ... which is called off before it runs: the turn goes on to d
    await asyncio.wait_for(events["d"][0].wait(), 5)
    events["d"][1].set()
    assert await d == "d" and await a == "a"
    for task in (b, c):
        with pytest.raises(asyncio.CancelledError):
            await task
    assert log == ["a starts", "a ends", "d starts", "d ends"]
    assert turns.running == 0 and turns.waiting == 0
