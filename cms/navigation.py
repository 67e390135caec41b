"""The site's chrome: home pages per language and the main navigation.

A section appears only once its app answers at its URL, so the header never
links to something that is not there yet. Editor-chosen pages ("show in
menus") follow. Everything here is computed at most once per request, and the
menu pages once per site and language until a page is published, moved or
deleted (see ``cms/signal_handlers.py``).
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

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

# Sections that only make sense with an account: hidden from anonymous visitors.
SIGNED_IN_SECTIONS = {"forums", "chat", "experts", "communities"}

MENU_CACHE_VERSION_KEY = "rial:nav:version"
MENU_CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: str
    current: bool


def _memo(request, name, compute):
    cache_attr = f"_rial_{name}"
    if not hasattr(request, cache_attr):
        setattr(request, cache_attr, compute())
    return getattr(request, cache_attr)


def site_for_request(request) -> Site | None:
    return _memo(request, "site", lambda: Site.find_for_request(request))


def site_homes(request) -> dict[str, Page]:
    """The live home page of each language, in one query."""

    def compute():
        site = site_for_request(request)
        if site is None:
            return {}
        homes = (
            Page.objects.filter(translation_key=site.root_page.translation_key)
            .live()
            .select_related("locale")
        )
        return {home.locale.language_code: home for home in homes}

    return _memo(request, "homes", compute)


def home_url(request, language: str | None = None) -> str:
    language = language or get_language() or settings.LANGUAGE_CODE
    home = site_homes(request).get(language)
    if home is not None:
        url = home.get_url(request=request)
        if url:
            return url
    return f"/{language}/"


def invalidate_menus() -> None:
    try:
        cache.incr(MENU_CACHE_VERSION_KEY)
    except ValueError:
        cache.set(MENU_CACHE_VERSION_KEY, 2, None)


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


def _menu_pages(request) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    language = get_language() or settings.LANGUAGE_CODE
    home = site_homes(request).get(language)
    if home is None:
        return {}, []
    version = cache.get_or_set(MENU_CACHE_VERSION_KEY, 1, None)
    key = f"rial:nav:{version}:{home.pk}"
    cached = cache.get(key)
    if cached is None:
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
        cached = (_section_pages(home, request), items)
        cache.set(key, cached, MENU_CACHE_SECONDS)
    return cached


def main_navigation(request) -> list[NavItem]:
    section_pages, menu_pages = _menu_pages(request)
    section_urls = set(section_pages.values())
    items: list[tuple[str, str, str]] = []
    signed_in = getattr(getattr(request, "user", None), "is_authenticated", False)
    for key, label, target in SECTIONS:
        if key in SIGNED_IN_SECTIONS and not signed_in:
            continue
        if target.startswith("page:"):
            if key in section_pages:
                items.append((key, str(label), section_pages[key]))
            continue
        try:
            items.append((key, str(label), reverse(target)))
        except NoReverseMatch:
            continue
    items.extend(item for item in menu_pages if item[2] not in section_urls)
    path = request.path
    return [NavItem(key, label, url, path.startswith(url)) for key, label, url in items]
