"""A community of practice in chromium: a focal point asks to join, a coordinator
approves, the new member finds the roster; axe finds nothing serious on the way."""

import datetime

import pytest
from django.utils import timezone

from forum.models import Category, JoinRequest, Room, Space, SpaceEvent, SpaceMembership
from tests.e2e.conftest import E2E, axe_violations, guarded_context, sign_in
from tests.factories import PASSWORD, ProfileFactory

pytestmark = E2E


@pytest.fixture
def network(site_content):
    space = Space.objects.create(
        kind=Space.Kind.COMMUNITY,
        name="Red de puntos focales de género",
        slug="red-genero",
        description="La red de puntos focales de género de los ministerios de trabajo.",
        purpose="Que la **igualdad de género** sea parte del trabajo de cada ministerio.",
        areas_of_action="Convenio 190\nEconomía del cuidado",
        join_policy=Space.JoinPolicy.REQUEST,
    )
    Room.objects.create(space=space, name="Sala de la red", slug="sala-red")
    Category.objects.create(space=space, name="General", slug="general")
    coordinator = ProfileFactory(
        user__full_name="Valeria Castro",
        country="AR",
        institution="Secretaría de Trabajo de Argentina",
        position="Coordinadora de género",
    ).user
    member = ProfileFactory(user__full_name="Camila Fuentes", country="CL").user
    SpaceMembership.objects.create(space=space, user=coordinator, role="coordinator")
    SpaceMembership.objects.create(
        space=space, user=member, phone="+56 2 2753 0400", show_phone=True
    )
    SpaceEvent.objects.create(
        space=space,
        kind=SpaceEvent.Kind.VIRTUAL_DIALOGUE,
        title="Diálogo virtual sobre el Convenio 190",
        starts_at=timezone.now() - datetime.timedelta(days=40),
        duration_minutes=180,
        outcome="Se acordó reunir los protocolos de inspección.",
        outcome_html="<p>Se acordó reunir los protocolos de inspección.</p>",
    )
    SpaceEvent.objects.create(
        space=space,
        kind=SpaceEvent.Kind.MEETING,
        title="Reunión semestral",
        starts_at=timezone.now() + datetime.timedelta(days=20),
        duration_minutes=180,
    )
    applicant = ProfileFactory(
        user__full_name="Diego Armando Salazar",
        country="PE",
        institution="Ministerio de Trabajo y Promoción del Empleo del Perú",
    ).user
    return space, coordinator, member, applicant


def test_a_focal_point_asks_to_join_and_a_coordinator_approves(browser, live_server, network):
    space, coordinator, _member, applicant = network
    diego_ctx, diego_foreign = guarded_context(browser, live_server.url)
    valeria_ctx, valeria_foreign = guarded_context(browser, live_server.url)
    try:
        diego = diego_ctx.new_page()
        sign_in(diego, applicant.email, PASSWORD)
        diego.goto("/en/communities/")
        diego.get_by_role("link", name=space.name).click()
        diego.get_by_role("heading", level=1, name=space.name).wait_for()
        diego.get_by_role("heading", name="Steering committee").wait_for()
        assert diego.get_by_text("Valeria Castro").is_visible()
        assert "2753 0400" not in diego.content()  # contact data are for the members
        assert axe_violations(diego) == []
        diego.get_by_label("Message to the coordinators").fill(
            "I am the gender focal point of the Ministry of Labour of Peru."
        )
        diego.get_by_role("button", name="Ask to join").click()
        diego.get_by_role("button", name="Withdraw my request").wait_for()
        assert JoinRequest.objects.get().status == JoinRequest.Status.PENDING
        assert axe_violations(diego) == []
        diego.goto(f"/en/communities/{space.slug}/roster/")
        assert "2753 0400" not in diego.content()

        valeria = valeria_ctx.new_page()
        sign_in(valeria, coordinator.email, PASSWORD)
        valeria.goto(f"/en/communities/{space.slug}/")
        valeria.get_by_role("link", name="Requests to join").click()
        valeria.get_by_role("heading", name="Diego Armando Salazar").wait_for()
        assert axe_violations(valeria) == []
        valeria.get_by_role("button", name="Approve Diego Armando Salazar").click()
        valeria.get_by_text("No request is waiting.").wait_for()
        assert SpaceMembership.objects.filter(space=space, user=applicant).exists()

        diego.goto(f"/en/communities/{space.slug}/")
        diego.get_by_text("You are a member").wait_for()
        diego.get_by_role("link", name="Members and contacts").click()
        diego.get_by_role("heading", level=1, name="Members and contacts").wait_for()
        assert diego.get_by_text("+56 2 2753 0400").is_visible()
        assert axe_violations(diego) == []
        diego.get_by_role("link", name="Choose what the members see of me").click()
        diego.get_by_label("Telephone", exact=True).fill("+51 1 630 6000")
        diego.get_by_label("Show my telephone to the members").check()
        diego.get_by_role("button", name="Save").click()
        diego.get_by_role("heading", level=1, name="Members and contacts").wait_for()
        assert diego.get_by_text("+51 1 630 6000").is_visible()
    finally:
        diego_ctx.close()
        valeria_ctx.close()
    assert not diego_foreign and not valeria_foreign


def test_coordinator_pages_pass_axe(page, live_server, network):
    space, coordinator, _member, _applicant = network
    sign_in(page, coordinator.email, PASSWORD)
    page.goto(f"/en/communities/{space.slug}/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Schedule a dialogue or meeting").click()
    page.get_by_role("heading", level=1, name="Schedule a dialogue or meeting").wait_for()
    assert axe_violations(page) == []
    page.goto(f"/en/communities/{space.slug}/roster/")
    assert axe_violations(page) == []
    event = SpaceEvent.objects.get(kind="dialogue")
    page.goto(f"/en/communities/{space.slug}/events/{event.pk}/")
    assert axe_violations(page) == []
    page.goto("/en/communities/")
    assert axe_violations(page) == []
