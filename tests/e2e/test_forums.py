"""A workshop follow-up in chromium: ask, get an answer from an expert, accept it."""

import pytest

from forum.models import Category, Space, SpaceMembership, Topic
from lms.choices import Role
from tests.e2e.conftest import E2E, axe_violations, guarded_context, sign_in, tab_to
from tests.factories import PASSWORD, ProfileFactory, UserFactory

pytestmark = E2E


@pytest.fixture
def follow_up(site_content, settings):
    settings.RIAL_FORUM_FLOOD_SECONDS = 0
    space = Space.objects.create(
        kind="workshop",
        name="Seguimiento · Taller de diálogo social (Bogotá, 2022)",
        slug="taller-bogota",
        description="Quienes participaron siguen conversando.",
    )
    Category.objects.create(space=space, name="Preguntas", slug="preguntas")
    Category.objects.create(space=space, name="Experiencias", slug="experiencias")
    participant = ProfileFactory(user__full_name="Diego Salazar").user
    expert = UserFactory(full_name="Patrícia Alves", roles=[Role.PARTICIPANT, Role.EXPERT])
    ProfileFactory(user=expert)
    SpaceMembership.objects.create(space=space, user=participant)
    SpaceMembership.objects.create(space=space, user=expert, role="moderator")
    return space, participant, expert


def test_participant_asks_expert_answers_participant_accepts(browser, live_server, follow_up):
    space, participant, expert = follow_up
    diego_ctx, diego_foreign = guarded_context(browser, live_server.url)
    patricia_ctx, patricia_foreign = guarded_context(browser, live_server.url)
    try:
        diego = diego_ctx.new_page()
        sign_in(diego, participant.email, PASSWORD)
        diego.goto("/en/forums/")
        diego.get_by_role("link", name=space.name).click()
        assert axe_violations(diego) == []
        diego.get_by_role("link", name="New topic").click()
        diego.get_by_label("Category").select_option(label="Preguntas")
        diego.get_by_label("Title").fill("How do we make a regional tripartite table official?")
        diego.get_by_label("Your message").fill(
            "We want to replicate the **national table** in three regions. Resolution or minutes?"
        )
        diego.get_by_label("This is a question").check()
        diego.get_by_role("button", name="Preview").click()
        diego.locator("#post-preview strong", has_text="national table").wait_for()
        diego.get_by_role("button", name="Publish the topic").click()
        diego.get_by_role("heading", level=1, name="How do we make a regional").wait_for()
        assert diego.get_by_text("Waiting for an answer").first.is_visible()
        topic = Topic.objects.get()

        patricia = patricia_ctx.new_page()
        sign_in(patricia, expert.email, PASSWORD)
        patricia.goto(f"/en/forums/{space.slug}/")
        patricia.get_by_role("link", name=topic.title).click()
        patricia.get_by_label("Your reply").fill(
            "A **ministerial resolution** creates it; the table adopts its own rules. "
            "@diego-salazar, I will send you the model."
        )
        patricia.get_by_role("button", name="Post reply").click()
        patricia.locator("#post-2").wait_for()
        assert axe_violations(patricia) == []

        diego.goto(f"/en/forums/t/{topic.pk}/")
        diego.locator("#post-2 strong", has_text="ministerial resolution").wait_for()
        diego.get_by_role("button", name="Mark as the accepted answer").click()
        diego.get_by_role("heading", name="Accepted answer").wait_for()
        assert diego.locator(".accepted-answer").inner_text().count("ministerial resolution") == 1
        assert axe_violations(diego) == []
        topic.refresh_from_db()
        assert topic.accepted_post.number == 2

        diego.goto(f"/en/forums/{space.slug}/?status=answered")
        diego.get_by_role("link", name=topic.title).wait_for()
        diego.goto("/en/forums/search/?q=resolution")
        diego.get_by_role("link", name=topic.title).first.wait_for()
        assert axe_violations(diego) == []
        # The expert was notified of nothing she wrote; Diego of the mention.
        diego.goto("/en/me/notifications/")
        assert "mentioned you" in diego.content() or "mencion" in diego.content()
    finally:
        diego_ctx.close()
        patricia_ctx.close()
    assert not diego_foreign and not patricia_foreign


def test_forum_pages_work_with_the_keyboard(page, live_server, follow_up):
    space, participant, _expert = follow_up
    sign_in(page, participant.email, PASSWORD)
    page.goto(f"/en/forums/{space.slug}/new/")
    # Sent without a category: the form says so and keeps the text.
    page.get_by_label("Title").fill("Asked with the keyboard")
    page.get_by_role("button", name="Publish the topic").click()
    assert page.get_by_label("Title").input_value() == "Asked with the keyboard"
    assert page.locator(".errorlist").first.is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Category").focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("Asked with the keyboard")
    page.keyboard.press("Tab")
    page.keyboard.type("Only Tab and Enter.")
    tab_to(page, "Publish the topic", "the publish button", steps=15)
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Asked with the keyboard").wait_for()
    page.goto(f"/en/forums/{space.slug}/members/")
    assert axe_violations(page) == []
    page.goto("/en/forums/")
    assert axe_violations(page) == []
