"""Joining a community dialogue's video room in chromium, against the fake
BigBlueButton server: a member tabs to "Join the session" and lands in the meeting
as attendee, the coordinator as moderator; attendance is kept, and the recording is
listed on the page afterwards; a learner joins the cohort's live session from the
lesson; axe finds nothing serious on the way."""

import datetime

import pytest
from django.utils import timezone

from forum.models import Space, SpaceEvent, SpaceMembership
from lms.models import Attendance, ScheduledItem, VideoRoom
from lms.selectors.schedule import cohort_dates_forget
from lms.services.schedule import cohort_schedule_create
from lms.services.video import video_attendance_sync
from tests.course_fixtures import build_course, with_relative_session
from tests.e2e.conftest import E2E, PATIENCE_MS, axe_violations, sign_in, tab_to
from tests.factories import PASSWORD, ProfileFactory

pytestmark = E2E


@pytest.fixture
def dialogue(site_content):
    space = Space.objects.create(
        kind=Space.Kind.COMMUNITY,
        name="Red de inspección del trabajo",
        slug="red-inspeccion",
        join_policy=Space.JoinPolicy.REQUEST,
    )
    coordinator = ProfileFactory(user__full_name="Valeria Castro", country="AR").user
    member = ProfileFactory(user__full_name="Camila Fuentes", country="CL").user
    SpaceMembership.objects.create(space=space, user=coordinator, role="coordinator")
    SpaceMembership.objects.create(space=space, user=member)
    event = SpaceEvent.objects.create(
        space=space,
        kind=SpaceEvent.Kind.VIRTUAL_DIALOGUE,
        title="Diálogo virtual sobre inspección",
        starts_at=timezone.now() - datetime.timedelta(minutes=5),
        duration_minutes=90,
        link="https://meet.example.org/no-longer-used",
    )
    return event, coordinator, member


def _context(browser, live_server, fake_bbb):
    """A browser context that may visit the platform and the fake video server only."""
    context = browser.new_context(
        base_url=live_server.url, locale="es-ES", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(PATIENCE_MS)
    foreign = []
    allowed = (live_server.url, fake_bbb.url.rstrip("/").rsplit("/", 1)[0])

    def guard(route):
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return context, foreign


def _join_with_the_keyboard(page, event):
    page.goto(f"/en/communities/{event.space.slug}/events/{event.pk}/")
    page.get_by_role("heading", level=1, name=event.title).wait_for()
    assert axe_violations(page) == []
    tab_to(page, "Join the session", "The join button", steps=60)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/bigbluebutton/api/join?" in url)
    return page.locator("#who").inner_text()


def test_members_join_the_room_by_role_and_find_attendance_and_recordings(
    browser, live_server, dialogue, fake_bbb
):
    event, coordinator, member = dialogue
    context, foreign = _context(browser, live_server, fake_bbb)
    try:
        camila = context.new_page()
        sign_in(camila, member.email, PASSWORD)
        assert _join_with_the_keyboard(camila, event) == "Camila Fuentes joined as VIEWER"
        context.clear_cookies()
        valeria = context.new_page()
        sign_in(valeria, coordinator.email, PASSWORD)
        assert _join_with_the_keyboard(valeria, event) == "Valeria Castro joined as MODERATOR"

        room = VideoRoom.objects.get()
        assert set(
            Attendance.objects.filter(room=room).values_list("user__email", "moderator")
        ) == {(member.email, False), (coordinator.email, True)}

        # Camila leaves; the periodic job reads it from the server a while later.
        fake_bbb.leave(room.meeting_id, member.pk)
        video_attendance_sync(now=timezone.now() + datetime.timedelta(minutes=30))
        assert Attendance.objects.get(user=member).seconds >= 29 * 60
        fake_bbb.record(room.meeting_id, minutes=85)
        # The session is over (its time moved back): the page lists the recording.
        SpaceEvent.objects.filter(pk=event.pk).update(
            starts_at=timezone.now() - datetime.timedelta(hours=2)
        )

        valeria.goto(f"/en/communities/{event.space.slug}/events/{event.pk}/")
        recordings = valeria.get_by_role("region", name="Recordings")
        recordings.get_by_role("link", name="Watch the recording").wait_for()
        attendance = valeria.get_by_role("region", name="Attendance")
        assert "Camila Fuentes" in attendance.inner_text()
        assert "still in the room" in attendance.inner_text()  # Valeria
        assert axe_violations(valeria) == []
    finally:
        context.close()
    assert not foreign, f"pages asked other hosts for: {foreign}"


@pytest.fixture
def course_session(site_content):
    """A course's live session for the cohort, started 5 minutes ago."""
    world = build_course()
    block_id = with_relative_session(world)
    cohort_schedule_create(cohort=world.cohort)
    item = ScheduledItem.objects.get(cohort=world.cohort, block_id=block_id)
    ScheduledItem.objects.filter(pk=item.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    cohort_dates_forget(world.cohort.pk)
    return world, item


def test_a_learner_joins_the_cohorts_live_session_from_the_lesson_with_the_keyboard(
    browser, live_server, course_session, fake_bbb
):
    world, item = course_session
    context, foreign = _context(browser, live_server, fake_bbb)
    try:
        page = context.new_page()
        sign_in(page, world.learner.email, PASSWORD)
        page.goto(world.lesson_a.url)  # the course is in Spanish
        page.get_by_role("heading", level=2, name="Diálogo con la experta").wait_for()
        assert axe_violations(page) == []
        tab_to(page, "Unirse a la sesión", "The join button", steps=80)
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/bigbluebutton/api/join?" in url)
        assert page.locator("#who").inner_text() == "Lucía Méndez joined as VIEWER"
        room = VideoRoom.objects.get(owner_key=f"lms.scheduleditem:{item.pk}")
        assert Attendance.objects.filter(room=room, user=world.learner).exists()
    finally:
        context.close()
    assert not foreign, f"pages asked other hosts for: {foreign}"
