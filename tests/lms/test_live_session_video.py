"""A cohort's live session in the platform's video room (lms registers its own owner,
``lms.scheduleditem:<pk>``), against the fake BigBlueButton server: the cohort's
learners join as attendees, its tutors and the secretariat as moderators, a learner
of another cohort is refused; the lesson shows the recordings after the session and
the tutor's schedule the attendance; without a server the plain link stays."""

import datetime
import urllib.parse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.models import Attendance, Cohort, CohortGroup, Enrolment, ScheduledItem, VideoRoom
from lms.selectors.schedule import cohort_dates_forget
from lms.services.schedule import cohort_schedule_create
from tests.course_fixtures import with_relative_session
from tests.factories import ProfileFactory, UserFactory
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db


def _at(item, *, starts_at):
    ScheduledItem.objects.filter(pk=item.pk).update(starts_at=starts_at)
    cohort_dates_forget(item.cohort_id)


@pytest.fixture
def live(world):
    """Lesson A's live session (90 minutes) for the world's cohort, started 5 minutes ago."""
    block_id = with_relative_session(world)
    cohort_schedule_create(cohort=world.cohort)
    item = ScheduledItem.objects.get(cohort=world.cohort, block_id=block_id)
    _at(item, starts_at=timezone.now() - datetime.timedelta(minutes=5))
    world.block_id = block_id
    world.item = item
    return world


def join_url(item):
    return f"/en/video/lms.scheduleditem:{item.pk}/join/"


def lesson_url(world):
    return "/en" + world.lesson_a.url[3:]


def session_url(world):
    url = reverse(
        "lms:tutoring_session", kwargs={"cohort_id": world.cohort.pk, "block_id": world.block_id}
    )
    return "/en" + url[3:]


def _join(client, user, item):
    client.force_login(user)
    return client.get(join_url(item))


def _role(response):
    query = urllib.parse.urlsplit(response["Location"]).query
    return dict(urllib.parse.parse_qsl(query))["role"]


def test_without_a_server_the_lesson_keeps_the_plain_link(client, live):
    client.force_login(live.learner)
    html = client.get(lesson_url(live)).content.decode()
    assert 'href="https://meet.example.org/dialogo"' in html
    assert "/video/" not in html
    client.force_login(live.tutor)
    assert client.get(session_url(live)).status_code == 404


def test_the_learner_joins_from_the_lesson_and_the_tutor_as_moderator(
    client, live, fake_bbb, secretariat
):
    client.force_login(live.learner)
    html = client.get(lesson_url(live)).content.decode()
    assert f'href="{join_url(live.item)}"' in html
    assert "meet.example.org" not in html

    response = _join(client, live.learner, live.item)
    assert response.status_code == 302
    assert response["Location"].startswith(fake_bbb.url + "api/join?")
    assert _role(response) == "VIEWER"
    assert _role(_join(client, live.tutor, live.item)) == "MODERATOR"
    mfa_force_login(client, secretariat)
    assert _role(client.get(join_url(live.item))) == "MODERATOR"
    room = VideoRoom.objects.get(owner_key=f"lms.scheduleditem:{live.item.pk}")
    assert fake_bbb.meetings[room.meeting_id].name == "Diálogo con la experta"
    assert [
        (row.user, row.moderator) for row in Attendance.objects.filter(room=room).order_by("pk")
    ] == [(live.learner, False), (live.tutor, True), (secretariat, True)]


def test_a_learner_of_another_cohort_has_a_room_of_its_own_and_not_this_one(client, live, fake_bbb):
    other = Cohort.objects.create(
        course=live.course, name="Cohorte 2027", starts_on=live.cohort.starts_on
    )
    cohort_schedule_create(cohort=other)
    stranger = ProfileFactory(user__full_name="Jorge Salas").user
    Enrolment.objects.create(cohort=other, user=stranger)
    response = _join(client, stranger, live.item)
    assert response.status_code == 403
    assert _join(client, UserFactory(full_name="Nadie"), live.item).status_code == 403
    # Nor does the other cohort's tutor moderate (or join) this one.
    other_tutor = UserFactory(full_name="Otra Tutora")
    CohortGroup.objects.create(cohort=other, name="B", tutor=other_tutor)
    assert _join(client, other_tutor, live.item).status_code == 403
    assert not Attendance.objects.exists()
    assert fake_bbb.calls == []

    theirs = ScheduledItem.objects.get(cohort=other, block_id=live.block_id)
    assert theirs.pk != live.item.pk
    _at(theirs, starts_at=timezone.now())
    assert _role(_join(client, stranger, theirs)) == "VIEWER"
    assert VideoRoom.objects.filter(owner_key=f"lms.scheduleditem:{theirs.pk}").exists()


def test_the_room_opens_15_minutes_before(client, live, fake_bbb):
    _at(live.item, starts_at=timezone.now() + datetime.timedelta(hours=3))
    response = _join(client, live.learner, live.item)
    assert response.status_code == 302 and response["Location"] == live.lesson_a.url
    html = client.get(lesson_url(live)).content.decode()
    assert "The room opens 15 minutes before the session starts." in html
    assert fake_bbb.calls == []


def test_after_the_session_the_lesson_shows_recordings_and_the_tutor_the_attendance(
    client, live, fake_bbb
):
    _join(client, live.learner, live.item)
    _join(client, live.tutor, live.item)
    room = VideoRoom.objects.get(owner_key=f"lms.scheduleditem:{live.item.pk}")
    fake_bbb.record(room.meeting_id, minutes=85)
    _at(live.item, starts_at=timezone.now() - datetime.timedelta(hours=2))

    client.force_login(live.learner)
    html = client.get(lesson_url(live)).content.decode()
    assert "Recordings" in html and "(85 minutes)" in html
    assert fake_bbb.url in html  # the playback address
    assert "Attendance" not in html
    assert f'href="{join_url(live.item)}"' not in html  # over: no way in

    client.force_login(live.tutor)
    schedule_url = reverse("lms:tutoring_schedule", kwargs={"cohort_id": live.cohort.pk})
    schedule = client.get("/en" + schedule_url[3:]).content.decode()
    assert f'href="{session_url(live)}"' in schedule
    page = client.get(session_url(live))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Attendance" in html
    assert "Lucía Méndez" in html and "Tutora Ramírez" in html
    assert "(85 minutes)" in html


def test_only_the_cohorts_staff_see_the_tutors_page(client, live, fake_bbb):
    client.force_login(live.learner)
    assert client.get(session_url(live)).status_code == 404
    client.force_login(UserFactory(full_name="Otra Tutora"))
    assert client.get(session_url(live)).status_code == 404


def _lesson_queries(client, url) -> int:
    client.get(url)  # caches warm, the visit recorded
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_room_costs_the_lesson_page_at_most_one_query(client, live, settings):
    client.force_login(live.learner)
    plain = _lesson_queries(client, lesson_url(live))
    from tests.video_fake import FakeBigBlueButton

    server = FakeBigBlueButton().start()
    try:
        settings.BBB_URL = server.url
        settings.BBB_SECRET = server.secret
        with_room = _lesson_queries(client, lesson_url(live))
    finally:
        server.stop()
    assert with_room <= plain + 1
