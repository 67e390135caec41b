"""The portfolio of programmes ministries offer each other (horizontal cooperation).

A programme follows the consolidated-programme submission form the network has
used for years. A focal point writes it for their ministry (their country) and
saves drafts; the secretariat reviews it (approve and publish, ask for changes,
reject), adds translations, and every step is kept with who and when.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lms.choices import Country, InterfaceLanguage


class Category(models.TextChoices):
    OSH = "osh", _("Occupational safety and health")
    SKILLS = "skills", _("Labour skills training and certification")
    LABOUR_ADMIN = "labour_admin", _("Strengthening of labour administration")
    GENDER = "gender", _("Gender equity policies and programmes")
    MSME = "msme", _("Promotion of micro, small and medium enterprises")


class Target(models.TextChoices):
    YOUTH = "youth", _("Young people")
    WOMEN = "women", _("Women")
    MIGRANTS = "migrants", _("Migrant workers")
    DISABILITY = "disability", _("People with disabilities")
    INFORMAL = "informal", _("Informal workers")
    MSME = "msme", _("Micro, small and medium enterprises")
    DOMESTIC = "domestic", _("Domestic workers")
    RURAL = "rural", _("Rural workers")
    OFFICIALS = "officials", _("Labour administration officials")
    EMPLOYERS = "employers", _("Employers")
    WORKERS = "workers", _("Workers and their organisations")


class RecordType(models.TextChoices):
    """What a record of the Table is (Annex I of the INLA/RIAL proposal)."""

    POLICY = "policy", _("Policy")
    PROGRAMME = "programme", _("Programme")
    PROJECT = "project", _("Technical-cooperation project")


class Organisation(models.TextChoices):
    """International organisations whose technical-cooperation projects the Table
    records next to the ministries' programmes."""

    ILO = "ilo", _("International Labour Organization (ILO)")
    OAS = "oas", _("Organization of American States (OAS)")
    IDB = "idb", _("Inter-American Development Bank (IDB)")
    ECLAC = "eclac", _("Economic Commission for Latin America and the Caribbean (ECLAC)")
    OTHER = "other", _("Another international organisation")


