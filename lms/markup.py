"""The one place that turns what a person typed into safe HTML.

Pipeline, for markdown (``render_markdown``):

1. markdown-it renders CommonMark with raw HTML **off** (a ``<script>`` typed by
   someone stays text), tables and strikethrough on, images off (they would load
   from other hosts), bare URLs linkified, headings demoted two levels so a
   person's ``#`` never competes with the page's own ``h1``/``h2``, and a table
   column's alignment becomes a class (``align-right``), not a ``style``
   attribute, which the Content-Security-Policy would block.
2. bleach cleans the result against an explicit allow-list of tags, attributes
   and URL schemes (http, https, mailto), and linkifies any URL left bare; every
   link gets ``rel="nofollow ugc noopener"``. No ``style`` attribute survives.
3. nh3 (ammonia) cleans it again with the same allow-list: bleach no longer
   receives security releases, nh3 is maintained, and a bug must now be in both.

``clean_html`` runs steps 2 and 3 on HTML that came from elsewhere;
``render_plain`` shows plain text (escaped, line breaks kept). All return a
``SafeString``; store the source next to the result and print the stored
result. ``SanitizedHTMLField`` does both: it cleans again whenever a row is
saved and hands back a ``SafeString`` when read, so templates never need
``|safe``.
"""

import html
import re
from functools import partial

import bleach
import nh3
from bleach.linkifier import LinkifyFilter
from django.conf import settings
from django.db import models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "a",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
_CODE_CLASS = re.compile(r"^language-[A-Za-z0-9_+#-]{1,30}$")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f]+")
# Deeper than this, markdown-it would silently drop the rest of the text.
_MAX_NESTING = 40
_ALIGN = re.compile(r"^\s*text-align\s*:\s*(left|right|center)\s*;?\s*$")
_ALIGN_CLASS = re.compile(r"^align-(left|right|center)$")


class MarkupTooLong(ValueError):
    """The text is longer than RIAL_MARKUP_MAX_LENGTH; nothing was rendered."""


def _href_is_safe(value: str) -> bool:
    """Decode entities as often as a browser might, then check the scheme.

    bleach already refuses ``javascript:``; this also refuses values that only
    turn into a dangerous scheme after one more round of decoding.
    """
    decoded = value
    for _round in range(3):
        decoded = html.unescape(decoded)
    decoded = _CONTROL_AND_SPACE.sub("", decoded)
    match = _SCHEME.match(decoded)
    return match is None or match.group(1).lower() in ALLOWED_PROTOCOLS


def _bleach_attribute_allowed(tag: str, name: str, value: str) -> bool:
    if tag == "a":
        if name == "href":
            return _href_is_safe(value)
        return name in {"title", "rel"}
    if tag == "ol":
        return name == "start" and value.isdigit()
    if tag in {"th", "td"}:
        return name == "class" and bool(_ALIGN_CLASS.match(value))
    if tag == "code":
        return name == "class" and bool(_CODE_CLASS.match(value))
    return False


def _nh3_attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if element == "a" and attribute == "href":
        return value if _href_is_safe(value) else None
    if element == "code" and attribute == "class":
        return value if _CODE_CLASS.match(value) else None
    if element == "ol" and attribute == "start":
        return value if value.isdigit() else None
    if element in {"th", "td"} and attribute == "class":
        return value if _ALIGN_CLASS.match(value) else None
    return value


def _set_rel(attrs, new=False):
    href_key = (None, "href")
    if href_key not in attrs:
        return attrs
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_bleach_attribute_allowed,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"})],
)

_NH3_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"class"},
    "td": {"class"},
    "code": {"class"},
}


def _demote_headings(state) -> None:
    """``#`` becomes ``h3``, ``##`` ``h4``..., but a heading is at most one level below
    the one before it (the first below the page's ``h2``): a text that starts at
    ``##``, or jumps from ``#`` to ``###``, skips no level of the page's outline
    (the HTML checker counts a skipped level as an error, and screen readers list
    headings by level)."""
    previous = 2
    for token in state.tokens:
        if token.type == "heading_open":
            level = min(int(token.tag[1]) + 2, previous + 1, 6)
            token.tag = f"h{level}"
            previous = level
        elif token.type == "heading_close":
            token.tag = f"h{previous}"


