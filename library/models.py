"""The documentation centre and the repositories of legal instruments.

Repositories (telework laws and regulations, paid domestic work...) hold
instruments per country; the documentation centre holds publications, studies,
training offers, recordings and workshop results, typed and tagged with the
ILO themes. Members suggest documents; the secretariat publishes them.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from courses.models import MultilingualName
from courses.translations import TranslationsWidget, in_reader_language, translations_field
from lms.choices import Country, InterfaceLanguage


class Repository(MultilingualName):
    """A collection of legal instruments on one subject, by country."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)

    panels = [
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("name_es"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("name_pt"), FieldPanel("name_fr")]),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("repository")
        verbose_name_plural = _("repositories")
        ordering = ["sort_order", "slug"]


class Instrument(models.Model):
    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        DECREE = "decree", _("Decree")
        REGULATION = "regulation", _("Regulation")
        RESOLUTION = "resolution", _("Resolution")
        GUIDE = "guide", _("Guide or protocol")
        OTHER = "other", _("Other")

    repository = models.ForeignKey(
        Repository,
        on_delete=models.CASCADE,
        related_name="instruments",
        verbose_name=_("repository"),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
    )

    panels = [
        FieldPanel("repository"),
        FieldRowPanel([FieldPanel("country"), FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("url"),
        FieldPanel("document"),
    ]

    class Meta:
        verbose_name = _("legal instrument")
        verbose_name_plural = _("legal instruments")
        ordering = ["country", "-date", "title"]
        indexes = [models.Index(fields=["repository", "country", "kind"])]

    def __str__(self):
        return self.title


class Publication(models.Model):
    class Kind(models.TextChoices):
        PUBLICATION = "publication", _("Publication")
        STUDY = "study", _("Study")
        TRAINING = "training", _("Training offer")
        RECORDING = "recording", _("Recording")
        RESULTS = "results", _("Workshop results")
        OPINION = "opinion", _("Technical opinion")

        @classmethod
        def suggestible(cls):
            """What members may suggest: an opinion comes from an ad-hoc group."""
            return [(value, label) for value, label in cls.choices if value != cls.OPINION]

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested by a member")
        PUBLISHED = "published", _("Published")
        DECLINED = "declined", _("Not published")

    title = models.CharField(_("title"), max_length=300)
    title_translations = translations_field(_("title in other languages"))
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    summary = models.TextField(_("summary"), blank=True)
    themes = models.ManyToManyField(
        "courses.Theme", related_name="publications", blank=True, verbose_name=_("themes")
    )
    language = models.CharField(
        _("language"), max_length=5, choices=InterfaceLanguage.choices, default="es"
    )
    date = models.DateField(_("date"), null=True, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file to download"),
    )
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

    panels = [
        FieldPanel("title"),
        FieldPanel("title_translations", widget=TranslationsWidget),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("language"), FieldPanel("date")]),
        FieldPanel("summary"),
        FieldPanel("themes"),
        FieldPanel("url"),
        FieldPanel("document"),
        FieldPanel("status"),
    ]

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documentation centre")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        return self.title

    @property
    def display_title(self) -> str:
        """The title in the reader's language when it has been translated."""
        return in_reader_language(self.title, self.title_translations)
