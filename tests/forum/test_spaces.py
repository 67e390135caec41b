"""Spaces made by other features: a cohort's, once, with its room; a body's, private,
whose listed members the feature that keeps the body's sets."""

import pytest

from forum import services


@pytest.mark.django_db
def test_cohort_space_is_made_once_with_a_room(world):
    first = services.space_ensure_for_cohort(cohort=world.cohort)
    again = services.space_ensure_for_cohort(cohort=world.cohort)
    assert first.pk == again.pk and first.rooms.count() == 1


@pytest.mark.django_db
def test_a_new_call_makes_its_cohorts_space(world, secretariat):
    import datetime

    from django.utils import timezone

    from forum.models import Space
    from lms.services.cohorts import call_create

    now = timezone.now()
    call = call_create(
        actor=secretariat,
        course=world.course,
        title="Nueva",
        description="",
        opens_at=now,
        closes_at=now + datetime.timedelta(days=5),
        seats=3,
        starts_on=timezone.localdate() + datetime.timedelta(days=10),
        time_zone="UTC",
    )
    assert Space.objects.get(cohort=call.cohort).rooms.exists()


@pytest.mark.django_db
def test_a_bodys_space_is_private_with_a_forum_and_a_room():
    from django.core.exceptions import ValidationError

    from forum.access import space_access
    from forum.models import Category, Room, Space, SpaceMembership
    from tests.factories import UserFactory

    Room.objects.create(
        space=Space.objects.create(kind="network", name="Otra", slug="x"),
        name="Otra",
        slug="preview-2",
    )
    space = services.body_space_create(name="Comité", slug_base="preview")
    assert (space.kind, space.has_forum, space.readable_by_all) == ("body", True, False)
    room = Room.objects.get(space=space)
    assert room.slug == "preview-3"  # reserved, then taken
    assert Category.objects.filter(space=space, slug="general").exists()
    space.readable_by_all = True
    with pytest.raises(ValidationError):
        space.full_clean()  # for its members only
    space.refresh_from_db()
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    other = Space.objects.get(slug="x")
    SpaceMembership.objects.create(space=other, user=third)
    changed = services.space_members_set(
        space=space, roles={first.pk: "member", second.pk: "moderator"}
    )
    assert changed == {first.pk, second.pk}
    assert space_access(user=first, space=space).can_post
    assert space_access(user=second, space=space).can_moderate
    assert not space_access(user=third, space=space).can_read
    # Set again: the one gone loses access, a role changes, the unchanged are not told.
    changed = services.space_members_set(space=space, roles={first.pk: "moderator"})
    assert changed == {first.pk, second.pk}
    assert dict(space.memberships.values_list("user_id", "role")) == {first.pk: "moderator"}
    assert services.space_members_set(space=space, roles={first.pk: "moderator"}) == set()
    # Another space's members are its own.
    assert list(other.memberships.values_list("user_id", flat=True)) == [third.pk]
