"""Open chat sockets follow the session and the rules, and survive a failing channel layer.

Each rule through the real ASGI application and the in-memory channel layer:
a logout, a new password or a deactivated account closes that session's (or
that person's) sockets; removal from a space closes, a hold downgrades, a
closed question becomes read-only; ``history`` re-checks read access; the
origin must match scheme, host and port; a person has at most
RIAL_CHAT_MAX_SOCKETS sockets. The hub notices lost groups and a failing
layer and tells its sockets to catch up. (The same across two processes and a
real Redis: test_multiprocess.py and test_redis_restart.py.)
"""

import asyncio
import json
import time
import uuid

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse
from wagtail import hooks

from config.asgi import application
from forum import hub as hub_module
from forum import services
from forum.hub import get_hub
from forum.models import Message, SpaceMembership
from lms.choices import Role
from lms.models import Enrolment, User
from tests.factories import PASSWORD, UserFactory
from tests.forum.conftest import drain, open_socket, receive_until
from tests.forum.expert_fixtures import ask_question, network  # noqa: F401 (a fixture)
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db(transaction=True)

ROOM = "red-general"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def signed_in_with_second_factor(user) -> Client:
    """The secretariat's session must have passed its second factor (lms/mfa.py)."""
    client = Client()
    mfa_force_login(client, user)
    return client


async def connect(
    client: Client | None,
    slug=ROOM,
    *,
    origin=b"http://testserver",
    host=b"testserver",
    extra=(),
    query="",
):
    headers = [(b"host", host), *extra]
    if origin is not None:
        headers.append((b"origin", origin))
    if client is not None:
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    communicator = WebsocketCommunicator(application, f"/ws/chat/{slug}/{query}", headers=headers)
    connected, _code = await communicator.connect()
    return communicator, connected


async def hello(client: Client, slug=ROOM):
    socket, connected = await connect(client, slug)
    assert connected
    frame, _ = await receive_until(socket, "hello")
    return socket, frame


async def closed(socket, timeout=1.0):
    """Frames until the server closes the socket, and the close code."""
    frames = []
    while True:
        output = await socket.receive_output(timeout)
        if output["type"] == "websocket.close":
            return frames, output.get("code")
        frames.append(json.loads(output["text"]))


def say(body):
    return {"type": "message", "client_id": str(uuid.uuid4()), "body": body}


def _error(frames, code):
    errors = [f for f in frames if f["type"] == "error"]
    assert errors and errors[-1]["code"] == code, frames
    assert errors[-1]["message"]
    return errors[-1]


# --- sessions ---------------------------------------------------------------------------------


async def test_logout_closes_that_sessions_sockets_only(community):
    laptop = await database_sync_to_async(signed_in)(community["alice"])
    phone = await database_sync_to_async(signed_in)(community["alice"])
    on_laptop, _ = await hello(laptop)
    on_phone, _ = await hello(phone)
    bruno, _ = await hello(await database_sync_to_async(signed_in)(community["bruno"]))

    await database_sync_to_async(laptop.post)(reverse("account_logout"))

    frames, code = await closed(on_laptop)
    assert code == 4401
    _error(frames, "signed_out")
    # Her phone is another session: still open, still live.
    await drain(on_phone)
    await bruno.send_json_to(say("¿siguen ahí?"))
    message, _ = await receive_until(on_phone, "message")
    assert message["author"]["name"] == "Bruno Reis"
    # And the logged-out browser cannot come back.
    _again, connected = await connect(laptop)
    assert not connected
    for socket in (on_phone, bruno):
        await socket.disconnect()


async def test_a_closed_socket_can_no_longer_post(community):
    laptop = await database_sync_to_async(signed_in)(community["alice"])
    socket, _ = await hello(laptop)
    await database_sync_to_async(laptop.post)(reverse("account_logout"))
    await closed(socket)
    await socket.send_json_to(say("¿sigo aquí?"))
    assert await database_sync_to_async(Message.objects.count)() == 0


async def test_a_password_change_closes_the_other_sessions_sockets(community):
    alice = community["alice"]
    here = await database_sync_to_async(signed_in)(alice)
    elsewhere = await database_sync_to_async(signed_in)(alice)
    on_here, _ = await hello(here)
    on_elsewhere, _ = await hello(elsewhere)
    bruno, _ = await hello(await database_sync_to_async(signed_in)(community["bruno"]))

    response = await database_sync_to_async(here.post)(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "otra-clave-larga-99",
            "password2": "otra-clave-larga-99",
        },
    )
    assert response.status_code == 302

    frames, code = await closed(on_elsewhere)
    assert code == 4401
    _error(frames, "signed_out")
    _again, connected = await connect(elsewhere)
    assert not connected
    # This browser's session was renewed with the new password (a new key): its
    # old socket closes too, and the client's one more try connects.
    _frames, code = await closed(on_here)
    assert code == 4401
    renewed, connected = await connect(here)
    assert connected
    # Bruno saw nothing of it.
    assert not [f for f in await drain(bruno) if f["type"] == "error"]
    for socket in (renewed, bruno):
        await socket.disconnect()


