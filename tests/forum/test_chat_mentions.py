"""@mentions in the chat: the room's people suggested while typing, and notified."""

import uuid

import pytest
from django.urls import reverse

from forum.services import chat_message_edit, chat_message_send
from lms.models import Notification

pytestmark = pytest.mark.django_db


def send(community, who, body, **extra):
    return chat_message_send(
        user=community[who],
        room=community["room"],
        client_id=uuid.uuid4(),
        body=body,
        **extra,
    ).message


def test_people_mentioned_in_a_message_are_notified_once(
    community, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = send(community, "alice", "@bruno-reis ¿puede revisar el acta? @persona-ajena")
    notes = Notification.objects.filter(kind="chat_mention")
    # Bruno is in the room; the outsider is not, the author is not told.
    assert [n.user for n in notes] == [community["bruno"]]
    note = notes.get()
    assert note.url.endswith(f"#m-{message.seq}") and "General" in note.title
    assert "revisar el acta" in note.body
    # An edit that keeps the mention tells nobody again; one that adds the moderator tells her.
    with django_capture_on_commit_callbacks(execute=True):
        chat_message_edit(
            actor=community["alice"],
            room=community["room"],
            seq=message.seq,
            body="@bruno-reis @moderadora-paz ¿pueden revisar el acta?",
        )
    assert sorted(n.user.full_name for n in Notification.objects.filter(kind="chat_mention")) == [
        "Bruno Reis",
        "Moderadora Paz",
    ]


def test_a_mention_in_a_thread_links_to_the_thread(community, django_capture_on_commit_callbacks):
    root = send(community, "alice", "Pregunta")
    with django_capture_on_commit_callbacks(execute=True):
        send(community, "mod", "@alicia-gomez respondo aquí", reply_to=root.seq)
    note = Notification.objects.get(kind="chat_mention")
    thread = reverse("forum:room_thread", kwargs={"slug": "red-general", "seq": root.seq})
    assert note.user == community["alice"] and note.url.startswith(thread)


def test_the_composer_suggests_the_rooms_people_as_one_types(client, community):
    client.force_login(community["alice"])
    url = reverse("forum:room_people", kwargs={"slug": "red-general"})
    people = client.get(url, {"q": "br"}).json()["people"]
    assert people == [{"name": "Bruno Reis", "handle": "bruno-reis"}]
    # Any word of the name, accents or not; never oneself, never people outside the room.
    assert [p["handle"] for p in client.get(url, {"q": "paz"}).json()["people"]] == [
        "moderadora-paz"
    ]
    assert client.get(url, {"q": "alicia"}).json()["people"] == []
    assert client.get(url, {"q": "persona"}).json()["people"] == []
    client.force_login(community["outsider"])
    assert client.get(url, {"q": "br"}).status_code in (403, 404)


def test_a_mention_deleted_or_edited_before_it_is_read_follows_the_message(
    community, django_capture_on_commit_callbacks
):
    from forum.services import chat_message_delete

    with django_capture_on_commit_callbacks(execute=True):
        message = send(community, "alice", "@bruno-reis un dato privado")
    chat_message_edit(
        actor=community["alice"],
        room=community["room"],
        seq=message.seq,
        body="@bruno-reis (corregido)",
    )
    assert Notification.objects.get(kind="chat_mention").body == "@bruno-reis (corregido)"
    chat_message_delete(actor=community["alice"], room=community["room"], seq=message.seq)
    assert not Notification.objects.filter(kind="chat_mention").exists()


def test_readers_get_no_suggestions(client, community):
    community["room"].is_public = True
    community["room"].save()
    client.force_login(community["outsider"])  # reads the public room, does not write
    url = reverse("forum:room_people", kwargs={"slug": "red-general"})
    assert client.get(url, {"q": "br"}).status_code == 404
