import asyncio
import itertools
import json
import threading
import time
import urllib.error
import urllib.request
import uuid

import psycopg
import pytest
import redis
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from config import healthz
from forum.models import Room, Space, SpaceMembership
from tests.factories import ProfileFactory
from tests.processes import PrivatePostgres, PrivateRedis, daphne_servers, free_port


@pytest.mark.django_db
def test_healthz_checks_database_and_channel_layer(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "channel_layer": "ok"},
    }
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_channel_layer_fails(client, monkeypatch):
    def broken():
        raise ConnectionError("redis is down")

    monkeypatch.setattr(healthz, "_check_channel_layer", broken)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "channel_layer": "error"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    def broken():
        raise RuntimeError("database is down")

    monkeypatch.setattr(healthz, "_check_database", broken)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error"


@pytest.mark.django_db
def test_healthz_refuses_writes(client):
    assert client.post(reverse("healthz")).status_code == 405


@pytest.fixture
def blocked():
    """A check that hangs until the test ends (a server that stopped answering)."""
    release = threading.Event()
    calls = []

    def hangs():
        calls.append(1)
        release.wait(30)
        return "ok"

    hangs.calls = calls
    yield hangs
    release.set()


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["database", "channel_layer"])
def test_healthz_answers_503_in_time_while_a_check_hangs(
    client, monkeypatch, settings, blocked, name
):
    settings.HEALTH_CHECK_TIMEOUT = 0.2
    monkeypatch.setattr(healthz, f"_check_{name}", blocked)
    started = time.monotonic()
    response = client.get(reverse("healthz"))
    assert time.monotonic() - started < 1
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": "ok", "channel_layer": "ok", name: "error"},
    }


@pytest.mark.django_db
def test_a_hanging_check_is_not_started_again_while_it_runs(client, monkeypatch, settings, blocked):
    settings.HEALTH_CHECK_TIMEOUT = 0.05
    monkeypatch.setattr(healthz, "_check_channel_layer", blocked)
    for _ in range(5):
        assert client.get(reverse("healthz")).status_code == 503
    assert len(blocked.calls) == 1  # five requests, one thread waiting on the server


@pytest.mark.django_db
def test_healthz_runs_both_checks_at_once(client, monkeypatch):
    started = {"database": threading.Event(), "channel_layer": threading.Event()}

    def meets(name, other):
        def check():
            started[name].set()
            if not started[other].wait(0.4):
                raise RuntimeError(f"{other} did not start while {name} ran")
            return "ok"

        return check

    monkeypatch.setattr(healthz, "_check_database", meets("database", "channel_layer"))
    monkeypatch.setattr(healthz, "_check_channel_layer", meets("channel_layer", "database"))
    response = client.get(reverse("healthz"))
    assert response.json()["checks"] == {"database": "ok", "channel_layer": "ok"}


def test_channel_layer_check_pings_redis_and_gives_up_in_time(settings):
    # Nothing listens on that port: the PING fails at once, it does not wait for a layer.
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": f"redis://127.0.0.1:{free_port()}/0"}]},
        }
    }
    with pytest.raises(redis.ConnectionError):
        healthz._check_channel_layer()


@pytest.mark.django_db(transaction=True)
def test_a_full_pool_is_busy_and_a_pool_without_server_is_down(settings):
    if connection.vendor != "postgresql":
        pytest.skip("psycopg's pool is for PostgreSQL")
    from psycopg_pool import ConnectionPool, PoolTimeout

    params = connection.get_connection_params()
    with ConnectionPool(kwargs=params, min_size=1, max_size=1, open=True) as pool:
        pool.wait()
        assert healthz._check_pool(pool, params) == "ok"
        with pool.connection():  # the only connection serves a request
            assert healthz._check_pool(pool, params) == "busy"

    nobody = {**params, "port": free_port()}
    with ConnectionPool(kwargs=nobody, min_size=1, max_size=2, open=True) as pool:
        started = time.monotonic()
        # The pool cannot connect, nor can the check on its own connection.
        with pytest.raises((PoolTimeout, psycopg.OperationalError)):
            healthz._check_pool(pool, nobody)
        assert time.monotonic() - started < 1


# --- a real Daphne process, PostgreSQL and Redis (.ci/run) --------------------------------------
#
# A load balancer asks /healthz every few seconds and gives up after about a second.
# The answer must come within that second whatever the process is doing (holding chat
# sockets, relaying messages) and must say 503 when the database or Redis is down.

BOUND = 1.0  # seconds
deployment = pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (run by .ci/run)")


