import secrets
import uuid
import zoneinfo

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.jobs import JobStatus
from lms.models.learning import private_storage_factory

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


# The languages a certificate can be issued in (two of them, side by side).
CERTIFICATE_LANGUAGES = ("es", "en", "pt", "fr")


def default_second_language(language: str) -> str:
    """English beside the cohort's language; Spanish beside English."""
    return "es" if language == "en" else "en"


def new_certificate_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class Certificate(models.Model):
    """Proof of completion. What it states is copied at issue time and never changes."""

    enrolment = models.OneToOneField(
        "lms.Enrolment", on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    holder_name = models.CharField(_("name"), max_length=200)
    course_title = models.CharField(_("course"), max_length=255)
    hours = models.PositiveSmallIntegerField(_("hours"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    language = models.CharField(_("language"), max_length=5)
    # Printed beside ``language``; the holder may choose another pair later.
    second_language = models.CharField(_("second language"), max_length=5, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]

    def __str__(self):
        return self.code

    @property
    def languages(self) -> tuple[str, str]:
        """The two languages the certificate is printed in, its first one first."""
        return (self.language, self.second_language or default_second_language(self.language))

    @property
    def language_names(self) -> str:
        """The two languages, each by its own name ("Español · English")."""
        names = dict(settings.LANGUAGES)
        return " · ".join(names.get(code, code) for code in self.languages)

    def language_pairs(self) -> list[tuple[str, str, bool]]:
        """The pairs of languages the holder may choose, as (value, label, chosen).

        The cohort's language comes first in each pair that has it, and those pairs
        come first; labels use each language's own name, the same in any page language.
        """
        cohort_language = self.enrolment.cohort.language
        names = dict(settings.LANGUAGES)
        pairs = []
        for index, first in enumerate(CERTIFICATE_LANGUAGES):
            for second in CERTIFICATE_LANGUAGES[index + 1 :]:
                pairs.append((second, first) if second == cohort_language else (first, second))
        pairs.sort(key=lambda pair: cohort_language not in pair)
        return [
            (f"{a}-{b}", f"{names[a]} · {names[b]}", (a, b) == self.languages) for a, b in pairs
        ]

    @property
    def issued_on(self):
        """The issue date where the cohort is, the same on the PDF and the web page."""
        zone = zoneinfo.ZoneInfo(self.enrolment.cohort.time_zone)
        return timezone.localtime(self.issued_at, zone).date()


def certificate_archive_path(instance, filename):
    """A name nobody can guess; the file is served only through a view."""
    return f"certificate-archives/{instance.cohort_id}/{uuid.uuid4().hex}/{filename}"


class CertificateArchive(models.Model):
    """Every certificate of a cohort in one zip, prepared by the worker for the secretariat.

    The request queues it (``lms.services.certificates.certificate_archive_start``);
    a task writes the PDFs one at a time, counting them in ``done``, and the person
    follows the counters on its page until the file is ready to download. Archives
    finished more than ``RETENTION_DAYS`` ago are deleted with their file by the
    periodic pruning of imports.
    """

    RETENTION_DAYS = 30

    Status = JobStatus

    cohort = models.ForeignKey(
        "lms.Cohort", on_delete=models.CASCADE, related_name="certificate_archives"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(
        upload_to=certificate_archive_path,
        storage=private_storage_factory,
        blank=True,
        max_length=300,
    )
    size = models.PositiveBigIntegerField(default=0)
    # The form that asked for it: a double click sends the same token.
    token = models.UUIDField(default=uuid.uuid4)
    created_at = models.DateTimeField(default=timezone.now)
    # Last sign of life of its run (a run that stops leaves it behind).
    heartbeat_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificate archive")
        verbose_name_plural = _("certificate archives")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "token"], name="lms_certificate_archive_once_per_form"
            )
        ]
        indexes = [models.Index(fields=["status", "finished_at"])]

    def __str__(self):
        return f"{self.cohort_id}: {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return 0 if not self.total else min(100, self.done * 100 // self.total)

    @property
    def download_name(self) -> str:
        return f"certificates-cohort-{self.cohort_id}.zip"


@receiver(post_delete, sender=CertificateArchive)
def certificate_archive_file_delete(sender, instance, **kwargs):
    """An archive deleted (pruned, or with its cohort) takes its file with it, once the
    deletion is committed."""
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))
