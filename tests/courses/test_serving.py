"""Course pages routed in one query, restrictions and the course tree from the cache."""

import pytest
from wagtail.models import PageViewRestriction

from courses.serving import course_tree


@pytest.mark.django_db
def test_the_course_tree_forgets_a_lesson_renamed_and_published(client, world):
    client.force_login(world.learner)
    assert "Lección A" in client.get(world.lesson_b.url).content.decode()
    lesson = world.lesson_a
    lesson.title = "Lección renombrada"
    lesson.save_revision().publish()
    html = client.get(world.lesson_b.url).content.decode()
    assert "Lección renombrada" in html
    tree = course_tree(world.course.path)
    assert next(item.title for item in tree.outline[0][1]) == "Lección renombrada"


@pytest.mark.django_db
def test_an_unpublished_lesson_or_a_wrong_slug_is_not_found(client, world):
    client.force_login(world.learner)
    url = world.lesson_b.url
    assert client.get(url).status_code == 200
    assert client.get(url.rstrip("/") + "-no/").status_code == 404
    assert client.get(world.course.url + "no-such-module/leccion-a/").status_code == 404
    world.lesson_b.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_view_restriction_on_the_course_still_applies_to_its_lessons(client, world):
    client.force_login(world.learner)
    assert client.get(world.lesson_a.url).status_code == 200
    PageViewRestriction.objects.create(
        page=world.course, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(world.lesson_a.url)
    assert response.status_code == 200
    assert "Texto de la lección." not in response.content.decode()
    assert 'name="password"' in response.content.decode()


@pytest.mark.django_db
def test_other_pages_below_home_still_route(client, world):
    assert client.get(world.course.url).status_code == 200
    assert client.get(world.course.get_parent().url).status_code == 200


@pytest.mark.django_db
def test_a_cache_that_fails_costs_queries_not_the_lesson(client, world, monkeypatch):
    """Routing, view restrictions, the course tree and its activities read the cache:
    when Redis does not answer, the lesson is made from the database."""
    import cms.navigation
    import courses.caching
    from tests.cms.test_layout import BrokenCache

    monkeypatch.setattr(cms.navigation, "cache", BrokenCache())
    monkeypatch.setattr(courses.caching, "cache", BrokenCache())
    client.force_login(world.learner)
    response = client.get(world.lesson_a.url)
    assert response.status_code == 200
    assert "Texto de la lección." in response.content.decode()


@pytest.mark.django_db
def test_a_lesson_routes_from_the_cache_until_a_page_changes(client, world):
    """The second visit finds the lesson without asking the database for pages; an
    edit published is on the next request, and a moved lesson is served at its new
    address (the old one redirects there), behind its new module's gate."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.learner)
    url = world.lesson_a.url
    assert "Texto de la lección." in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    page_queries = [q["sql"] for q in queries if 'FROM "wagtailcore_page"' in q["sql"]]
    assert page_queries == []

    lesson = world.lesson_a
    lesson.body = [{"type": "text", "value": "<p>Texto corregido.</p>"}]
    lesson.save_revision().publish()
    html = client.get(url).content.decode()
    assert "Texto corregido." in html and "Texto de la lección." not in html

    lesson.refresh_from_db()
    lesson.move(world.lesson_c.get_parent(), pos="last-child")
    lesson.refresh_from_db()
    assert lesson.url != url
    assert client.get(url).headers.get("Location") == lesson.url
    # Found at its new address, and the gate is still asked: module 2 opens next week.
    response = client.get(lesson.url)
    assert response.status_code == 403 and "Texto corregido." not in response.content.decode()


def _outline(html: str) -> str:
    start = html.index('<nav class="lesson-outline"')
    return html[start : html.index("</nav>", start)]


@pytest.mark.django_db
def test_the_kept_outline_follows_every_change_of_the_course_pages(client, world):
    # The lesson page's outline is kept per process ({% memo %}) under the course
    # tree's version: a renamed, unpublished or current lesson shows at once.
    client.force_login(world.learner)
    outline = _outline(client.get(world.lesson_b.url).content.decode())
    assert "Lección A" in outline and 'aria-current="page"' in outline
    assert outline == _outline(client.get(world.lesson_b.url).content.decode())
    world.lesson_a.title = "Lección renombrada"
    world.lesson_a.save_revision().publish()
    outline = _outline(client.get(world.lesson_b.url).content.decode())
    assert "Lección renombrada" in outline and "Lección A<" not in outline
    current = _outline(client.get(world.lesson_a.url).content.decode())
    assert current != outline  # the current lesson moved
    world.lesson_a.unpublish()
    assert "Lección renombrada" not in _outline(client.get(world.lesson_b.url).content.decode())


def _between(html: str, start: str, end: str) -> str:
    at = html.index(start)
    return html[at : html.index(end, at)]


@pytest.mark.django_db
def test_the_kept_breadcrumbs_and_pager_follow_a_renamed_or_moved_module(client, world):
    # Kept per process ({% memo %}) under the course tree's version and the titles.
    client.force_login(world.learner)
    html = client.get(world.lesson_a.url).content.decode()
    module = world.lesson_a.get_parent().specific
    crumbs = _between(html, '<nav class="breadcrumbs"', "</h1>")
    assert f'href="{module.url}">{module.title}<' in crumbs
    assert crumbs == _between(
        client.get(world.lesson_a.url).content.decode(), '<nav class="breadcrumbs"', "</h1>"
    )
    pager = _between(html, '<nav class="pager"', "</nav>")
    assert f'href="{world.lesson_b.url}"' in pager
    module.title, module.slug = "Módulo renombrado", "modulo-renombrado"
    module.save_revision().publish()
    lesson = type(world.lesson_a).objects.get(pk=world.lesson_a.pk)
    html = client.get(lesson.url).content.decode()
    crumbs = _between(html, '<nav class="breadcrumbs"', "</h1>")
    assert "Módulo renombrado" in crumbs and "/modulo-renombrado/" in crumbs
    lesson_b = type(world.lesson_b).objects.get(pk=world.lesson_b.pk)
    assert f'href="{lesson_b.url}"' in _between(html, '<nav class="pager"', "</nav>")
