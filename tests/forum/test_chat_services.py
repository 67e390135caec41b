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
