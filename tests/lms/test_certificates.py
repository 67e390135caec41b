"""Certificates: the PDF, its public verification page, and the cohort's zip."""

import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import formats, translation
from pypdf import PdfReader

from lms.models import CertificateArchive, Enrolment
from lms.models.certificates import default_second_language
from lms.services.certificates import (
    certificate_issue,
    certificate_languages_set,
    certificate_pdf,
    certificate_qr_payload,
    qr_matrix,
)
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
    client, world, certificate, secretariat, django_capture_on_commit_callbacks
):
    # The zip is written by the worker (tests/lms/test_certificate_archives.py).
    start = url("lms:manage_cohort_certificates", cohort_id=world.cohort.pk)
    client.force_login(world.tutor)
    assert client.post(start).status_code == 403
    mfa_force_login(client, secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(start)["Location"]
    assert client.get(page).status_code == 200
    archive = CertificateArchive.objects.get(cohort=world.cohort)
    download = url(
        "lms:manage_certificate_archive_download",
        cohort_id=world.cohort.pk,
        archive_id=archive.pk,
    )
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


def qr_drawn(data: bytes) -> set[tuple[int, int]]:
    """The dark modules of the QR code drawn on the PDF's page, as (row, column).

    The code is drawn as filled rectangles one module high in the bottom-left corner,
    below the lowest text; each is read back into the modules it covers.
    """
    page = PdfReader(io.BytesIO(data)).pages[0]
    stream = page.get_contents().get_data().decode("latin-1")
    rects = [
        tuple(float(n) for n in match.groups())
        for match in re.finditer(r"([\d.]+) ([\d.]+) ([\d.]+) ([\d.-]+) re f", stream)
    ]
    module = min(abs(h) for _x, _y, _w, h in rects)
    left = min(x for x, _y, _w, _h in rects)
    top = max(y + max(h, 0) for _x, y, _w, h in rects)
    cells = set()
    for x, y, w, h in rects:
        row = round((top - (y + max(h, 0))) / module)
        first = round((x - left) / module)
        for column in range(first, first + round(w / module)):
            cells.add((row, column))
    return cells


@pytest.mark.django_db
def test_the_pdf_is_bilingual_the_cohorts_language_beside_english(certificate):
    assert certificate.languages == ("es", "en")
    data = certificate_pdf(certificate)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for expected in [
        "Certificado de aprobación",
        "Certificate of completion",
        "Se certifica que",
        "This certifies that",
        "Lucía Méndez",
        f"Código de verificación: {certificate.code}",
        f"Verification code: {certificate.code}",
    ]:
        assert expected in text, expected
    assert PdfReader(io.BytesIO(data)).metadata.title == (
        "Certificado de aprobación · Certificate of completion"
    )


def test_english_cohorts_get_spanish_beside_english():
    assert default_second_language("en") == "es"
    assert default_second_language("es") == "en"
    assert default_second_language("pt") == "en"
    assert default_second_language("fr") == "en"


@pytest.mark.django_db
def test_the_qr_code_holds_the_verification_pages_address(certificate):
    expected = f"http://testserver/es/certificates/{certificate.code}/"
    assert certificate_qr_payload(certificate) == expected
    matrix = qr_matrix(expected)
    dark = {(r, c) for r, row in enumerate(matrix) for c, cell in enumerate(row) if cell}
    assert qr_drawn(certificate_pdf(certificate)) == dark
    # A different address draws a different code: the comparison above means something.
    other = qr_matrix(expected.replace(certificate.code, "AAAA-BBBB-CCCC"))
    assert {(r, c) for r, row in enumerate(other) for c, cell in enumerate(row) if cell} != dark


@pytest.mark.django_db
def test_the_holder_chooses_the_two_languages(client, world, certificate):
    client.force_login(world.learner)
    dashboard = client.get(url("lms:dashboard", language="en")).content.decode()
    assert 'name="languages"' in dashboard
    assert '<option value="es-en" selected>Español · English</option>' in dashboard
    assert '<option value="pt-fr">Português · Français</option>' in dashboard
    choose = url("lms:certificate_languages", language="en", code=certificate.code)
    response = client.post(choose, {"languages": "pt-fr"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.languages == ("pt", "fr")
    text = pdf_text(certificate_pdf(certificate))
    assert "Certificado de conclusão" in text and "Certificat de réussite" in text
    assert "Certificate of completion" not in text
    assert certificate_qr_payload(certificate).endswith(f"/pt/certificates/{certificate.code}/")
    assert client.post(choose, {"languages": "es-es"}).status_code == 400
    assert client.post(choose, {"languages": "es-de"}).status_code == 400
    client.force_login(ProfileFactory().user)
    assert client.post(choose, {"languages": "es-en"}).status_code == 404
    certificate.refresh_from_db()
    assert certificate.languages == ("pt", "fr")


@pytest.mark.django_db
def test_only_the_holder_sets_the_languages(world, certificate):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        certificate_languages_set(
            actor=ProfileFactory().user, certificate=certificate, languages=("en", "fr")
        )


@pytest.mark.django_db
def test_the_verification_page_shows_the_certificate_in_both_languages(client, certificate):
    response = client.get(url("lms:certificate_verify", language="en", code=certificate.code))
    assert response.status_code == 200
    html = response.content.decode()
    for expected in [
        "This certificate is genuine.",
        "Lucía Méndez",
        "Curso de prueba",
        "<dd>20</dd>",
        "Español · English",
        '<section class="certificate-statement" lang="es"',
        "Certificado de aprobación",
        '<section class="certificate-statement" lang="en"',
        "Certificate of completion",
        f"Issued on {formats.date_format(certificate.issued_on, 'DATE_FORMAT')}",
    ]:
        assert expected in html, expected
    with translation.override("es"):
        spanish_date = formats.date_format(certificate.issued_on, "DATE_FORMAT")
    assert f"Emitido el {spanish_date}" in html
    wrong = client.get(url("lms:certificate_verify", language="en", code="AAAA-BBBB-CCCC"))
    assert wrong.status_code == 404
    wrong_html = wrong.content.decode()
    assert "No certificate has the code AAAA-BBBB-CCCC." in wrong_html
    assert "Lucía Méndez" not in wrong_html and "genuine" not in wrong_html
