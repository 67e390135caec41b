import secrets
import zoneinfo

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


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

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]

    def __str__(self):
        return self.code

    @property
    def issued_on(self):
        """The issue date where the cohort is, the same on the PDF and the web page."""
        zone = zoneinfo.ZoneInfo(self.enrolment.cohort.time_zone)
        return timezone.localtime(self.issued_at, zone).date()
