"""axe-core on the foundation's pages: no serious or critical violation."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import E2E, axe_violations, tab_to
from tests.factories import PASSWORD, ProfileFactory
from tests.mfa import totp_enable

pytestmark = E2E

ANONYMOUS_PAGES = [
    "/es/",
    "/en/about-rial/",
    "/pt/accounts/login/",
    "/fr/accounts/signup/",
    "/es/accounts/password/reset/",
    "/es/no-such-page/",
]


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_public_pages_pass_axe(page, site_content, path):
    page.goto(path)
    assert axe_violations(page) == []


def test_signed_in_pages_pass_axe(page, site_content):
    person = ProfileFactory().user
    page.goto("/es/accounts/login/")
    page.get_by_label("Correo electrónico").fill(person.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url("**/es/")
    for path in ["/es/me/profile/", "/en/accounts/email/", "/fr/accounts/password/change/"]:
        page.goto(path)
        assert axe_violations(page) == [], path
    # The form with errors too.
    page.goto("/es/me/profile/")
    page.get_by_label("Nombre completo").fill("")
    page.get_by_role("button", name="Guardar perfil").click()
    assert axe_violations(page) == []


def test_signed_in_home_page_passes_axe_and_leads_to_what_is_next(page, site_content):
    """A learner's home greets them and takes them, by keyboard, to the lesson to continue;
    a tutor's shows the work waiting for feedback; no call to create an account."""
    from playwright.sync_api import expect

    from tests.course_fixtures import build_course
    from tests.e2e.conftest import sign_in

    world = build_course()
    sign_in(page, world.learner.email, PASSWORD)
    page.goto("/en/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Lucía")
    expect(page.get_by_text("Create an account")).to_have_count(0)
    expect(page.get_by_role("heading", name="Coming up")).to_be_visible()
    assert axe_violations(page) == []
    tab_to(page, "Continue: Lección A", "the continue link", steps=40)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{world.lesson_a.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lección A")

    page.context.clear_cookies()
    ProfileFactory(user=world.tutor)
    sign_in(page, world.tutor.email, PASSWORD)
    page.goto("/en/")
    expect(page.get_by_role("heading", name="Waiting for your feedback")).to_be_visible()
    expect(page.get_by_role("heading", name="Coming up")).to_have_count(0)
    assert axe_violations(page) == []


def test_small_screen_menu_is_a_working_disclosure(page, site_content):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/en/")
    toggle = page.get_by_role("button", name="Menu")
    about = page.get_by_role("navigation", name="Main").get_by_role("link", name="About RIAL")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not about.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert about.is_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["es", "fr"])
def test_main_menu_fits_one_line_on_a_laptop(page, site_content, language):
    """At 1366 px the signed-in menu (every section, and unread badges) is one line."""
    from tests.course_fixtures import build_course
    from tests.e2e.conftest import sign_in

    build_course(language=language)  # the course catalogue is a section too
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, ProfileFactory().user.email, PASSWORD)
    page.goto(f"/{language}/")
    nav = page.locator(".main-nav")
    expect(nav.get_by_role("link", name={"es": "Cursos", "fr": "Cours"}[language])).to_be_visible()
    shape = page.evaluate(
        """() => {
            const list = document.querySelector(".main-nav__list");
            const items = [...list.querySelectorAll(":scope > li")];
            // The busiest day: unread chat messages and forum topics.
            for (const href of ["/chat/", "/forums/"]) {
                const link = list.querySelector(`a[href$="${href}"]`);
                link.insertAdjacentHTML("beforeend", ' <span class="badge">99</span>');
            }
            return {
                height: list.getBoundingClientRect().height,
                item: items[0].getBoundingClientRect().height,
                rows: new Set(items.map((li) => Math.round(li.getBoundingClientRect().top))).size,
                widths: items.map((li) => [li.innerText, li.getBoundingClientRect().width]),
            };
        }"""
    )
    assert shape["rows"] == 1 and shape["height"] < 1.5 * shape["item"], shape
    assert axe_violations(page) == []