class Programme(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        CHANGES = "changes", _("Changes requested")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not accepted")

    # Who offers it
    name = models.CharField(_("name of the programme"), max_length=250)
    record_type = models.CharField(
        _("type of record"),
        max_length=10,
        choices=RecordType.choices,
        default=RecordType.PROGRAMME,
    )
    website = models.URLField(_("website"), blank=True)
    # A ministry's programme belongs to its country; an international organisation's
    # project to the organisation (and names the country it runs in, if one).
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    organisation = models.CharField(
        _("international organisation"),
        max_length=10,
        choices=Organisation.choices,
        blank=True,
        help_text=_("Empty for a ministry's own programme."),
    )
    institution = models.CharField(_("submitting institution"), max_length=250, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_position = models.CharField(_("position"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("telephone"), max_length=50, blank=True)
    contact_address = models.CharField(_("address"), max_length=300, blank=True)
    # What it is about
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    themes = models.ManyToManyField(
        "courses.Theme", related_name="programmes", verbose_name=_("areas and themes"), blank=True
    )
    needs = models.TextField(_("needs addressed"), blank=True)
    description = models.TextField(_("description"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True, help_text=_("Empty if ongoing.")
    )
    coverage = models.CharField(_("geographic coverage"), max_length=300, blank=True)
    target_population = models.TextField(_("target population"), blank=True)
    institutions = models.TextField(_("institutions involved"), blank=True)
    # Resources and sustainability (Annex I: financed or not; human, financial and
    # non-financial resources)
    financed = models.BooleanField(
        _("financed"),
        null=True,
        blank=True,
        help_text=_("Whether the programme has funding of its own."),
    )
    human_resources = models.TextField(_("human resources"), blank=True)
    funding = models.TextField(_("financial resources"), blank=True)
    in_kind = models.TextField(_("non-financial resources"), blank=True)
    other_support = models.TextField(_("other support"), blank=True)
    # Evaluation
    achievements = models.TextField(_("achievements"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    improvements = models.TextField(_("what to improve"), blank=True)
    evaluations = models.TextField(_("evaluations and their findings"), blank=True)
    documentation = models.TextField(
        _("documentation"), blank=True, help_text=_("Links to documents, one per line.")
    )
    information_source = models.CharField(
        _("information source"),
        max_length=300,
        blank=True,
        help_text=_(
            "Where this record's information comes from: a report, a website, an interview..."
        ),
    )
    # Consent
    consent_publish = models.BooleanField(_("we agree to publish this programme"), default=False)
    share_workshops = models.BooleanField(_("willing to share it in workshops"), default=False)
    share_bilateral = models.BooleanField(
        _("willing to share it through bilateral cooperation"), default=False
    )
    # Workflow
    language = models.CharField(
        _("language it is written in"),
        max_length=5,
        choices=InterfaceLanguage.choices,
        default=InterfaceLanguage.SPANISH,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    # What the form, the service and the page read; nothing else lists the fields.
    # The fields a ministry fills in, in the order the form asks for them
    # (ProgrammeForm adds the target populations, ProgrammeTarget rows, before
    # ``target_population``). programme_save sets them from its ``data``, the
    # many-to-many ``themes`` from an argument of its own, and refuses any other
    # name. A field added to the form is added here.
    EDITABLE_FIELDS = (
        "name",
        "record_type",
        "language",
        "website",
        "institution",
        "contact_name",
        "contact_position",
        "contact_email",
        "contact_phone",
        "contact_address",
        "category",
        "themes",
        "needs",
        "description",
        "objectives",
        "start_date",
        "end_date",
        "duration_months",
        "coverage",
        "target_population",
        "institutions",
        "financed",
        "human_resources",
        "funding",
        "in_kind",
        "other_support",
        "achievements",
        "lessons",
        "improvements",
        "evaluations",
        "documentation",
        "information_source",
        "consent_publish",
        "share_workshops",
        "share_bilateral",
    )
    # The texts written as Markdown: the programme's page shows each through
    # lms.markup (programme.html prints ``html.<name>``).
    MARKDOWN_FIELDS = (
        "needs",
        "description",
        "objectives",
        "target_population",
        "institutions",
        "human_resources",
        "funding",
        "in_kind",
        "other_support",
        "achievements",
        "lessons",
        "improvements",
        "evaluations",
        "documentation",
    )
    # The texts the secretariat translates (ProgrammeTranslation): shown in the
    # reader's language when there is a translation (``in_language``).
    TRANSLATED_FIELDS = ("name", "needs", "description", "objectives")

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "country"]),
            models.Index(fields=["status", "category"]),
            models.Index(fields=["status", "organisation"]),
            models.Index(fields=["status", "-published_at", "-id"]),
        ]

    def __str__(self):
        return self.name

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def owner(self) -> str:
        """Who the record belongs to: the international organisation, or the ministry
        (its country)."""
        if self.organisation:
            return self.get_organisation_display()
        return self.get_country_display()

    @property
    def display_name(self) -> str:
        """The name in the reader's language when the secretariat has translated it
        (prefetch ``translations`` in lists)."""
        return self.in_language().name

    def in_language(self, language: str | None = None) -> "ProgrammeText":
        """The texts to show in this language: a translation if there is one (prefetch
        ``translations``), else the original."""
        language = (language or get_language() or "es")[:2]
        if language != self.language:
            for translation in self.translations.all():
                if translation.language == language:
                    return ProgrammeText(translation, language, translated=True)
        return ProgrammeText(self, self.language, translated=False)


class ProgrammeText:
    """The translatable texts of a programme in one language: each of
    Programme.TRANSLATED_FIELDS, read from the programme or one of its translations."""

    def __init__(self, source, language: str, *, translated: bool):
        for name in Programme.TRANSLATED_FIELDS:
            setattr(self, name, getattr(source, name))
        self.language = language
        self.translated = translated


class ProgrammeTranslation(models.Model):
    """The secretariat's translation of a programme's main texts into another language."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=5, choices=InterfaceLanguage.choices)
    name = models.CharField(_("name of the programme"), max_length=250)
    needs = models.TextField(_("needs addressed"))
    description = models.TextField(_("description"))
    objectives = models.TextField(_("objectives"))
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "language"], name="portfolio_programme_translation_once"
            )
        ]

    def __str__(self):
        return f"{self.programme_id} ({self.language})"


class ProgrammeTarget(models.Model):
    """One population a programme serves (a row each, so the search filters on it)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(max_length=12, choices=Target.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"], name="portfolio_programme_target_once"
            )
        ]
        indexes = [models.Index(fields=["code", "programme"])]

    def __str__(self):
        return self.code


class ProgrammeEvent(models.Model):
    """One step of a programme's life: who did what, when, and what they said."""

    class Action(models.TextChoices):
        CREATED = "created", _("Draft created")
        SAVED = "saved", _("Draft saved")
        SUBMITTED = "submitted", _("Sent for review")
        UPDATED = "updated", _("Updated after publication")
        APPROVED = "approved", _("Approved and published")
        CHANGES = "changes", _("Changes requested")
        REJECTED = "rejected", _("Not accepted")
        TRANSLATED = "translated", _("Translation saved")
        UNPUBLISHED = "unpublished", _("Unpublished")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.programme_id} {self.action}"


class ProgrammeInterest(models.Model):
    """A ministry (a country) would like to learn from this programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="interests")
    country = models.CharField(max_length=2, choices=Country.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "country"], name="portfolio_programme_interest_once"
            )
        ]

    def __str__(self):
        return f"{self.country} -> {self.programme_id}"
