"""The person's calendar, by keyboard: from My learning to the month, then the agenda."""

import datetime
import re
import uuid
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from forum.models import OfficeHour, OfficeHourSubscription, Room
from tests.course_fixtures import build_course
from tests.e2e.conftest import E2E, axe_violations, sign_in
from tests.factories import PASSWORD, ProfileFactory, SpaceFactory

pytestmark = E2E


@pytest.fixture
def learner(site_content):
    """A learner in Madrid's zone, in a cohort that starts today (its live session is in
    three days), subscribed to an office hour this month (tomorrow, or yesterday on the
    month's last day)."""
    person = ProfileFactory(
        user__full_name="Lucía Calendario", preferred_language="en", time_zone="Europe/Madrid"
    ).user
    build_course(learner=person)
    expert = ProfileFactory(user__full_name="Patrícia Alves").user
    space = SpaceFactory(kind="experts")
    day = datetime.timedelta(days=1)
    madrid = zoneinfo.ZoneInfo("Europe/Madrid")
    # At 10:00 in Madrid: an hour that starts late in the evening ends the next day and
    # shows on both (the test failed between 23:00 and midnight there).
    now = timezone.now().astimezone(madrid).replace(hour=10, minute=0, second=0, microsecond=0)
    same_month = (now + day).month == now.month
    session = OfficeHour.objects.create(
        space=space,
        expert=expert,
        topic="Protocolos de denuncia",
        language="es",
        starts_at=now + day if same_month else now - day,
        time_zone="America/Sao_Paulo",
        room=Room.objects.create(space=space, name="Sesión", slug=f"oh-{uuid.uuid4().hex[:8]}"),
    )
    OfficeHourSubscription.objects.create(session=session, user=person)
    return person


def tab_to(page, name, limit=60):
    """Press Tab until the link named ``name`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if (
            page.evaluate("document.activeElement && document.activeElement.textContent.trim()")
            == name
        ):
            return
    raise AssertionError(f"{name!r} is not reachable by keyboard")


def test_from_my_learning_to_the_month_and_the_agenda_by_keyboard(page, learner):
    sign_in(page, learner.email, PASSWORD)
    page.goto("/en/me/learning/")
    tab_to(page, "My calendar: sessions, deadlines, office hours and events")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/me/calendar/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My calendar")
    expect(page.locator("td[aria-current=date]")).to_have_count(1)
    expect(page.get_by_text("Times in Europe/Madrid")).to_be_visible()
    expect(page.get_by_role("columnheader").first).to_contain_text("Mon")
    expect(
        page.get_by_role(
            "link", name="Office hours with Patrícia Alves: Protocolos de denuncia", exact=True
        )
    ).to_have_count(1)
    assert axe_violations(page) == []

    # The next month, then the agenda.
    tab_to(page, re.sub(r"\s+", " ", page.locator("a[rel=next]").inner_text()).strip())
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?month=\d{4}-\d{2}$"))
    expect(page.locator("td[aria-current=date]")).to_have_count(0)
    tab_to(page, "Agenda")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/me/calendar/agenda/$"))
    expect(page.get_by_role("heading", name="The next 60 days")).to_be_visible()
    expect(page.get_by_role("link", name="Sesión en vivo", exact=True)).to_be_visible()
    expect(page.get_by_label("Private address")).to_have_value(
        re.compile(r"/calendar/[\w-]+\.ics$")
    )
    assert axe_violations(page) == []