def test_course_and_management_pages_pass_axe(page, site_content, browser, live_server):
    import datetime

    from django.utils import timezone

    from lms.choices import Role
    from lms.models import Application, Cohort, EnrolmentCall
    from lms.services import people
    from tests.course_fixtures import build_course
    from tests.e2e.conftest import sign_in
    from tests.factories import UserFactory

    world = build_course()
    now = timezone.now()
    call = EnrolmentCall.objects.create(
        course=world.course,
        title="Convocatoria",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=3),
        seats=5,
    )
    Cohort.objects.create(course=world.course, call=call, name="Próxima", starts_on=now.date())
    Application.objects.create(call=call, user=ProfileFactory().user, motivation="m" * 40)
    admin = UserFactory(is_superuser=True, is_staff=True)
    secretariat = ProfileFactory().user
    people.role_grant(actor=admin, user=secretariat, role=Role.SECRETARIAT)
    totp_enable(secretariat)  # required for the secretariat (lms/mfa.py)
    # A zip of the cohort's certificates, written at once (tasks run when enqueued here).
    from lms.services.certificates import certificate_archive_start

    archive = certificate_archive_start(actor=secretariat, cohort=world.cohort)

    # A learner: catalogue, module, a closed module, notifications, applying.
    sign_in(page, world.learner.email, PASSWORD)
    for path in [
        world.course.get_parent().url,
        world.module1.url,
        world.lesson_c.url,  # module 2 is not open yet: the explanation page
        "/es/me/notifications/",
        f"/es/me/calls/{call.pk}/apply/",
        "/es/certificates/",
    ]:
        page.goto(path)
        assert axe_violations(page) == [], path

    office = browser.new_context(base_url=live_server.url, locale="es-ES").new_page()
    sign_in(office, secretariat.email, PASSWORD)
    for path in [
        "/es/manage/",
        "/es/manage/calls/new/",
        f"/es/manage/calls/{call.pk}/",
        f"/es/manage/cohorts/{world.cohort.pk}/",
        f"/es/manage/cohorts/{world.cohort.pk}/import/",
        f"/es/manage/cohorts/{world.cohort.pk}/report/",
        f"/es/manage/cohorts/{world.cohort.pk}/certificates/{archive.pk}/",
        "/es/me/tutoring/",
    ]:
        office.goto(path)
        assert axe_violations(office) == [], path
    office.context.close()


def test_documentation_centre_pages_pass_axe(page, site_content, secretariat):
    """The documentation centre, a repository, the suggestion form and the queue."""
    import datetime

    from courses.models import Theme
    from library.models import Instrument, Publication, Repository
    from tests.e2e.conftest import sign_in

    repository = Repository.objects.create(
        slug="teletrabajo",
        name_es="Leyes de teletrabajo",
        name_en="Telework laws",
        name_pt="Leis de teletrabalho",
        name_fr="Lois sur le télétravail",
    )
    Instrument.objects.create(
        repository=repository,
        country="AR",
        kind="law",
        title="Ley 27.555",
        date=datetime.date(2020, 8, 14),
        summary="Régimen legal del contrato de teletrabajo.",
        url="https://www.example.org/ley",
    )
    study = Publication.objects.create(
        title="Telework study",
        kind="study",
        language="en",
        date=datetime.date(2023, 3, 1),
        summary="Ten ministries compared.",
        url="https://www.example.org/study",
    )
    study.themes.set(Theme.objects.filter(code="working-conditions"))
    Publication.objects.create(
        title="Guía sugerida",
        kind="publication",
        language="es",
        url="https://www.example.org/guia",
        status=Publication.Status.SUGGESTED,
    )
    for path in [
        "/es/documents/",
        "/es/documents/?q=telework&kind=study",
        "/es/repositories/teletrabajo/",
        "/fr/repositories/teletrabajo/?country=AR",
    ]:
        page.goto(path)
        assert axe_violations(page) == [], path
    assert page.get_by_text("Ley 27.555").is_visible()
    sign_in(page, secretariat.email, PASSWORD)
    for path in ["/es/documents/suggest/", "/es/documents/suggestions/"]:
        page.goto(path)
        assert axe_violations(page) == [], path
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").or_(
            page.get_by_role("button", name="Publicar")
        ).first.click()
    assert Publication.objects.get(title="Guía sugerida").status == "published"


def test_event_pages_pass_axe(page, site_content):
    """The events calendar and an event page (with agenda and documents)."""
    import datetime

    from django.utils import timezone

    from events.models import Event, EventDocument
    from tests.e2e.conftest import sign_in

    starts = timezone.now() + datetime.timedelta(days=12)
    event = Event.objects.create(
        title="Diálogo virtual sobre teletrabajo",
        slug="dialogo-teletrabajo",
        kind=Event.Kind.DIALOGUE,
        format=Event.Format.VIRTUAL,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        time_zone="America/Panama",
        objective="Compartir experiencias.",
        agenda="1. Apertura\n2. Experiencias",
    )
    EventDocument.objects.create(
        event=event, title="Presentación", speaker="Ana", url="https://www.example.org/p"
    )
    Event.objects.create(
        title="Taller de Bogotá",
        slug="taller-bogota",
        kind=Event.Kind.WORKSHOP,
        format=Event.Format.IN_PERSON,
        starts_at=starts - datetime.timedelta(days=800),
        ends_at=starts - datetime.timedelta(days=798),
        time_zone="America/Bogota",
        host_country="CO",
        city="Bogotá",
    )
    for path in ["/es/events/", "/en/events/?kind=workshop", "/es/events/dialogo-teletrabajo/"]:
        page.goto(path)
        assert axe_violations(page) == [], path
    person = ProfileFactory().user
    sign_in(page, person.email, PASSWORD)
    page.goto("/es/events/dialogo-teletrabajo/")
    with page.expect_navigation():
        page.locator('button[value="register"]').click()
    assert axe_violations(page) == []
    assert event.registrations.filter(user=person).exists()


