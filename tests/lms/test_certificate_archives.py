"""A cohort's certificates in one zip (lms/services/certificates.py): the secretariat
asks for it from the cohort's page, the worker writes it a certificate at a time,
its page follows the count and then offers the file."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from lms.models import CertificateArchive, Enrolment
from lms.services import certificates as services
from lms.services.certificates import certificate_issue
from lms.tasks import import_jobs_prune
from tests.factories import ProfileFactory, UserFactory
from tests.mfa import mfa_force_login, totp_enable


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def completed(enrolment):
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.save()
    return certificate_issue(enrolment=enrolment)


def certificates_for(world, names):
    """The fixture's learner's certificate and one for each of ``names``."""
    issued = [completed(Enrolment.objects.get(user=world.learner))]
    for name in names:
        user = ProfileFactory(user__full_name=name).user
        enrolment = Enrolment.objects.create(cohort=world.cohort, user=user, group=world.group)
        issued.append(completed(enrolment))
    return issued


def archive_pages(world, archive):
    kwargs = {"cohort_id": world.cohort.pk, "archive_id": archive.pk}
    return [
        url("lms:manage_certificate_archive", **kwargs),
        url("lms:manage_certificate_archive_progress", **kwargs),
        url("lms:manage_certificate_archive_download", **kwargs),
    ]


@pytest.mark.django_db
def test_the_secretariat_asks_for_the_zip_and_downloads_it_when_the_worker_has_written_it(
    client, world, secretariat, django_capture_on_commit_callbacks
):
    issued = certificates_for(world, ["Ana Zúñiga", "Bruno Díaz/Ortega"])
    mfa_force_login(client, secretariat)
    cohort_page = url("lms:manage_cohort", cohort_id=world.cohort.pk)
    html = client.get(cohort_page).content.decode()
    start = url("lms:manage_cohort_certificates", cohort_id=world.cohort.pk)
    assert f'action="{start}"' in html and 'name="token"' in html
    token = client.get(cohort_page).context["archive_token"]
    with django_capture_on_commit_callbacks(execute=True):  # the task runs at once in tests
        response = client.post(start, {"token": token})
    archive = CertificateArchive.objects.get()
    page, progress, download = archive_pages(world, archive)
    assert response.status_code == 302 and response["Location"] == page
    assert (archive.status, archive.total, archive.done) == ("done", 3, 3)
    assert archive.requested_by == secretariat and archive.finished_at is not None
    # Stored under a name nobody can guess, outside the public media.
    assert archive.file.name.startswith(f"certificate-archives/{world.cohort.pk}/")
    assert len(archive.file.name.split("/")[2]) == 32
    assert archive.size == archive.file.size > 0

    html = client.get(page).content.decode()
    assert download in html and 'value="3"' in html and "<noscript>" not in html
    assert progress in html and 'role="status"' in html
    assert "3 of 3 certificates" in html
    state = client.get(progress).json()
    assert (state["status"], state["finished"], state["ready"]) == ("done", True, True)
    assert (state["done"], state["total"], state["percent"]) == (3, 3, 100)
    assert state["counts"] == "3 of 3 certificates" and state["size"]

    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificates-cohort-{world.cohort.pk}.zip"'
    )
    assert "no-store" in response["Cache-Control"]
    bundle = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    by_code = {certificate.code: certificate for certificate in issued}
    names = bundle.namelist()
    assert names == sorted(
        (f"{services.certificate_archive_entry(c)}" for c in issued),
        key=lambda name: (by_code[name[-18:-4]].holder_name, name),
    )
    assert f"Bruno Díaz_Ortega - {issued[2].code}.pdf" in names  # no folder from a name
    for name in names:
        assert bundle.read(name).startswith(b"%PDF")
    # The cohort's page offers the latest zip.
    html = client.get(cohort_page).content.decode()
    assert download in html and "3 certificates" in html


@pytest.mark.django_db
def test_a_double_click_or_a_second_request_while_it_runs_starts_one_archive(
    client, world, secretariat
):
    certificates_for(world, [])
    mfa_force_login(client, secretariat)
    start = url("lms:manage_cohort_certificates", cohort_id=world.cohort.pk)
    token = client.get(url("lms:manage_cohort", cohort_id=world.cohort.pk)).context["archive_token"]
    # Outside a commit the task is not queued: the archive waits.
    first = client.post(start, {"token": token})
    again = client.post(start, {"token": token})
    assert first["Location"] == again["Location"]
    archive = CertificateArchive.objects.get()
    assert archive.status == CertificateArchive.Status.QUEUED
    state = client.get(archive_pages(world, archive)[1]).json()
    assert (state["status"], state["finished"], state["ready"]) == ("queued", False, False)
    html = client.get(first["Location"]).content.decode()
    assert '<noscript><meta http-equiv="refresh"' in html  # follows it without script
    # Someone else of the secretariat, another form, while it runs: the same archive.
    other = UserFactory(roles=["secretariat"])
    totp_enable(other)
    CertificateArchive.objects.update(status=CertificateArchive.Status.RUNNING, total=35, done=12)
    assert services.certificate_archive_start(actor=other, cohort=world.cohort).pk == archive.pk
    mfa_force_login(client, other)
    assert client.post(start, {"token": "not-a-uuid"})["Location"] == first["Location"]
    assert CertificateArchive.objects.count() == 1
    state = client.get(archive_pages(world, archive)[1]).json()
    assert (state["done"], state["total"], state["percent"]) == (12, 35, 34)
    assert state["counts"] == "12 of 35 certificates"
    html = client.get(url("lms:manage_cohort", cohort_id=world.cohort.pk)).content.decode()
    assert archive_pages(world, archive)[0] in html  # "see how far it is"
    assert archive_pages(world, archive)[2] not in html  # nothing to download yet
    # Not heard from for a while (its worker stopped): given up, and a new one starts.
    CertificateArchive.objects.update(
        heartbeat_at=timezone.now() - services.ARCHIVE_STALE_AFTER - datetime.timedelta(seconds=1)
    )
    fresh = services.certificate_archive_start(actor=other, cohort=world.cohort)
    assert fresh.pk != archive.pk and fresh.status == CertificateArchive.Status.QUEUED
    archive.refresh_from_db()
    assert archive.status == CertificateArchive.Status.FAILED
    assert services.certificate_archive_build(archive_id=archive.pk).status == "failed"
    # Once finished, asking again makes a new one (certificates may have been issued since).
    services.certificate_archive_build(archive_id=fresh.pk)
    assert services.certificate_archive_start(actor=other, cohort=world.cohort).pk not in (
        archive.pk,
        fresh.pk,
    )


@pytest.mark.django_db
def test_only_the_secretariat_asks_for_sees_follows_or_downloads_an_archive(
    client, world, secretariat
):
    certificates_for(world, [])
    archive = services.certificate_archive_start(actor=secretariat, cohort=world.cohort)
    services.certificate_archive_build(archive_id=archive.pk)
    start = url("lms:manage_cohort_certificates", cohort_id=world.cohort.pk)
    pages = archive_pages(world, archive)
    for person in (world.tutor, world.learner, ProfileFactory().user):
        client.force_login(person)
        assert [client.get(page).status_code for page in pages] == [403, 403, 403]
        assert client.post(start, {"token": ""}).status_code == 403
    client.logout()
    assert client.get(pages[2]).status_code == 302  # to sign in
    assert client.post(start).status_code == 302
    assert CertificateArchive.objects.count() == 1
    with pytest.raises(services.PermissionDenied):
        services.certificate_archive_start(actor=world.tutor, cohort=world.cohort)
    other = UserFactory(roles=["secretariat"])
    totp_enable(other)
    mfa_force_login(client, other)
    assert [client.get(page).status_code for page in pages] == [200, 200, 200]
    # Through another cohort's address, or one that does not exist: not found.
    elsewhere = {"cohort_id": world.cohort.pk + 1, "archive_id": archive.pk}
    assert client.get(url("lms:manage_certificate_archive", **elsewhere)).status_code == 404
    missing = {"cohort_id": world.cohort.pk, "archive_id": archive.pk + 1}
    assert client.get(url("lms:manage_certificate_archive_download", **missing)).status_code == 404
    # The address where the zip was made in the request leads to where it is asked for.
    old = client.get(f"/en/manage/cohorts/{world.cohort.pk}/certificates.zip")
    assert old.status_code == 302
    assert old["Location"] == url("lms:manage_cohort", cohort_id=world.cohort.pk) + "#certificates"
    assert client.get(start)["Location"] == old["Location"]


@pytest.mark.django_db
def test_an_unfinished_archive_has_nothing_to_download(client, world, secretariat):
    archive = services.certificate_archive_start(actor=secretariat, cohort=world.cohort)
    mfa_force_login(client, secretariat)
    assert client.get(archive_pages(world, archive)[2]).status_code == 404


@pytest.mark.django_db
def test_an_error_stops_the_archive_and_says_so(client, world, secretariat, monkeypatch):
    certificates_for(world, ["Ana Zúñiga"])
    archive = services.certificate_archive_start(actor=secretariat, cohort=world.cohort)

    def broken(certificate):
        raise OSError("disk full")

    monkeypatch.setattr(services, "certificate_pdf", broken)
    with pytest.raises(OSError):
        services.certificate_archive_build(archive_id=archive.pk)
    archive.refresh_from_db()
    assert archive.status == CertificateArchive.Status.FAILED and not archive.file
    assert archive.finished_at is not None
    mfa_force_login(client, secretariat)
    state = client.get(archive_pages(world, archive)[1]).json()
    assert state["finished"] and not state["ready"] and "error" in state["summary"].lower()
    assert client.get(archive_pages(world, archive)[2]).status_code == 404


@pytest.mark.django_db
def test_writing_the_zip_costs_a_few_queries_whatever_the_number_of_certificates(
    world, secretariat, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(services, "certificate_pdf", lambda certificate: b"%PDF-1.4 test")
    certificates_for(world, [f"Persona {number}" for number in range(11)])
    archive = services.certificate_archive_start(actor=secretariat, cohort=world.cohort)
    # The claim (a transaction: lock, read the certificates, mark it running), the count
    # at 5 and at 10, the end, the archive read back: no query per certificate.
    with django_assert_max_num_queries(9):
        services.certificate_archive_build(archive_id=archive.pk)
    archive.refresh_from_db()
    assert (archive.status, archive.done, archive.total) == ("done", 12, 12)
    assert len(zipfile.ZipFile(archive.file.open("rb")).namelist()) == 12


@pytest.mark.django_db
def test_archives_are_deleted_with_their_file_after_their_retention(
    world, secretariat, django_capture_on_commit_callbacks
):
    certificates_for(world, [])
    now = timezone.now()
    old = now - datetime.timedelta(days=CertificateArchive.RETENTION_DAYS + 1)
    gone = services.certificate_archive_start(actor=secretariat, cohort=world.cohort)
    services.certificate_archive_build(archive_id=gone.pk)
    gone.refresh_from_db()
    storage, name = gone.file.storage, gone.file.name
    assert storage.exists(name)
    CertificateArchive.objects.filter(pk=gone.pk).update(finished_at=old)
    recent = services.certificate_archive_start(actor=secretariat, cohort=world.cohort)
    services.certificate_archive_build(archive_id=recent.pk)
    running = services.certificate_archive_start(actor=secretariat, cohort=world.cohort)
    CertificateArchive.objects.filter(pk=running.pk).update(created_at=old)
    with django_capture_on_commit_callbacks(execute=True):
        assert import_jobs_prune.call() == 1  # the periodic pruning of imports does it
    assert set(CertificateArchive.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert not storage.exists(name)
    # An archive deleted with the account that asked for it takes its file too.
    recent.refresh_from_db()
    assert storage.exists(recent.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        secretariat.delete()
    assert not CertificateArchive.objects.exists() and not storage.exists(recent.file.name)
