"""The site's chrome: the Wagtail site, home pages per language, the main
navigation and a page's translations.

A section appears only once its app answers at its URL, so the header never
links to something that is not there yet. Editor-chosen pages ("show in
menus") follow. All of it is read from the cache, one entry per site and
language (``Layout``) and one per translated page, under a "menu version"
that publishing, unpublishing, moving or deleting a page, or changing a Site
or Locale, moves on (``invalidate_menus``, cms/signal_handlers.py): a page
costs no query for its layout. ``SiteMiddleware`` (config/middleware.py) gives
Wagtail its site from the same entry. A cache that fails costs queries, never
a request: every read and write of it here is caught.
"""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http.request import split_domain_port
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from courses.caching import cache_add, cache_get, cache_set
from courses.serving import pages_version

# A section is a URL name, or a page type whose page in the current language
# is the section (the course catalogue is a Wagtail page).
SECTIONS = [
    ("courses", _("Courses"), "page:courses.CourseIndexPage"),
    ("forums", _("Forums"), "forum:index"),
    ("chat", _("Chat"), "forum:chat_index"),
    ("experts", _("Experts"), "forum:experts"),
    ("communities", _("Communities"), "forum:communities"),
    ("portfolio", _("Portfolio"), "portfolio:index"),
    ("documents", _("Documents"), "library:documents"),
    ("events", _("Events"), "events:index"),
]
# The network's other tools (cooperation, funding, the work plan, bodies, needs,
# pilots) are linked from the footer and from the pages they serve: the main menu
# must fit one line at 1366 px in every language (tests/e2e/test_accessibility.py).

# Sections that only make sense with an account: hidden from anonymous visitors.
SIGNED_IN_SECTIONS = {"forums", "chat", "experts", "communities"}

MENU_CACHE_VERSION_KEY = "rial:nav:version"
MENU_CACHE_SECONDS = 60 * 60

logger = logging.getLogger(__name__)


def _cache_set(key: str, value, timeout=MENU_CACHE_SECONDS) -> None:
    cache_set(key, value, timeout)


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class Layout:
    """What every page of one site in one language shows around its content."""

    site: Site | None
    homes: dict[str, str]  # language code: URL of that language's live home page
    section_pages: dict[str, str]  # section key: URL of its page in this language
    menu_pages: list[tuple[str, str, str]]  # (key, title, URL) of "show in menus" pages


def _memo(request, name, compute):
    cache_attr = f"_rial_{name}"
    if not hasattr(request, cache_attr):
        setattr(request, cache_attr, compute())
    return getattr(request, cache_attr)


def menu_version(request=None) -> int:
    """The current menu version (read once per request)."""

    def compute():
        version = cache_get(MENU_CACHE_VERSION_KEY)
        if version is None:
            version = 1
            cache_add(MENU_CACHE_VERSION_KEY, version, None)
        return version

    return compute() if request is None else _memo(request, "menu_version", compute)


def invalidate_menus() -> None:
    try:
        cache.incr(MENU_CACHE_VERSION_KEY)
    except ValueError:
        _cache_set(MENU_CACHE_VERSION_KEY, 2, None)
    except Exception as error:  # a cache that fails never fails a request
        logger.warning("layout cache purge failed: %s: %s", type(error).__name__, error)


def _host_and_port(request) -> str:
    hostname, _port = split_domain_port(request._get_raw_host())
    return f"{hostname}:{request.get_port()}"


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _section_pages(home: Page, request) -> dict[str, str]:
    """URLs of the sections that are pages, in the home page's language."""
    urls = {}
    for key, _label, target in SECTIONS:
        if not target.startswith("page:"):
            continue
        model = apps.get_model(target.removeprefix("page:"))
        page = model.objects.live().public().filter(locale_id=home.locale_id).first()
        if page is not None:
            url = page.get_url(request=request)
            if url:
                urls[key] = url
    return urls


def _menu_pages(home: Page, request) -> list[tuple[str, str, str]]:
    pages = (
        Page.objects.child_of(home)
        .live()
        .public()
        .in_menu()
        .only("id", "title", "url_path", "depth", "path", "slug", "locale_id")
    )
    items = []
    for page in pages:
        url = page.get_url(request=request)
        if url:
            items.append((f"page-{page.pk}", page.title, url))
    return items


