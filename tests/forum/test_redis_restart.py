"""Chat survives a Redis crash: two Daphne processes, a private redis-server killed mid-stream.

Four people talk in one room, two on each process, while the channel layer's
Redis is killed (as a crash: SIGKILL, nothing kept) and started again three
seconds later, empty. Messages keep being sent the whole time. The hubs must
notice, join their groups again and tell their sockets to catch up, without a
Daphne restart: live delivery resumes on both processes within ten seconds,
a message sent while Redis was down is saved and acknowledged to its sender,
and in the end every client shows every message of the database exactly once.

Needs PostgreSQL (two processes share the test database) and REDIS_URL (the
PostgreSQL + Redis phase of .ci/run); the Redis it kills is its own
(tests.processes.PrivateRedis on a free port), never the machine's.
"""

import asyncio
import time

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.db import connection

from forum.models import Message, Room, Space, SpaceMembership
from tests.factories import ProfileFactory
from tests.forum.live import ChatClient, session_cookie
from tests.processes import PrivateRedis, daphne_servers

pytestmark = [
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (run by .ci/run)"),
    pytest.mark.django_db(transaction=True),
]

DOWN_SECONDS = 3
RESUME_WITHIN = 10
LIVE_LATENCY = 2  # a message counts as live when it reaches everyone within this
LIVE_WINDOW = 3  # and live delivery is back when that holds for this long


@pytest.fixture
def cluster(django_db_setup, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: two processes cannot share an in-memory database")
    with (
        PrivateRedis(tmp_path) as redis,
        # Two people send four messages a second between them for twenty seconds.
        daphne_servers(2, tmp_path, REDIS_URL=redis.url, CHAT_RATE_COUNT=1000) as ports,
    ):
        yield redis, ports


@pytest.fixture
def room_of_four():
    space = Space.objects.create(kind="workshop", name="Taller de Lima", slug="lima")
    room = Room.objects.create(space=space, name="Seguimiento", slug="lima-seguimiento")
    people = [
        ProfileFactory(user__full_name=name).user
        for name in ("Alicia Gómez", "Bruno Reis", "Carla Díaz", "Dora Lima")
    ]
    for person in people:
        SpaceMembership.objects.create(space=space, user=person)
    return room, [session_cookie(person) for person in people]


def test_live_delivery_resumes_after_redis_restarts(cluster, room_of_four):
    redis, (port_a, port_b) = cluster
    room, cookies = room_of_four
    sent: list[tuple[ChatClient, str, str, float]] = []  # sender, client_id, body, sent at

    async def scenario():
        alice, bruno, _carla, _dora = clients = [
            ChatClient(name, port, room.slug, cookie)
            for name, port, cookie in zip(
                ("alice", "bruno", "carla", "dora"),
                (port_a, port_b, port_a, port_b),
                cookies,
                strict=True,
            )
        ]
        for client in clients:
            await client.start()
        talking = asyncio.Event()
        talking.set()

        async def talk():
            number = 0
            while talking.is_set():
                for sender in (alice, bruno):
                    body = f"{sender.name} dice {number}"
                    client_id = await sender.send(body)
                    sent.append((sender, client_id, body, time.monotonic()))
                number += 1
                await asyncio.sleep(0.25)

        talker = asyncio.create_task(talk())
        await asyncio.sleep(2)
        killed = time.monotonic()
        await asyncio.to_thread(redis.kill)
        await asyncio.sleep(DOWN_SECONDS)
        await asyncio.to_thread(redis.start)
        back = time.monotonic()
        await asyncio.sleep(RESUME_WITHIN + 4)
        talking.clear()
        await talker

        def caught_up(expected):
            return all(client.log() == expected for client in clients)

        expected = await database_sync_to_async(_database_log)(room)
        try:
            async with asyncio.timeout(15):
                while not caught_up(expected):
                    await asyncio.sleep(0.2)
        except TimeoutError:
            state = {
                client.name: {
                    "shown": len(client.shown),
                    "last_id": client.last_id,
                    "connections": client.connections,
                    "gaps": client.gaps,
                    "close_codes": client.close_codes,
                }
                for client in clients
            }
            raise AssertionError(
                f"{len(expected)} messages; clients never caught up: {state}"
            ) from None
        for client in clients:
            await client.stop()
        return clients, killed, back, expected

    clients, killed, back, expected = asyncio.run(scenario())

    # Every message sent was saved once, and every client shows each one once.
    assert sorted(client_id for client_id, _body in _bodies(room)) == sorted(
        client_id for _sender, client_id, _body, _at in sent
    )
    bodies = dict(_bodies(room))
    for client in clients:
        assert client.log() == expected
        for message in client.shown.values():
            assert bodies[message["client_id"]] in message["body_html"]

    # Sent while Redis was down: saved and acknowledged to its sender at once.
    during = [(s, cid, at) for s, cid, _b, at in sent if killed + 0.5 <= at < back - 0.5]
    assert during, "nothing was sent while Redis was down"
    for sender, client_id, at in during:
        assert client_id in sender.echoed, f"{sender.name} got no echo of {client_id}"
        assert sender.echoed[client_id] - at < LIVE_LATENCY

    # Live again on both processes within RESUME_WITHIN seconds of Redis coming back:
    # from some moment on, for LIVE_WINDOW seconds, every message reaches every
    # client live (a message frame, not a hole filled by history or a catch-up)
    # within LIVE_LATENCY.
    seq_of = {client_id: seq for seq, client_id in expected}

    def live_from(moment):
        return all(
            seq_of[client_id] in client.live and client.live[seq_of[client_id]] - at <= LIVE_LATENCY
            for _sender, client_id, _body, at in sent
            if moment <= at <= moment + LIVE_WINDOW
            for client in clients
        )

    resumed = next((at for _s, _c, _b, at in sent if at >= back and live_from(at)), float("inf"))
    print(f"live for everyone from {resumed - back:.1f} s after Redis came back")
    assert resumed - back + LIVE_LATENCY <= RESUME_WITHIN
    # Every client was told to catch up.
    assert all(client.gaps for client in clients)


def _database_log(room):
    """(id, client_id) of every message of the room, in id order."""
    return [
        (seq, str(client_id))
        for seq, client_id in Message.objects.filter(room=room)
        .order_by("seq")
        .values_list("seq", "client_id")
    ]


def _bodies(room):
    return [
        (str(client_id), body)
        for client_id, body in Message.objects.filter(room=room).values_list("client_id", "body")
    ]
