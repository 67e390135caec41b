from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BodyStreamBlock, HighlightBlock, LinkBlock
from courses.serving import OneQueryRouting


class HomePage(OneQueryRouting, Page):
    """The front door, one per language: a hero, highlights and a body."""

    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_intro = models.TextField(_("hero introduction"), max_length=500, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_links = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("hero buttons"),
        blank=True,
        max_num=2,
    )
    highlights_title = models.CharField(_("highlights title"), max_length=120, blank=True)
    highlights = StreamField(
        [("highlight", HighlightBlock())], verbose_name=_("highlights"), blank=True, max_num=6
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_image"),
                FieldPanel("hero_links"),
            ],
            heading=_("Hero"),
        ),
        MultiFieldPanel(
            [FieldPanel("highlights_title"), FieldPanel("highlights")], heading=_("Highlights")
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "cms/home_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Visitors get the page as editors made it (shared by the page cache); a
        # signed-in person gets what is next for them (private, never cached); an
        # editor's preview shows what visitors will see.
        signed_in = getattr(getattr(request, "user", None), "is_authenticated", False)
        if signed_in and not getattr(request, "is_preview", False):
            from cms.home import page_context

            context.update(page_context(request, self))
        return context

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(Page):
    """An ordinary content page: about the network, how to take part, terms."""

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    template = "cms/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class TranslationSync(models.Model):
    """Which revision of its source a translated page was made or last brought up to
    date from: the Translations report compares it with the source's latest revision
    (cms/translations.py). Set when a page is copied for translation and when the
    secretariat marks the translation up to date."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="translation_sync",
        verbose_name=_("translation"),
    )
    source = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("source")
    )
    source_revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source revision"),
    )
    synced_at = models.DateTimeField(_("up to date since"), default=timezone.now)
    synced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked by"),
    )

    class Meta:
        verbose_name = _("translation sync")
        verbose_name_plural = _("translation syncs")

    def __str__(self):
        return f"{self.page_id} <- {self.source_id}@{self.source_revision_id}"
