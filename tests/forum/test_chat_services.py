"""Chat services: numbered messages, broadcasts after commit, rooms and their unread
counts, mutes, sanitised messages."""

import uuid

import pytest
from django.core.exceptions import ValidationError

from forum import selectors, services
from forum.models import Message, Room, RoomRead
from tests.factories import ProfileFactory


def send(user, room, body="hola", client_id=None):
    return services.chat_message_send(
        user=user, room=room, client_id=client_id or uuid.uuid4(), body=body
    )


@pytest.mark.django_db
def test_messages_are_numbered_per_room(community):
    other = Room.objects.create(space=community["space"], name="Otra", slug="otra")
    assert [send(community["alice"], community["room"]).message.seq for _ in range(3)] == [1, 2, 3]
    assert send(community["alice"], other).message.seq == 1
    community["room"].refresh_from_db()
    assert community["room"].last_seq == 3


@pytest.mark.django_db
def test_broadcast_happens_only_after_commit(community, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send(community["alice"], community["room"])
    assert len(callbacks) == 1  # the broadcast waits for the commit


@pytest.mark.django_db
def test_readable_rooms_and_unread_counts(community, world):
    room = community["room"]
    for _ in range(3):
        send(community["alice"], room)
    rooms = {r.slug: r.unread for r in selectors.readable_rooms(user=community["bruno"])}
    assert rooms == {"red-general": 3}
    assert selectors.unread_total(user=community["alice"]) == 0  # her own messages
    services.room_mark_read(user=community["bruno"], room=room, seq=2)
    assert selectors.unread_total(user=community["bruno"]) == 1
    services.room_mark_read(user=community["bruno"], room=room, seq=1)  # never backwards
    assert RoomRead.objects.get(user=community["bruno"]).last_read_seq == 2
    assert list(selectors.readable_rooms(user=community["outsider"])) == []
    services.space_ensure_for_cohort(cohort=world.cohort)
    assert [r.space.cohort_id for r in selectors.readable_rooms(user=world.learner)] == [
        world.cohort.pk
    ]


@pytest.mark.django_db
def test_readable_rooms_cost_one_query(community, django_assert_num_queries):
    for number in range(5):
        Room.objects.create(space=community["space"], name=f"S{number}", slug=f"s{number}")
    with django_assert_num_queries(2):  # the user's roles, then the rooms
        rooms = list(selectors.readable_rooms(user=community["bruno"]))
    assert len(rooms) == 6


@pytest.mark.django_db
def test_a_message_costs_six_queries(community, django_assert_num_queries):
    """What the person may do, whether the client_id was sent, their mute and read
    marker: one query; then, in the transaction (a savepoint here), the room's next
    number, the message, its search entry and the sender's read marker. Measured in
    process: 14 statements and about 9 ms per message before (bench/chat_fanout)."""
    room, alice = community["room"], community["alice"]
    send(alice, room)  # her read marker exists from now on
    with django_assert_num_queries(7):  # 6 and the savepoint's release
        sent = send(alice, room, body="**hola** @nadie")
    assert sent.created and sent.message.seq == 2
    assert sent.payload["body_html"] == "<p><strong>hola</strong> @nadie</p>"
    again = send(alice, room, body="otra vez")  # the first of someone: the marker too
    assert again.message.seq == 3
    with django_assert_num_queries(3):  # a repeat: the facts, the original, its roles
        repeated = send(alice, room, body="x", client_id=sent.message.client_id)
    assert not repeated.created and repeated.message.pk == sent.message.pk
    assert RoomRead.objects.get(room=room, user=alice).last_read_seq == 3
    # His first message: his read marker is written, and his roles read (once per
    # person object: a socket keeps its person).
    with django_assert_num_queries(9):
        send(community["bruno"], room)
    assert RoomRead.objects.get(room=room, user=community["bruno"]).last_read_seq == 4


@pytest.mark.django_db
def test_a_reaction_checks_the_person_in_one_query(community, django_assert_num_queries):
    """The role, hold and mute of whoever reacts: one query (three before)."""
    from forum.services import chat

    room, alice, bruno = community["room"], community["alice"], community["bruno"]
    seq = send(alice, room).message.seq
    services.chat_message_react(actor=bruno, room=room, seq=seq, emoji="👍", on=True)
    with django_assert_num_queries(1) as captured:
        chat.check_may_write(user=bruno, room=room)
    assert "forum_roommute" in captured.captured_queries[0]["sql"]
    services.room_mute(actor=community["mod"], room=room, user=bruno, minutes=5)
    with pytest.raises(services.ChatError) as error:
        services.chat_message_react(actor=bruno, room=room, seq=seq, emoji="👍", on=False)
    assert error.value.code == "muted"


@pytest.mark.django_db
def test_a_hold_and_a_repeat_as_before(community):
    """The facts read in one query keep every rule: on hold, a member only reads; a
    repeated client_id returns the message sent, even once the person may not write."""
    room, bruno = community["room"], community["bruno"]
    first = send(bruno, room)
    services.member_hold(actor=community["mod"], space=community["space"], user=bruno, days=3)
    with pytest.raises(services.ChatError) as error:
        send(bruno, room)
    assert error.value.code == "forbidden"
    assert send(bruno, room, client_id=first.message.client_id).message.pk == first.message.pk
    services.member_release(actor=community["mod"], space=community["space"], user=bruno)
    assert send(bruno, room).message.seq == 2
    with pytest.raises(services.ChatError) as error:
        send(community["outsider"], room)
    assert error.value.code == "forbidden"


@pytest.mark.django_db
def test_mute_rules(community):
    room = community["room"]
    with pytest.raises(services.ChatError):
        services.room_mute(actor=community["alice"], room=room, user=community["bruno"], minutes=5)
    with pytest.raises(services.ChatError):
        services.room_mute(actor=community["mod"], room=room, user=community["bruno"], minutes=0)
    services.room_mute(actor=community["mod"], room=room, user=community["bruno"], minutes=5)
    with pytest.raises(services.ChatError) as error:
        send(community["bruno"], room)
    assert error.value.code == "muted"
    services.room_unmute(actor=community["mod"], room=room, user=community["bruno"])
    send(community["bruno"], room)


def test_reserved_room_addresses():
    from forum.models import validate_room_slug

    with pytest.raises(ValidationError):
        validate_room_slug("preview")
    validate_room_slug("general")


@pytest.mark.django_db
def test_stored_html_is_sanitised_even_if_written_directly(community):
    message = Message.objects.create(
        room=community["room"],
        seq=1,
        author=community["alice"],
        body="x",
        body_html='<p onclick="x()">hola</p><script>y()</script>',
    )
    message.refresh_from_db()
    assert "onclick" not in message.body_html and "<script" not in message.body_html


@pytest.mark.django_db
def test_member_without_profile_can_chat(community):
    person = ProfileFactory().user
    person.profile.delete()
    from forum.models import SpaceMembership

    SpaceMembership.objects.create(space=community["space"], user=person)
    assert send(person, community["room"]).created


def test_next_seq_names_the_rooms_columns():
    """The numbering statement is plain SQL: the names it uses are Room's."""
    from forum.services import chat

    meta = Room._meta
    names = (meta.db_table, meta.get_field("last_seq").column, meta.pk.column)
    assert names == ("forum_room", "last_seq", "id")
    assert all(name in chat._NEXT_SEQ for name in names)