async def test_a_password_set_elsewhere_closes_every_session(community):
    alice = community["alice"]
    socket, _ = await hello(await database_sync_to_async(signed_in)(alice))

    def reset_by_admin():
        alice.set_password("puesta-por-la-secretaria-1")
        alice.save()

    await database_sync_to_async(reset_by_admin)()
    frames, code = await closed(socket)
    assert code == 4401
    _error(frames, "signed_out")


@pytest.mark.parametrize("signal", ["password_changed", "password_set", "password_reset"])
async def test_allauths_password_signals_close_sessions_the_new_password_ended(community, signal):
    from allauth.account import signals

    alice = community["alice"]
    socket, _ = await hello(await database_sync_to_async(signed_in)(alice))

    def new_password_then_signal():
        # Written without a save signal: only allauth's signal tells the chat.
        User.objects.filter(pk=alice.pk).update(password=make_password("nueva-clave-larga-5"))
        getattr(signals, signal).send(sender=User, request=None, user=alice)

    await database_sync_to_async(new_password_then_signal)()
    frames, code = await closed(socket)
    assert code == 4401
    _error(frames, "signed_out")


async def test_deactivation_closes_every_socket_of_the_person(community):
    alice = community["alice"]
    first, _ = await hello(await database_sync_to_async(signed_in)(alice))
    second, _ = await hello(await database_sync_to_async(signed_in)(alice))
    bruno, _ = await hello(await database_sync_to_async(signed_in)(community["bruno"]))

    alice.is_active = False
    await database_sync_to_async(alice.save)()

    for socket in (first, second):
        frames, code = await closed(socket)
        assert code == 4401
        _error(frames, "signed_out")
    await bruno.send_json_to(say("sigo"))
    await receive_until(bruno, "message")
    await bruno.disconnect()


async def test_sessions_are_checked_with_one_query_per_set(
    community, django_assert_max_num_queries
):
    from forum.selectors import sessions_still_valid

    clients = [await database_sync_to_async(signed_in)(community["alice"]) for _ in range(5)]
    keys = {client.cookies["sessionid"].value: community["alice"].pk for client in clients}
    keys["no-such-session"] = community["alice"].pk

    def check():
        with django_assert_max_num_queries(2):
            return sessions_still_valid(sessions=keys)

    assert await database_sync_to_async(check)() == set(keys) - {"no-such-session"}


# --- access -----------------------------------------------------------------------------------


async def test_removal_from_a_space_closes_the_persons_sockets_within_a_second(
    community, secretariat
):
    bruno, _ = await hello(await database_sync_to_async(signed_in)(community["bruno"]))
    alice, _ = await hello(await database_sync_to_async(signed_in)(community["alice"]))
    await drain(alice)

    await database_sync_to_async(services.space_member_remove)(
        actor=secretariat, space=community["space"], user=community["bruno"]
    )

    frames, code = await closed(bruno, timeout=1)
    assert code == 4403
    _error(frames, "no_access")
    # Alicia stays, and no longer hears from Bruno's socket.
    await alice.send_json_to(say("hola"))
    await receive_until(alice, "message")
    await alice.disconnect()


async def test_leaving_a_community_closes_the_persons_sockets(community):
    bruno, _ = await hello(await database_sync_to_async(signed_in)(community["bruno"]))
    await database_sync_to_async(services.community_leave)(
        user=community["bruno"], space=community["space"]
    )
    _frames, code = await closed(bruno)
    assert code == 4403


