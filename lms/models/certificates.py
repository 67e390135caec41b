import secrets
import zoneinfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
