"""Direct messages: who may write to whom, the conversation's page and socket rules,
blocks, reports to the secretariat, experts who close their messages, groups."""

import json
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forum.access import room_access_for
from forum.models import ExpertProfile, Room, Space, SpaceMembership
from forum.services import chat_message_send, room_mark_read
from forum.services.direct import (
    direct_block,
    direct_conversation_open,
    direct_message_notify,
    direct_report,
    direct_unblock,
)
from lms.choices import Role
from lms.models import Notification
from lms.services.push import push_subscription_save
from tests.factories import ProfileFactory, UserFactory
from tests.mfa import mfa_force_login
from tests.push import BrowserKeys

pytestmark = pytest.mark.django_db


def say(user, room, body):
    return chat_message_send(user=user, room=room, client_id=uuid.uuid4(), body=body).message


def test_a_learner_writes_to_her_tutor_in_one_click_from_the_course_page(client, world):
    client.force_login(world.learner)
    course_html = client.get(world.course.url).content.decode()
    assert "Tutora Ramírez" in course_html and reverse("forum:direct_new") in course_html
    response = client.post(reverse("forum:direct_new"), {"to": world.tutor.pk})
    room = Room.objects.get(space__kind=Space.Kind.DIRECT)
    assert response["Location"] == reverse("forum:direct", kwargs={"slug": room.slug})
    # The same pair opens the same conversation again.
    client.post(reverse("forum:direct_new"), {"to": world.tutor.pk})
    assert Room.objects.filter(space__kind=Space.Kind.DIRECT).count() == 1
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Tutora Ramírez" in page.content.decode()
    say(world.learner, room, "Profesora, ¿puedo entregar el viernes?")
    client.force_login(world.tutor)
    inbox = client.get(reverse("forum:direct_inbox")).content.decode()
    assert "Lucía Méndez" in inbox and "1 mensaje sin leer" in inbox
    # The room's address leads to the conversation; the chat list does not show it.
    chat = client.get(reverse("forum:room", kwargs={"slug": room.slug}))
    assert chat["Location"] == response["Location"]
    assert room.slug not in client.get(reverse("forum:chat_index")).content.decode()
    # Nobody else reads it: the same answer as for a conversation that does not exist.
    client.force_login(ProfileFactory().user)
    assert client.get(response["Location"]).status_code == 404
    assert client.get(reverse("forum:direct", kwargs={"slug": "dm-0-1"})).status_code == 404


def test_only_people_who_share_a_space_write_to_each_other(world, community):
    stranger = ProfileFactory(user__full_name="Persona Lejana").user
    with pytest.raises(ValidationError, match="comparte"):
        direct_conversation_open(actor=stranger, people=[world.learner])
    # Two members of a community may; the secretariat may write to anyone.
    assert direct_conversation_open(actor=community["alice"], people=[community["bruno"]])
    secretariat = UserFactory(roles=[Role.SECRETARIAT])
    assert direct_conversation_open(actor=secretariat, people=[stranger])


def test_experts_who_close_their_messages_point_to_office_hours(world):
    expert = ProfileFactory(user__full_name="Experta Cerrada").user
    ExpertProfile.objects.create(user=expert, accepts_direct_messages=False)
    with pytest.raises(ValidationError, match="horas de consulta"):
        direct_conversation_open(actor=world.learner, people=[expert])
    ExpertProfile.objects.filter(user=expert).update(accepts_direct_messages=True)
    assert direct_conversation_open(actor=world.learner, people=[expert])


def test_a_block_makes_the_conversation_read_only_and_stops_new_ones(world):
    room = direct_conversation_open(actor=world.learner, people=[world.tutor])
    direct_block(actor=world.tutor, person=world.learner)
    for person in (world.learner, world.tutor):
        access = room_access_for(user=person, room=room)
        assert access.can_read and not access.can_write
    with pytest.raises(ValidationError):
        direct_conversation_open(actor=world.learner, people=[world.tutor])
    direct_unblock(actor=world.tutor, person=world.learner)
    assert room_access_for(user=world.learner, room=room).can_write


def test_a_report_lets_the_secretariat_read_the_conversation(
    client, world, secretariat, django_capture_on_commit_callbacks
):
    room = direct_conversation_open(actor=world.learner, people=[world.tutor])
    say(world.tutor, room, "Un mensaje fuera de lugar")
    assert not room_access_for(user=secretariat, room=room).can_read
    with django_capture_on_commit_callbacks(execute=True):
        direct_report(actor=world.learner, room=room, reason="Me escribió algo ofensivo.")
    assert room_access_for(user=secretariat, room=room).can_read
    assert not room_access_for(user=secretariat, room=room).can_write
    note = Notification.objects.get(user=secretariat, kind="direct_report")
    assert note.url == reverse("forum:direct", kwargs={"slug": room.slug})
    mfa_force_login(client, secretariat)
    assert "fuera de lugar" in client.get(note.url).content.decode()
    with pytest.raises(ValidationError):
        direct_report(actor=secretariat, room=room, reason="No estoy en ella")


