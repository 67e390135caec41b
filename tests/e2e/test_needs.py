"""Needs in chromium: a ministry's focal point states a need with the keyboard, reads the
platform's suggestions (a programme of another ministry, the open cooperation call),
turns the programme into a cooperation proposal in one step, and the need shows what
came of it. axe finds nothing serious on the way."""

import datetime

from django.utils import timezone

from cooperation.models import Call, Proposal
from courses.models import Theme
from lms.choices import Role
from needs.models import Need
from portfolio import services as portfolio_services
from tests.e2e.conftest import E2E, axe_violations, sign_in, tab_to
from tests.e2e.test_portfolio import _taxonomy
from tests.factories import PASSWORD, ProfileFactory, UserFactory

pytestmark = E2E

PROGRAMME = "Inspección móvil en zonas rurales"
TITLE = "Mobile labour inspection in the industrial parks"


def _programme(theme, secretariat):
    author = UserFactory(full_name="Rosa Quispe", roles=[Role.PARTICIPANT, Role.FOCAL_POINT])
    ProfileFactory(user=author, country="PE")
    programme = portfolio_services.programme_save(
        actor=author,
        data={
            "name": PROGRAMME,
            "institution": "Ministerio de Trabajo del Perú",
            "contact_name": "Rosa Quispe",
            "contact_email": "rosa@example.org",
            "category": "labour_admin",
            "needs": "Llegar a zonas rurales.",
            "description": "Inspectores con tabletas.",
            "objectives": "- Más inspecciones",
            "target_population": "Trabajadores rurales",
            "consent_publish": True,
            "language": "es",
        },
        themes=[theme],
        targets=["rural"],
        submit=True,
    )
    return portfolio_services.programme_review(
        actor=secretariat, programme=programme, action="approve"
    )


def test_a_need_its_suggestions_and_a_proposal_in_one_step(page, site_content, secretariat):
    _taxonomy()
    theme = Theme.objects.get(code="labour-inspection")
    programme = _programme(theme, secretariat)
    today = timezone.localdate()
    Call.objects.create(
        year=today.year,
        title="Cooperation call",
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=30),
        rules_es="- Reglas",
    )
    focal = UserFactory(full_name="Marie Joseph", roles=[Role.PARTICIPANT, Role.FOCAL_POINT])
    ProfileFactory(user=focal, country="HT", institution="Ministère des Affaires Sociales")

    sign_in(page, focal.email, PASSWORD)
    page.goto("/en/needs/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="State a need").click()
    page.get_by_role("heading", level=1, name="State a need").wait_for()

    # The form, with the keyboard only.
    page.get_by_label("Theme").focus()
    page.keyboard.press("Home")  # the first option, then the theme by its value
    page.get_by_label("Theme").select_option(str(theme.pk))
    page.keyboard.press("Tab")
    page.keyboard.type(TITLE)
    page.keyboard.press("Tab")
    page.keyboard.type("Our inspectors use **paper** forms.")
    page.get_by_label("High").focus()
    page.keyboard.press("Space")
    page.get_by_label("Expert visit").focus()
    page.keyboard.press("Space")
    page.get_by_label("Training").focus()
    page.keyboard.press("Space")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save the need").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name=TITLE).wait_for()
    need = Need.objects.get()
    assert need.country == "HT" and need.urgency == "high"
    assert need.help_codes == ["expert_visit", "training"]

    # The suggestions: the other ministry's programme and the open call.
    page.get_by_role("heading", name="What the network can offer").wait_for()
    page.get_by_role("link", name=PROGRAMME).wait_for()
    page.get_by_role("link", name="Cooperation call").wait_for()
    page.locator("strong", has_text="paper").wait_for()  # the description's Markdown
    assert axe_violations(page) == []

    # One step: the programme becomes a proposal, the form filled in from the need.
    page.locator("body").focus()
    tab_to(page, "Propose a cooperation activity on it", "The proposal from a programme", 80)
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name="Submit a proposal").wait_for()
    assert page.locator("#id_providing_country").input_value() == "PE"
    assert page.locator("#id_topic").input_value() == TITLE
    assert page.locator('input[name="beneficiaries"][value="HT"]').is_checked()
    assert page.locator("#id_programme").input_value() == str(programme.pk)
    page.locator("#id_starts_on").fill("2027-03-01")
    page.locator("#id_ends_on").fill("2027-03-05")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Send the proposal").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name=TITLE).wait_for()
    proposal = Proposal.objects.get()
    assert proposal.programme == programme and proposal.providing_country == "PE"

    # The need records what came of it.
    page.goto(f"/en/needs/{need.pk}/")
    page.get_by_role("link", name=TITLE).wait_for()  # the proposal, under "What came of it"
    page.locator(".tag", has_text="Answered").wait_for()
    need.refresh_from_db()
    assert need.status == Need.Status.ANSWERED
    assert axe_violations(page) == []