async def test_a_hold_makes_the_socket_read_only_and_a_release_gives_writing_back(community):
    bruno, first = await hello(await database_sync_to_async(signed_in)(community["bruno"]))
    assert first["can_write"] is True

    await database_sync_to_async(services.member_hold)(
        actor=community["mod"], space=community["space"], user=community["bruno"], days=3
    )
    access, _ = await receive_until(bruno, "access")
    assert access["can_write"] is False and access["can_moderate"] is False
    assert access["message"] == "Você pode ler esta sala, mas não escrever nela."  # his language
    await bruno.send_json_to(say("¿puedo?"))
    error, _ = await receive_until(bruno, "error")
    assert error["code"] == "forbidden"

    await database_sync_to_async(services.member_release)(
        actor=community["mod"], space=community["space"], user=community["bruno"]
    )
    access, _ = await receive_until(bruno, "access")
    assert access["can_write"] is True
    await bruno.send_json_to(say("ya puedo"))
    message, _ = await receive_until(bruno, "message")
    assert message["author"]["name"] == "Bruno Reis"
    await bruno.disconnect()


async def test_a_closed_question_becomes_read_only(network):  # noqa: F811
    question = await database_sync_to_async(ask_question)(network, expert=network["patricia"])
    slug = await database_sync_to_async(lambda: question.room.slug)()
    asker, first = await hello(await database_sync_to_async(signed_in)(network["official"]), slug)
    expert, _ = await hello(await database_sync_to_async(signed_in)(network["patricia"]), slug)
    assert first["can_write"] is True

    await database_sync_to_async(services.question_close)(
        user=network["official"], question=question
    )
    for socket in (asker, expert):
        access, _ = await receive_until(socket, "access")
        assert access["can_write"] is False

    await database_sync_to_async(services.question_reopen)(
        user=network["official"], question=question
    )
    access, _ = await receive_until(asker, "access")
    assert access["can_write"] is True
    for socket in (asker, expert):
        await socket.disconnect()


async def test_a_space_closed_to_readers_in_the_admin_closes_their_sockets(community):
    space = community["space"]
    space.kind = "workshop"
    space.readable_by_all = True
    await database_sync_to_async(space.save)()
    reader, first = await hello(await database_sync_to_async(signed_in)(community["outsider"]))
    assert first["can_write"] is False
    member, _ = await hello(await database_sync_to_async(signed_in)(community["alice"]))

    space.readable_by_all = False
    await database_sync_to_async(space.save)()
    for hook in hooks.get_hooks("after_edit_snippet"):
        await database_sync_to_async(hook)(None, space)

    _frames, code = await closed(reader)
    assert code == 4403
    assert not [f for f in await drain(member) if f["type"] == "error"]
    await member.disconnect()


async def test_a_withdrawn_enrolment_closes_the_learners_socket(world):
    space = await database_sync_to_async(services.space_ensure_for_cohort)(cohort=world.cohort)
    slug = await database_sync_to_async(lambda: space.rooms.get().slug)()
    learner, _ = await hello(await database_sync_to_async(signed_in)(world.learner), slug)
    tutor, _ = await hello(await database_sync_to_async(signed_in)(world.tutor), slug)

    def withdraw():
        enrolment = Enrolment.objects.get(cohort=world.cohort, user=world.learner)
        enrolment.status = Enrolment.Status.WITHDRAWN
        enrolment.save()

    await database_sync_to_async(withdraw)()
    _frames, code = await closed(learner)
    assert code == 4403
    await tutor.send_json_to(say("¿quedan?"))
    await receive_until(tutor, "message")
    await tutor.disconnect()


async def test_a_revoked_role_closes_the_rooms_it_opened(community, secretariat):
    watcher, first = await hello(
        await database_sync_to_async(signed_in_with_second_factor)(secretariat)
    )
    assert first["can_moderate"] is True  # the secretariat moderates every space

    def revoke():
        from lms.services.people import role_revoke

        admin = UserFactory(is_superuser=True, is_staff=True)
        role_revoke(actor=admin, user=secretariat, role=Role.SECRETARIAT)

    await database_sync_to_async(revoke)()
    _frames, code = await closed(watcher)
    assert code == 4403


async def test_history_re_checks_read_access(community):
    bruno, _ = await hello(await database_sync_to_async(signed_in)(community["bruno"]))
    await bruno.send_json_to({"type": "history", "before": None, "limit": 10})
    await receive_until(bruno, "history")
    # Removed without any announcement (a change the hub never heard of).
    await database_sync_to_async(SpaceMembership.objects.filter(user=community["bruno"]).delete)()
    await bruno.send_json_to({"type": "history", "before": None, "limit": 10})
    frames, code = await closed(bruno)
    assert code == 4403
    _error(frames, "no_access")
    assert not [f for f in frames if f["type"] == "history"]
    # ?after= at a new connection: the handshake checks access and refuses.
    _again, connected = await open_socket(community["bruno"], ROOM, after=0)
    assert not connected


