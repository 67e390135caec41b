"""The home page and the "About RIAL" page, in Spanish, English, Portuguese and French.

Texts in demo/data/pages/: ``home.toml``, and ``about.<language>.md``.
"""

from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from cms.models import HomePage, StandardPage
from demo.files import markdown_paragraphs, read_markdown, read_toml

LANGUAGES = ["es", "en", "pt", "fr"]


def _about_text(code: str) -> dict:
    """The About page's fields (front matter) and its paragraphs (Markdown body)."""
    fields, body = read_markdown(f"pages/about.{code}.md")
    return fields | {"paragraphs": markdown_paragraphs(body)}


HOME = read_toml("pages/home.toml")
ABOUT = {code: _about_text(code) for code in LANGUAGES}


def _home_fields(code: str, about_page: Page | None) -> dict:
    text = HOME[code]
    hero_links = [
        {
            "type": "link",
            "value": {"label": text["signup"], "page": None, "url": f"/{code}/accounts/signup/"},
        },
    ]
    if about_page is not None:
        hero_links.append(
            {"type": "link", "value": {"label": text["about"], "page": about_page.pk, "url": ""}}
        )
    return {
        "title": text["title"],
        "hero_title": text["hero_title"],
        "hero_intro": text["hero_intro"],
        "hero_links": hero_links,
        "highlights_title": text["highlights_title"],
        "highlights": [
            {
                "type": "highlight",
                "value": {
                    "title": highlight["title"],
                    "text": highlight["text"],
                    "icon": highlight["icon"],
                    "page": None,
                    "url": "",
                },
            }
            for highlight in text["highlights"]
        ],
        "body": [
            {
                "type": "call_to_action",
                "value": {
                    "title": text["cta_title"],
                    "text": text["cta_text"],
                    "link": {
                        "label": text["signup"],
                        "page": None,
                        "url": f"/{code}/accounts/signup/",
                    },
                },
            },
        ],
    }


def _about_fields(code: str) -> dict:
    text = ABOUT[code]
    return {
        "title": text["title"],
        "slug": text["slug"],
        "introduction": text["introduction"],
        "show_in_menus": True,
        "body": [
            *({"type": "paragraph", "value": html} for html in text["paragraphs"]),
            {"type": "quote", "value": {"text": text["quote"], "attribution": text["attribution"]}},
        ],
    }


def _publish(page: Page, fields: dict) -> Page:
    # Always start from the database row: a stale in-memory copy would write
    # back stale tree fields (numchild) when the revision is published.
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _translation(page: Page, code: str) -> Page | None:
    return page.get_translation_or_none(Locale.objects.get(language_code=code))


@transaction.atomic
def ensure_site() -> HomePage:
    """What a fresh installation has after migrating, rebuilt if it went missing.

    The migrations create it (cms/migrations/0002); this puts back a deleted
    home page or site, and the structure a test database loses when emptied.
    """
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    spanish = Locale.objects.get(language_code="es")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=spanish))
    home = HomePage.objects.filter(depth=2, locale=spanish).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="RIAL Campus", slug="inicio", hero_title="RIAL Campus", locale=spanish
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            site_name="RIAL Campus",
            root_page=home,
            is_default_site=True,
        )
    return home


@transaction.atomic
def ensure_pages() -> dict[str, int]:
    """Fill the home page once, add "About RIAL", translate both. Returns what it created."""
    created = {"pages": 0}
    ensure_site()
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise RuntimeError("The default site's root page is not a HomePage; run migrations.")

    about = StandardPage.objects.child_of(home).filter(slug=ABOUT["es"]["slug"]).first()
    if about is None:
        about = StandardPage(**{k: v for k, v in _about_fields("es").items() if k != "body"})
        home.add_child(instance=about)
        _publish(about, {"body": _about_fields("es")["body"]})
        created["pages"] += 1

    if not home.hero_intro:
        _publish(home, _home_fields("es", about))

    for code in LANGUAGES[1:]:
        home_tr = _translation(home, code)
        if home_tr is None:
            home_tr = home.copy_for_translation(Locale.objects.get(language_code=code))
            _publish(home_tr, {**_home_fields(code, None), "slug": HOME[code]["slug"]})
            created["pages"] += 1
        about_tr = _translation(about, code)
        if about_tr is None:
            about_tr = about.copy_for_translation(Locale.objects.get(language_code=code))
            _publish(about_tr, _about_fields(code))
            created["pages"] += 1
            _publish(home_tr, {"hero_links": _home_fields(code, about_tr)["hero_links"]})
    return created
