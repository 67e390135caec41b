"""Threads, edits, deletions by their author and reactions over the chat socket, and a
client that reconnects getting the changes made while it was away."""

import uuid

import pytest
from channels.db import database_sync_to_async

from forum.models import REACTIONS, Message, MessageEdit, Room
from forum.selectors import message_versions
from tests.forum.conftest import drain, open_socket, receive_until

pytestmark = pytest.mark.django_db(transaction=True)


def frame(body, **extra):
    return {"type": "message", "client_id": str(uuid.uuid4()), "body": body, **extra}


async def connected(community, *names):
    sockets = []
    for name in names:
        socket, ok = await open_socket(community[name], "red-general")
        assert ok
        await receive_until(socket, "hello")
        sockets.append(socket)
    return sockets


async def everyone_gets(sockets, kind):
    """The frame of this type every socket gets (the last socket's copy)."""
    for socket in sockets:
        got, _seen = await receive_until(socket, kind)
    return got


async def close(*sockets):
    for socket in sockets:
        await socket.disconnect()


async def test_replies_go_to_a_thread_whose_count_everyone_sees(community):
    alice, bruno = await connected(community, "alice", "bruno")
    await alice.send_json_to(frame("¿Quién comparte la guía?"))
    root = await everyone_gets((alice, bruno), "message")
    assert root["reply_to"] is None and root["replies"] == 0 and root["reactions"] == {}
    await bruno.send_json_to(frame("Yo la comparto", reply_to=root["id"]))
    reply = await everyone_gets((bruno, alice), "message")
    assert reply["reply_to"] == root["id"]
    # A reply to a reply stays in the first message's thread (one level, as Slack).
    await alice.send_json_to(frame("¡Gracias!", reply_to=reply["id"]))
    second = await everyone_gets((alice, bruno), "message")
    assert second["reply_to"] == root["id"]
    await bruno.send_json_to({"type": "thread", "id": root["id"]})
    thread, _ = await receive_until(bruno, "thread")
    assert [m["id"] for m in thread["messages"]] == [root["id"], reply["id"], second["id"]]
    assert thread["messages"][0]["replies"] == 2
    await bruno.send_json_to({"type": "thread", "id": reply["id"]})
    error, _ = await receive_until(bruno, "error")
    assert error["code"] == "invalid"
    await bruno.send_json_to(frame("¿A quién?", reply_to=999))
    error, _ = await receive_until(bruno, "error")
    assert error["code"] == "invalid"
    await bruno.send_json_to(frame("¿A quién?", reply_to="1"))
    error, _ = await receive_until(bruno, "error")
    assert error["code"] == "invalid"
    await close(alice, bruno)


async def test_authors_edit_their_own_messages_and_everyone_sees_it_live(community):
    alice, bruno, mod = await connected(community, "alice", "bruno", "mod")
    await alice.send_json_to(frame("La reunión es el martes"))
    message = await everyone_gets((alice, bruno, mod), "message")
    await alice.send_json_to(
        {
            "type": "edit",
            "id": message["id"],
            "body": "La reunión es el **jueves** <script>x()</script>",
        }
    )
    edited = await everyone_gets((alice, mod, bruno), "edited")
    assert edited["id"] == message["id"] and edited["change"] == 1
    assert "<strong>jueves</strong>" in edited["body_html"] and "<script" not in edited["body_html"]
    assert edited["edited"]
    # Someone else's message: forbidden for a member, allowed for a moderator.
    await bruno.send_json_to({"type": "edit", "id": message["id"], "body": "Otra cosa"})
    error, _ = await receive_until(bruno, "error")
    assert error["code"] == "forbidden"
    await mod.send_json_to({"type": "edit", "id": message["id"], "body": "Jueves a las 10"})
    edited = await everyone_gets((mod, bruno, alice), "edited")
    assert edited["change"] == 2
    # Too long, unknown, deleted: refused, nothing changed.
    await alice.send_json_to({"type": "edit", "id": message["id"], "body": "x" * 4001})
    error, _ = await receive_until(alice, "error")
    assert error["code"] == "too_long"
    await alice.send_json_to({"type": "edit", "id": 999, "body": "nada"})
    error, _ = await receive_until(alice, "error")
    assert error["code"] == "invalid"
    await alice.send_json_to({"type": "delete", "id": message["id"]})
    await receive_until(bruno, "deleted")
    await alice.send_json_to({"type": "edit", "id": message["id"], "body": "de nuevo"})
    error, _ = await receive_until(alice, "error")
    assert error["code"] == "invalid"
    # Moderators read what the message said before each edit.
    room = community["room"]
    stored, versions = await database_sync_to_async(
        lambda: message_versions(room=room, seq=message["id"])
    )()
    assert stored.body == "Jueves a las 10"
    assert [v.body for v in versions] == [
        "La reunión es el martes",
        "La reunión es el **jueves** <script>x()</script>",
    ]
    await close(alice, bruno, mod)


