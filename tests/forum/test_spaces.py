"""Spaces made by other features: a cohort's, once, with its room."""

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
