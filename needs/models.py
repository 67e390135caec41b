"""A ministry's need for technical assistance, and what came of it.

A need belongs to a ministry (its country): the focal points of that ministry and the
secretariat edit it. It is open until something answers it: a cooperation proposal
or a question to experts made from it, or the secretariat saying it is answered
(each an ``Outcome``); the ministry closes it when it no longer needs help.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.choices import Country
from lms.markup import SanitizedHTMLField

MAX_TITLE = 200
MAX_DESCRIPTION = 5000


class Need(models.Model):
    class Urgency(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    class Help(models.TextChoices):
        EXPERT_VISIT = "expert_visit", _("Expert visit")
        TRAINING = "training", _("Training")
        EXCHANGE = "exchange", _("Exchange of experiences")
        STUDY = "study", _("Study")

    country = models.CharField(_("ministry"), max_length=2, choices=Country.choices)
    theme = models.ForeignKey(
        "courses.Theme", on_delete=models.PROTECT, related_name="+", verbose_name=_("theme")
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    description = models.TextField(_("description"))
    description_html = SanitizedHTMLField(blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    # The kinds of help wanted: comma-separated codes of ``Help`` (one or more).
    help_kinds = models.CharField(_("help wanted"), max_length=100)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["country", "status"]),
            models.Index(fields=["theme", "status"]),
        ]

    def __str__(self):
        return self.title

    @property
    def help_codes(self) -> list[str]:
        return [code for code in self.help_kinds.split(",") if code in self.Help.values]

    @property
    def help_labels(self) -> list[str]:
        labels = dict(self.Help.choices)
        return [str(labels[code]) for code in self.help_codes]


class Outcome(models.Model):
    """What answered a need: a cooperation proposal or a question to experts made from
    it, or the secretariat's word that it is answered (with a note)."""

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Cooperation proposal")
        QUESTION = "question", _("Question to experts")
        SECRETARIAT = "secretariat", _("Answered, says the Technical Secretariat")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    proposal = models.ForeignKey(
        "cooperation.Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    question = models.ForeignKey(
        "forum.ExpertQuestion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "proposal"],
                condition=models.Q(proposal__isnull=False),
                name="needs_outcome_proposal_once",
            ),
            models.UniqueConstraint(
                fields=["need", "question"],
                condition=models.Q(question__isnull=False),
                name="needs_outcome_question_once",
            ),
        ]

    def __str__(self):
        return f"{self.need_id}: {self.kind}"
