"""Certificates: the PDF, its public verification page, and the cohort's zip."""

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from lms.models import Enrolment
from lms.services.certificates import certificate_issue, certificate_pdf
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login


@pytest.fixture
def certificate(world):
    enrolment = Enrolment.objects.get(user=world.learner)
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.save()
    return certificate_issue(enrolment=enrolment)


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def url(name, language="es", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
def test_certificate_codes_are_unique_and_readable(world, certificate):
    assert len(certificate.code) == 14 and certificate.code.count("-") == 2
    assert not set(certificate.code) & set("01OIL")
    again = certificate_issue(enrolment=certificate.enrolment)
    assert again.pk == certificate.pk


@pytest.mark.django_db
def test_the_pdf_states_name_course_hours_dates_and_code_in_the_cohorts_language(certificate):
    text = pdf_text(certificate_pdf(certificate))
    for expected in [
        "Lucía Méndez",
        "Curso de prueba",
        "20",
        certificate.code,
        "/es/certificates/",
    ]:
        assert expected in text, expected
    assert "Certificado" in text


@pytest.mark.django_db
def test_the_holder_downloads_it_and_nobody_else(client, world, certificate):
    download = url("lms:certificate_download", code=certificate.code)
    client.force_login(world.learner)
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    client.force_login(ProfileFactory().user)
    assert client.get(download).status_code == 404


@pytest.mark.django_db
def test_anyone_can_verify_a_certificate(client, certificate):
    response = client.get(url("lms:certificate_verify", code=certificate.code))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lucía Méndez" in html and "Curso de prueba" in html
    lower = client.get(url("lms:certificate_verify", code=certificate.code.lower()))
    assert lower.status_code == 200
    assert client.get("/certificates/" + certificate.code + "/").status_code == 302


@pytest.mark.django_db
def test_unknown_codes_are_not_found_and_say_so(client, db):
    response = client.get(url("lms:certificate_verify", code="AAAA-BBBB-CCCC"))
    assert response.status_code == 404
    assert "AAAA-BBBB-CCCC" in response.content.decode()
    form = client.get(url("lms:certificate_verify_form"))
    assert form.status_code == 200


@pytest.mark.django_db
def test_the_secretariat_downloads_a_cohorts_certificates_as_one_zip(
    client, world, certificate, secretariat
):
    download = url("lms:manage_cohort_certificates", cohort_id=world.cohort.pk)
    client.force_login(world.tutor)
    assert client.get(download).status_code == 403
    mfa_force_login(client, secretariat)
    response = client.get(download)
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    assert names == [f"Lucía Méndez - {certificate.code}.pdf"]
    assert certificate.code in pdf_text(archive.read(names[0]))
