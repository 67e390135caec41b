"""Completing a course, the certificate it earns, and its PDF."""

import datetime
import logging
import tempfile
import zipfile

import qrcode
import qrcode.constants
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.models import Certificate, CertificateArchive, Cohort, Enrolment, User
from lms.models.certificates import (
    CERTIFICATE_LANGUAGES,
    certificate_archive_path,
    default_second_language,
    new_certificate_code,
)
from lms.pdf import UnicodePDF
from lms.selectors.learning import completion_requirements
from lms.services.jobs import form_token
from lms.services.notifications import absolute_url, in_language_of, notification_create

ARCHIVE_PROGRESS_EVERY = 5  # certificates written between two saves of the count
ARCHIVE_STALE_AFTER = datetime.timedelta(minutes=10)  # a run not heard from: stopped

logger = logging.getLogger(__name__)


@transaction.atomic
def enrolment_completion_check(*, enrolment: Enrolment) -> Certificate | None:
    """Complete the enrolment and issue its certificate once every rule is met."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("cohort__course__locale", "user")
        .get(pk=enrolment.pk)
    )
    if enrolment.status != Enrolment.Status.ACTIVE:
        return getattr(enrolment, "certificate", None)
    requirements = completion_requirements(enrolment=enrolment)
    if not requirements or not all(requirement.met for requirement in requirements):
        return None
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["status", "completed_at"])
    certificate = certificate_issue(enrolment=enrolment)
    with in_language_of(enrolment.user):
        notification_create(
            user=enrolment.user,
            kind="certificate",
            title=_("You have completed “%(course)s”") % {"course": enrolment.cohort.course.title},
            body=_("Your certificate is ready. Its verification code is %(code)s.")
            % {"code": certificate.code},
            url=reverse("lms:dashboard"),
            email=True,
        )
    return certificate


def certificate_issue(*, enrolment: Enrolment) -> Certificate:
    """Write down, once, what the certificate states."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    cohort = enrolment.cohort
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    enrolment=enrolment,
                    code=new_certificate_code(),
                    holder_name=enrolment.user.get_full_name(),
                    course_title=cohort.course.title,
                    hours=cohort.course.certificate_hours,
                    starts_on=cohort.starts_on,
                    ends_on=cohort.ends_on,
                    language=cohort.language,
                    second_language=default_second_language(cohort.language),
                )
        except IntegrityError:
            continue  # a code collision: draw another
    raise RuntimeError("could not draw a unique certificate code")


@transaction.atomic
def certificate_languages_set(
    *, actor: User, certificate: Certificate, languages: tuple[str, str]
) -> Certificate:
    """The holder chooses the two languages their certificate is printed in."""
    if certificate.enrolment.user_id != actor.pk and not actor.is_secretariat:
        raise PermissionDenied(_("Only the holder chooses the certificate's languages."))
    first, second = languages
    if first == second or not {first, second} <= set(CERTIFICATE_LANGUAGES):
        raise ValidationError(_("Choose two different languages."))
    certificate.language, certificate.second_language = first, second
    certificate.save(update_fields=["language", "second_language"])
    return certificate


def verification_url(certificate: Certificate) -> str:
    """The verification page's absolute address, in the certificate's first language."""
    with translation.override(certificate.language):
        return absolute_url(reverse("lms:certificate_verify", args=[certificate.code]))


def certificate_qr_payload(certificate: Certificate) -> str:
    """What the certificate's QR code says: where to check it."""
    return verification_url(certificate)