async def test_reactions_from_the_set_are_counted_and_taken_back(community):
    alice, bruno = await connected(community, "alice", "bruno")
    await alice.send_json_to(frame("Compartí el informe"))
    message = await everyone_gets((alice, bruno), "message")
    await bruno.send_json_to({"type": "react", "id": message["id"], "emoji": "👍", "on": True})
    reaction = await everyone_gets((bruno, alice), "reaction")
    assert reaction["emoji"] == "👍" and reaction["count"] == 1 and reaction["on"] is True
    assert reaction["user"]["id"] == community["bruno"].pk
    assert reaction["users"] == [community["bruno"].pk]
    await alice.send_json_to({"type": "react", "id": message["id"], "emoji": "👍", "on": True})
    reaction = await everyone_gets((alice, bruno), "reaction")
    assert reaction["count"] == 2
    # Giving it twice changes nothing and sends nothing.
    await alice.send_json_to({"type": "react", "id": message["id"], "emoji": "👍", "on": True})
    assert [f for f in await drain(bruno) if f["type"] == "reaction"] == []
    await bruno.send_json_to({"type": "react", "id": message["id"], "emoji": "👍", "on": False})
    reaction = await everyone_gets((bruno, alice), "reaction")
    assert reaction["count"] == 1 and reaction["on"] is False
    await bruno.send_json_to({"type": "react", "id": message["id"], "emoji": "💩", "on": True})
    error, _ = await receive_until(bruno, "error")
    assert error["code"] == "invalid"
    # The message as history gives it now carries its reactions.
    await bruno.send_json_to({"type": "history", "before": None, "limit": 10})
    history, _ = await receive_until(bruno, "history")
    assert history["messages"][-1]["reactions"] == {"👍": [community["alice"].pk]}
    assert "👍" in REACTIONS
    await close(alice, bruno)


async def test_edits_and_reactions_count_toward_the_rate_limit(community, settings):
    # A window of 10**9 seconds: all four actions fall in one bucket of the sliding
    # window (a minute's boundary between them would weigh the first ones less).
    settings.RIAL_CHAT_RATE_LIMIT = (3, 10**9)
    (alice,) = await connected(community, "alice")
    await alice.send_json_to(frame("uno"))
    message, _ = await receive_until(alice, "message")
    await alice.send_json_to({"type": "edit", "id": message["id"], "body": "uno, corregido"})
    await receive_until(alice, "edited")
    await alice.send_json_to({"type": "react", "id": message["id"], "emoji": "🎉", "on": True})
    await receive_until(alice, "reaction")
    await alice.send_json_to({"type": "edit", "id": message["id"], "body": "uno, otra vez"})
    error, _ = await receive_until(alice, "error")
    assert error["code"] == "rate_limited"
    stored = await database_sync_to_async(Message.objects.get)(seq=message["id"])
    assert stored.body == "uno, corregido"
    await close(alice)


