"""The demo's finished cohort: one learner completed the course and her certificate verifies."""

from demo.cohorts import FINISHED
from lms.models import Certificate, Enrolment
from lms.selectors.learning import completion_requirements
from lms.services.certificates import certificate_pdf, certificate_qr_payload


def test_the_demo_has_a_certificate_anyone_can_verify(client, demo, settings):
    certificate = Certificate.objects.select_related("enrolment__cohort").get(
        code=FINISHED["certificate_code"]
    )
    enrolment = certificate.enrolment
    # Earned through the services: every requirement met, the cohort over.
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert all(requirement.met for requirement in completion_requirements(enrolment=enrolment))
    assert enrolment.cohort.current_week() > enrolment.cohort.weeks
    assert certificate.issued_on > enrolment.cohort.ends_on
    assert certificate.holder_name == FINISHED["learner"]["full_name"]
    assert certificate.languages == ("es", "en")

    response = client.get(f"/en/certificates/{certificate.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    for expected in [
        "This certificate is genuine.",
        certificate.holder_name,
        certificate.course_title,
        "Certificado de aprobación",
        "Certificate of completion",
    ]:
        assert expected in html, expected
    url = certificate_qr_payload(certificate)
    assert url == f"{settings.WAGTAILADMIN_BASE_URL}/es/certificates/{certificate.code}/"
    assert certificate_pdf(certificate).startswith(b"%PDF")
    # Loading again adds nothing and says where to check it: tests/demo/loaded/test_loader.py.
