"""Pilot projects: a ministry tries at home what it learnt from a workshop, a
programme of the portfolio or a cooperation activity.

A pilot records where it came from, its leading and partner ministries (countries),
the experts who support it, its theme, milestones with dates, the funding sought and
obtained, its results and documents. The focal points of the leading ministry and
the secretariat keep it up to date; the partners' focal points follow it, and any
signed-in member may follow it too.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.choices import Country
from lms.markup import SanitizedHTMLField
from lms.models.learning import private_storage_factory


class Origin(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    PROGRAMME = "programme", _("Programme of the portfolio")
    COOPERATION = "cooperation", _("Cooperation activity")


class Pilot(models.Model):
    title = models.CharField(_("title"), max_length=250)
    objective = models.TextField(_("objective"), help_text=_("Markdown."))
    objective_html = SanitizedHTMLField(blank=True)
    origin = models.CharField(_("drawn from"), max_length=12, choices=Origin.choices)
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pilots",
        verbose_name=_("workshop"),
    )
    programme = models.ForeignKey(
        "portfolio.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pilots",
        verbose_name=_("programme"),
    )
    proposal = models.ForeignKey(
        "cooperation.Proposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pilots",
        verbose_name=_("cooperation activity"),
    )
    leading_country = models.CharField(_("leading ministry"), max_length=2, choices=Country.choices)
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="supported_pilots", blank=True
    )
    theme = models.ForeignKey(
        "courses.Theme", on_delete=models.PROTECT, related_name="+", verbose_name=_("theme")
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    funding_sought = models.DecimalField(
        _("funding sought"), max_digits=14, decimal_places=2, default=0
    )
    funding_obtained = models.DecimalField(
        _("funding obtained"), max_digits=14, decimal_places=2, default=0
    )
    funding_source = models.CharField(_("source of the funding"), max_length=300, blank=True)
    results = models.TextField(_("results"), blank=True, help_text=_("Markdown."))
    results_html = SanitizedHTMLField(blank=True)
    results_at = models.DateTimeField(_("results reported"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    token = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("pilot project")
        verbose_name_plural = _("pilot projects")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["created_by", "token"], name="pilots_pilot_token_once"),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        origin="workshop",
                        event__isnull=False,
                        programme__isnull=True,
                        proposal__isnull=True,
                    )
                    | models.Q(
                        origin="programme",
                        event__isnull=True,
                        programme__isnull=False,
                        proposal__isnull=True,
                    )
                    | models.Q(
                        origin="cooperation",
                        event__isnull=True,
                        programme__isnull=True,
                        proposal__isnull=False,
                    )
                ),
                name="pilots_pilot_one_origin",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def source(self):
        """The workshop, programme or cooperation activity it was drawn from."""
        return {
            Origin.WORKSHOP: self.event,
            Origin.PROGRAMME: self.programme,
            Origin.COOPERATION: self.proposal,
        }.get(self.origin)


class Partner(models.Model):
    """A partner ministry (besides the leading one)."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="partners")
    country = models.CharField(_("partner ministry"), max_length=2, choices=Country.choices)

    class Meta:
        ordering = ["country"]
        constraints = [
            models.UniqueConstraint(fields=["pilot", "country"], name="pilots_partner_once")
        ]

    def __str__(self):
        return self.country


class Milestone(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    LATE = "late"  # not stored: a milestone not done whose date has passed

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=250)
    due_on = models.DateField(_("date"))
    state = models.CharField(
        _("status"), max_length=12, choices=State.choices, default=State.PLANNED
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title

    def status(self, today=None) -> str:
        """planned, in_progress, done, or late (not done and its date has passed)."""
        today = today or timezone.localdate()
        if self.state != self.State.DONE and self.due_on < today:
            return self.LATE
        return self.state

    def status_label(self, today=None) -> str:
        status = self.status(today)
        return str(_("Late")) if status == self.LATE else str(self.State(status).label)


class Follow(models.Model):
    """Someone who chose to follow a pilot (the partners' focal points follow it
    without a row: see ``selectors.followers``)."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pilot_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pilot", "user"], name="pilots_follow_once")]

    def __str__(self):
        return f"{self.user_id} → {self.pilot_id}"


def document_path(instance, filename):
    return f"pilots/{instance.pilot_id}/{uuid.uuid4().hex}/{filename}"


class Document(models.Model):
    """A document of the pilot: a document of the documentation centre, or a file
    uploaded here (kept on the private storage, served to signed-in members)."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    publication = models.ForeignKey(
        "library.Publication",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document of the documentation centre"),
    )
    file = models.FileField(
        _("file"),
        upload_to=document_path,
        storage=private_storage_factory,
        max_length=300,
        blank=True,
    )
    size = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title
