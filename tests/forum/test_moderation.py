"""Moderation: holds, locked topics, pinning and moving, flags and hidden posts."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from forum import services
from forum.models import Flag, SpaceMembership
from lms.models import Notification
from tests.factories import ProfileFactory
from tests.forum.forum_fixtures import ask, reply

# Messages are matched in English here; other tests check the translations.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_flood", "english")]


def test_held_members_read_but_cannot_post_until_released(workshop):
    topic = ask(workshop)
    services.member_hold(
        actor=workshop["mod"], space=workshop["space"], user=workshop["bruno"], days=3
    )
    with pytest.raises(PermissionDenied, match="on hold"):
        reply(workshop, topic, "bruno")
    services.member_release(actor=workshop["mod"], space=workshop["space"], user=workshop["bruno"])
    reply(workshop, topic, "bruno")
    with pytest.raises(PermissionDenied):
        services.member_hold(
            actor=workshop["alice"], space=workshop["space"], user=workshop["bruno"], days=3
        )


def test_locked_topics_take_replies_only_from_moderators(workshop):
    topic = ask(workshop)
    with pytest.raises(PermissionDenied):
        services.topic_moderate(actor=workshop["alice"], topic=topic, action="lock")
    services.topic_moderate(actor=workshop["mod"], topic=topic, action="lock")
    with pytest.raises(PermissionDenied, match="locked"):
        reply(workshop, topic, "bruno")
    reply(workshop, topic, "mod")


def test_moderators_pin_and_move_within_the_space_only(workshop):
    topic = ask(workshop)
    services.topic_moderate(actor=workshop["mod"], topic=topic, action="pin")
    services.topic_moderate(
        actor=workshop["mod"], topic=topic, action="move", category=workshop["stories"]
    )
    topic.refresh_from_db()
    assert topic.is_pinned and topic.category == workshop["stories"]
    with pytest.raises(ValidationError):
        services.topic_moderate(
            actor=workshop["mod"],
            topic=topic,
            action="move",
            category=workshop["other"].categories.get(),
        )


def test_flags_reach_the_queue_and_moderators_hide_or_keep(
    workshop, django_capture_on_commit_callbacks
):
    topic = ask(workshop)
    spam = reply(workshop, topic, "bruno", body="Compren relojes").post
    with pytest.raises(ValidationError):
        services.flag_create(user=workshop["bruno"], post=spam, reason="spam")
    with pytest.raises(PermissionDenied):
        services.flag_create(user=workshop["outsider"], post=spam, reason="spam")
    with django_capture_on_commit_callbacks(execute=True):
        services.flag_create(user=workshop["alice"], post=spam, reason="spam", note="publicidad")
    services.flag_create(user=workshop["alice"], post=spam, reason="spam")  # once per person
    assert Flag.objects.count() == 1
    assert Notification.objects.filter(user=workshop["mod"], kind="forum_flag").exists()
    with pytest.raises(PermissionDenied):
        services.flags_resolve(actor=workshop["alice"], post=spam, hide=True)
    assert services.flags_resolve(actor=workshop["mod"], post=spam, hide=True) == 1
    spam.refresh_from_db()
    assert spam.deleted_at is not None and spam.deleted_by == workshop["mod"]


def test_holds_apply_to_members_only_and_create_no_membership(workshop):
    from forum.models import SpaceHold

    with pytest.raises(ValidationError):
        services.member_hold(
            actor=workshop["mod"], space=workshop["space"], user=workshop["outsider"], days=1
        )
    assert not SpaceMembership.objects.filter(user=workshop["outsider"]).exists()
    services.member_hold(
        actor=workshop["mod"], space=workshop["space"], user=workshop["bruno"], days=2
    )
    assert SpaceHold.objects.get(user=workshop["bruno"]).until > timezone.now()


def test_held_members_cannot_chat_either(workshop):
    from forum.models import Room

    room = Room.objects.create(space=workshop["space"], name="Sala", slug="sala-bogota")
    services.member_hold(
        actor=workshop["mod"], space=workshop["space"], user=workshop["bruno"], days=2
    )
    with pytest.raises(services.ChatError) as refused:
        services.chat_message_send(
            user=workshop["bruno"], room=room, client_id=uuid.uuid4(), body="hola"
        )
    assert refused.value.code == "forbidden"


def test_flags_reach_a_cohorts_tutors(world, django_capture_on_commit_callbacks, settings):
    settings.RIAL_FORUM_FLOOD_SECONDS = 0
    space = services.space_ensure_for_cohort(cohort=world.cohort)
    category = services.category_default(space=space)
    other = ProfileFactory().user
    from lms.models import Enrolment

    Enrolment.objects.create(cohort=world.cohort, user=other)
    topic = services.topic_create(
        user=world.learner, space=space, category=category, title="t", body="b"
    ).topic
    with django_capture_on_commit_callbacks(execute=True):
        services.flag_create(user=other, post=topic.posts.get(), reason="spam")
    assert Notification.objects.filter(user=world.tutor, kind="forum_flag").exists()