def _compute_layout(request, language: str) -> Layout:
    site = Site._find_for_request(request)
    if site is None:
        return Layout(None, {}, {}, [])
    request._wagtail_site = site  # get_url below asks for it
    root = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    homes = Page.objects.filter(translation_key__in=root).live().select_related("locale")
    home_urls, home = {}, None
    for page in homes:
        url = page.get_url(request=request)
        if url:
            home_urls[page.locale.language_code] = url
        if page.locale.language_code == language:
            home = page
    if home is None:
        return Layout(site, home_urls, {}, [])
    return Layout(site, home_urls, _section_pages(home, request), _menu_pages(home, request))


def layout(request) -> Layout:
    """This request's site and its chrome in the current language, from the cache."""

    def compute():
        language = _language()
        key = f"rial:layout:{menu_version(request)}:{_host_and_port(request)}:{language}"
        cached = cache_get(key)
        if cached is None:
            cached = _compute_layout(request, language)
            _cache_set(key, cached)
        return cached

    # One per language: a page may ask for another language's (translate_url and friends).
    return _memo(request, f"layout_{_language()}", compute)


def route_root(request) -> Page | None:
    """The page Wagtail routes this request's path from: the site's root page in the
    active language, specific (``Page.route_for_request``'s own rule), from the cache.

    Wagtail asks the database for the active locale and the root's specific row on
    every page it serves; kept here until any page, site or locale changes. Each
    request gets its own copy (the cache pickles it)."""
    site = layout(request).site
    if site is None:
        return None
    key = (
        f"rial:route-root:{menu_version(request)}:{pages_version()}:"
        f"{_host_and_port(request)}:{_language()}"
    )
    root = cache_get(key)
    if root is None:
        root = site.root_page.localized.specific
        _cache_set(key, root)
    return root


def site_for_request(request) -> Site | None:
    return layout(request).site


def home_url(request, language: str | None = None) -> str:
    language = language or _language()
    return layout(request).homes.get(language) or f"/{language}/"


def page_translations(request, page: Page) -> dict[str, str]:
    """URLs of the live translations of ``page``, per language code (cached)."""
    key = (
        f"rial:layout:{menu_version(request)}:{_host_and_port(request)}:"
        f"translations:{page.translation_key}"
    )
    urls = cache_get(key)
    if urls is None:
        urls = {}
        translations = (
            Page.objects.filter(translation_key=page.translation_key)
            .live()
            .select_related("locale")
        )
        for translation in translations:
            url = translation.get_url(request=request)
            if url:
                urls[translation.locale.language_code] = url
        _cache_set(key, urls)
    return urls


# The sections that are views, as {key: (key, label, URL)}, per language, script
# prefix and URLconf: the same for every request that shares them (reversing them
# cost about 0.1 ms of every page). Forgotten when settings change (tests).
_view_sections: dict = {}


def _view_section_items(signed_in: bool) -> dict[str, tuple[str, str, str]]:
    key = (_language(), get_script_prefix(), get_urlconf(), signed_in)
    items = _view_sections.get(key)
    if items is None:
        items = {}
        for section, label, target in SECTIONS:
            if target.startswith("page:") or (section in SIGNED_IN_SECTIONS and not signed_in):
                continue
            try:
                items[section] = (section, str(label), reverse(target))
            except NoReverseMatch:
                continue
        _view_sections[key] = items
    return items


@receiver(setting_changed)
def _forget_view_sections(**_kwargs) -> None:
    _view_sections.clear()


def main_navigation(request) -> list[NavItem]:
    chrome = layout(request)
    section_pages, menu_pages = chrome.section_pages, chrome.menu_pages
    section_urls = set(section_pages.values())
    signed_in = getattr(getattr(request, "user", None), "is_authenticated", False)
    views = _view_section_items(signed_in)
    items: list[tuple[str, str, str]] = []
    for key, label, target in SECTIONS:
        if key in SIGNED_IN_SECTIONS and not signed_in:
            continue
        if target.startswith("page:"):
            if key in section_pages:
                items.append((key, str(label), section_pages[key]))
        elif key in views:
            items.append(views[key])
    items.extend(item for item in menu_pages if item[2] not in section_urls)
    path = request.path
    return [NavItem(key, label, url, path.startswith(url)) for key, label, url in items]