def qr_matrix(data: str) -> list[list[bool]]:
    """The modules of a QR code for ``data`` (True is dark), without the quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


class _CertificatePDF(UnicodePDF):
    def __init__(self):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.set_auto_page_break(auto=False)
        self.set_margins(20, 20, 20)

    def text_line(self, text: str, size: float, bold=False, color=(27, 31, 36), height=10):
        self.font(size, bold)
        self.set_text_color(*color)
        self.multi_cell(0, height, self.printable(text), align="C", new_x="LMARGIN", new_y="NEXT")

    def column(self, left: float, width: float):
        """Lines from now on are centred between ``left`` and ``left + width``."""
        self.set_left_margin(left)
        self.set_right_margin(self.w - left - width)
        self.set_x(left)

    def qr(self, matrix: list[list[bool]], x: float, y: float, size: float):
        """The QR code as filled rectangles (one per run of dark modules in a row)."""
        module = size / len(matrix)
        self.set_fill_color(0, 0, 0)
        for row_index, row in enumerate(matrix):
            column = 0
            while column < len(row):
                if not row[column]:
                    column += 1
                    continue
                run = column
                while run < len(row) and row[run]:
                    run += 1
                self.rect(
                    x + column * module,
                    y + row_index * module,
                    (run - column) * module,
                    module,
                    style="F",
                )
                column = run


def _certificate_texts(certificate: Certificate, language: str) -> dict[str, str]:
    """What the certificate says, in one language: of completion for a tutored cohort,
    of participation for the open, self-paced track."""
    open_track = certificate.enrolment.cohort.is_open
    with translation.override(language):
        return {
            "network": _("Inter-American Network for Labor Administration"),
            "title": _("Certificate of participation")
            if open_track
            else _("Certificate of completion"),
            "certifies": _("This certifies that"),
            "completed": (
                _("has taken part in the open, self-paced online course")
                if open_track
                else _("has completed the tutored online course")
            ),
            "hours": ngettext(
                "%(hours)s hour, from %(start)s to %(end)s",
                "%(hours)s hours, from %(start)s to %(end)s",
                certificate.hours,
            )
            % {
                "hours": certificate.hours,
                "start": formats.date_format(certificate.starts_on, "DATE_FORMAT"),
                "end": formats.date_format(certificate.ends_on, "DATE_FORMAT"),
            },
            "issued": _("Issued on %(date)s")
            % {"date": formats.date_format(certificate.issued_on, "DATE_FORMAT")},
            "code": _("Verification code: %(code)s") % {"code": certificate.code},
            "check": _("Check it at %(url)s") % {"url": verification_url(certificate)},
        }


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as a one-page A4 PDF, in its two languages side by side, with a QR
    code to its verification page."""
    texts = [_certificate_texts(certificate, language) for language in certificate.languages]
    blue, dark, grey = (11, 79, 138), (7, 47, 84), (74, 85, 99)
    pdf = _CertificatePDF()
    pdf.set_title(" · ".join(text["title"] for text in texts))
    pdf.set_author("RIAL Campus")
    pdf.set_lang(certificate.language)
    pdf.set_creation_date(certificate.issued_at)
    pdf.add_page()
    pdf.set_draw_color(*blue)
    pdf.set_line_width(1.5)
    pdf.rect(10, 10, 277, 190)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, 269, 182)
    pdf.line(148.5, 30, 148.5, 140)
    # One column per language: the first on the left, the second on the right.
    for left, text in zip((22, 155.5), texts, strict=True):
        pdf.column(left, 120)
        pdf.set_y(24)
        pdf.text_line(text["network"], 12, color=blue, height=6)
        pdf.text_line("RIAL Campus", 10, color=grey, height=6)
        pdf.ln(5)
        pdf.text_line(text["title"], 21, bold=True, color=dark, height=10)
        pdf.ln(4)
        pdf.text_line(text["certifies"], 12, height=7)
        pdf.text_line(certificate.holder_name, 18, bold=True, height=10)
        pdf.text_line(text["completed"], 12, height=7)
        pdf.text_line(certificate.course_title, 14, bold=True, color=blue, height=7)
        pdf.ln(2)
        pdf.text_line(text["hours"], 11, height=6)
        pdf.text_line(text["issued"], 10, color=grey, height=6)
    # The QR code (to the verification page) and, beside it, the code and the address.
    pdf.qr(qr_matrix(certificate_qr_payload(certificate)), 24, 150, 36)
    pdf.column(66, 211)
    pdf.set_y(152)
    first, second = texts
    pdf.text_line(first["code"], 13, bold=True, height=7)
    pdf.text_line(second["code"], 10, color=grey, height=6)
    pdf.ln(2)
    pdf.text_line(first["check"], 10, height=6)
    pdf.text_line(second["check"], 9, color=grey, height=5)
    return bytes(pdf.output())


def certificate_filename(certificate: Certificate) -> str:
    return f"certificate-{certificate.code}.pdf"


def cohort_certificates(*, cohort_id: int) -> list[Certificate]:
    """The cohort's certificates as they are now, in the order of the zip."""
    return list(
        Certificate.objects.filter(enrolment__cohort_id=cohort_id)
        .select_related("enrolment__cohort")
        .order_by("holder_name", "code")
    )


def certificate_archive_entry(certificate: Certificate) -> str:
    """The certificate's file name in the zip: its holder's name and its code."""
    safe_name = "".join(
        ch if ch.isalnum() or ch in " -_" else "_" for ch in certificate.holder_name
    ).strip()[:80]
    return f"{safe_name} - {certificate.code}.pdf"


def _enqueue_archive(archive_id: int) -> None:
    from lms.tasks import certificate_archive_build as task

    task.enqueue(archive_id)


