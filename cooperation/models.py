"""Bilateral cooperation calls: the secretariat opens a yearly call; a ministry
proposes an activity with another; the providing ministry confirms; the
secretariat scores against the published criteria and selects; selected
activities get a page and, later, a results report."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from lms.choices import Country

CRITERIA = [
    ("relevance", _("Relevance")),
    ("opportunity", _("Opportunity")),
    ("clarity", _("Clarity of objectives")),
    ("commitment", _("Commitment of the parties")),
]
MAX_SCORE = 5
# The languages the rules of a call are written in; Spanish first, the one required.
RULES_LANGUAGES = ("es", "en", "pt", "fr")


class Call(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=250)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    rules_es = models.TextField(_("rules in Spanish"), help_text=_("Markdown."))
    rules_en = models.TextField(_("rules in English"), blank=True, help_text=_("Markdown."))
    rules_pt = models.TextField(_("rules in Portuguese"), blank=True, help_text=_("Markdown."))
    rules_fr = models.TextField(_("rules in French"), blank=True, help_text=_("Markdown."))
    budget_note = models.TextField(_("budget note"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("title"),
        MultiFieldPanel(
            [FieldPanel(f"rules_{language}") for language in RULES_LANGUAGES],
            heading=_("Rules"),
            help_text=_("Readers see the rules in their language, else in Spanish."),
        ),
        FieldPanel("budget_note"),
    ]

    class Meta:
        verbose_name = _("cooperation call")
        verbose_name_plural = _("cooperation calls")
        ordering = ["-year"]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The call closes after it opens.")})

    def rules(self, language: str | None = None) -> str:
        """The rules in the reader's language; else the first written of es, en, pt, fr."""
        language = (language or get_language() or "es")[:2]
        order = [language] + [code for code in RULES_LANGUAGES if code != language]
        return next((text for code in order if (text := getattr(self, f"rules_{code}", ""))), "")

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on


class Proposal(models.Model):
    class Format(models.TextChoices):
        VISIT_PROVIDER = "visit", _("Visit to the providing ministry")
        EXPERT_VISIT = "expert", _("Visit of experts to the beneficiary")
        VIRTUAL = "virtual", _("Virtual")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for the providing ministry")
        CONFIRMED = "confirmed", _("Confirmed by the providing ministry")
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="proposals")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    providing_country = models.CharField(
        _("providing ministry"), max_length=2, choices=Country.choices
    )
    topic = models.CharField(_("topic"), max_length=250)
    themes = models.ManyToManyField("courses.Theme", related_name="+", verbose_name=_("themes"))
    objectives = models.TextField(_("objectives"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    programme = models.ForeignKey(
        "portfolio.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme of the portfolio it builds on"),
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    token = models.UUIDField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    results = models.TextField(_("results report"), blank=True)
    results_kinds = models.CharField(max_length=100, blank=True)  # comma-separated codes

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["submitted_by", "token"], name="cooperation_proposal_token_once"
            )
        ]

    def __str__(self):
        return self.topic

    @property
    def total_score(self):
        scores = [score.value for score in self.scores.all()]
        return sum(scores) if len(scores) == len(CRITERIA) else None


class Beneficiary(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="beneficiaries")
    country = models.CharField(max_length=2, choices=Country.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "country"], name="cooperation_beneficiary_once"
            )
        ]

    def __str__(self):
        return self.country


class Score(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=12, choices=CRITERIA)
    value = models.PositiveSmallIntegerField()
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "criterion"], name="cooperation_score_once")
        ]

    def __str__(self):
        return f"{self.criterion}={self.value}"
