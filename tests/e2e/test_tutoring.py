"""A tutor follows a large cohort: filters, pages and reminders, by keyboard, axe-clean."""

import re

import pytest
from playwright.sync_api import expect

from tests.course_fixtures import build_course, sixty_learners_one_waiting
from tests.e2e.conftest import E2E, axe_violations, sign_in
from tests.factories import PASSWORD

pytestmark = E2E


@pytest.fixture
def cohort_of_61(site_content):
    world = build_course()
    sixty_learners_one_waiting(world)
    return world


def learner_boxes(page):
    return page.locator('main input[name="enrolment"]')


def test_a_tutor_filters_pages_and_reminds_by_keyboard(page, cohort_of_61):
    world = cohort_of_61
    sign_in(page, world.tutor.email, PASSWORD)
    page.goto(f"/en/me/tutoring/{world.cohort.pk}/")
    counts = page.locator("#learner-counts")
    expect(counts).to_contain_text("61 learners")
    expect(counts).to_contain_text("waiting for feedback: 1")
    # Who needs the tutor comes first; one page holds 50.
    expect(learner_boxes(page)).to_have_count(50)
    expect(page.locator("main tbody tr").first).to_contain_text("Aprendiz 59")
    assert axe_violations(page) == []

    # A name, typed and sent with Enter.
    page.get_by_label("Name or email").focus()
    page.keyboard.type("aprendiz 07")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=aprendiz\+07"))
    expect(learner_boxes(page)).to_have_count(1)
    expect(page.locator("main tbody")).to_contain_text("Aprendiz 07")
    assert axe_violations(page) == []
    show_everyone = page.get_by_role("link", name="Show everyone")
    show_everyone.focus()
    page.keyboard.press("Enter")
    expect(learner_boxes(page)).to_have_count(50)

    # "Waiting for feedback", chosen from the list and sent with the Filter button.
    page.get_by_label("Show").select_option("waiting")
    page.get_by_role("button", name="Filter").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"status=waiting"))
    expect(learner_boxes(page)).to_have_count(1)
    expect(page.locator("main tbody")).to_contain_text("Aprendiz 59")

    # A search that fills two pages: the second keeps the filter.
    page.goto(f"/en/me/tutoring/{world.cohort.pk}/?q=aprendiz")
    expect(learner_boxes(page)).to_have_count(50)
    expect(page.get_by_text("Page 1 of 2")).to_be_visible()
    next_page = page.get_by_role("link", name=re.compile("Next"))
    next_page.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=aprendiz.*page=2"))
    expect(learner_boxes(page)).to_have_count(10)
    assert axe_violations(page) == []

    # Two learners of this page ticked with the space bar and reminded; the tutor
    # comes back to the same page of the same search.
    for name in ("Aprendiz 50", "Aprendiz 51"):
        page.get_by_label(name, exact=True).focus()
        page.keyboard.press("Space")
    page.get_by_role("button", name="Send a reminder to the chosen learners").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=aprendiz.*page=2"))
    expect(page.get_by_text("Reminder sent to 2 learners.")).to_be_visible()
    expect(learner_boxes(page)).to_have_count(10)
    assert axe_violations(page) == []
