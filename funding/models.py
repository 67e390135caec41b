"""The directory of funding sources: funders (international organisations, cooperation
agencies, development banks, foundations) and their calls for proposals.

Focal points and the secretariat suggest funders and calls; the secretariat reviews
and publishes them (lms.services.review, as the documentation centre's documents).
A person follows themes (``ThemeFollow``) and is told of new calls of those themes
and of their approaching deadlines.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from lms.choices import Country, InterfaceLanguage
from lms.choices import ReviewStatus as Status
from lms.markup import SanitizedHTMLField, render_markdown


def country_codes(value: str) -> list[str]:
    """The ISO codes of a stored list of countries (" AR BR "), in order."""
    return [code for code in (value or "").split() if code]


def country_list(codes) -> str:
    """Stored form of a list of country codes: known codes, sorted, spaced on both
    sides so that one code is found with ``contains=" AR "``; "" means every country."""
    known = sorted({code.strip().upper() for code in codes} & set(Country.values))
    return f" {' '.join(known)} " if known else ""


class Reviewed(models.Model):
    """What the review keeps about a funder or a call (lms.services.review): where it
    stands, who suggested it, when it came and when it was published. Saving it
    published (the admin does) dates its publication."""

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)


class Funder(Reviewed):
    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("International organisation")
        AGENCY = "agency", _("Cooperation agency")
        BANK = "bank", _("Development bank")
        FOUNDATION = "foundation", _("Foundation")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=14, choices=Kind.choices)
    region = models.CharField(
        _("country or region"),
        max_length=120,
        blank=True,
        help_text=_("Where the funder is based or works (Spain, the Americas, worldwide...)."),
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = SanitizedHTMLField(blank=True, editable=False)
    themes = models.ManyToManyField(
        "courses.Theme", related_name="funders", blank=True, verbose_name=_("themes")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("region")]),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("themes"),
        FieldPanel("status"),
    ]

    class Meta:
        verbose_name = _("funder")
        verbose_name_plural = _("funders")
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The admin edits the Markdown: its HTML follows (lms.markup is the one path).
        self.description_html = render_markdown(self.description)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "description_html"}
        super().save(*args, **kwargs)


class FundingCall(Reviewed):
    funder = models.ForeignKey(
        Funder, on_delete=models.CASCADE, related_name="calls", verbose_name=_("funder")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    themes = models.ManyToManyField(
        "courses.Theme", related_name="funding_calls", blank=True, verbose_name=_("themes")
    )
    countries = models.CharField(
        _("eligible countries"),
        max_length=200,
        blank=True,
        help_text=_("ISO codes separated by spaces (AR BR CL); empty: every country."),
    )
    amount_min = models.DecimalField(
        _("smallest amount"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    amount_max = models.DecimalField(
        _("largest amount"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, default="USD")
    opens_on = models.DateField(_("opening date"), null=True, blank=True)
    deadline = models.DateField(
        _("deadline"), null=True, blank=True, help_text=_("Empty: applications any time.")
    )
    how_to_apply = models.TextField(_("how to apply"), blank=True, help_text=_("Markdown."))
    how_to_apply_html = SanitizedHTMLField(blank=True, editable=False)
    url = models.URLField(_("link"), max_length=500, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=InterfaceLanguage.choices, default="es"
    )

    panels = [
        FieldPanel("funder"),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("themes"),
        FieldPanel("countries"),
        FieldRowPanel([FieldPanel("amount_min"), FieldPanel("amount_max"), FieldPanel("currency")]),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("deadline"), FieldPanel("language")]),
        FieldPanel("how_to_apply"),
        FieldPanel("url"),
        FieldPanel("status"),
    ]

    class Meta:
        verbose_name = _("funding call")
        verbose_name_plural = _("funding calls")
        ordering = ["deadline", "pk"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.how_to_apply_html = render_markdown(self.how_to_apply)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "how_to_apply_html"}
        super().save(*args, **kwargs)

    def clean(self):
        self.countries = country_list(self.countries.replace(",", " ").split())
        if (
            self.amount_min is not None
            and self.amount_max is not None
            and self.amount_min > self.amount_max
        ):
            raise ValidationError({"amount_max": _("The largest amount is below the smallest.")})

    @property
    def country_codes(self) -> list[str]:
        return country_codes(self.countries)

    def country_names(self) -> list[str]:
        labels = dict(Country.choices)
        return [str(labels.get(code, code)) for code in self.country_codes]

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.deadline is None or self.deadline >= today


class ThemeFollow(models.Model):
    """A person wants to hear of funding calls of this theme."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="funding_follows"
    )
    theme = models.ForeignKey(
        "courses.Theme", on_delete=models.CASCADE, related_name="funding_followers"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "theme"], name="funding_follow_once")
        ]

    def __str__(self):
        return f"{self.user_id} follows {self.theme_id}"
