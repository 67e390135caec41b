"""A body's meeting in chromium, the secretariat's cycle: schedule the meeting, record
attendance (quorum), record an agreement, write and circulate the minutes, a member
comments, the secretariat records the approval, and the open agreement shows on the
next meeting's page. axe finds nothing serious on the way."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from bodies.models import Body, Meeting, Member, Minutes, Seat
from tests.e2e.conftest import E2E, axe_violations, guarded_context, sign_in
from tests.factories import PASSWORD, ProfileFactory

pytestmark = E2E


@pytest.fixture
def body(site_content, secretariat):
    body = Body.objects.create(
        slug="red",
        name="Red de puntos focales de género",
        kind=Body.Kind.FOCAL_POINTS,
        time_zone="America/Bogota",
    )
    seats = [
        Seat.objects.create(body=body, country=code, constituency="government")
        for code in ("AR", "CL", "PE")
    ]
    member = ProfileFactory(user__full_name="Camila Fuentes", country="CL").user
    Member.objects.create(
        body=body,
        seat=seats[1],
        user=member,
        starts_on=timezone.localdate() - datetime.timedelta(days=10),
    )
    starts = timezone.now() + datetime.timedelta(days=60)
    Meeting.objects.create(
        body=body,
        title="Next meeting",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        format="virtual",
        link="https://meet.example.org/red",
    )
    return body, member


def test_the_secretariats_meeting_cycle(browser, live_server, secretariat, body):
    body, member = body
    today = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo("America/Bogota")).date()
    day = (today - datetime.timedelta(days=1)).isoformat()
    staff_ctx, staff_foreign = guarded_context(browser, live_server.url)
    member_ctx, member_foreign = guarded_context(browser, live_server.url)
    try:
        staff = staff_ctx.new_page()
        sign_in(staff, secretariat.email, PASSWORD)
        staff.goto(f"/en/bodies/{body.slug}/")
        staff.get_by_role("link", name="Schedule a meeting").click()
        staff.get_by_label("Title").fill("Annual meeting")
        staff.get_by_label("Starts").fill(f"{day}T09:00")
        staff.get_by_label("Ends").fill(f"{day}T12:00")
        staff.get_by_label("In person").check()
        staff.get_by_label("Place").fill("Panama City")
        staff.get_by_role("button", name="Save").click()
        staff.get_by_role("heading", level=1, name="Annual meeting").wait_for()

        staff.get_by_role("link", name="Record attendance").click()
        staff.get_by_label("Argentina (Government)").select_option("present")
        staff.get_by_label("Chile (Government)").select_option("represented")
        staff.get_by_label("Peru (Government)").select_option("absent")
        assert axe_violations(staff) == []
        staff.get_by_role("button", name="Save the attendance").click()
        staff.get_by_text("Quorum reached").wait_for()

        staff.get_by_role("link", name="Record an agreement").click()
        staff.get_by_label("Agreement").fill("Gather the inspection protocols.")
        staff.get_by_label("Owner").select_option(label="Chile (Government)")
        staff.get_by_role("button", name="Save the agreement").click()
        staff.get_by_text("Gather the inspection protocols.").wait_for()

        staff.get_by_role("link", name="Write the minutes").click()
        staff.get_by_label("Minutes").fill("The body agreed to gather the protocols.")
        staff.get_by_role("button", name="Save the minutes").click()
        staff.get_by_role("button", name="Circulate to the members").click()
        staff.get_by_text("Circulated for comments").wait_for()
        assert axe_violations(staff) == []

        other = member_ctx.new_page()
        sign_in(other, member.email, PASSWORD)
        other.goto(staff.url.replace(live_server.url, ""))
        other.get_by_label("Your comment on the minutes").fill("Add Chile's protocol.")
        other.get_by_role("button", name="Send the comment").click()
        other.get_by_text("Add Chile's protocol.").wait_for()
        assert axe_violations(other) == []

        staff.reload()
        staff.get_by_text("Add Chile's protocol.").wait_for()
        staff.get_by_role("button", name="Record the body's approval").click()
        staff.get_by_text("The minutes are approved.").wait_for()
        assert Minutes.objects.get().status == Minutes.Status.APPROVED
        assert staff.get_by_role("link", name="Write the minutes").count() == 0

        staff.goto(f"/en/bodies/{body.slug}/")
        staff.get_by_role("link", name="Next meeting").click()
        staff.get_by_role("heading", name="Open agreements from earlier meetings").wait_for()
        staff.get_by_text("Gather the inspection protocols.").wait_for()
        assert axe_violations(staff) == []
    finally:
        staff_ctx.close()
        member_ctx.close()
    assert not staff_foreign and not member_foreign


def test_an_ad_hoc_group_answers_a_meetings_question(
    browser, live_server, secretariat, body, settings
):
    """The secretariat convenes a group from the meeting's page, the expert accepts,
    writes, sends and signs the opinion (with the keyboard where it matters), the
    secretariat publishes it, and a visitor finds it in the documentation centre."""
    from expertgroups.models import Consultation
    from forum.models.experts import ExpertProfile

    body, _member = body
    settings.WAGTAILADMIN_BASE_URL = live_server.url  # the documents' links to the opinion
    expert = ProfileFactory(user__full_name="Ana Experta", country="BR").user
    ExpertProfile.objects.create(user=expert)
    meeting = body.meetings.get()
    deadline = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    staff_ctx, staff_foreign = guarded_context(browser, live_server.url)
    expert_ctx, expert_foreign = guarded_context(browser, live_server.url)
    try:
        staff = staff_ctx.new_page()
        sign_in(staff, secretariat.email, PASSWORD)
        staff.goto(f"/en/bodies/{body.slug}/meetings/{meeting.pk}/")
        staff.get_by_role("link", name="Convene an ad-hoc group for a question").click()
        assert axe_violations(staff) == []
        staff.get_by_label("Question").fill("Which inspection criteria for platform work?")
        staff.get_by_label("Terms of reference").fill("Review the laws; **propose** criteria.")
        staff.get_by_label("Deadline for the opinion").fill(deadline)
        staff.get_by_label("Language of the opinion").select_option("en")
        staff.get_by_label("Ana Experta").check()
        staff.get_by_role("button", name="Convene the group and invite the experts").click()
        staff.get_by_text("The group is convened and the experts are invited.").wait_for()
        assert axe_violations(staff) == []
        question = staff.url.replace(live_server.url, "")

        page = expert_ctx.new_page()
        sign_in(page, expert.email, PASSWORD)
        page.goto(question)
        assert axe_violations(page) == []
        page.get_by_role("button", name="Accept and join the group").focus()
        page.keyboard.press("Enter")
        page.get_by_text("Welcome to the group").wait_for()
        page.get_by_role("link", name="Write the opinion").click()
        page.get_by_label("Opinion").fill("## Criteria\n\n1. Register the platforms.")
        assert axe_violations(page) == []
        page.get_by_role("button", name="Save the opinion").click()
        page.get_by_role("button", name="Send for signature").click()
        page.get_by_role("button", name="Sign the opinion").click()
        page.get_by_text("You signed the opinion.").wait_for()
        assert axe_violations(page) == []

        staff.reload()
        staff.get_by_role("button", name="Publish to the documentation centre").click()
        staff.get_by_text("The opinion is published in the documentation centre").wait_for()
        assert Consultation.objects.get().status == "delivered"

        # A visitor (the body is not public) finds it in the documentation centre.
        page.context.clear_cookies()
        page.goto("/en/documents/?q=platform")
        page.get_by_role("link", name="Technical opinion: Which inspection criteria").click()
        page.get_by_role("heading", name="Criteria", exact=True).wait_for()
        page.get_by_text("Signed on").wait_for()
        assert axe_violations(page) == []
    finally:
        staff_ctx.close()
        expert_ctx.close()
    assert not staff_foreign and not expert_foreign
