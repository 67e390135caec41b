"""The network's open forum in chromium: an official who belongs to no space opens a
topic there, voices of other actor types reply, and every name carries the badge of
its verified actor type, in posts and in the topic list and its filter. Axe-clean,
keyboard-usable. (The live chat's badge, drawn by static/js/chat.js from the frame,
is tested in test_chat.py: it needs that module's Daphne server.)"""

import uuid

import pytest
from django.utils import timezone

from forum import services
from forum.models import Category, Space, SpaceMembership, Topic
from lms.models import Profile
from tests.e2e.conftest import E2E, axe_violations, guarded_context, sign_in, tab_to
from tests.factories import PASSWORD, ProfileFactory

pytestmark = E2E


def verified(name, actor_type, **profile):
    user = ProfileFactory(user__full_name=name, **profile).user
    Profile.objects.filter(user=user).update(
        actor_type=actor_type, actor_type_verified_at=timezone.now()
    )
    return user


@pytest.fixture
def hemisphere(site_content, settings):
    settings.RIAL_FORUM_FLOOD_SECONDS = 0
    space = Space.objects.create(
        kind=Space.Kind.NETWORK,
        name="Red Interamericana para la Administración Laboral",
        slug="rial",
        description="Abierta a todas las personas con cuenta.",
        readable_by_all=True,
    )
    Category.objects.create(space=space, name="General", slug="general")
    official = verified("Ana Lucía Méndez", "ministry", country="GT")
    union = verified("Rosa Quispe", "workers", country="PE")
    ilo = verified("Claire Dubois", "international", country="PE")
    moderator = verified("Lucía Ferreira", "academia", country="UY")
    SpaceMembership.objects.create(space=space, user=moderator, role="moderator")
    return {
        "space": space,
        "official": official,
        "union": union,
        "ilo": ilo,
        "moderator": moderator,
    }


def test_an_official_opens_a_topic_and_replies_show_actor_badges(browser, live_server, hemisphere):
    space, official = hemisphere["space"], hemisphere["official"]
    context, foreign = guarded_context(browser, live_server.url)
    try:
        page = context.new_page()
        sign_in(page, official.email, PASSWORD)
        page.goto(f"/en/forums/{space.slug}/")
        assert axe_violations(page) == []
        page.get_by_role("link", name="New topic").click()
        page.get_by_label("Title").fill("A common declaration on platform work")
        page.get_by_label("Your message").fill("What should the network's declaration say?")
        page.get_by_role("button", name="Publish the topic").click()
        page.get_by_role("heading", level=1, name="A common declaration").wait_for()
        topic = Topic.objects.get(space=space)
        for who, body in (("union", "Presumption of employment."), ("ilo", "Recommendation 198.")):
            services.post_reply(user=hemisphere[who], topic=topic, body=body, token=uuid.uuid4())
        page.reload()
        page.locator("#post-3").wait_for()
        # Each name with its badge: the short name in text, the full one for screen readers.
        assert page.locator("#post-1 .voice abbr").inner_text() == "Ministry"
        assert page.locator("#post-2 .voice abbr").inner_text() == "Workers"
        assert page.locator("#post-2 .voice abbr").get_attribute("title") == (
            "Workers' organisation"
        )
        assert page.locator("#post-3 .voice .visually-hidden").inner_text() == (
            "(International organisation)"
        )
        assert page.get_by_role("article", name="Rosa Quispe (Workers' organisation)").is_visible()
        assert axe_violations(page) == []
        # The official replies with the keyboard only.
        page.get_by_label("Your reply").focus()
        page.keyboard.type("Ministries will bring their inspection data.")
        tab_to(page, "Post reply", "the reply button", steps=10)
        page.keyboard.press("Enter")
        page.locator("#post-4 .voice", has_text="Ministry").wait_for()

        # The topic list filters by the voice that started a topic, with the keyboard.
        page.goto(f"/en/forums/{space.slug}/")
        tab_to(page, "Workers' organisation", "the workers' filter", steps=60)
        page.keyboard.press("Enter")
        page.wait_for_url("**voice=workers**")
        assert page.get_by_text("No topic here yet.").is_visible()
        page.get_by_role("link", name="Ministry", exact=True).click()
        page.get_by_role("link", name=topic.title).wait_for()
        assert axe_violations(page) == []
    finally:
        context.close()
    assert not foreign