def test_cooperation_pages_pass_axe(page, site_content, secretariat):
    """The call, the proposal form, a proposal with its scores and results form."""
    import datetime
    import uuid

    from django.utils import timezone

    from cooperation.models import Beneficiary, Call, Proposal
    from tests.e2e.conftest import sign_in

    today = timezone.localdate()
    call = Call.objects.create(
        year=today.year,
        title="Convocatoria",
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=60),
        rules_es="- Reglas",
        budget_note="USD",
    )
    proposal = Proposal.objects.create(
        call=call,
        providing_country="CL",
        topic="Inspección móvil",
        objectives="- Aprender",
        format="virtual",
        starts_on=today,
        ends_on=today,
        status="selected",
        token=uuid.uuid4(),
    )
    Beneficiary.objects.create(proposal=proposal, country="HT")
    page.goto("/es/cooperation/")
    assert axe_violations(page) == []
    sign_in(page, secretariat.email, PASSWORD)
    for path in [
        "/es/cooperation/propose/",
        f"/es/cooperation/proposals/{proposal.pk}/",
        "/es/cooperation/proposals/",
    ]:
        page.goto(path)
        assert axe_violations(page) == [], path


def test_newsletter_pages_pass_axe(page, site_content, secretariat):
    """The archive, an issue, the secretariat's draft editor, the unsubscribe page."""
    from newsletter import services
    from tests.e2e.conftest import sign_in
    from tests.factories import newsletter_issue

    newsletter_issue(
        since=secretariat.date_joined,
        status="sent",
        intro_es="Hola red",
        sent_at=secretariat.date_joined,
    )
    for path in [
        "/es/newsletter/",
        "/en/newsletter/1/",
        f"/es/newsletter/unsubscribe/{services.unsubscribe_token(secretariat)}/",
    ]:
        page.goto(path)
        assert axe_violations(page) == [], path
    sign_in(page, secretariat.email, PASSWORD)
    page.goto("/es/newsletter/")
    page.locator('form[action="/es/newsletter/compose/"] button').click()
    page.wait_for_url("**/newsletter/2/edit/")
    assert axe_violations(page) == []


def test_a_visitor_subscribes_to_the_newsletter_with_the_keyboard(page, site_content):
    """Tab to the form, type an address, choose French, send: "check your email"."""
    from django.core import mail
    from playwright.sync_api import expect

    from newsletter.models import VisitorSubscription

    page.goto("/en/newsletter/")
    assert axe_violations(page) == []
    for _step in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_email":
            break
    else:
        raise AssertionError("the email field is not reachable with Tab")
    page.keyboard.type("visitor@example.org")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Language of the newsletter")).to_be_focused()
    expect(page.get_by_label("Language of the newsletter")).to_have_value("en")  # the page's
    page.keyboard.type("Fr")  # a closed select follows what is typed
    expect(page.get_by_label("Language of the newsletter")).to_have_value("fr")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Subscribe")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/newsletter/check-your-email/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert axe_violations(page) == []
    subscription = VisitorSubscription.objects.get(email="visitor@example.org")
    assert (subscription.status, subscription.language) == ("pending", "fr")
    link = next(word for word in mail.outbox[-1].body.split() if "/confirm/" in word)
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])  # the link opens in French
    assert page.url.split("/", 3)[3].startswith("fr/newsletter/confirm/")
    assert axe_violations(page) == []
    page.keyboard.press("Tab")
    for _step in range(40):
        if page.evaluate("document.activeElement.type") == "submit" and page.evaluate(
            "!!document.activeElement.closest('main')"
        ):
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("the confirm button is not reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(page.locator("main .notice--ok")).to_be_visible()
    subscription.refresh_from_db()
    assert subscription.status == "active"


def test_a_participant_evaluates_an_event_and_the_secretariat_reads_it(
    page, site_content, secretariat
):
    """The event's invitation to evaluate, the form (answered with the keyboard), the
    thanks; then the secretariat's list and results."""
    from evaluations.models import Response
    from tests.e2e.conftest import sign_in
    from tests.workplan.builders import make_event

    person = ProfileFactory().user
    event = make_event("bogota", days=-5, registrations=[person])
    sign_in(page, person.email, PASSWORD)
    page.goto(f"/es/events/{event.slug}/")
    form = f"/es/evaluations/event/{event.slug}/"
    page.locator(f'a[href="{form}"]').wait_for()
    assert axe_violations(page) == []
    page.goto(form)
    assert axe_violations(page) == []
    page.locator("#id_satisfaction_0").focus()  # "5 — mucho"
    page.keyboard.press("Space")
    page.locator("#id_usefulness_1").check()
    page.locator("#id_will_apply").fill("La guía de inspección")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(f"**/es/events/{event.slug}/")
    assert axe_violations(page) == []
    saved = Response.objects.get()
    assert (saved.satisfaction, saved.usefulness) == (5, 4)
    page.context.clear_cookies()
    sign_in(page, secretariat.email, PASSWORD)
    page.goto("/es/evaluations/")
    assert axe_violations(page) == []
    page.get_by_role("link", name=event.title).click()
    page.locator("dl.stats").wait_for()
    # One answer: nothing of it is shown (it would be that person's own).
    assert page.get_by_role("table").count() == 0
    assert "La guía de inspección" not in page.content()
    assert axe_violations(page) == []