# --- origin -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "origin",
    [
        b"http://testserver:8080",  # another port of the same host
        b"https://testserver",  # another scheme
        b"ws://testserver",
        b"http://evil.example",
        b"null",
        None,
    ],
)
async def test_origins_other_than_the_sites_own_are_refused(community, origin):
    client = await database_sync_to_async(signed_in)(community["alice"])
    _socket, connected = await connect(client, origin=origin)
    assert not connected


async def test_the_sites_own_origin_passes_with_its_port(community):
    client = await database_sync_to_async(signed_in)(community["alice"])
    socket, connected = await connect(
        client, origin=b"http://testserver:8000", host=b"testserver:8000"
    )
    assert connected
    await socket.disconnect()
    _socket, connected = await connect(client, origin=b"http://testserver", host=b"testserver:8000")
    assert not connected


async def test_a_host_outside_allowed_hosts_is_refused(community):
    client = await database_sync_to_async(signed_in)(community["alice"])
    _socket, connected = await connect(client, origin=b"http://evil.example", host=b"evil.example")
    assert not connected


async def test_https_behind_a_proxy_follows_x_forwarded_proto(community, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = await database_sync_to_async(signed_in)(community["alice"])
    proxied = [(b"x-forwarded-proto", b"https")]
    socket, connected = await connect(client, origin=b"https://testserver", extra=proxied)
    assert connected
    await socket.disconnect()
    _socket, connected = await connect(client, origin=b"http://testserver", extra=proxied)
    assert not connected


async def test_csrf_trusted_origins_pass_with_their_scheme_and_port(community, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://campus.example.org", "https://*.rial.example"]
    client = await database_sync_to_async(signed_in)(community["alice"])
    for origin, allowed in [
        (b"https://campus.example.org", True),
        (b"https://campus.example.org:8443", False),
        (b"http://campus.example.org", False),
        (b"https://aula.rial.example", True),
        (b"http://aula.rial.example", False),
    ]:
        socket, connected = await connect(client, origin=origin)
        assert connected is allowed, origin
        if connected:
            await socket.disconnect()


# --- the cap ----------------------------------------------------------------------------------


async def test_a_person_has_at_most_the_configured_number_of_sockets(community, settings):
    settings.RIAL_CHAT_MAX_SOCKETS = 2
    client = await database_sync_to_async(signed_in)(community["alice"])
    first, _ = await hello(client)
    second, _ = await hello(client)
    third, connected = await connect(client)
    assert connected
    frames, code = await closed(third)
    assert code == 4429
    _error(frames, "too_many_sockets")
    assert not [f for f in frames if f["type"] == "hello"]
    # Someone else is not counted against her.
    bruno, _ = await hello(await database_sync_to_async(signed_in)(community["bruno"]))
    # One closed: one more may open.
    await second.disconnect()
    again, _ = await hello(client)
    for socket in (first, again, bruno):
        await socket.disconnect()


# --- a failing channel layer --------------------------------------------------------------------


@pytest.fixture
def quick_watchdog(monkeypatch):
    monkeypatch.setattr(hub_module, "PING_EVERY", 0.05)
    monkeypatch.setattr(hub_module, "PING_LATE", 0.2)
    monkeypatch.setattr(hub_module, "STRAGGLER_SECONDS", 0.1)


async def caught_up_then_live(alice, bruno, *, heard, next_id):
    """Both sockets are told to catch up, then live again without a restart: Alicia's
    next message reaches Bruno. ``heard``: the last message id Bruno's socket got."""
    gap, seen = await receive_until(bruno, "gap")
    # "after": the last message this socket was sent (here, live or not).
    assert gap["after"] == max([heard, *(f["id"] for f in seen if f["type"] == "message")])
    await receive_until(alice, "gap")
    await alice.send_json_to(say("de nuevo en vivo"))
    message = {}
    while message.get("id") != next_id:  # a message from before may come first
        message, _ = await receive_until(bruno, "message")
    assert "de nuevo en vivo" in message["body_html"]


async def test_lost_groups_are_joined_again_and_sockets_told_to_catch_up(community, quick_watchdog):
    alice, _ = await hello(await database_sync_to_async(signed_in)(community["alice"]))
    bruno, _ = await hello(await database_sync_to_async(signed_in)(community["bruno"]))
    await alice.send_json_to(say("uno"))
    await receive_until(bruno, "message")
    await drain(alice)

    # What a Redis restart does: every group membership is gone.
    layer = get_channel_layer()
    if hasattr(layer, "groups"):  # in memory
        layer.groups.clear()
    else:  # Redis: every key of the test's prefix, and the connections
        await layer.flush()
    await alice.send_json_to(say("dos"))

    await caught_up_then_live(alice, bruno, heard=1, next_id=3)
    await alice.disconnect()
    await bruno.disconnect()
    # A client that catches up (?after=1) gets the one it missed.
    late, _ = await open_socket(community["bruno"], ROOM, after=1)
    await receive_until(late, "hello")
    assert [f["id"] for f in await drain(late) if f["type"] == "message"] == [2, 3]
    await late.disconnect()


async def test_a_message_sent_while_the_layer_fails_is_saved_and_acknowledged(
    community, quick_watchdog, monkeypatch
):
    alice, _ = await hello(await database_sync_to_async(signed_in)(community["alice"]))
    bruno, _ = await hello(await database_sync_to_async(signed_in)(community["bruno"]))
    layer = get_channel_layer()
    working = layer.group_send

    async def down(group, message):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(layer, "group_send", down)
    await alice.send_json_to(say("sin Redis"))
    echo, _ = await receive_until(alice, "message")
    assert "sin Redis" in echo["body_html"]
    # Bruno's socket is on the same process: it hears it too.
    heard, _ = await receive_until(bruno, "message")
    assert heard["id"] == echo["id"] == 1
    assert await database_sync_to_async(Message.objects.count)() == 1

    # The hub notices (its ping cannot be sent), and once the layer answers again
    # every socket is told to catch up.
    async with asyncio.timeout(2):
        while not get_hub().lost:
            await asyncio.sleep(0.01)
    monkeypatch.setattr(layer, "group_send", working)
    await caught_up_then_live(alice, bruno, heard=1, next_id=2)
    await alice.disconnect()
    await bruno.disconnect()


async def test_an_announcement_made_while_a_socket_connects_still_reaches_it():
    """Access is read at the handshake, then the socket joins the hub: an
    announcement that arrives in between is applied when it joins."""
    from types import SimpleNamespace

    class Connecting:
        user = SimpleNamespace(pk=7)
        room = SimpleNamespace(pk=3, space_id=5)
        session_key = "la-sesion"
        ended = None

        async def end(self, reason):
            self.ended = reason

    hub = hub_module.RoomHub()
    socket, other = Connecting(), Connecting()
    other.session_key = "otra-sesion"
    checked_at = time.monotonic()
    await hub._dispatch({"type": "chat.sessions", "users": [7], "ended": ["la-sesion"]})
    for connecting in (socket, other):
        await hub.join(3, connecting, checked_at)
    await asyncio.gather(*hub.checks)
    assert (socket.ended, other.ended) == ("signed_out", None)
    # Announcements older than the handshake's check are not applied again.
    late = Connecting()
    await hub.join(3, late, time.monotonic())
    await asyncio.gather(*hub.checks)
    assert late.ended is None


@pytest.mark.django_db
def test_a_logout_deletes_the_session_before_its_sockets_are_told(monkeypatch):
    """A chat page told of the logout reconnects once at once: by then the session
    must be gone, or it gets in again with it (a race seen under load)."""
    from django.contrib.sessions.models import Session

    from forum import receivers

    seen = []

    def told(*, user, session_keys):
        seen.append([Session.objects.filter(session_key=key).exists() for key in session_keys])

    monkeypatch.setattr(receivers, "chat_sessions_ended", told)
    person = UserFactory()
    client = Client()
    client.force_login(person)
    key = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists()
    client.post(reverse("account_logout"))
    assert seen == [[False]]


# --- the header's badge -----------------------------------------------------------------------


async def test_the_header_count_follows_live_on_every_socket_of_the_person(community):
    from lms.services.notifications import notification_create, notifications_mark_read

    bruno = community["bruno"]  # reads the campus in Portuguese
    in_room, _ = await hello(await database_sync_to_async(signed_in)(bruno))
    alice, _ = await hello(await database_sync_to_async(signed_in)(community["alice"]))
    await drain(in_room)
    await drain(alice)

    await database_sync_to_async(notification_create)(
        user=bruno, kind="chat_mention", title="Alicia mencionou você"
    )
    frame, _ = await receive_until(in_room, "notifications")
    assert frame == {"type": "notifications", "unread": 1, "label": "1 notificação não lida"}
    # Read in another tab: the badge goes.
    await database_sync_to_async(notifications_mark_read)(user=bruno)
    frame, _ = await receive_until(in_room, "notifications")
    assert frame["unread"] == 0
    # Nobody else hears of it.
    assert not [f for f in await drain(alice) if f["type"] == "notifications"]
    for socket in (in_room, alice):
        await socket.disconnect()
