import dataclasses
import datetime
import itertools
import secrets
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import UNKNOWN_SOURCE
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils.functional import LazyObject, empty
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language
from wagtail.models import Page

from cms import navigation

register = template.Library()


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    url: str
    current: bool


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[Alternate]:
    """Where the language switcher sends people: this page in each language.

    For a Wagtail page, its live translation (or that language's home page when
    the page is not translated yet); for any other view, the same URL under the
    other language prefix.
    """
    request = context.get("request")
    current = get_language()
    page = context.get("page")
    if request is not None:
        # The head and the switcher both ask: compute once per request.
        memo_key = (current, getattr(page, "pk", None))
        memo = getattr(request, "_rial_alternates", None)
        if memo is not None and memo[0] == memo_key:
            return memo[1]
    urls: dict[str, str] = {}
    if isinstance(page, Page) and page.pk:
        urls = dict(navigation.page_translations(request, page))
        for code, _name in settings.LANGUAGES:
            if code not in urls:
                urls[code] = navigation.home_url(request, code)
    elif request is not None:
        urls = _translated_urls(request.get_full_path())
    else:
        urls = {code: f"/{code}/" for code, _name in settings.LANGUAGES}
    alternates = [
        Alternate(code=code, name=name, url=urls[code], current=(code == current))
        for code, name in settings.LANGUAGES
    ]
    if request is not None:
        request._rial_alternates = (memo_key, alternates)
    return alternates


# A view's address in each language depends only on the address and the URLs (resolving
# and reversing it four times cost about half a millisecond a page): kept per process.
_translated: dict = {}


def _translated_urls(path: str) -> dict[str, str]:
    key = (path, get_script_prefix(), get_urlconf())
    urls = _translated.get(key)
    if urls is None:
        urls = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
        if len(_translated) >= FRAGMENTS_KEPT:
            _forget_oldest(_translated)
        _translated[key] = urls
    return urls


@dataclass(frozen=True)
class LanguageCookie:
    name: str
    attributes: str


@register.simple_tag
def language_cookie() -> LanguageCookie:
    """The language cookie as the browser sets it for a visitor (static/js/site.js):
    the server sets none on a visitor's pages, so that they can be shared (config/page_cache.py).
    The same name and attributes as Django's ``set_language`` cookie."""
    attributes = [f"path={settings.LANGUAGE_COOKIE_PATH}"]
    if settings.LANGUAGE_COOKIE_AGE:
        attributes.append(f"max-age={settings.LANGUAGE_COOKIE_AGE}")
    if settings.LANGUAGE_COOKIE_DOMAIN:
        attributes.append(f"domain={settings.LANGUAGE_COOKIE_DOMAIN}")
    if settings.LANGUAGE_COOKIE_SAMESITE:
        attributes.append(f"samesite={settings.LANGUAGE_COOKIE_SAMESITE}")
    if settings.LANGUAGE_COOKIE_SECURE:
        attributes.append("secure")
    return LanguageCookie(settings.LANGUAGE_COOKIE_NAME, "; ".join(attributes))


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    request = context.get("request")
    if request is None:
        return f"/{get_language() or settings.LANGUAGE_CODE}/"
    return navigation.home_url(request)


@register.simple_tag(takes_context=True)
def at_path(context, url) -> bool:
    """Whether this request's path is ``url`` (the link to mark as the current page)."""
    return getattr(context.get("request"), "path", "") == url


@register.simple_tag(takes_context=True)
def link_href(context, link) -> str:
    """The address of a LinkBlock value: its page in the reader's language, or its URL."""
    if not link:
        return ""
    page = link.get("page")
    if page is not None:
        page = page.localized
        if not page.live:
            return ""
        return page.get_url(request=context.get("request")) or ""
    return link.get("url") or ""


@register.filter
def locale_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


# --- Fragments rendered once per process ---------------------------------------------------------
#
# The layout's fixed parts (menus, links, footer) are the same for everyone who
# shares a few values: rendering their nodes again on every page cost about 2 ms.
# ``{% memo a b ... %}...{% endmemo %}`` keeps what its content rendered, per
# process, under the language, the time zone (a named date is printed in it), the
# URLs (script prefix, URLconf) and the values a, b... it names.
# The content must depend on nothing else (no "now", no other variable): then
# what is kept is what would be rendered, and nobody gets a fragment made with
# anyone else's values. The one exception is the CSRF token (``{% csrf_token %}``,
# ``{{ csrf_token }}``): the content is kept with a placeholder in its place, and
# each request's own token is put back in on the way out. Code and translations change only
# with a new process; data-driven values (menu items, counts, a post's text) are
# named. A value that is not a string, a number, a date, a frozen dataclass, or a
# list, tuple or dict of those (a model instance, a queryset, say) renders the
# content as usual: a row's other fields could change under the same key.

