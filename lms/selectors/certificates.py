"""Certificates: the holder's own, the public check by code, and the secretariat's zips."""

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.models import Certificate, CertificateArchive, User


def certificate_for(*, user: User, code: str) -> Certificate | None:
    """The certificate its holder or the secretariat may download."""
    if not user.is_authenticated:
        return None
    certificate = Certificate.objects.select_related("enrolment__cohort").filter(code=code).first()
    if certificate is None:
        return None
    if certificate.enrolment.user_id == user.pk or user.is_secretariat:
        return certificate
    return None


def certificate_public(*, code: str) -> Certificate | None:
    """Anyone may check a certificate by its code (codes are long and random)."""
    return (
        Certificate.objects.select_related("enrolment__cohort")
        .filter(code=code.strip().upper())
        .first()
    )


def certificate_archive_latest(*, cohort_id: int) -> CertificateArchive | None:
    """The cohort's most recent zip of certificates (ready, in progress or stopped)."""
    return CertificateArchive.objects.filter(cohort_id=cohort_id).first()


def certificate_archive_summary(archive: CertificateArchive) -> str:
    """One sentence on where the archive is, in the active language."""
    if archive.status == CertificateArchive.Status.QUEUED:
        return _("Waiting for the worker to start.")
    if archive.status == CertificateArchive.Status.RUNNING:
        return _("Writing the certificates; the count below follows it.")
    if archive.status == CertificateArchive.Status.FAILED:
        return _(
            "The preparation stopped because of an unexpected error. "
            "Prepare the certificates again from the cohort's page."
        )
    return _("The zip is ready to download.")


def certificate_archive_counts(archive: CertificateArchive) -> str:
    """How far it got: "12 of 35 certificates"."""
    return ngettext(
        "%(done)s of %(total)s certificate",
        "%(done)s of %(total)s certificates",
        archive.total,
    ) % {"done": archive.done, "total": archive.total}


def certificate_archive_progress(archive: CertificateArchive) -> dict:
    """What the archive's page shows, as JSON for its script."""
    return {
        "status": archive.status,
        "finished": archive.is_finished,
        "ready": archive.is_ready,
        "summary": certificate_archive_summary(archive),
        "counts": certificate_archive_counts(archive),
        "total": archive.total,
        "done": archive.done,
        "percent": archive.percent,
        "size": filesizeformat(archive.size) if archive.is_ready else "",
    }
