"""Two Daphne processes, one Redis channel layer, one PostgreSQL database.

This is how the platform runs when one process is not enough: each process
holds some of the sockets, and the Redis layer carries room events between
them. The test starts two real Daphne servers against the test database,
connects real WebSocket clients (the ``websockets`` library) to each, and
checks that messages, typing and presence cross between processes, and that a
client that reconnects to the other process with ``?after=`` gets what it
missed. It needs ``REDIS_URL`` and PostgreSQL (``.ci/run`` provides both);
with SQLite's in-memory database the servers could not share the data.
"""

import asyncio
import json
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from forum.models import Message, Room, Space, SpaceMembership
from tests.factories import ProfileFactory
from tests.processes import daphne_servers

pytestmark = [
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (run by .ci/run)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """Two Daphne processes on two ports, sharing the test database and Redis."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: two processes cannot share an in-memory database")
    with daphne_servers(2, tmp_path_factory.mktemp("daphne")) as ports:
        yield ports


@pytest.fixture
def room_with_two_members():
    space = Space.objects.create(kind="workshop", name="Taller de Bogotá", slug="bogota")
    room = Room.objects.create(space=space, name="Seguimiento", slug="bogota-seguimiento")
    alice = ProfileFactory(user__full_name="Alicia Gómez").user
    bruno = ProfileFactory(user__full_name="Bruno Reis").user
    for person in (alice, bruno):
        SpaceMembership.objects.create(space=space, user=person)
    return room, alice, bruno


def _cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


class Peer:
    """A real WebSocket client that keeps every frame it receives, in order."""

    def __init__(self, port: int, slug: str, cookie: str, after: int | None = None):
        query = f"?after={after}" if after is not None else ""
        self.url = f"ws://127.0.0.1:{port}/ws/chat/{slug}/{query}"
        self.origin = f"http://127.0.0.1:{port}"
        self.cookie = cookie
        self.frames: list[dict] = []

    async def __aenter__(self):
        from websockets.asyncio.client import connect

        self.socket = await connect(
            self.url, origin=self.origin, additional_headers={"Cookie": self.cookie}
        )
        await self.wait_for(lambda f: f["type"] == "hello")
        return self

    async def __aexit__(self, *exc):
        await self.socket.close()

    async def send(self, payload: dict) -> None:
        await self.socket.send(json.dumps(payload))

    async def wait_for(self, predicate, timeout: float = 10) -> dict:
        for frame in self.frames:
            if predicate(frame):
                return frame
        try:
            async with asyncio.timeout(timeout):
                while True:
                    frame = json.loads(await self.socket.recv())
                    self.frames.append(frame)
                    if predicate(frame):
                        return frame
        except TimeoutError:
            raise AssertionError(f"{self.url} waited in vain; it got {self.frames}") from None

    def messages(self) -> list[dict]:
        return [f for f in self.frames if f["type"] == "message"]


def _say(body: str) -> dict:
    return {"type": "message", "client_id": str(uuid.uuid4()), "body": body}


def _present(names):
    return lambda f: f["type"] == "presence" and {u["name"] for u in f["users"]} >= set(names)


def test_messages_typing_and_presence_cross_processes(servers, room_with_two_members):
    room, alice, bruno = room_with_two_members
    port_a, port_b = servers
    alice_cookie, bruno_cookie = _cookie(alice), _cookie(bruno)

    async def scenario():
        async with (
            Peer(port_a, room.slug, alice_cookie) as on_a,
            Peer(port_b, room.slug, bruno_cookie) as on_b,
        ):
            # Presence: Alicia, served by A, sees Bruno arrive on B.
            await on_a.wait_for(_present(["Alicia Gómez", "Bruno Reis"]))
            await on_b.wait_for(_present(["Alicia Gómez", "Bruno Reis"]))

            await on_b.send({"type": "typing"})
            typing = await on_a.wait_for(lambda f: f["type"] == "typing")
            assert typing["user"]["name"] == "Bruno Reis"

            await on_a.send(_say("Hola desde **A**"))
            got = await on_b.wait_for(lambda f: f["type"] == "message")
            assert got["id"] == 1
            assert got["author"]["name"] == "Alicia Gómez"
            assert "<strong>A</strong>" in got["body_html"]

            await on_b.send(_say("Olá do B"))
            back = await on_a.wait_for(lambda f: f["type"] == "message" and f["id"] == 2)
            assert back["author"]["name"] == "Bruno Reis"
            # Both see the same numbering, in the same order.
            await on_b.wait_for(lambda f: f["type"] == "message" and f["id"] == 2)
            assert [m["id"] for m in on_a.messages()] == [1, 2]
            assert [m["id"] for m in on_b.messages()] == [1, 2]

    asyncio.run(scenario())


def test_reconnecting_to_the_other_process_catches_up(servers, room_with_two_members):
    room, alice, bruno = room_with_two_members
    port_a, port_b = servers
    alice_cookie, bruno_cookie = _cookie(alice), _cookie(bruno)

    async def scenario():
        async with Peer(port_a, room.slug, alice_cookie) as on_a:
            async with Peer(port_b, room.slug, bruno_cookie) as on_b:
                await on_a.send(_say("uno"))
                await on_b.wait_for(lambda f: f["type"] == "message" and f["id"] == 1)
            # Bruno's laptop sleeps; Alicia goes on talking on process A.
            for body in ("dos", "tres", "cuatro"):
                await on_a.send(_say(body))
            await on_a.wait_for(lambda f: f["type"] == "message" and f["id"] == 4)
            # Bruno wakes up and the balancer sends him to process A this time.
            async with Peer(port_a, room.slug, bruno_cookie, after=1) as again:
                hello = next(f for f in again.frames if f["type"] == "hello")
                assert hello["last_id"] == 4
                await again.wait_for(lambda f: f["type"] == "message" and f["id"] == 4)
                missed = again.messages()
                assert [m["id"] for m in missed] == [2, 3, 4]
                assert ["dos" in missed[0]["body_html"], "cuatro" in missed[2]["body_html"]] == [
                    True,
                    True,
                ]
                # And he is live again: the next message reaches him.
                await on_a.send(_say("cinco"))
                await again.wait_for(lambda f: f["type"] == "message" and f["id"] == 5)

    asyncio.run(scenario())
    assert list(
        Message.objects.filter(room=room).order_by("seq").values_list("seq", flat=True)
    ) == [1, 2, 3, 4, 5]
