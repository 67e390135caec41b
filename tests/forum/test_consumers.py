"""The chat's WebSocket contract, rule by rule, through the real ASGI application."""

import asyncio
import json
import uuid

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from forum.models import Message, RoomMute
from tests.forum.conftest import drain, open_socket, receive_until

pytestmark = pytest.mark.django_db(transaction=True)


def frame(body, client_id=None):
    return {"type": "message", "client_id": str(client_id or uuid.uuid4()), "body": body}


async def test_anonymous_people_are_refused_at_the_handshake(community):
    _socket, connected = await open_socket(None, "red-general")
    assert not connected


async def test_non_members_are_refused(community):
    _socket, connected = await open_socket(community["outsider"], "red-general")
    assert not connected


async def test_unknown_rooms_are_refused(community):
    _socket, connected = await open_socket(community["alice"], "nope")
    assert not connected


async def test_other_origins_are_refused(community):
    _socket, connected = await open_socket(
        community["alice"], "red-general", origin=b"https://evil.example"
    )
    assert not connected


async def test_members_get_hello(community):
    socket, connected = await open_socket(community["alice"], "red-general")
    assert connected
    hello, _ = await receive_until(socket, "hello")
    assert hello["room"] == "red-general"
    assert hello["user"]["name"] == "Alicia Gómez"
    assert hello["last_id"] is None
    await socket.disconnect()


async def test_messages_are_saved_then_sent_to_everyone_in_order(community):
    alice, _ = await open_socket(community["alice"], "red-general")
    bruno, _ = await open_socket(community["bruno"], "red-general")
    await receive_until(alice, "hello")
    await receive_until(bruno, "hello")
    client_ids = [uuid.uuid4() for _ in range(3)]
    for number, client_id in enumerate(client_ids):
        await alice.send_json_to(frame(f"Hola **{number}** <script>x()</script>", client_id))
    received = [await receive_until(bruno, "message") for _ in range(3)]
    messages = [message for message, _seen in received]
    assert [m["id"] for m in messages] == [1, 2, 3]
    first = messages[0]
    assert first["room"] == "red-general"
    assert first["author"] == {
        "id": community["alice"].pk,
        "name": "Alicia Gómez",
        "roles": ["participant"],
        "voice": "",  # no actor type verified for her
    }
    assert "<strong>0</strong>" in first["body_html"] and "<script" not in first["body_html"]
    assert first["client_id"] == str(client_ids[0])
    assert "+" in first["created"] or first["created"].endswith("Z")
    stored = await database_sync_to_async(list)(
        Message.objects.order_by("seq").values_list("seq", "body")
    )
    assert [seq for seq, _ in stored] == [1, 2, 3]
    await alice.disconnect()
    await bruno.disconnect()


async def test_a_repeated_client_id_creates_nothing_and_returns_the_original(community):
    alice, _ = await open_socket(community["alice"], "red-general")
    bruno, _ = await open_socket(community["bruno"], "red-general")
    await receive_until(alice, "hello")
    await receive_until(bruno, "hello")
    client_id = uuid.uuid4()
    await alice.send_json_to(frame("una vez", client_id))
    original, _ = await receive_until(alice, "message")
    await alice.send_json_to(frame("una vez", client_id))
    again, _ = await receive_until(alice, "message")
    assert again["id"] == original["id"] and again["client_id"] == str(client_id)
    assert await database_sync_to_async(Message.objects.count)() == 1
    received = [f for f in await drain(bruno) if f["type"] == "message"]
    assert len(received) == 1  # Bruno got it once
    await alice.disconnect()
    await bruno.disconnect()


