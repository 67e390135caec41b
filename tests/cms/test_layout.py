"""The layout around every page costs (almost) nothing: the site, the home pages,
the menu and the language links come from the cache, the person's counts in one
cached read, and all of it follows publishing at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Site

from cms.models import HomePage, StandardPage
from lms.services import notifications as notification_services

pytestmark = pytest.mark.django_db

BARE = "/es/certificates/"  # a page with nothing but the layout (the verification form)


def test_a_visitors_bare_page_costs_no_query(client, demo_pages, django_assert_num_queries):
    client.get(BARE)
    with django_assert_num_queries(0):
        response = client.get(BARE)
    html = response.content.decode()
    assert '<a class="brand" href="/es/">' in html  # the home page, from the cache
    assert 'hreflang="en" lang="en" data-language="en">English</a>' in html


def test_a_visitors_home_page_costs_only_wagtails_routing(
    client, demo_pages, django_assert_max_num_queries
):
    client.get("/es/")
    with django_assert_max_num_queries(4):
        assert client.get("/es/").status_code == 200


def test_wagtail_routes_from_the_kept_root_of_each_language_until_a_page_changes(
    client, demo_pages
):
    for path in ("/en/", "/en/about-rial/", "/es/"):
        client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/about-rial/").status_code == 200
    sql = " ".join(query["sql"] for query in queries)
    assert "wagtailcore_locale" not in sql and "cms_homepage" not in sql
    assert client.get("/es/").context["page"].locale.language_code == "es"
    # A new title for the English home page: served at once, in English only.
    home = HomePage.objects.get(locale__language_code="en")
    home.title = "RIAL Campus, renewed"
    home.save_revision().publish()
    assert client.get("/en/").context["page"].title == "RIAL Campus, renewed"
    assert client.get("/es/").context["page"].title != "RIAL Campus, renewed"


def test_a_signed_in_bare_page_costs_session_user_and_roles(
    client, user, demo_pages, django_assert_max_num_queries
):
    client.force_login(user)
    client.get(BARE)
    with CaptureQueriesContext(connection) as queries:
        client.get(BARE)
    tables = [query["sql"].split(" FROM ")[1].split()[0].strip('"') for query in queries]
    assert tables == ["django_session", "lms_user", "lms_rolegrant"]


def test_counts_are_forgotten_when_they_change(client, user, demo_pages):
    client.force_login(user)
    assert "1 notificación sin leer" not in client.get(BARE).content.decode()
    notification_services.notification_create(user=user, kind="test", title="Hola")
    assert "1 notificación sin leer" in client.get(BARE).content.decode()
    notification_services.notifications_mark_read(user=user)
    assert "1 notificación sin leer" not in client.get(BARE).content.decode()


def test_the_menu_and_language_links_follow_publishing(client, demo_pages):
    home = HomePage.objects.get(locale__language_code="en")
    client.get("/en/about-rial/")
    page = StandardPage(title="Annual meeting", slug="annual-meeting", show_in_menus=True)
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/en/about-rial/").content.decode()
    assert '<a href="/en/annual-meeting/">Annual meeting</a>' in html
    # Translated later: the other language's link goes to the translation at once.
    assert 'href="/es/" hreflang="es"' in client.get("/en/annual-meeting/").content.decode()
    translation = page.copy_for_translation(Locale.objects.get(language_code="es"))
    translation.title, translation.slug = "Reunión anual", "reunion-anual"
    translation.save_revision().publish()
    html = client.get("/en/annual-meeting/").content.decode()
    assert 'href="/es/reunion-anual/" hreflang="es"' in html
    page.refresh_from_db()
    page.unpublish()
    assert "annual-meeting" not in client.get("/en/about-rial/").content.decode()


def test_a_changed_site_is_seen_at_once(client, demo_pages):
    client.get(BARE)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Campus RIAL"
    site.save()
    # The next page finds the site again (one query more), then none.
    with CaptureQueriesContext(connection) as queries:
        client.get(BARE)
    assert any("wagtailcore_site" in query["sql"] for query in queries)


class BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Redis is down")

        return fail


def test_a_cache_that_fails_costs_queries_not_the_page(client, user, demo_pages, monkeypatch):
    import cms.navigation
    import courses.caching

    monkeypatch.setattr(cms.navigation, "cache", BrokenCache())
    monkeypatch.setattr(courses.caching, "cache", BrokenCache())
    visitor = client.get("/en/about-rial/")
    assert visitor.status_code == 200 and "About RIAL" in visitor.content.decode()
    client.force_login(user)
    assert client.get(BARE).status_code == 200
    monkeypatch.undo()
    cache.clear()
    assert client.get(BARE).status_code == 200


def test_kept_fragments_of_the_layout_follow_the_person_and_the_language(
    client, user, secretariat, demo_pages
):
    """The menus rendered once per process ({% memo %}) are kept per value they show."""
    from tests.mfa import mfa_force_login

    client.force_login(user)
    mine = client.get(BARE).content.decode()
    assert "Ana" in mine and "Calls and cohorts" not in mine and "Llamadas" not in mine
    notification_services.notification_create(user=user, kind="test", title="Hola")
    assert "Notificaciones (1)" in client.get(BARE).content.decode()
    english = client.get("/en/certificates/").content.decode()
    assert "Notifications (1)" in english and "My learning" in english
    mfa_force_login(client, secretariat)
    theirs = client.get("/en/certificates/").content.decode()
    assert "Secretaría" in theirs and "Calls and cohorts" in theirs
    assert "Notifications (1)" not in theirs and "Ana" not in theirs


def test_a_view_s_address_in_each_language_follows_its_own_path(client):
    from lms.models import User

    client.force_login(User.objects.create_user(email="ana@example.org", password="x"))
    for _ in range(2):  # made, then kept
        html = client.get("/es/forums/?page=2").content.decode()
        assert '<link rel="alternate" hreflang="pt" href="/pt/forums/?page=2">' in html
        html = client.get("/en/experts/?q=ana").content.decode()
        assert '<link rel="alternate" hreflang="fr" href="/fr/experts/?q=ana">' in html
        assert 'href="/pt/forums/' not in html


def test_kept_fragments_carry_each_persons_own_csrf_token(user, demo_pages):
    """The language forms and the sign-out form are kept once per process, yet each
    page carries its reader's own CSRF token, which the forms are accepted with."""
    import re

    from django.test import Client

    from tests.factories import ProfileFactory

    for person in (user, ProfileFactory().user, user):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(person)
        for _ in range(2):  # rendered, then kept
            html = browser.get(BARE).content.decode()
            tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
            assert len(tokens) >= 4  # 3 languages and sign out
            assert not re.search(r"csrf[0-9a-f]{32}", html)  # no placeholder left
        response = browser.post(
            "/i18n/setlang/",
            {"language": "en", "next": "/en/certificates/", "csrfmiddlewaretoken": tokens[0]},
        )
        assert response.status_code == 302 and response["Location"] == "/en/certificates/"
        response = browser.post("/es/accounts/logout/", {"csrfmiddlewaretoken": tokens[-1]})
        assert response.status_code == 302
        assert "_auth_user_id" not in browser.session


def test_a_kept_fragment_without_a_token_shows_none():
    from django.template import Context, Template

    fragment = Template(
        "{% load site_tags %}{% memo %}<form>{% csrf_token %}[{{ csrf_token }}]</form>{% endmemo %}"
    )
    assert fragment.render(Context()) == "<form>[]</form>"
    assert fragment.render(Context({"csrf_token": "abc"})) == (
        '<form><input type="hidden" name="csrfmiddlewaretoken" value="abc">[abc]</form>'
    )
