"""Every public page of the demo is a visitor's page: no cookie set, kept in the shared
page cache (config/page_cache.py)."""

from django.core.cache import cache
from wagtail.models import Page

from tests.config.test_page_cache import fetch


def test_every_public_demo_page_sets_no_cookie_and_is_kept(demo):
    cache.clear()
    from events.models import Event
    from library.models import Repository
    from portfolio.models import Programme

    paths = {
        page.get_url()
        for page in Page.objects.live().public().filter(depth__gt=1).specific()
        if page.get_url()
    }
    for language in ("es", "en", "pt", "fr"):
        paths |= {
            f"/{language}/portfolio/",
            f"/{language}/portfolio/table/",
            f"/{language}/documents/",
            f"/{language}/events/",
            f"/{language}/cooperation/",
            f"/{language}/newsletter/",
            f"/{language}/certificates/",
        }
    paths.add(f"/es/portfolio/{Programme.objects.filter(status='published').first().pk}/")
    paths.add(f"/es/events/{Event.objects.first().slug}/")
    paths.add(f"/es/repositories/{Repository.objects.first().slug}/")
    answered = {}
    for path in sorted(paths):
        answer = fetch(path)
        assert "set-cookie" not in answer.headers, (path, answer.headers["set-cookie"])
        answered[path] = answer.status
        if answer.status == 200:
            assert fetch(path).cache == "hit", path
    assert sum(status == 200 for status in answered.values()) >= 40, answered