async def test_too_long_messages_are_refused_and_the_socket_stays_open(community):
    alice, _ = await open_socket(community["alice"], "red-general")
    await receive_until(alice, "hello")
    await alice.send_json_to(frame("x" * 4001))
    error, _ = await receive_until(alice, "error")
    assert error["code"] == "too_long"
    await alice.send_json_to(frame("x" * 4000))
    message, _ = await receive_until(alice, "message")
    assert message["id"] == 1
    await alice.disconnect()


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        "[1, 2]",
        '"text"',
        "{}",
        '{"type": 5}',
        '{"type": "shout"}',
        '{"type": "message"}',
        '{"type": "message", "client_id": "x", "body": "hola"}',
        '{"type": "message", "client_id": "5b7c0c56-0ad3-4f8e-9a4e-6d7c9b8a1e2f", "body": 7}',
        '{"type": "history", "before": "a", "limit": 10}',
        '{"type": "history", "before": 3, "limit": 0}',
        '{"type": "history", "before": 3, "limit": 101}',
        '{"type": "history", "before": true, "limit": 5}',
        '{"type": "delete", "id": "1"}',
    ],
)
async def test_malformed_frames_get_invalid_and_change_nothing(community, raw):
    alice, _ = await open_socket(community["alice"], "red-general")
    await receive_until(alice, "hello")
    await alice.send_to(text_data=raw)
    error, _ = await receive_until(alice, "error")
    assert error["code"] == "invalid", raw
    assert error["message"]
    assert await database_sync_to_async(Message.objects.count)() == 0
    await alice.send_json_to(frame("sigo aquí"))
    await receive_until(alice, "message")  # the connection is still usable
    await alice.disconnect()


async def test_binary_and_oversize_frames_are_invalid(community):
    alice, _ = await open_socket(community["alice"], "red-general")
    await receive_until(alice, "hello")
    await alice.send_to(bytes_data=b"\x00\x01")
    assert (await receive_until(alice, "error"))[0]["code"] == "invalid"
    await alice.send_to(text_data=json.dumps(frame("y" * 20_000)))
    assert (await receive_until(alice, "error"))[0]["code"] == "invalid"
    assert await database_sync_to_async(Message.objects.count)() == 0
    await alice.disconnect()


async def test_rate_limit_per_person_per_room(community, settings):
    settings.RIAL_CHAT_RATE_LIMIT = (5, 60)  # a busy machine takes seconds for five
    alice, _ = await open_socket(community["alice"], "red-general")
    await receive_until(alice, "hello")
    for number in range(5):
        await alice.send_json_to(frame(f"m{number}"))
        await receive_until(alice, "message")
    refused = frame("una más")
    await alice.send_json_to(refused)
    error, _ = await receive_until(alice, "error")
    # Which message was refused: a client sending its outbox at once keeps that one.
    assert error["code"] == "rate_limited" and error["client_id"] == refused["client_id"]
    assert await database_sync_to_async(Message.objects.count)() == 5
    await alice.disconnect()


async def test_muted_people_connect_but_do_not_send(community):
    await database_sync_to_async(RoomMute.objects.create)(
        room=community["room"],
        user=community["alice"],
        until=timezone.now() + timezone.timedelta(minutes=30),
        by=community["mod"],
    )
    alice, connected = await open_socket(community["alice"], "red-general")
    assert connected
    await receive_until(alice, "hello")
    await alice.send_json_to(frame("¿me oyen?"))
    error, _ = await receive_until(alice, "error")
    assert error["code"] == "muted"
    await alice.disconnect()


async def test_public_rooms_are_read_only_for_non_members(community):
    room = community["room"]
    room.is_public = True
    await database_sync_to_async(room.save)()
    reader, connected = await open_socket(community["outsider"], "red-general")
    assert connected
    hello, _ = await receive_until(reader, "hello")
    assert hello["can_write"] is False
    await reader.send_json_to(frame("hola"))
    error, _ = await receive_until(reader, "error")
    assert error["code"] == "forbidden"
    await reader.disconnect()


async def test_errors_are_in_the_persons_language(community):
    bruno, _ = await open_socket(community["bruno"], "red-general")
    await receive_until(bruno, "hello")
    await bruno.send_json_to(frame("z" * 4001))
    error, _ = await receive_until(bruno, "error")
    assert "caracteres" in error["message"]  # Portuguese
    await bruno.disconnect()


async def test_history_pages_backwards_oldest_first(community):
    alice, _ = await open_socket(community["alice"], "red-general")
    await receive_until(alice, "hello")
    for number in range(5):
        await alice.send_json_to(frame(f"m{number}"))
        await receive_until(alice, "message")
    await alice.send_json_to({"type": "history", "before": 5, "limit": 2})
    history, _ = await receive_until(alice, "history")
    assert [m["id"] for m in history["messages"]] == [3, 4]
    assert history["has_more"] is True
    await alice.send_json_to({"type": "history", "before": 3, "limit": 100})
    history, _ = await receive_until(alice, "history")
    assert [m["id"] for m in history["messages"]] == [1, 2]
    assert history["has_more"] is False
    await alice.disconnect()


