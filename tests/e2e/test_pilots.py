"""A pilot's follow-up in chromium, by keyboard: a member opens a pilot drawn from a
workshop and follows it; the leading ministry's focal point marks a milestone done;
the member finds it in her notifications, and the pilot on the workshop's page. Every
page axe-clean."""

import datetime
from decimal import Decimal

from django.utils import timezone

from courses.models import Theme
from pilots import services
from pilots.models import Follow, Milestone, Origin
from tests.e2e.conftest import E2E, axe_violations, guarded_context, sign_in
from tests.e2e.test_portfolio import _taxonomy
from tests.factories import PASSWORD, ProfileFactory, UserFactory
from tests.workplan.builders import make_event

pytestmark = E2E


def tab_to_element(page, selector, what, steps=60):
    """Press Tab until the focused element matches ``selector``."""
    for _step in range(steps):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{what} is not reachable with Tab")


def test_a_follower_is_told_when_the_leading_ministry_marks_a_milestone_done(
    browser, live_server, site_content
):
    _taxonomy()
    focal = UserFactory(full_name="Valeria Castro", roles=["participant", "focal_point"])
    ProfileFactory(user=focal, country="AR", institution="Ministerio de Trabajo")
    reader = ProfileFactory(user__full_name="Patrícia Alves", country="BR").user
    workshop = make_event("bogota-e2e", days=-300)
    pilot = services.pilot_create(
        actor=focal,
        origin=Origin.WORKSHOP,
        source=workshop,
        title="Mesas tripartitas provinciales",
        objective="Instalar **dos mesas** tripartitas.",
        leading_country="AR",
        partners=["CL", "PE"],
        theme=Theme.objects.get(code="social-dialogue"),
        starts_on=datetime.date(2023, 3, 1),
        funding_sought=Decimal("120000"),
        funding_obtained=Decimal("45000"),
        funding_source="OIT",
    )
    milestone = services.milestone_add(
        actor=focal,
        pilot=pilot,
        title="Instalación de las dos mesas",
        due_on=timezone.localdate() + datetime.timedelta(days=10),
    )
    address = f"/es/pilots/{pilot.pk}/"
    reader_ctx, reader_foreign = guarded_context(browser, live_server.url)
    focal_ctx, focal_foreign = guarded_context(browser, live_server.url)
    try:
        # A member finds the pilot in the list and follows it, by keyboard.
        page = reader_ctx.new_page()
        sign_in(page, reader.email, PASSWORD)
        page.goto("/es/pilots/")
        assert axe_violations(page) == []
        tab_to_element(page, f'#pilot-list a[href="{address}"]', "the pilot's link")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{address}")
        assert axe_violations(page) == []
        tab_to_element(page, 'button[name="action"][value="follow"]', "the follow button")
        page.keyboard.press("Enter")
        page.locator('button[name="action"][value="unfollow"]').wait_for()
        assert Follow.objects.filter(pilot=pilot, user=reader).exists()

        # The leading ministry's focal point marks the milestone done, by keyboard.
        keeper = focal_ctx.new_page()
        sign_in(keeper, focal.email, PASSWORD)
        keeper.goto(address)
        assert axe_violations(keeper) == []
        tab_to_element(keeper, f"#state-{milestone.pk}", "the milestone's status")
        keeper.keyboard.press("ArrowDown")  # in progress
        keeper.keyboard.press("ArrowDown")  # done
        assert keeper.locator(f"#state-{milestone.pk}").input_value() == "done"
        keeper.keyboard.press("Tab")
        keeper.keyboard.press("Enter")
        keeper.locator("#pilot-milestones .tag--ok").wait_for()
        milestone.refresh_from_db()
        assert milestone.state == Milestone.State.DONE
        assert axe_violations(keeper) == []

        # The follower sees it in her notifications and goes to the pilot.
        page.goto("/es/me/notifications/")
        notice = page.locator(f'a[href="{address}"]').first
        notice.wait_for()
        assert "Instalación de las dos mesas" in page.content()
        assert axe_violations(page) == []
        notice.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{address}")
        assert page.locator("#pilot-milestones .tag--ok").count() == 1

        # The workshop it came from lists it.
        page.goto(f"/es/events/{workshop.slug}/")
        page.locator(f'#pilots-title ~ ul a[href="{address}"]').wait_for()
        assert axe_violations(page) == []
    finally:
        reader_ctx.close()
        focal_ctx.close()
    assert reader_foreign == [] and focal_foreign == []
