"""The network's work plan for a period (e.g. 2022-2024): priority lines, the actions
under each, what on the platform realised them, and each action's budget.

The secretariat writes the plan in the Wagtail admin and approves it on the site.
Once approved, what was approved (the plan's period and title, its lines, each
action's line, title, kind and mandates) is refused if changed; what moves while the
plan runs (dates, status, spend, links, budget revisions) may change and every change
is recorded with who and when (``PlanChange``). The rules are in ``workplan.services``.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from lms.choices import Country
from lms.markup import SanitizedHTMLField, render_markdown

_YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]
_AMOUNT = {
    "max_digits": 12,
    "decimal_places": 2,
    "default": Decimal("0"),
    "validators": [MinValueValidator(Decimal("0"))],
}


class Funder(models.Model):
    """Where an action's money comes from: the network's fund or a partner."""

    class Kind(models.TextChoices):
        NETWORK_FUND = "fund", _("The network's fund")
        PARTNER = "partner", _("Partner")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PARTNER)

    panels = [FieldPanel("name"), FieldPanel("kind")]

    class Meta:
        verbose_name = _("source of funds")
        verbose_name_plural = _("sources of funds")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class WorkPlan(ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    title = models.CharField(_("title"), max_length=250)
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=_YEAR)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=_YEAR)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    summary_html = SanitizedHTMLField(blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    approving_body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_plans",
        verbose_name=_("approving body"),
        help_text=_(
            "Its current members review the draft and see the budget. Empty: the focal "
            "points of every ministry."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
        FieldPanel("approving_body"),
        FieldPanel("summary"),
        InlinePanel(
            "lines",
            label=_("Priority lines"),
            min_num=1,
            help_text=_(
                "Once the plan is approved (on the site), its title, period, summary and "
                "lines cannot change."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-start_year", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["start_year", "end_year"], name="workplan_period_once")
        ]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The plan ends in or after its first year.")})
        if self.start_year and self.end_year:
            overlapping = WorkPlan.objects.filter(
                start_year__lte=self.end_year, end_year__gte=self.start_year
            ).exclude(pk=self.pk)
            if overlapping.exists():
                # Two plans for one year would make two current plans.
                raise ValidationError(
                    _("Another plan covers some of these years: %(plans)s.")
                    % {"plans": ", ".join(plan.period for plan in overlapping[:3])}
                )

    def save(self, *args, **kwargs):
        self.summary_html = render_markdown(self.summary) if self.summary else ""
        super().save(*args, **kwargs)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def period(self) -> str:
        return f"{self.start_year}-{self.end_year}"


class PriorityLine(Orderable):
    plan = ParentalKey(WorkPlan, on_delete=models.CASCADE, related_name="lines")
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = SanitizedHTMLField(blank=True)

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("priority line")
        verbose_name_plural = _("priority lines")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.description_html = render_markdown(self.description) if self.description else ""
        super().save(*args, **kwargs)


class Action(models.Model):
    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        COURSE = "course", _("Course")
        DIALOGUE = "dialogue", _("Dialogue")
        STUDY = "study", _("Study")
        COOPERATION = "cooperation", _("Cooperation")
        TECHNICAL_ASSISTANCE = "assistance", _("Technical assistance")

    class Status(models.TextChoices):
        FULFILLED = "fulfilled", _("Fulfilled")
        ONGOING = "ongoing", _("On-going")
        FUTURE = "future", _("Future")

    line = models.ForeignKey(
        PriorityLine, on_delete=models.CASCADE, related_name="actions", verbose_name=_("line")
    )
    sort_order = models.PositiveSmallIntegerField(_("order in its line"), default=0)
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    host_country = models.CharField(
        _("host country"), max_length=2, choices=Country.choices, blank=True
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    typed_status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.FUTURE,
        help_text=_("Used only when no linked event, cohort or cooperation activity says it."),
    )
    mandates = models.TextField(
        _("mandates"),
        blank=True,
        help_text=_(
            "The declarations and plans of action (and their paragraphs) it answers. Markdown."
        ),
    )
    mandates_html = SanitizedHTMLField(blank=True)
    financing = models.TextField(_("financing summary"), blank=True, help_text=_("Markdown."))
    financing_html = SanitizedHTMLField(blank=True)
    # What realised it on the platform.
    events = models.ManyToManyField(
        "events.Event", blank=True, related_name="+", verbose_name=_("events")
    )
    cohorts = models.ManyToManyField(
        "lms.Cohort", blank=True, related_name="+", verbose_name=_("course cohorts")
    )
    spaces = models.ManyToManyField(
        "forum.Space",
        blank=True,
        related_name="+",
        verbose_name=_("dialogues, communities and workshop spaces"),
    )
    proposals = models.ManyToManyField(
        "cooperation.Proposal",
        blank=True,
        related_name="+",
        verbose_name=_("cooperation activities"),
    )
    publications = models.ManyToManyField(
        "library.Publication", blank=True, related_name="+", verbose_name=_("documents")
    )
    # Its budget (US dollars), seen by the secretariat and the approving body only.
    source = models.ForeignKey(
        Funder,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("source of funds"),
    )
    approved_amount = models.DecimalField(_("approved amount (USD)"), **_AMOUNT)
    host_contribution = models.DecimalField(_("host contribution (USD)"), **_AMOUNT)
    in_kind_description = models.CharField(_("in-kind contribution"), max_length=250, blank=True)
    in_kind_value = models.DecimalField(_("in-kind contribution value (USD)"), **_AMOUNT)
    spent = models.DecimalField(_("spent to date (USD)"), **_AMOUNT)

    panels = [
        FieldPanel(
            "line",
            help_text=_(
                "Once its plan is approved, an action keeps its line, title, kind and mandates; "
                "every other change is recorded with who and when."
            ),
        ),
        FieldRowPanel([FieldPanel("title"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("host_country"), FieldPanel("typed_status")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("mandates"),
        FieldPanel("financing"),
        MultiFieldPanel(
            [
                FieldPanel("events"),
                FieldPanel("cohorts"),
                FieldPanel("spaces"),
                FieldPanel("proposals"),
                FieldPanel("publications"),
            ],
            heading=_("What realised it on the platform"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldRowPanel([FieldPanel("approved_amount"), FieldPanel("spent")]),
                FieldPanel("host_contribution"),
                FieldRowPanel([FieldPanel("in_kind_description"), FieldPanel("in_kind_value")]),
            ],
            heading=_("Budget (US dollars)"),
        ),
    ]

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["line__sort_order", "line_id", "sort_order", "pk"]
        constraints = [
            # An overrun is recorded by revising the approved amount first.
            models.CheckConstraint(
                condition=models.Q(spent__lte=models.F("approved_amount")),
                name="workplan_action_spent_within_approved",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    approved_amount__gte=0,
                    host_contribution__gte=0,
                    in_kind_value__gte=0,
                    spent__gte=0,
                ),
                name="workplan_action_amounts_not_negative",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.mandates_html = render_markdown(self.mandates) if self.mandates else ""
        self.financing_html = render_markdown(self.financing) if self.financing else ""
        super().save(*args, **kwargs)


class PlanChange(models.Model):
    """A change to an approved plan's action: who, when, what it was and became.

    A change of links (``LINK_FIELDS``) records the linked records' ids, which
    ``selectors.changes_for`` names for each reader as the plan's page would (a record the
    reader may not see is only counted): a name stored here would show it to everyone."""

    LINK_FIELDS = ("events", "cohorts", "spaces", "proposals", "publications")

    RECORD_DELETED = "deleted"  # a ``reason``: not an edit, a linked record deleted elsewhere

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="changes")
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="changes"
    )
    field = models.CharField(_("field"), max_length=100)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.field}: {self.before} -> {self.after}"

    @property
    def reason_label(self) -> str:
        if self.reason == self.RECORD_DELETED:
            return _("Link removed because the record was deleted")
        return ""

    # (before, after) as the reader may see them: set by ``selectors.changes_for``.
    resolved: tuple[str, str] | None = None

    @property
    def before_shown(self) -> str:
        return self.resolved[0] if self.resolved else self._shown(self.before)

    @property
    def after_shown(self) -> str:
        return self.resolved[1] if self.resolved else self._shown(self.after)

    def _shown(self, value: str) -> str:
        """A status as its label, a country as its name; links only as names resolved
        for the reader (never the stored ids); anything else as recorded."""
        if self.field in self.LINK_FIELDS:
            return ""
        choices = WorkPlan.Status if self.field == "status" else Action.Status
        if self.field in ("status", "typed_status") and value in choices.values:
            return str(choices(value).label)
        if self.field == "host_country" and value in Country.values:
            return str(Country(value).label)
        return value

    @property
    def field_label(self) -> str:
        """The changed field's name as the admin shows it."""
        model = WorkPlan if self.field == "status" else Action
        try:
            return str(model._meta.get_field(self.field).verbose_name)
        except FieldDoesNotExist:  # a field since renamed
            return self.field