async def test_reconnecting_with_after_brings_everything_missed(community):
    alice, _ = await open_socket(community["alice"], "red-general")
    await receive_until(alice, "hello")
    for number in range(4):
        await alice.send_json_to(frame(f"m{number}"))
        await receive_until(alice, "message")
    bruno, _ = await open_socket(community["bruno"], "red-general", after=1)
    hello, _ = await receive_until(bruno, "hello")
    assert hello["last_id"] == 4
    caught_up = [f["id"] for f in await drain(bruno) if f["type"] == "message"]
    assert caught_up == [2, 3, 4]
    await alice.disconnect()
    await bruno.disconnect()


async def test_catch_up_stops_at_500_with_a_gap(community):
    from forum.models import Message as Model

    room, alice = community["room"], community["alice"]

    def fill():
        Model.objects.bulk_create(
            [
                Model(room=room, seq=seq, author=alice, body=f"{seq}", body_html=f"<p>{seq}</p>")
                for seq in range(1, 603)
            ]
        )
        type(room).objects.filter(pk=room.pk).update(last_seq=602)

    await database_sync_to_async(fill)()
    bruno, _ = await open_socket(community["bruno"], "red-general", after=0)
    await receive_until(bruno, "hello")
    frames = await drain(bruno, timeout=1)
    ids = [f["id"] for f in frames if f["type"] == "message"]
    assert ids == list(range(1, 501))
    gap = [f for f in frames if f["type"] == "gap"]
    assert gap == [{"type": "gap", "after": 500}]
    await bruno.disconnect()


async def test_typing_reaches_the_others_not_oneself(community):
    alice, _ = await open_socket(community["alice"], "red-general")
    bruno, _ = await open_socket(community["bruno"], "red-general")
    await receive_until(alice, "hello")
    await receive_until(bruno, "hello")
    await drain(alice)
    await alice.send_json_to({"type": "typing"})
    typing, _ = await receive_until(bruno, "typing")
    assert typing["user"]["name"] == "Alicia Gómez"
    assert not [f for f in await drain(alice) if f["type"] == "typing"]
    await alice.disconnect()
    await bruno.disconnect()


async def test_presence_lists_who_is_here(community):
    alice, _ = await open_socket(community["alice"], "red-general")
    await receive_until(alice, "hello")
    bruno, _ = await open_socket(community["bruno"], "red-general")
    await receive_until(bruno, "hello")
    frames = await drain(alice, timeout=0.5)
    presence = [f for f in frames if f["type"] == "presence"][-1]
    assert {user["name"] for user in presence["users"]} == {"Alicia Gómez", "Bruno Reis"}
    await bruno.disconnect()
    frames = await drain(alice, timeout=0.5)
    presence = [f for f in frames if f["type"] == "presence"][-1]
    assert {user["name"] for user in presence["users"]} == {"Alicia Gómez"}
    assert presence["count"] == 1
    await alice.disconnect()


async def test_a_large_sessions_presence_names_its_first_people_and_counts_all(
    community, monkeypatch
):
    from forum.services import chat as chat_services

    monkeypatch.setattr(chat_services, "PRESENCE_LISTED", 2)
    sockets = []
    for who in ("alice", "bruno", "mod"):
        socket, _ = await open_socket(community[who], "red-general")
        await receive_until(socket, "hello")
        sockets.append(socket)
    frames = await drain(sockets[0], timeout=0.5)
    presence = [f for f in frames if f["type"] == "presence"][-1]
    assert presence["count"] == 3 and len(presence["users"]) == 2
    for socket in sockets:
        await socket.disconnect()