async def test_a_client_that_reconnects_gets_the_changes_made_while_away(community, settings):
    settings.RIAL_CHAT_RATE_LIMIT = (100, 60)
    alice, bruno = await connected(community, "alice", "bruno")
    sent = []
    for text in ("uno", "dos", "tres"):
        await alice.send_json_to(frame(text))
        message = await everyone_gets((alice, bruno), "message")
        sent.append(message["id"])
    hello_change = 0
    await bruno.disconnect()
    # While Bruno is away: an edit, a deletion, a reaction, a new message.
    await alice.send_json_to({"type": "edit", "id": sent[0], "body": "uno (corregido)"})
    await receive_until(alice, "edited")
    await alice.send_json_to({"type": "delete", "id": sent[1]})
    await receive_until(alice, "deleted")
    await alice.send_json_to({"type": "react", "id": sent[2], "emoji": "🙏", "on": True})
    await receive_until(alice, "reaction")
    await alice.send_json_to(frame("cuatro"))
    await receive_until(alice, "message")
    bruno, ok = await open_socket(
        community["bruno"], "red-general", after=sent[2], changes=hello_change
    )
    assert ok
    hello, _ = await receive_until(bruno, "hello")
    assert hello["last_change"] == 3 and hello["reactions"] == list(REACTIONS)
    frames = await drain(bruno, timeout=1)
    kinds = [(f["type"], f.get("id")) for f in frames]
    assert ("message", sent[2] + 1) in kinds
    edited = next(f for f in frames if f["type"] == "edited")
    assert edited["id"] == sent[0] and "corregido" in edited["body_html"]
    deleted = next(f for f in frames if f["type"] == "deleted")
    assert deleted["id"] == sent[1] and deleted["by"] == "author"
    reactions = [f for f in frames if f["type"] == "reactions" and f["id"] == sent[2]]
    assert reactions[0]["reactions"] == {"🙏": [community["alice"].pk]}
    # Reconnecting with the last change seen brings nothing again.
    await bruno.disconnect()
    bruno, _ok = await open_socket(community["bruno"], "red-general", after=sent[2] + 1, changes=3)
    await receive_until(bruno, "hello")
    assert [f for f in await drain(bruno) if f["type"] in ("edited", "deleted", "reactions")] == []
    assert await database_sync_to_async(MessageEdit.objects.count)() == 1
    await close(alice, bruno)


async def test_moderators_pin_messages_above_the_log_and_others_cannot(community):
    alice, mod = await connected(community, "alice", "mod")
    await alice.send_json_to(frame("Orden del día de la reunión"))
    message = await everyone_gets((alice, mod), "message")
    assert message["pinned"] is False
    await alice.send_json_to({"type": "pin", "id": message["id"], "on": True})
    error, _ = await receive_until(alice, "error")
    assert error["code"] == "forbidden"
    await mod.send_json_to({"type": "pin", "id": message["id"], "on": True})
    pinned = await everyone_gets((mod, alice), "pinned")
    assert pinned["on"] is True and pinned["pins"] == [
        {"id": message["id"], "author": "Alicia Gómez", "excerpt": "Orden del día de la reunión"}
    ]
    # The excerpt follows an edit; a deleted message is taken down.
    await alice.send_json_to({"type": "edit", "id": message["id"], "body": "Orden del día (v2)"})
    await everyone_gets((alice, mod), "edited")
    room = await database_sync_to_async(lambda: Room.objects.get(pk=community["room"].pk))()
    assert room.pins[0]["excerpt"] == "Orden del día (v2)"
    await alice.send_json_to({"type": "delete", "id": message["id"]})
    await everyone_gets((alice, mod), "deleted")
    room = await database_sync_to_async(lambda: Room.objects.get(pk=community["room"].pk))()
    assert room.pins == []
    await close(alice, mod)


async def test_a_deleted_reply_lowers_its_threads_count(community):
    (alice,) = await connected(community, "alice")
    await alice.send_json_to(frame("Raíz"))
    root = await everyone_gets((alice,), "message")
    await alice.send_json_to(frame("Respuesta", reply_to=root["id"]))
    reply = await everyone_gets((alice,), "message")
    await alice.send_json_to({"type": "delete", "id": reply["id"]})
    deleted = await everyone_gets((alice,), "deleted")
    assert deleted["reply_to"] == root["id"]
    stored = await database_sync_to_async(Message.objects.get)(seq=root["id"])
    assert stored.reply_count == 0
    await close(alice)


async def test_more_changes_than_one_catch_up_sends_end_with_a_gap(
    community, settings, monkeypatch
):
    import forum.consumers

    settings.RIAL_CHAT_RATE_LIMIT = (100, 60)
    monkeypatch.setattr(forum.consumers, "CATCH_UP_LIMIT", 2)
    (alice,) = await connected(community, "alice")
    ids = []
    for text in ("uno", "dos", "tres"):
        await alice.send_json_to(frame(text))
        ids.append((await everyone_gets((alice,), "message"))["id"])
    for seq in ids:  # three messages changed: one more than a catch-up sends
        await alice.send_json_to({"type": "react", "id": seq, "emoji": "👍", "on": True})
        await everyone_gets((alice,), "reaction")
    await alice.disconnect()
    alice, _ok = await open_socket(community["alice"], "red-general", after=ids[-1], changes=0)
    await receive_until(alice, "hello")
    frames = await drain(alice, timeout=1)
    kinds = [f["type"] for f in frames if f["type"] not in ("presence", "typing")]
    assert kinds == ["reactions", "reactions", "pins", "gap"]
    await close(alice)
