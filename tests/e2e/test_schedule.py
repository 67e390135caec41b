"""A second run of a course: its own dates, one session moved for it alone, by keyboard."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lms.models import Cohort, CohortGroup, Enrolment
from lms.services.schedule import cohort_schedule_create
from lms.templatetags.lms_tags import machine_time
from tests.course_fixtures import build_course, with_relative_session
from tests.e2e.conftest import E2E, axe_violations, sign_in
from tests.factories import PASSWORD, ProfileFactory

pytestmark = E2E


@pytest.fixture
def two_runs(site_content):
    """The course's first cohort (started a week ago) and a second one starting in two
    weeks, each with a learner; the live session is in week 2 on Thursday at 10:00."""
    world = build_course(starts_on=timezone.localdate() - datetime.timedelta(days=7))
    block_id = with_relative_session(world)
    cohort_schedule_create(cohort=world.cohort)
    second = Cohort.objects.create(
        course=world.course,
        name="Cohorte 2027",
        starts_on=world.cohort.starts_on + datetime.timedelta(weeks=3),
        time_zone="America/Bogota",
    )
    cohort_schedule_create(cohort=second)
    group = CohortGroup.objects.create(cohort=second, name="B", tutor=world.tutor)
    newcomer = ProfileFactory(
        user__full_name="Nueva Participante", preferred_language="en", time_zone="America/Bogota"
    ).user
    Enrolment.objects.create(cohort=second, user=newcomer, group=group)
    return world, second, newcomer, block_id


BOGOTA = ZoneInfo("America/Bogota")  # both cohorts' and the newcomer's zone


def at(day: datetime.date, hour: int, minute: int) -> str:
    """A <time datetime> of that hour in Bogotá, as pages print it (UTC)."""
    return machine_time(datetime.datetime.combine(day, datetime.time(hour, minute), BOGOTA))


def session_day(cohort) -> datetime.date:
    return cohort.starts_on + datetime.timedelta(weeks=1, days=3)


def test_a_second_cohort_has_its_own_dates_and_a_session_moved_for_it(page, two_runs):
    world, second, newcomer, block_id = two_runs
    first_day, second_day = session_day(world.cohort), session_day(second)
    moved_day = second_day + datetime.timedelta(days=1)

    # The tutor moves the second cohort's session by keyboard.
    sign_in(page, world.tutor.email, PASSWORD)
    page.goto(f"/en/me/tutoring/{second.pk}/")
    link = page.get_by_role("link", name="Live sessions and deadlines")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/en/me/tutoring/{second.pk}/schedule/"))
    entry = page.locator(f"#entry-{block_id}")
    expect(entry.locator("time")).to_have_attribute("datetime", at(second_day, 10, 0))
    assert axe_violations(page) == []
    field = entry.get_by_label("New date and time")
    field.fill(f"{moved_day.isoformat()}T15:30")
    entry.get_by_role("button", name="Move").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(
        page.get_by_text("Moved. The cohort's learners are told in their language.")
    ).to_be_visible()
    entry = page.locator(f"#entry-{block_id}")
    expect(entry.locator("time").first).to_have_attribute("datetime", at(moved_day, 15, 30))
    expect(entry).to_contain_text("Moved")
    assert axe_violations(page) == []

    # The first cohort kept its date.
    page.goto(f"/en/me/tutoring/{world.cohort.pk}/schedule/")
    first_entry = page.locator(f"#entry-{block_id}")
    expect(first_entry.locator("time").first).to_have_attribute("datetime", at(first_day, 10, 0))
    expect(first_entry).not_to_contain_text("Moved")

    # The second cohort's learner sees the new date in My learning and on the lesson.
    page.context.clear_cookies()
    sign_in(page, newcomer.email, PASSWORD)
    page.goto("/en/me/learning/")
    calendar = page.locator(".calendar__item--live_session")
    expect(calendar.locator("time")).to_have_attribute("datetime", at(moved_day, 15, 30))
    expect(calendar).to_contain_text("Moved")
    assert axe_violations(page) == []
    page.goto("/en/me/notifications/")
    expect(
        page.get_by_role("link", name=re.compile("The live session .* moved to"))
    ).to_be_visible()