FRAGMENTS_KEPT = 4096
_fragments: dict = {}


_PLAIN = (int, float, bool, bytes, type(None), datetime.date, datetime.time, datetime.timedelta)


# Types whose values are keys as they are (the most common first: one lookup each).
_AS_IS = frozenset({str, int, bool, type(None), float, bytes, datetime.datetime, datetime.date})
_FIELDS: dict[type, tuple[str, ...]] = {}  # a frozen dataclass's field names, per class


def _frozen(value):
    kind = type(value)
    if kind in _AS_IS:
        return value
    if isinstance(value, LazyObject):  # its value, not the object (it holds the request)
        if value._wrapped is empty:
            value._setup()
        value = value._wrapped
    if isinstance(value, str):
        return str(value)  # a SafeString or a lazy translation's text: its characters
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, _PLAIN):
        return value
    names = _FIELDS.get(kind)
    if names is None:
        if not (dataclasses.is_dataclass(value) and value.__dataclass_params__.frozen):
            raise TypeError(f"not a memo key: {kind.__name__}")
        names = _FIELDS[kind] = tuple(field.name for field in dataclasses.fields(value))
    # Its class and its fields' values (not ``dataclasses.astuple``: it deep-copies them).
    return (kind, *(_frozen(getattr(value, name)) for name in names))


def _csrf_input(value: str) -> str:
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{value}">'


class MemoNode(template.Node):
    def __init__(self, nodelist, values):
        self.nodelist = nodelist
        self.values = values

    def _render_kept(self, context) -> tuple[str, str | None]:
        """The content, rendered with a placeholder for the CSRF token; and the
        placeholder if the token appears in it.

        The placeholder is drawn anew for every rendering (hex: HTML-escaping leaves it
        as it is, so it is found again wherever the token was printed). A fixed one
        could be typed in a post or a name, which a kept post contains: every reader
        would then get their own token in that text (in a link to another site, say).
        Text written before the placeholder was drawn cannot hold it."""
        hole = f"csrf{secrets.token_hex(16)}"
        with context.push(csrf_token=hole):
            rendered = self.nodelist.render(context)
        return rendered, (hole if hole in rendered else None)

    @staticmethod
    def _with_token(rendered: str, hole: str, context) -> str:
        # A node's output is not escaped again; the token is letters and digits.
        token = context.get("csrf_token")
        if token and token != "NOTPROVIDED":  # noqa: S105 - Django's "no token here"
            return rendered.replace(hole, str(token))
        # As ``{% csrf_token %}`` renders without a token: nothing.
        return rendered.replace(_csrf_input(hole), "").replace(hole, "")

    def render(self, context):
        try:
            key = (
                self.origin.name,
                self.token.lineno,
                # Templates made from a string share one name and start at line 1.
                id(self) if self.origin.name == UNKNOWN_SOURCE else 0,
                get_language(),
                get_current_timezone_name(),
                get_script_prefix(),
                get_urlconf(),
                *(_frozen(value.resolve(context)) for value in self.values),
            )
            found = _fragments.get(key)
        except TypeError:  # a value that cannot be a key: render as usual
            return self.nodelist.render(context)
        if found is None:
            found = self._render_kept(context)
            if len(_fragments) >= FRAGMENTS_KEPT:
                _forget_oldest(_fragments)
            _fragments[key] = found
        rendered, hole = found
        return self._with_token(rendered, hole, context) if hole else rendered


def _forget_oldest(kept: dict) -> None:
    """Make room by forgetting the quarter kept longest ago (a dict keeps its order of
    insertion), not everything: the layout's fragments, asked for on every page, are
    made again at once; the posts and messages of one topic or room, seen together,
    go together. Another request thread may add or drop a key meanwhile: ``pop`` with
    a default, over a copy of the keys."""
    for key in list(itertools.islice(kept, FRAGMENTS_KEPT // 4)):
        kept.pop(key, None)


@receiver(setting_changed)
def _forget_fragments(**_kwargs) -> None:
    # Tests change URLs, languages or templates: what was kept may no longer be what renders.
    _fragments.clear()
    _translated.clear()


@register.tag
def memo(parser, token):
    """``{% memo value... %}content{% endmemo %}``: see above."""
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, values)
