"""Two Daphne processes, one Redis channel layer, one PostgreSQL database.

This is how the platform runs when one process is not enough: each process
holds some of the sockets, and the Redis layer carries room events between
them. The test starts two real Daphne servers against the test database,
connects real WebSocket clients (the ``websockets`` library) to each, and
checks that messages, typing and presence cross between processes, that a
client that reconnects to the other process with ``?after=`` gets what it
missed, and that a logout or a removal made through one process closes the
sockets the other process holds. It needs ``REDIS_URL`` and PostgreSQL (``.ci/run`` provides both);
with SQLite's in-memory database the servers could not share the data.
"""

import asyncio
import time

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import translation

from forum.models import Message, Room, Space, SpaceMembership
from tests.factories import ProfileFactory
from tests.forum.live import Browser, Peer, PersonPeer
from tests.forum.live import say as _say
from tests.forum.live import session_cookie as _cookie
from tests.processes import PrivateRedis, daphne_servers

pytestmark = [
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (run by .ci/run)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """Two Daphne processes on two ports, sharing the test database and a Redis.

    The Redis is a private one: the test process empties its own Redis
    database before and after every test (tests/conftest.py clears the cache),
    which to the servers would look like a Redis restart each time.
    """
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: two processes cannot share an in-memory database")
    directory = tmp_path_factory.mktemp("daphne")
    with (
        PrivateRedis(directory) as redis,
        daphne_servers(2, directory, REDIS_URL=redis.url) as ports,
    ):
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


def _error_then_close(peer) -> tuple[str, int]:
    errors = [f for f in peer.frames if f["type"] == "error"]
    return errors[-1]["code"] if errors else "", peer.socket.close_code


def test_a_logout_on_one_process_closes_the_socket_on_the_other(servers, room_with_two_members):
    room, alice, bruno = room_with_two_members
    port_a, port_b = servers
    alice_cookie, bruno_cookie = _cookie(alice), _cookie(bruno)
    with translation.override("es"):
        logout = reverse("account_logout")

    async def scenario():
        async with (
            Peer(port_b, room.slug, alice_cookie) as alice_on_b,
            Peer(port_b, room.slug, bruno_cookie) as bruno_on_b,
        ):
            browser = Browser(port_a, alice_cookie)
            assert await asyncio.to_thread(browser.submit, logout, logout, {}) == 302
            assert await alice_on_b.wait_closed() == 4401
            assert _error_then_close(alice_on_b) == ("signed_out", 4401)
            # Bruno's socket on the same process is still live.
            await bruno_on_b.send(_say("¿Alicia?"))
            await bruno_on_b.wait_for(lambda f: f["type"] == "message")

    asyncio.run(scenario())


def test_a_removal_on_one_process_closes_the_socket_on_the_other_within_a_second(
    servers, room_with_two_members
):
    room, alice, bruno = room_with_two_members
    port_a, port_b = servers
    coordinator = ProfileFactory(user__full_name="Coordinadora Ruiz").user
    SpaceMembership.objects.create(space=room.space, user=coordinator, role="coordinator")
    with translation.override("es"):
        members = reverse("forum:members", kwargs={"slug": room.space.slug})
        action = reverse("forum:member_action", kwargs={"slug": room.space.slug})

    bruno_cookie, alice_cookie = _cookie(bruno), _cookie(alice)
    coordinator_cookie = _cookie(coordinator)

    async def scenario():
        async with (
            Peer(port_b, room.slug, bruno_cookie) as bruno_on_b,
            Peer(port_b, room.slug, alice_cookie) as alice_on_b,
        ):
            browser = Browser(port_a, coordinator_cookie)
            status = await asyncio.to_thread(
                browser.submit, members, action, {"user": bruno.pk, "action": "remove"}
            )
            removed = time.monotonic()
            assert status == 302
            assert await bruno_on_b.wait_closed(timeout=5) == 4403
            assert time.monotonic() - removed < 1.0
            assert _error_then_close(bruno_on_b) == ("no_access", 4403)
            await alice_on_b.send(_say("Seguimos"))
            await alice_on_b.wait_for(lambda f: f["type"] == "message")

    asyncio.run(scenario())
    assert not SpaceMembership.objects.filter(space=room.space, user=bruno).exists()


def test_a_page_on_one_process_follows_notifications_read_and_a_logout_on_the_other(
    servers, room_with_two_members
):
    """The header's count on a page without a chat room (/ws/me/) held by process B,
    while the person reads her notifications, then signs out, through process A."""
    from lms.services.notifications import notification_create

    _room, alice, _bruno = room_with_two_members
    notification_create(user=alice, kind="chat_mention", title="Bruno la mencionó")
    port_a, port_b = servers
    cookie = _cookie(alice)
    with translation.override("es"):
        notifications = reverse("lms:notifications")
        logout = reverse("account_logout")

    async def scenario():
        async with PersonPeer(port_b, cookie) as page_on_b:
            assert page_on_b.frames[0]["unread"] == 1
            browser = Browser(port_a, cookie)
            assert await asyncio.to_thread(browser.submit, notifications, notifications, {}) == 302
            read = await page_on_b.wait_for(
                lambda f: f["type"] == "notifications" and f is not page_on_b.frames[0]
            )
            assert read["unread"] == 0
            assert await asyncio.to_thread(browser.submit, logout, logout, {}) == 302
            assert await page_on_b.wait_closed() == 4401
            assert _error_then_close(page_on_b) == ("signed_out", 4401)

    asyncio.run(scenario())