def _ask(port: int) -> tuple[int, dict, float]:
    """Status, JSON and seconds of one /healthz request (None after 10 s without an answer)."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    except TimeoutError:
        return None, {}, time.monotonic() - started
    return status, json.loads(body), time.monotonic() - started


def _asks_quickly(port: int, times: int, status: int, pause: float = 0) -> list[float]:
    """``times`` answers, each with ``status`` and within the bound; their seconds."""
    seconds = []
    for _ in range(times):
        got, body, took = _ask(port)
        assert (got, took < BOUND) == (status, True), f"{got} {body} in {took:.2f} s"
        seconds.append(round(took, 3))
        time.sleep(pause)
    return seconds


def _answers_again(port: int, status: int, within: float = 15) -> dict:
    deadline = time.monotonic() + within
    while True:
        got, body, took = _ask(port)
        assert took < BOUND, f"{got} {body} in {took:.2f} s"
        if got == status or time.monotonic() > deadline:
            assert got == status, body
            return body
        time.sleep(0.2)


@pytest.fixture
def private_redis(tmp_path):
    with PrivateRedis(tmp_path) as redis:
        yield redis


@pytest.fixture
def chat_member(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the server shares the test database")
    space = Space.objects.create(kind="workshop", name="Taller de Quito", slug="quito")
    room = Room.objects.create(space=space, name="Seguimiento", slug="quito-seguimiento")
    person = ProfileFactory(user__full_name="Lucía Andrade").user
    SpaceMembership.objects.create(space=space, user=person)
    client = Client()
    client.force_login(person)
    return room, f"sessionid={client.cookies['sessionid'].value}"


async def _chat_socket(port: int, room: Room, cookie: str):
    from websockets.asyncio.client import connect

    socket = await connect(
        f"ws://127.0.0.1:{port}/ws/chat/{room.slug}/",
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": cookie},
    )
    async with asyncio.timeout(10):
        while json.loads(await socket.recv())["type"] != "hello":
            pass
    return socket


@deployment
def test_healthz_answers_within_a_second_beside_open_and_busy_chat_sockets(
    tmp_path, private_redis, chat_member
):
    room, cookie = chat_member
    with daphne_servers(1, tmp_path, REDIS_URL=private_redis.url, CHAT_RATE_COUNT=100_000) as ports:
        port = ports[0]

        async def scenario():
            listener = await _chat_socket(port, room, cookie)
            sender = await _chat_socket(port, room, cookie)
            # Idle: the sockets are open, the hub waits for the next room event.
            idle = await asyncio.to_thread(_asks_quickly, port, 5, 200)
            # Busy: 20 messages a second go through Redis to the listener, for 3 s.
            received = 0

            async def talk():
                for n in itertools.count():
                    frame = {"type": "message", "client_id": str(uuid.uuid4()), "body": f"n{n}"}
                    await sender.send(json.dumps(frame))
                    await asyncio.sleep(0.05)

            async def listen():
                nonlocal received
                async for text in listener:
                    received += json.loads(text)["type"] == "message"

            tasks = [asyncio.create_task(talk()), asyncio.create_task(listen())]
            busy = await asyncio.to_thread(_asks_quickly, port, 10, 200, 0.3)
            for task in tasks:
                task.cancel()
            await listener.close()
            await sender.close()
            return idle, busy, received

        idle, busy, received = asyncio.run(scenario())
    print(f"healthz seconds: idle {idle}, with chat traffic {busy}; {received} messages relayed")
    assert received > 20


@deployment
def test_healthz_answers_503_while_redis_is_down_then_200_again(
    tmp_path, private_redis, chat_member
):
    room, cookie = chat_member
    with daphne_servers(1, tmp_path, REDIS_URL=private_redis.url) as ports:
        port = ports[0]

        async def scenario():
            socket = await _chat_socket(port, room, cookie)  # the hub reads from Redis
            private_redis.kill()
            down = await asyncio.to_thread(_asks_quickly, port, 3, 503)
            _status, body, _took = await asyncio.to_thread(_ask, port)
            private_redis.start()
            back = await asyncio.to_thread(_answers_again, port, 200)
            socket.transport.abort()
            return down, body, back

        down, body, back = asyncio.run(scenario())
    print(f"healthz seconds with Redis down: {down}")
    assert body == {"status": "error", "checks": {"database": "ok", "channel_layer": "error"}}
    assert back == {"status": "ok", "checks": {"database": "ok", "channel_layer": "ok"}}


@deployment
def test_healthz_answers_503_while_postgresql_is_down_then_200_again(tmp_path):
    with (
        PrivatePostgres() as postgres,
        daphne_servers(1, tmp_path, DATABASE_URL=postgres.url) as ports,
    ):
        port = ports[0]
        _asks_quickly(port, 2, 200)
        postgres.stop()
        down = _asks_quickly(port, 3, 503)
        _status, body, _took = _ask(port)
        postgres.start()
        back = _answers_again(port, 200)
    print(f"healthz seconds with PostgreSQL down: {down}")
    assert body == {"status": "error", "checks": {"database": "error", "channel_layer": "ok"}}
    assert back["checks"]["database"] == "ok"
