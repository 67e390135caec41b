"""forum.access: fetch and check in one call (missing and forbidden answer alike), the
one membership rule, and what each kind of space declares."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from forum import access, services
from forum.access import access_attachment, access_category, access_post, access_space, access_topic
from forum.models import Room, Space
from tests.factories import CohortFactory
from tests.forum.forum_fixtures import ask

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_flood")]


def test_every_kind_of_space_declares_its_rules():
    assert set(Space.RULES) == set(Space.Kind)
    assert set(Space.kinds(has_forum=False)) == {
        Space.Kind.QUESTION,
        Space.Kind.OFFICE_HOURS,
        Space.Kind.DIRECT,
    }
    assert Space.kinds(private=True) == [Space.Kind.QUESTION, Space.Kind.DIRECT]
    assert set(access.ROOM_RULES) >= {rules.rooms for rules in Space.RULES.values()}


def test_space_roles(community, world, secretariat):
    space = community["space"]
    assert access.space_role(user=community["alice"], space=space) == "member"
    assert access.space_role(user=community["mod"], space=space) == "moderator"
    assert access.space_role(user=community["outsider"], space=space) is None
    assert access.space_role(user=secretariat, space=space) == "moderator"
    space.readable_by_all = True
    space.save()
    assert access.space_role(user=community["outsider"], space=space) == "reader"
    cohort_space = services.space_ensure_for_cohort(cohort=world.cohort)
    assert access.space_role(user=world.learner, space=cohort_space) == "member"
    assert access.space_role(user=world.tutor, space=cohort_space) == "moderator"
    assert access.space_role(user=community["alice"], space=cohort_space) is None


def test_a_space_is_found_only_by_those_who_may_read_it(workshop):
    space, found = access_space(user=workshop["alice"], slug="bogota")
    assert space == workshop["space"] and found.role == access.MEMBER and found.can_post
    assert access_space(user=workshop["mod"], space_id=space.pk)[1].can_moderate
    for who in ("outsider", "neighbour"):
        with pytest.raises(Http404):
            access_space(user=workshop[who], slug="bogota")
    with pytest.raises(Http404):  # the same answer as for a space that is not there
        access_space(user=workshop["alice"], slug="no-such-space")


def test_spaces_without_a_forum_are_not_found_as_forums(workshop):
    workshop["space"].kind = Space.Kind.QUESTION
    workshop["space"].save()
    with pytest.raises(Http404):
        access_space(user=workshop["alice"], slug="bogota")


def test_topics_posts_and_files_follow_their_space(workshop):
    topic = ask(workshop)
    pdf = SimpleUploadedFile("acta.pdf", b"%PDF-1.4 acta", content_type="application/pdf")
    post = services.post_reply(
        user=workshop["bruno"], topic=topic, body="El acta", token=uuid.uuid4(), files=[pdf]
    ).post
    item = post.attachments.get()
    found, reader = access_topic(user=workshop["alice"], topic_id=topic.pk)
    assert found == topic and reader.can_reply(found)
    found_post, _reader = access_post(user=workshop["alice"], post_id=post.pk)
    assert found_post.topic == topic and found_post.topic.space == workshop["space"]
    assert access_attachment(user=workshop["alice"], attachment_id=item.pk) == item
    assert access_category(user=workshop["alice"], category_id=topic.category_id)[0].space_id
    for call in (
        lambda: access_topic(user=workshop["neighbour"], topic_id=topic.pk),
        lambda: access_post(user=workshop["neighbour"], post_id=post.pk),
        lambda: access_attachment(user=workshop["neighbour"], attachment_id=item.pk),
        lambda: access_category(user=workshop["neighbour"], category_id=topic.category_id),
        lambda: access_topic(user=workshop["alice"], topic_id=topic.pk + 99),
        lambda: access_post(user=workshop["alice"], post_id=post.pk + 99),
    ):
        with pytest.raises(Http404):
            call()


def test_hidden_things_are_found_by_moderators_only(workshop):
    topic = ask(workshop)
    post = services.post_reply(
        user=workshop["bruno"], topic=topic, body="Se ocultará", token=uuid.uuid4()
    ).post
    services.post_delete(actor=workshop["bruno"], post=post)
    with pytest.raises(Http404):
        access_post(user=workshop["alice"], post_id=post.pk)
    assert access_post(user=workshop["mod"], post_id=post.pk)[0] == post
    services.post_delete(actor=workshop["mod"], post=topic.posts.get(number=1))
    with pytest.raises(Http404):
        access_topic(user=workshop["alice"], topic_id=topic.pk)
    assert access_topic(user=workshop["mod"], topic_id=topic.pk)[0] == topic


def test_the_membership_rule_answers_alike_for_one_person_and_for_many(workshop, world):
    from forum.services import space_ensure_for_cohort

    space = space_ensure_for_cohort(cohort=world.cohort)
    people = set(access.space_people(space=space))
    assert {world.learner, world.tutor} <= people
    assert access.space_role(user=world.learner, space=space) == access.MEMBER
    assert access.space_role(user=world.tutor, space=space) == access.MODERATOR
    readable = Space.objects.filter(access.readable_spaces_filter(world.learner))
    assert space in readable and workshop["space"] not in readable
    assert world.tutor in set(access.space_moderators(space=space))
    # A learner of another cohort of the same course is not a member.
    other = services.space_ensure_for_cohort(cohort=CohortFactory(course=world.course))
    assert access.space_role(user=world.learner, space=other) is None
    assert world.learner not in set(access.space_readers(space=other))
    assert other not in Space.objects.filter(access.readable_spaces_filter(world.learner))


def test_rooms_follow_the_rule_their_space_declares(workshop):
    room = Room.objects.create(space=workshop["space"], name="General", slug="bogota-general")
    assert access.room_access_for(user=workshop["alice"], room=room).can_write
    assert access.room_role(user=workshop["outsider"], room=room) is None
    room.is_public = True
    room.save()
    assert access.room_role(user=workshop["outsider"], room=room) == access.READER