def test_groups_hold_up_to_eight_people(community):
    others = [ProfileFactory().user for _ in range(8)]
    for person in others:
        SpaceMembership.objects.create(space=community["space"], user=person)
    with pytest.raises(ValidationError, match="8"):
        direct_conversation_open(actor=community["alice"], people=others)
    room = direct_conversation_open(actor=community["alice"], people=others[:7])
    assert room.space.memberships.count() == 8


def test_a_waiting_message_is_notified_once_until_the_conversation_is_read(world):
    room = direct_conversation_open(actor=world.learner, people=[world.tutor])
    first = say(world.learner, room, "Hola")
    second = say(world.learner, room, "¿Está?")
    assert direct_message_notify(message_id=first.pk) == 1
    assert direct_message_notify(message_id=second.pk) == 0
    note = Notification.objects.get(user=world.tutor, kind="direct_message")
    assert "Lucía Méndez" in note.title
    room_mark_read(user=world.tutor, room=room, seq=second.seq)
    third = say(world.learner, room, "Gracias")
    assert direct_message_notify(message_id=third.pk) == 1


def test_the_inbox_costs_the_same_queries_for_many_conversations(
    client, community, django_assert_max_num_queries
):
    alice = community["alice"]
    for _ in range(12):
        person = ProfileFactory().user
        SpaceMembership.objects.create(space=community["space"], user=person)
        say(alice, direct_conversation_open(actor=alice, people=[person]), "hola")
    client.force_login(alice)
    client.get(reverse("forum:direct_inbox"))
    with django_assert_max_num_queries(9):
        assert client.get(reverse("forum:direct_inbox")).status_code == 200


def test_a_private_conversation_answers_404_to_others_at_every_address(client, world):
    room = direct_conversation_open(actor=world.learner, people=[world.tutor])
    client.force_login(ProfileFactory().user)
    for name in ("room", "room_people"):
        assert client.get(reverse(f"forum:{name}", kwargs={"slug": room.slug})).status_code == 404
    assert client.get(reverse("forum:room", kwargs={"slug": "dm-998-999"})).status_code == 404


def test_a_block_reaches_groups_too(community):
    alice, bruno, mod = community["alice"], community["bruno"], community["mod"]
    group = direct_conversation_open(actor=alice, people=[bruno, mod])
    direct_block(actor=mod, person=bruno)
    # In the group, Bruno only reads; the others still write.
    assert not room_access_for(user=bruno, room=group).can_write
    assert room_access_for(user=mod, room=group).can_write
    assert room_access_for(user=alice, room=group).can_write
    # No new group brings them together.
    with pytest.raises(ValidationError):
        direct_conversation_open(actor=alice, people=[bruno, mod])


def test_the_secretariat_is_emailed_a_report(
    world, secretariat, django_capture_on_commit_callbacks
):
    from django.core import mail

    room = direct_conversation_open(actor=world.learner, people=[world.tutor])
    with django_capture_on_commit_callbacks(execute=True):
        direct_report(actor=world.learner, room=room, reason="Mensajes ofensivos.")
    # Everyone of the secretariat (the fixture's bootstrap superuser is one too).
    assert [secretariat.email] in [m.to for m in mail.outbox]
    assert all("Mensajes ofensivos." in m.body for m in mail.outbox)


def test_a_direct_message_notification_does_not_carry_the_text(world):
    room = direct_conversation_open(actor=world.learner, people=[world.tutor])
    message = say(world.learner, room, "Algo privado")
    direct_message_notify(message_id=message.pk)
    assert Notification.objects.get(kind="direct_message").body == ""


def test_a_direct_message_is_pushed_to_the_tutors_phone_without_its_text(
    world, push_service, django_capture_on_commit_callbacks
):
    phone = BrowserKeys()
    endpoint = push_service.endpoint()
    push_subscription_save(
        user=world.tutor, endpoint=endpoint, **phone.subscription(endpoint)["keys"]
    )
    room = direct_conversation_open(actor=world.learner, people=[world.tutor])
    with django_capture_on_commit_callbacks(execute=True):
        message = say(world.learner, room, "Algo privado")
        direct_message_notify(message_id=message.pk)
    [push] = push_service.received
    data = phone.read(push)
    assert "Lucía Méndez" in data["title"] and data["body"] == ""
    assert "Algo privado" not in json.dumps(data) and data["url"].startswith("/")
