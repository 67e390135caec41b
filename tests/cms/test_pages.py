"""Home page, standard pages, navigation, language switching and error pages."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from cms.models import HomePage, StandardPage
from tests.mfa import mfa_force_login

LANGUAGES = ["es", "en", "pt", "fr"]


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html))


@pytest.mark.django_db
def test_root_redirects_to_the_browser_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/pt/"


@pytest.mark.django_db
def test_root_follows_the_language_cookie(client):
    client.cookies["django_language"] = "fr"
    assert client.get("/")["Location"] == "/fr/"


@pytest.mark.django_db
def test_fresh_install_has_a_home_page_in_spanish(client):
    home = HomePage.objects.get()
    assert home.locale.language_code == "es"
    assert set(Locale.objects.values_list("language_code", flat=True)) == set(LANGUAGES)
    assert client.get("/es/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, heading",
    [
        ("es", "Aprender y cooperar entre ministerios de trabajo de las Américas"),
        ("en", "Learning and cooperation among the ministries of labour of the Americas"),
        ("pt", "Aprender e cooperar entre os ministérios do trabalho das Américas"),
        ("fr", "Apprendre et coopérer entre ministères du travail des Amériques"),
    ],
)
def test_home_page_in_each_language(client, demo_pages, language, heading):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert heading in html
    assert html.count("card--highlight") == 4
    # Every language links to every other home page.
    assert alternates(html) == {code: f"/{code}/" for code in LANGUAGES}


@pytest.mark.django_db
def test_about_page_is_in_the_menu_and_translated(client, demo_pages):
    html = client.get("/en/").content.decode()
    assert '<a href="/en/about-rial/">About RIAL</a>' in html
    about = client.get("/en/about-rial/")
    assert about.status_code == 200
    links = alternates(about.content.decode())
    assert links == {
        "es": "/es/acerca-de-la-rial/",
        "en": "/en/about-rial/",
        "pt": "/pt/sobre-a-rial/",
        "fr": "/fr/a-propos-du-rial/",
    }
    for url in links.values():
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_untranslated_page_switches_to_that_languages_home(client, demo_pages):
    home = HomePage.objects.get(locale__language_code="es")
    page = StandardPage(title="Sólo en español", slug="solo-es")
    home.add_child(instance=page)
    page.save_revision().publish()
    links = alternates(client.get("/es/solo-es/").content.decode())
    assert links["es"] == "/es/solo-es/"
    assert links["en"] == "/en/" and links["fr"] == "/fr/"


@pytest.mark.django_db
def test_language_switcher_links_a_visitor_to_the_translated_page(client, demo_pages):
    response = client.get("/es/acerca-de-la-rial/")
    html = response.content.decode()
    assert (
        '<a href="/pt/sobre-a-rial/" hreflang="pt" lang="pt" data-language="pt">Português</a>'
        in html
    )
    assert '<span class="language-switcher__current" lang="es" aria-current="true">' in html
    # No form, no token, no cookie: the browser remembers the choice (static/js/site.js).
    assert 'action="/i18n/setlang/"' not in html and "csrfmiddlewaretoken" not in html
    assert 'data-language-cookie="django_language"' in html
    assert 'data-language-cookie-attributes="path=/; max-age=31536000; samesite=Lax"' in html
    assert not response.cookies


@pytest.mark.django_db
def test_language_switcher_posts_a_signed_in_choice_to_the_profile(client, user, demo_pages):
    client.force_login(user)
    html = client.get("/es/acerca-de-la-rial/").content.decode()
    assert 'action="/i18n/setlang/"' in html
    assert 'name="next" value="/pt/sobre-a-rial/"' in html
    assert "data-language-cookie" not in html


@pytest.mark.django_db
def test_views_outside_wagtail_switch_by_prefix(client):
    html = client.get("/fr/accounts/login/").content.decode()
    assert alternates(html)["es"] == "/es/accounts/login/"


@pytest.mark.django_db
def test_menu_follows_publishing(client, demo_pages):
    client.get("/en/")
    about = StandardPage.objects.get(locale__language_code="en")
    about.unpublish()
    assert "About RIAL" not in client.get("/en/").content.decode()
    about.save_revision().publish()
    assert "About RIAL" in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_nav_only_links_to_sections_that_exist(client, demo_pages, user):
    from cms.navigation import SECTIONS

    for signed_in in (False, True):
        if signed_in:
            client.force_login(user)
        html = client.get("/es/").content.decode()
        nav = html.split('<ul class="main-nav__list"', 1)[1].split("</ul>", 1)[0]
        for href in re.findall(r'href="([^"]+)"', nav):
            assert client.get(href).status_code == 200, href
    assert "/es/experts/" in html and "/es/communities/" in html
    assert len(SECTIONS) == 8


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_menu_pages(
    client, demo_pages, django_assert_max_num_queries
):
    client.get("/es/")
    with django_assert_max_num_queries(10):
        assert client.get("/es/").status_code == 200
    home = HomePage.objects.get(locale__language_code="es")
    for number in range(8):
        page = StandardPage(title=f"Página {number}", slug=f"pagina-{number}", show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()
    client.get("/es/")
    with django_assert_max_num_queries(10):
        assert client.get("/es/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, title",
    [("es", "Página no encontrada"), ("en", "Page not found"), ("fr", "Page introuvable")],
)
def test_not_found_page_is_translated(client, language, title):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    assert title in response.content.decode()


@pytest.mark.django_db
def test_pages_load_nothing_from_other_hosts(client, demo_pages):
    for url in ["/es/", "/en/about-rial/", "/pt/accounts/login/", "/fr/accounts/signup/"]:
        html = client.get(url).content.decode()
        for attribute in re.findall(r'(?:src|href)="([^"]+)"', html):
            if attribute.startswith(("http://", "https://", "//")):
                # Only links people follow may leave the site, never assets.
                assert re.search(rf'<a[^>]+href="{re.escape(attribute)}"', html), attribute
        assert "<iframe" not in html


@pytest.mark.django_db
def test_load_demo_refuses_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", verbosity=0)


@pytest.mark.django_db
def test_secretariat_edits_the_home_page_and_translates_pages_in_wagtail(client, secretariat):
    from django.urls import reverse

    home = HomePage.objects.get(locale__language_code="es")
    mfa_force_login(client, secretariat)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[home.pk])).status_code == 200
    response = client.get(reverse("simple_translation:submit_page_translation", args=[home.pk]))
    assert response.status_code == 200
    response = client.post(
        reverse("simple_translation:submit_page_translation", args=[home.pk]),
        {"locales": [Locale.objects.get(language_code="fr").pk]},
    )
    assert response.status_code == 302
    assert HomePage.objects.filter(locale__language_code="fr").exists()


@pytest.mark.django_db
def test_demo_tree_is_sound(demo_pages):
    from wagtail.models import Page

    assert all(not problems for problems in Page.find_problems())
