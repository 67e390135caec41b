"""A learner applies, is accepted, learns, is given feedback and earns a verifiable certificate."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lms.choices import Role
from lms.models import Cohort, CohortGroup, Enrolment, EnrolmentCall, Submission
from lms.services import people
from tests.course_fixtures import build_course
from tests.e2e.conftest import E2E, axe_violations, sign_in
from tests.factories import PASSWORD, ProfileFactory, UserFactory
from tests.mfa import totp_enable

pytestmark = E2E


@pytest.fixture
def course_world(site_content):
    world = build_course(one_week=True)
    now = timezone.now()
    call = EnrolmentCall.objects.create(
        course=world.course,
        title="Convocatoria de diciembre",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=5),
        seats=20,
    )
    cohort = Cohort.objects.create(
        course=world.course,
        call=call,
        name="Cohorte de diciembre",
        starts_on=timezone.localdate(),
        time_zone="America/Bogota",
    )
    CohortGroup.objects.create(cohort=cohort, name="A", tutor=world.tutor)
    admin = UserFactory(is_superuser=True, is_staff=True)
    secretariat = ProfileFactory(user__full_name="Secretaría RIAL").user
    people.role_grant(actor=admin, user=secretariat, role=Role.SECRETARIAT)
    totp_enable(secretariat)  # required for the secretariat (lms/mfa.py)
    newcomer = ProfileFactory(user__full_name="Valeria Quispe", country="BO").user
    return world, call, cohort, secretariat, newcomer


def assert_accessible(page, where):
    assert axe_violations(page) == [], where


def test_apply_learn_feedback_certificate(browser, live_server, course_world):
    world, call, cohort, secretariat, newcomer = course_world
    learner_context = browser.new_context(base_url=live_server.url, locale="es-ES")
    learner = learner_context.new_page()
    sign_in(learner, newcomer.email, PASSWORD)

    # The learner applies from the course page.
    learner.goto(world.course.url)
    assert_accessible(learner, "course page")
    learner.get_by_role("link", name="Postular").click()
    learner.get_by_label(re.compile("curso")).fill(
        "Soy inspectora en La Paz y quiero aplicar el Convenio 190 en las inspecciones."
    )
    learner.get_by_role("button", name=re.compile("Enviar mi postulación")).click()
    expect(learner.get_by_role("status").first).to_contain_text("postulación")

    # The secretariat accepts the application.
    secretariat_context = browser.new_context(base_url=live_server.url, locale="es-ES")
    office = secretariat_context.new_page()
    sign_in(office, secretariat.email, PASSWORD)
    office.goto(f"/es/manage/calls/{call.pk}/")
    office.get_by_label("Valeria Quispe").check()
    office.get_by_role("button", name=re.compile("Aceptar")).click()
    expect(office.get_by_role("status").first).to_contain_text("1")
    enrolment = Enrolment.objects.get(cohort=cohort, user=newcomer)

    # The learner finds the course in their dashboard and does the work.
    learner.goto("/es/me/learning/")
    assert_accessible(learner, "learner dashboard")
    expect(learner.get_by_role("heading", name="Curso de prueba")).to_be_visible()
    learner.goto(world.lesson_b.url)
    assert_accessible(learner, "lesson page")
    # An answer whose text wraps to several lines keeps its radio button whole.
    option = learner.evaluate(
        """() => {
            const label = document.querySelector(".quiz-question .field__check label");
            const line = label.getBoundingClientRect().height;
            label.append(" — una respuesta larga que ocupa varias líneas".repeat(8));
            const box = document.getElementById(label.htmlFor).getBoundingClientRect();
            const lines = label.getBoundingClientRect().height / line;
            return {lines: lines, box: [box.width, box.height]};
        }"""
    )
    assert option["lines"] >= 2 and option["box"] == [20, 20], option
    learner.get_by_label("C190").check()
    learner.get_by_label("Interns").check()
    learner.get_by_label("Jobseekers").check()
    learner.get_by_role("button", name=re.compile("Enviar mis respuestas")).click()
    expect(learner.get_by_role("status").first).to_contain_text("100")

    learner.goto(world.lesson_c.url)
    assignment = learner.locator(".activity--assignment")
    answer = assignment.get_by_label("Su respuesta")
    send = learner.get_by_role("button", name=re.compile("Enviar a mi tutor"))
    # Sent empty: the error stands in the assignment's box, in sight and focused.
    send.click()
    summary = assignment.get_by_role("alert")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(answer).to_have_attribute("aria-invalid", "true")
    form_error = assignment.locator(".errorlist.nonfield")  # nothing written nor attached
    expect(form_error).to_be_in_viewport()
    expect(answer).to_have_accessible_description(re.compile(re.escape(form_error.inner_text())))
    assert Submission.objects.count() == 0
    assert_accessible(learner, "lesson page with a refused assignment")
    # A refused file: its error is next to the file input, and the text written stays.
    work = "Propongo una guía de inspección sobre acoso sexual."
    answer.fill(work)
    file_input = assignment.get_by_label("Archivo")
    file_input.set_input_files(
        files=[{"name": "guia.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90"}]
    )
    send.click()
    expect(assignment.get_by_role("alert")).to_be_focused()
    expect(file_input).to_have_attribute("aria-invalid", "true")
    file_error = assignment.locator(f"#{file_input.get_attribute('id')}_error")
    expect(file_error).to_be_in_viewport()
    expect(file_input).to_have_accessible_description(
        re.compile(re.escape(file_error.inner_text()))
    )
    expect(answer).to_have_value(work)
    assert Submission.objects.count() == 0
    assert_accessible(learner, "lesson page with a refused file")
    send.click()
    expect(learner.get_by_role("status").first).to_contain_text("tutor")
    assert Submission.objects.get().text == work

    # The tutor sees the work waiting and returns feedback.
    tutor_context = browser.new_context(base_url=live_server.url, locale="es-ES")
    tutor = tutor_context.new_page()
    sign_in(tutor, world.tutor.email, PASSWORD)
    tutor.goto(f"/es/me/tutoring/{cohort.pk}/")
    assert_accessible(tutor, "tutor dashboard")
    tutor.get_by_role("link", name=re.compile("Valeria Quispe")).first.click()
    expect(tutor.get_by_text("Propongo una guía de inspección")).to_be_visible()
    tutor.get_by_label("Comentarios").fill("Muy buena propuesta; **añada** un cronograma.")
    tutor.get_by_label(re.compile("Calificación")).fill("90")
    tutor.get_by_role("button", name=re.compile("Enviar")).click()
    expect(tutor.get_by_role("status").first).to_be_visible()

    # The learner reads the feedback, answers the survey and completes the course.
    learner.goto(world.lesson_c.url)
    expect(learner.locator(".feedback")).to_contain_text("añada")
    learner.get_by_label("Totalmente de acuerdo").first.check()
    learner.get_by_role("button", name=re.compile("Enviar mis respuestas")).click()
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED

    learner.goto("/es/me/learning/")
    with learner.expect_download() as download_info:
        learner.get_by_role("link", name=re.compile("Descargar el certificado")).click()
    pdf_path = download_info.value.path()
    with open(pdf_path, "rb") as handle:
        assert handle.read(4) == b"%PDF"
    code = enrolment.certificate.code
    assert enrolment.certificate.languages == ("es", "en")
    assert_accessible(learner, "learner dashboard with a certificate")
    # The learner prints it in two other languages instead (keyboard: a select, a button).
    # (Located by name: the form's Spanish texts are translated later.)
    languages = learner.locator('select[name="languages"]')
    expect(languages).to_have_value("es-en")
    languages.select_option("pt-fr")
    with learner.expect_navigation():
        learner.locator('form[action$="/languages/"] button').press("Enter")
    expect(learner.locator('select[name="languages"]')).to_have_value("pt-fr")
    enrolment.certificate.refresh_from_db()
    assert enrolment.certificate.languages == ("pt", "fr")

    # Anyone can check it, and reads it in both languages.
    anonymous = browser.new_context(base_url=live_server.url, locale="es-ES").new_page()
    anonymous.goto(f"/es/certificates/{code}/")
    expect(anonymous.get_by_text("Valeria Quispe").first).to_be_visible()
    expect(anonymous.get_by_role("status")).to_contain_text("auténtico")
    expect(anonymous.locator('.certificate-statement[lang="pt"]')).to_contain_text(
        "Certificado de conclusão"
    )
    expect(anonymous.locator('.certificate-statement[lang="fr"]')).to_contain_text(
        "Certificat de réussite"
    )
    assert_accessible(anonymous, "verification page")
    for context in (learner_context, secretariat_context, tutor_context, anonymous.context):
        context.close()
