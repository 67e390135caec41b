"""A funding call reaches the people who follow its theme, in chromium: a member follows
a theme on the funding page with the keyboard, the secretariat publishes a call a focal
point suggested, the member finds the notification and opens the call with the
keyboard. axe finds nothing serious on the way."""

import datetime

from django.utils import timezone

from courses.models import Theme
from funding import services
from funding.models import Funder
from lms.choices import Role
from tests.e2e.conftest import E2E, axe_violations, guarded_context, sign_in, tab_to
from tests.e2e.test_portfolio import _taxonomy
from tests.factories import PASSWORD, ProfileFactory

pytestmark = E2E

TITLE = "Labour inspection with data: technical support"


def test_a_follower_is_told_of_a_published_call_and_opens_it(
    browser, live_server, site_content, secretariat, step_clock
):
    _taxonomy()
    inspection = Theme.objects.select_related("area").get(code="labour-inspection")
    funder = Funder.objects.create(name="Example Bank", slug="example-bank", kind="bank")
    focal = ProfileFactory(
        user__full_name="Marie Joseph", user__roles=[Role.FOCAL_POINT], country="HT"
    ).user
    call = services.call_suggest(
        user=focal,
        funder=funder,
        title=TITLE,
        summary="Demo call: amounts are examples.",
        themes=[inspection],
        countries=["HT", "JM"],
        deadline=timezone.localdate() + datetime.timedelta(days=20),
        how_to_apply="1. Write a concept note\n2. Send it",
        language="en",
    )
    member = ProfileFactory(user__full_name="Ana Torres", preferred_language="en").user
    member_ctx, member_foreign = guarded_context(browser, live_server.url, locale="en-GB")
    staff_ctx, staff_foreign = guarded_context(browser, live_server.url)
    try:
        page = member_ctx.new_page()
        sign_in(page, member.email, PASSWORD)
        page.goto("/en/funding/")
        label = f"{inspection.area.name_en} — {inspection.name_en}"
        page.get_by_label(label, exact=True).focus()
        page.keyboard.press("Space")
        assert page.get_by_label(label, exact=True).is_checked()
        tab_to(page, "Save the themes I follow", "the follow form's button", steps=200)
        page.keyboard.press("Enter")
        page.get_by_text("The themes you follow are saved.").wait_for()
        assert page.get_by_label(label, exact=True).is_checked()
        assert axe_violations(page) == []

        staff = staff_ctx.new_page()
        sign_in(staff, secretariat.email, PASSWORD, clock=step_clock)
        staff.goto("/en/funding/review/")
        assert axe_violations(staff) == []
        staff.get_by_role("button", name=f"Publish {TITLE}", exact=True).click()
        staff.get_by_text("Decision recorded.").wait_for()

        page.goto("/en/me/notifications/")
        link = page.get_by_role("link", name=f"New funding call (Example Bank): {TITLE}")
        link.wait_for()
        assert axe_violations(page) == []
        tab_to(page, link.text_content().strip(), "the notification's link", steps=80)
        page.keyboard.press("Enter")
        page.get_by_role("heading", level=1, name=TITLE).wait_for()
        assert page.url.endswith(f"/en/funding/calls/{call.pk}/")
        page.get_by_text("Haiti, Jamaica").wait_for()
        assert axe_violations(page) == []
    finally:
        member_ctx.close()
        staff_ctx.close()
    assert not member_foreign and not staff_foreign