def certificate_archive_start(*, actor: User, cohort: Cohort, token=None) -> CertificateArchive:
    """Queue the zip of every certificate of the cohort, for the secretariat.

    The same form sent twice (its token) gives back the archive it started; an
    archive of the cohort already waiting or running is given back instead of a
    second one. One whose run has not been heard from for ``ARCHIVE_STALE_AFTER``
    (a worker stopped halfway) is marked failed and a new one starts.
    """
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the secretariat downloads a cohort's certificates."))
    token = form_token(token)
    existing = CertificateArchive.objects.filter(requested_by=actor, token=token).first()
    if existing is not None:
        return existing
    now = timezone.now()
    try:
        with transaction.atomic():
            # Two people asking at once: the second waits and finds the first's archive.
            Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
            unfinished = CertificateArchive.objects.filter(
                cohort=cohort,
                status__in=[CertificateArchive.Status.QUEUED, CertificateArchive.Status.RUNNING],
            )
            unfinished.filter(heartbeat_at__lt=now - ARCHIVE_STALE_AFTER).update(
                status=CertificateArchive.Status.FAILED, finished_at=now
            )
            existing = unfinished.first()
            if existing is not None:
                return existing
            archive = CertificateArchive.objects.create(
                cohort=cohort, requested_by=actor, token=token, created_at=now, heartbeat_at=now
            )
            transaction.on_commit(lambda: _enqueue_archive(archive.pk))
    except IntegrityError:
        # The same form at the same moment: the other request made the archive.
        return CertificateArchive.objects.get(requested_by=actor, token=token)
    return archive


def _archive_running(archive_id: int, **fields) -> bool:
    """Record the run's progress; False if the archive is no longer this run's to do."""
    return bool(
        CertificateArchive.objects.filter(
            pk=archive_id, status=CertificateArchive.Status.RUNNING
        ).update(heartbeat_at=timezone.now(), **fields)
    )


def certificate_archive_build(*, archive_id: int) -> CertificateArchive | None:
    """Write the archive's zip (the worker's part), one certificate at a time.

    The certificates are those the cohort has when the run starts. ``done`` is
    saved every ``ARCHIVE_PROGRESS_EVERY`` certificates, so its page follows it.
    Only a waiting archive is built: a second run of the same task does nothing.
    """
    with transaction.atomic():
        archive = CertificateArchive.objects.select_for_update().filter(pk=archive_id).first()
        if archive is None or archive.status != CertificateArchive.Status.QUEUED:
            return archive
        certificates = cohort_certificates(cohort_id=archive.cohort_id)
        archive.status = CertificateArchive.Status.RUNNING
        archive.total, archive.done = len(certificates), 0
        archive.heartbeat_at = timezone.now()
        archive.save(update_fields=["status", "total", "done", "heartbeat_at"])
    name = ""
    try:
        with tempfile.TemporaryFile() as temporary:
            with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
                for position, certificate in enumerate(certificates, start=1):
                    bundle.writestr(
                        certificate_archive_entry(certificate), certificate_pdf(certificate)
                    )
                    report = position % ARCHIVE_PROGRESS_EVERY == 0 and position < len(certificates)
                    if report and not _archive_running(archive_id, done=position):
                        return CertificateArchive.objects.get(pk=archive_id)  # given up on
            size = temporary.tell()
            temporary.seek(0)
            name = archive.file.storage.save(
                certificate_archive_path(archive, archive.download_name),
                File(temporary, name=archive.download_name),
            )
        finished = _archive_running(
            archive_id,
            file=name,
            size=size,
            done=len(certificates),
            status=CertificateArchive.Status.DONE,
            finished_at=timezone.now(),
        )
        if not finished:  # given up on meanwhile (stale): its file is not kept
            archive.file.storage.delete(name)
    except Exception:
        logger.exception("Certificate archive %s stopped", archive_id)
        if name:
            archive.file.storage.delete(name)
        CertificateArchive.objects.filter(
            pk=archive_id,
            status__in=[CertificateArchive.Status.QUEUED, CertificateArchive.Status.RUNNING],
        ).update(status=CertificateArchive.Status.FAILED, finished_at=timezone.now())
        raise
    return CertificateArchive.objects.get(pk=archive_id)


def certificate_archives_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete archives finished over ``CertificateArchive.RETENTION_DAYS`` ago; their files
    go with them (``certificate_archive_file_delete``)."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=CertificateArchive.RETENTION_DAYS)
    deleted, _per_model = CertificateArchive.objects.filter(
        status__in=[CertificateArchive.Status.DONE, CertificateArchive.Status.FAILED],
        finished_at__lt=limit,
    ).delete()
    return deleted
