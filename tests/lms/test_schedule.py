"""A schedule per cohort: the course says when relative to a cohort's start, each
cohort gets its own dates when it is created, and one cohort's session or deadline
can be moved for that cohort alone, its learners told in their language."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.blocks import LiveSessionBlock
from lms.models import Cohort, CohortGroup, Enrolment, Notification, ScheduledItem
from lms.selectors.dashboards import learner_courses
from lms.selectors.schedule import cohort_schedule
from lms.services.cohorts import call_create
from lms.services.schedule import cohort_schedule_create, schedule_move
from lms.tasks import schedule_change_notify
from lms.templatetags.lms_tags import machine_time
from tests.course_fixtures import relative_session, with_relative_session
from tests.factories import ProfileFactory, UserFactory
from tests.mfa import mfa_force_login

BOGOTA = zoneinfo.ZoneInfo("America/Bogota")
MADRID = zoneinfo.ZoneInfo("Europe/Madrid")


def second_cohort(world, *, starts_on, time_zone="America/Bogota", name="Cohorte 2027"):
    cohort = Cohort.objects.create(
        course=world.course, name=name, starts_on=starts_on, time_zone=time_zone
    )
    cohort_schedule_create(cohort=cohort)
    return cohort


def when(entries, kind):
    return [entry.starts_at for entry in entries if entry.kind == kind]


def test_a_live_session_needs_a_week_or_a_fixed_date():
    block = LiveSessionBlock()
    value = block.to_python({**relative_session()["value"], "week": None})
    with pytest.raises(ValidationError):
        block.clean(value)
    assert block.clean(block.to_python(relative_session()["value"]))["week"] == 2


@pytest.mark.django_db
def test_each_cohort_gets_its_own_dates_from_its_start_and_zone(world):
    with_relative_session(world)
    first = world.cohort
    first.starts_on = datetime.date(2026, 11, 9)  # a Monday
    first.save()
    cohort_schedule_create(cohort=first)
    second = second_cohort(world, starts_on=datetime.date(2027, 1, 4), time_zone="Europe/Madrid")

    # Week 2, Thursday, 10:00 in each cohort's own zone.
    assert when(cohort_schedule(cohort=first), "live_session") == [
        datetime.datetime(2026, 11, 19, 10, 0, tzinfo=BOGOTA)
    ]
    assert when(cohort_schedule(cohort=second), "live_session") == [
        datetime.datetime(2027, 1, 14, 10, 0, tzinfo=MADRID)
    ]
    # The assignment is due at the end of week 2 of each run.
    assert when(cohort_schedule(cohort=second), "deadline") == [
        datetime.datetime(2027, 1, 17, 23, 59, tzinfo=MADRID)
    ]
    assert ScheduledItem.objects.filter(cohort=second).count() == 2
    # Running it again dates nothing twice.
    assert cohort_schedule_create(cohort=second) == 0


@pytest.mark.django_db
def test_a_cohort_created_by_a_call_is_dated_and_keeps_its_dates(world, secretariat):
    block_id = with_relative_session(world)
    now = timezone.now()
    call = call_create(
        actor=secretariat,
        course=world.course,
        title="Convocatoria 2027",
        description="",
        opens_at=now,
        closes_at=now + datetime.timedelta(days=20),
        seats=30,
        starts_on=datetime.date(2027, 1, 4),
        time_zone="America/Bogota",
    )
    item = ScheduledItem.objects.get(cohort=call.cohort, block_id=block_id)
    assert item.starts_at == datetime.datetime(2027, 1, 14, 10, 0, tzinfo=BOGOTA)

    # The course moves its session to week 3: the cohort keeps its date, a new one
    # created afterwards gets the new week.
    world.lesson_a.body = [relative_session(week=3)]
    world.lesson_a.body.raw_data[0]["id"] = block_id
    world.lesson_a.save_revision().publish()
    assert when(cohort_schedule(cohort=call.cohort), "live_session") == [item.starts_at]
    later = second_cohort(world, starts_on=datetime.date(2027, 1, 4), name="Cohorte tardía")
    assert when(cohort_schedule(cohort=later), "live_session") == [
        datetime.datetime(2027, 1, 21, 10, 0, tzinfo=BOGOTA)
    ]


@pytest.mark.django_db
def test_moving_a_session_changes_one_cohort_and_tells_its_learners_in_their_language(
    world, django_capture_on_commit_callbacks
):
    block_id = with_relative_session(world)
    first = world.cohort
    cohort_schedule_create(cohort=first)
    second = second_cohort(world, starts_on=timezone.localdate() + datetime.timedelta(days=7))
    group = CohortGroup.objects.create(cohort=second, name="B", tutor=world.tutor)
    spanish = ProfileFactory(preferred_language="es", time_zone="America/Bogota").user
    english = ProfileFactory(preferred_language="en", time_zone="Europe/Madrid").user
    withdrawn = ProfileFactory(preferred_language="en").user
    for person in (spanish, english):
        Enrolment.objects.create(cohort=second, user=person, group=group)
    Enrolment.objects.create(
        cohort=second, user=withdrawn, group=group, status=Enrolment.Status.WITHDRAWN
    )
    before_first = when(cohort_schedule(cohort=first), "live_session")
    new = datetime.datetime.combine(
        second.starts_on + datetime.timedelta(days=10), datetime.time(16, 30), tzinfo=BOGOTA
    )

    with django_capture_on_commit_callbacks(execute=True):
        item = schedule_move(actor=world.tutor, cohort=second, block_id=block_id, starts_at=new)

    assert item.moved and item.original_starts_at < new
    assert when(cohort_schedule(cohort=second), "live_session") == [new]
    assert when(cohort_schedule(cohort=first), "live_session") == before_first
    told = {n.user_id: n for n in Notification.objects.filter(kind="schedule")}
    assert set(told) == {spanish.pk, english.pk}
    assert "Diálogo con la experta" in told[spanish.pk].title
    assert told[spanish.pk].title.startswith("La sesión en vivo")
    assert told[english.pk].title.startswith("The live session")
    # Each in their own zone: 16:30 in Bogotá is 22:30 in Madrid.
    assert "16:30" in told[spanish.pk].title
    assert "22:30" in told[english.pk].title
    assert told[spanish.pk].url == world.lesson_a.url
    # A second run of the task tells nobody twice.
    key = Notification.objects.filter(kind="schedule").first().key
    schedule_change_notify.enqueue(item.pk, key)
    assert Notification.objects.filter(kind="schedule").count() == 2


@pytest.mark.django_db
def test_only_the_secretariat_or_the_cohorts_tutor_moves_and_never_into_the_past(world):
    block_id = with_relative_session(world)
    cohort_schedule_create(cohort=world.cohort)
    other_tutor = UserFactory(full_name="Otra Tutora")
    future = timezone.now() + datetime.timedelta(days=30)
    with pytest.raises(PermissionDenied):
        schedule_move(actor=other_tutor, cohort=world.cohort, block_id=block_id, starts_at=future)
    with pytest.raises(PermissionDenied):
        schedule_move(actor=world.learner, cohort=world.cohort, block_id=block_id, starts_at=future)
    with pytest.raises(ValidationError):
        schedule_move(
            actor=world.tutor,
            cohort=world.cohort,
            block_id=block_id,
            starts_at=timezone.now() - datetime.timedelta(hours=1),
        )
    with pytest.raises(ValidationError):
        schedule_move(actor=world.tutor, cohort=world.cohort, block_id="nope", starts_at=future)
    assert not ScheduledItem.objects.filter(moved_at__isnull=False).exists()


@pytest.mark.django_db
def test_the_tutor_moves_a_session_from_the_schedule_page(client, world):
    block_id = with_relative_session(world)
    cohort_schedule_create(cohort=world.cohort)
    url = reverse("lms:tutoring_schedule", kwargs={"cohort_id": world.cohort.pk})
    client.force_login(world.tutor)
    page = client.get("/en" + url[3:])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Diálogo con la experta" in html and 'type="datetime-local"' in html
    day = world.cohort.starts_on + datetime.timedelta(days=12)

    # A date in the past: the error is on the field, nothing moves.
    refused = client.post(url, {"block": block_id, "starts_at": "2020-01-01T10:00"})
    assert refused.status_code == 400
    assert 'aria-invalid="true"' in refused.content.decode()
    assert not ScheduledItem.objects.filter(moved_at__isnull=False).exists()

    done = client.post(url, {"block": block_id, "starts_at": f"{day.isoformat()}T18:15"})
    assert done.status_code == 302
    item = ScheduledItem.objects.get(cohort=world.cohort, block_id=block_id)
    # The clock time typed is the cohort's, whatever the tutor's own zone.
    assert item.starts_at == datetime.datetime.combine(day, datetime.time(18, 15), tzinfo=BOGOTA)


@pytest.mark.django_db
def test_the_schedule_page_is_only_for_the_cohorts_staff(client, world, secretariat):
    url = reverse("lms:tutoring_schedule", kwargs={"cohort_id": world.cohort.pk})
    client.force_login(world.learner)
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(full_name="Otra Tutora"))
    assert client.get(url).status_code == 404
    mfa_force_login(client, secretariat)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_the_learner_sees_the_cohorts_date_on_the_lesson_and_in_my_learning(client, world):
    block_id = with_relative_session(world)
    cohort_schedule_create(cohort=world.cohort)
    new = timezone.now().astimezone(BOGOTA).replace(microsecond=0, second=0) + datetime.timedelta(
        days=9
    )
    schedule_move(actor=world.tutor, cohort=world.cohort, block_id=block_id, starts_at=new)
    [summary] = learner_courses(user=world.learner)
    sessions = [item for item in summary.calendar if item.kind == "live_session"]
    assert [(item.when, item.moved) for item in sessions] == [(new, True)]

    client.force_login(world.learner)
    html = client.get(world.lesson_a.url).content.decode()
    assert f'datetime="{machine_time(new)}"' in html
    assert 'class="tag"' in html  # "Moved"
