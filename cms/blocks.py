"""StreamField blocks for the site's own pages (home, standard pages).

Nothing here embeds third-party players or scripts: every page loads its assets
from this site only.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


def validate_link_address(value: str) -> None:
    """Accept http(s) and mailto addresses and paths on this site; nothing else."""
    if not value:
        return
    if value.startswith("/") and not value.startswith("//"):
        return
    if value.startswith("mailto:"):
        return
    URLValidator(schemes=["http", "https"])(value)


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an address; the page wins if both are set."""

    label = blocks.CharBlock(label=_("Link text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Address"),
        required=False,
        max_length=300,
        validators=[validate_link_address],
        help_text=_("A full address (https://...) or a path on this site (/es/...)."),
    )

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter an address."))}
            )
        return value


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Subheading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link = LinkBlock()

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_link_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    """The one body block reused by the site's pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "ol", "ul", "link", "document-link", "h3", "h4"],
        icon="pilcrow",
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock(label=_("Image"), template="blocks/image_block.html")
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()


class HighlightBlock(blocks.StructBlock):
    """One card on the home page: what the platform offers and where to go for it."""

    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), max_length=300)
    icon = blocks.ChoiceBlock(
        label=_("Icon"),
        choices=[
            ("course", _("Course")),
            ("forum", _("Forum")),
            ("chat", _("Chat")),
            ("expert", _("Expert")),
            ("portfolio", _("Portfolio")),
            ("document", _("Document")),
            ("event", _("Event")),
        ],
        default="course",
    )
    page = blocks.PageChooserBlock(label=_("Links to page"), required=False)
    url = blocks.CharBlock(
        label=_("Links to address"),
        required=False,
        max_length=300,
        validators=[validate_link_address],
    )

    class Meta:
        icon = "pick"
        label = _("Highlight")
        template = "blocks/highlight_block.html"