def _align_classes(state) -> None:
    """markdown-it aligns table cells with style="text-align:..."; use a class."""
    for token in state.tokens:
        if token.type in {"th_open", "td_open"} and token.attrs:
            match = _ALIGN.match(str(token.attrs.pop("style", "")))
            if match:
                token.attrs["class"] = f"align-{match.group(1)}"


def _build_markdown() -> MarkdownIt:
    md = MarkdownIt(
        "commonmark",
        {
            "html": False,
            "linkify": True,
            "breaks": True,
            "typographer": False,
            "maxNesting": _MAX_NESTING,
        },
    )
    md.enable(["table", "strikethrough", "linkify"])
    md.disable("image")
    md.core.ruler.push("rial_demote_headings", _demote_headings)
    md.core.ruler.push("rial_align_classes", _align_classes)
    return md


_markdown = _build_markdown()


def _check_length(text: str, factor: int = 1) -> None:
    limit = getattr(settings, "RIAL_MARKUP_MAX_LENGTH", 20_000) * factor
    if len(text) > limit:
        raise MarkupTooLong(f"{len(text)} characters, at most {limit} allowed")


def clean_html(html: str) -> SafeString:
    """Clean HTML from any source down to the allow-list; returns a SafeString."""
    if not html:
        return mark_safe("")
    # HTML carries markup around the text: allow it a few times the text limit.
    _check_length(html, factor=4)
    return _clean(html)


class CleanedHTML(SafeString):
    """HTML that just came out of ``_clean``: the field need not clean it twice.

    Only this module makes these; any operation on it (joining, slicing)
    gives a plain SafeString again, which the field cleans.
    """

    __slots__ = ()


def _clean(html: str) -> SafeString:
    cleaned = _cleaner.clean(html)
    cleaned = nh3.clean(
        cleaned,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in _NH3_ATTRIBUTES.items()},
        attribute_filter=_nh3_attribute_filter,
        url_schemes=set(ALLOWED_PROTOCOLS),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return CleanedHTML(cleaned.strip())


def render_markdown(text: str) -> SafeString:
    """Render what a person typed (markdown) to safe HTML; returns a SafeString."""
    if not text or not text.strip():
        return mark_safe("")
    _check_length(text)
    env: dict = {}
    tokens = _markdown.parse(text, env)
    if any(token.level >= _MAX_NESTING - 1 for token in tokens):
        # markdown-it stops rendering past its nesting limit and would drop the
        # rest of the text; show such text as it was typed instead.
        return _clean("<p>" + escape(text).replace("\n", "<br>\n") + "</p>")
    return _clean(_markdown.renderer.render(tokens, _markdown.options, env))


def render_field(text: str, errors: dict, name: str, *, limit: int, required: bool = True) -> str:
    """A service's Markdown field: trimmed, checked (filled in when ``required``, at most
    ``limit`` characters) and rendered. What is wrong goes in ``errors[name]`` (the
    service raises them all together) and "" is returned."""
    text = (text or "").strip()
    if required and not text:
        errors[name] = _("Fill in this field.")
        return ""
    too_long = _("At most %(n)s characters.") % {"n": limit}
    if len(text) > limit:
        errors[name] = too_long
        return ""
    try:
        return render_markdown(text) if text else ""
    except MarkupTooLong:
        errors[name] = too_long
        return ""


def render_plain(text: str) -> SafeString:
    """Plain text someone typed (a motivation, a survey answer) as HTML.

    Everything is escaped; line breaks become <br>; nothing is interpreted.
    """
    if not text:
        return mark_safe("")
    lines = escape(text.strip()).splitlines()
    return mark_safe("<br>".join(lines))  # noqa: S308 - escaped just above


class SanitizedHTMLField(models.TextField):
    """HTML produced by this module: cleaned again on save, read back as SafeString."""

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if value and type(value) is not CleanedHTML:
            value = clean_html(value)
            setattr(model_instance, self.attname, value)
        return value

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return mark_safe(value)  # noqa: S308 - only this module writes this column

    def to_python(self, value):
        if value is None or isinstance(value, SafeString):
            return value
        return clean_html(str(value))