async def test_authors_and_moderators_delete_and_others_cannot(community):
    alice, _ = await open_socket(community["alice"], "red-general")
    bruno, _ = await open_socket(community["bruno"], "red-general")
    mod, _ = await open_socket(community["mod"], "red-general")
    for socket in (alice, bruno, mod):
        await receive_until(socket, "hello")
    await alice.send_json_to(frame("algo inapropiado"))
    message, _ = await receive_until(alice, "message")
    await bruno.send_json_to({"type": "delete", "id": message["id"]})
    error, _ = await receive_until(bruno, "error")
    assert error["code"] == "forbidden"
    await mod.send_json_to({"type": "delete", "id": message["id"]})
    for socket in (mod, bruno, alice):
        deleted, _ = await receive_until(socket, "deleted")
    assert deleted == {
        "type": "deleted",
        "id": message["id"],
        "by": "moderator",
        "reply_to": None,
        "change": 1,
    }
    await alice.send_json_to({"type": "history", "before": 10, "limit": 10})
    history, _ = await receive_until(alice, "history")
    assert history["messages"][0]["deleted"] is True
    assert history["messages"][0]["body_html"] == ""
    # Her own message, the author deletes herself.
    await alice.send_json_to(frame("me equivoqué de sala"))
    own, _ = await receive_until(alice, "message")
    await alice.send_json_to({"type": "delete", "id": own["id"]})
    deleted, _ = await receive_until(bruno, "deleted")
    assert deleted == {
        "type": "deleted",
        "id": own["id"],
        "by": "author",
        "reply_to": None,
        "change": 2,
    }
    for socket in (alice, bruno, mod):
        await socket.disconnect()


async def test_cohort_rooms_follow_enrolments_and_tutors(world):
    from forum.services import space_ensure_for_cohort

    space = await database_sync_to_async(space_ensure_for_cohort)(cohort=world.cohort)
    room = await database_sync_to_async(lambda: space.rooms.get())()
    learner, connected = await open_socket(world.learner, room.slug)
    assert connected
    hello, _ = await receive_until(learner, "hello")
    assert hello["can_moderate"] is False
    tutor, connected = await open_socket(world.tutor, room.slug)
    assert connected
    hello, _ = await receive_until(tutor, "hello")
    assert hello["can_moderate"] is True
    await learner.disconnect()
    await tutor.disconnect()


async def _alice_and_five_arriving(community):
    """Five new members of the community, and Alice in its room with the frames drained."""
    from forum.models import SpaceMembership
    from tests.factories import ProfileFactory

    def more_members():
        people = [ProfileFactory(user__full_name=f"Persona {n}").user for n in range(5)]
        for person in people:
            SpaceMembership.objects.create(space=community["space"], user=person)
        return people

    people = await database_sync_to_async(more_members)()
    alice, _ = await open_socket(community["alice"], "red-general")
    await receive_until(alice, "hello")
    await drain(alice, timeout=0.5)
    return people, alice


async def test_a_burst_of_arrivals_is_announced_in_one_presence(community):
    people, alice = await _alice_and_five_arriving(community)
    sockets = [(await open_socket(person, "red-general"))[0] for person in people]
    frames = await drain(alice, timeout=0.8)
    presences = [f for f in frames if f["type"] == "presence"]
    # Five arrivals, not five announcements of up to six names to everyone.
    assert 1 <= len(presences) <= 2
    assert len(presences[-1]["users"]) == 6
    for socket in [alice, *sockets]:
        await socket.disconnect()


def test_presence_waits_longer_the_more_people_listen():
    from forum.hub import presence_debounce

    assert presence_debounce(0) == presence_debounce(100) == 0.25
    assert presence_debounce(1000) == 2.5
    assert presence_debounce(2000) == presence_debounce(50_000) == 5.0


async def test_arrivals_spread_over_a_second_in_a_big_room_are_announced_once(
    community, monkeypatch
):
    from forum import hub

    # As if the room were big: from two people listening here on, the longest wait (5 s).
    monkeypatch.setattr(hub, "PRESENCE_DEBOUNCE_PER_LISTENER", 2.5)

    people, alice = await _alice_and_five_arriving(community)
    sockets = []
    for person in people:  # one every 0.3 s or more: each alone in a small room's wait
        sockets.append((await open_socket(person, "red-general"))[0])
        await asyncio.sleep(0.3)
    frames = await drain(alice, timeout=5.5)
    presences = [f for f in frames if f["type"] == "presence"]
    assert len(presences) == 1, presences
    assert presences[0]["count"] == 6
    for socket in [alice, *sockets]:
        await socket.disconnect()
