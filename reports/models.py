"""A work plan's performance report: what the secretariat adds to the figures.

The figures themselves are never stored: they are read from the platform each
time (reports.selectors), so the report says what happened, not what was typed.
What is stored is the secretariat's foreword in each language and whether the
public summary is published, with who did it and when.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.markup import SanitizedHTMLField, render_markdown


class PerformanceReport(models.Model):
    plan = models.OneToOneField(
        "workplan.WorkPlan",
        on_delete=models.CASCADE,
        related_name="performance_report",
        verbose_name=_("work plan"),
    )
    is_public = models.BooleanField(_("summary published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("performance report")
        verbose_name_plural = _("performance reports")

    def __str__(self):
        return str(self.plan)

    def foreword_in(self, language: str):
        """The foreword in ``language`` (prefetched forewords), or None."""
        for foreword in self.forewords.all():
            if foreword.language == language:
                return foreword
        return None


class ReportForeword(models.Model):
    """The secretariat's foreword to the report, in one of the network's languages."""

    report = models.ForeignKey(
        PerformanceReport, on_delete=models.CASCADE, related_name="forewords"
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    text = models.TextField(_("foreword"), help_text=_("Markdown."))
    text_html = SanitizedHTMLField(blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("foreword")
        verbose_name_plural = _("forewords")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "language"], name="reports_one_foreword_per_language"
            )
        ]

    def __str__(self):
        return f"{self.report} ({self.language})"

    def save(self, *args, **kwargs):
        self.text_html = render_markdown(self.text) if self.text else ""
        super().save(*args, **kwargs)


class ReportAction(models.Model):
    """What the secretariat did to the report, with who and when: never changed or
    removed (publishing again adds a row; it does not rewrite the earlier one)."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("Summary published")
        WITHDRAWN = "withdrawn", _("Summary withdrawn")
        FOREWORD = "foreword", _("Foreword changed")
        FOREWORD_REMOVED = "foreword_removed", _("Foreword removed")

    report = models.ForeignKey(PerformanceReport, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    language = models.CharField(max_length=5, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.report}: {self.kind}"
