"""The shared page cache of visitors' pages (config/page_cache.py), through the ASGI
application as Daphne serves it: what is kept, what never is, and that what changes
is seen on the next request."""

import asyncio
from dataclasses import dataclass

import pytest
from asgiref.sync import async_to_sync
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from wagtail.models import Page

from cms.models import HomePage, StandardPage
from config import page_cache
from config.asgi import application
from config.page_cache import storable
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@dataclass
class Answer:
    status: int
    headers: dict[str, list[str]]
    body: str

    @property
    def cache(self) -> str | None:
        return self.headers.get("x-cache", [None])[0]


def fetch(path: str, *, method: str = "GET", cookie: str = "", headers=()) -> Answer:
    """One request through config.asgi's application, its views on this thread (this
    test's database transaction)."""
    path, _sep, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers]
        + ([(b"cookie", cookie.encode())] if cookie else []),
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    sent = []
    received = False

    async def receive():
        nonlocal received
        if not received:
            received = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # the client stays until the answer is sent

    async def send(message):
        sent.append(message)

    # As Django's test client does: the test's transaction outlives the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        async_to_sync(application)(scope, receive, send)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    headers = {}
    for name, value in sent[0]["headers"]:
        headers.setdefault(name.decode().lower(), []).append(value.decode("latin-1"))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return Answer(sent[0]["status"], headers, body.decode())


@pytest.fixture
def about(demo_pages):
    return StandardPage.objects.get(slug="about-rial", locale__language_code="en")


def test_a_visitors_page_is_made_once_then_answered_from_the_cache(
    about, django_assert_num_queries
):
    first = fetch("/en/about-rial/")
    assert (first.status, first.cache) == (200, "miss")
    with django_assert_num_queries(0):
        second = fetch("/en/about-rial/")
    assert (second.status, second.cache) == (200, "hit")
    assert second.body == first.body
    assert second.headers["content-security-policy"] == first.headers["content-security-policy"]
    head = fetch("/en/about-rial/", method="HEAD")
    assert (head.status, head.cache, head.body) == (200, "hit", "")
    # Another address, query or host is another page.
    assert fetch("/en/about-rial/?page=2").cache == "miss"
    assert fetch("/en/about-rial/", headers=[(b"x-forwarded-proto", b"https")]).cache == "miss"


def test_a_head_request_alone_keeps_nothing(about):
    assert fetch("/en/about-rial/", method="HEAD").cache == "miss"
    assert fetch("/en/about-rial/").cache == "miss"


def test_publishing_a_page_is_seen_on_the_next_request(about, client):
    home = HomePage.objects.get(locale__language_code="en")
    assert "Annual meeting" not in fetch("/en/").body
    assert fetch("/en/").cache == "hit"
    news = StandardPage(title="Annual meeting", slug="annual-meeting", show_in_menus=True)
    home.add_child(instance=news)
    news.save_revision().publish()
    after = fetch("/en/")
    assert (
        after.cache == "miss" and '<a href="/en/annual-meeting/">Annual meeting</a>' in after.body
    )

    # An edit, published.
    assert fetch("/en/about-rial/").cache == "miss" and fetch("/en/about-rial/").cache == "hit"
    about.title = "About the network"
    about.save_revision().publish()
    edited = fetch("/en/about-rial/")
    assert edited.cache == "miss" and "About the network" in edited.body

    # Unpublished: gone from the menu and from its address.
    news.refresh_from_db()
    news.unpublish()
    assert "Annual meeting" not in fetch("/en/").body
    # (Django makes a 404 in a thread of its own, which the test's database is not in.)
    assert client.get("/en/annual-meeting/").status_code == 404


def test_a_draft_is_not_shown_but_its_publication_is(about):
    body = fetch("/en/about-rial/").body
    about.title = "Draft title"
    about.save_revision()
    assert fetch("/en/about-rial/").body.count("Draft title") == 0
    Page.objects.get(pk=about.pk).get_latest_revision().publish()
    assert "Draft title" in fetch("/en/about-rial/").body
    assert body != fetch("/en/about-rial/").body


def test_publishing_a_programme_is_seen_on_the_next_request(secretariat):
    from courses.models import Theme
    from lms.choices import Role
    from portfolio import services
    from tests.factories import UserFactory

    focal = UserFactory(full_name="Rosa Quispe", roles=[Role.PARTICIPANT, Role.FOCAL_POINT])
    ProfileFactory(user=focal, country="PE")
    programme = services.programme_save(
        actor=focal,
        data={
            "name": "Inspección móvil en los Andes",
            "institution": "Ministerio de Trabajo del Perú",
            "contact_name": "Rosa Quispe",
            "contact_email": "rosa@example.org",
            "category": "labour_admin",
            "needs": "Llegar a zonas rurales.",
            "description": "Inspectores con tabletas recorren zonas rurales.",
            "objectives": "- Más inspecciones",
            "target_population": "Trabajadores rurales",
            "consent_publish": True,
            "language": "es",
        },
        themes=Theme.objects.filter(code__in=["labour-inspection"]),
        targets=["rural"],
        submit=True,
    )
    before = fetch("/es/portfolio/")
    assert before.status == 200 and "Inspección móvil en los Andes" not in before.body
    assert fetch("/es/portfolio/").cache == "hit"
    services.programme_review(actor=secretariat, programme=programme, action="approve")
    after = fetch("/es/portfolio/")
    assert after.cache == "miss" and "Inspección móvil en los Andes" in after.body


def test_signed_in_people_never_read_nor_write_the_cache(about, client):
    person = ProfileFactory(user__full_name="Lucía Andrade").user
    client.force_login(person)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    # Their page is not kept for visitors...
    theirs = fetch("/en/about-rial/", cookie=cookie)
    assert theirs.status == 200 and theirs.cache is None and "Lucía" in theirs.body
    visitor = fetch("/en/about-rial/")
    assert visitor.cache == "miss" and "Lucía" not in visitor.body
    # ...and a visitor's page, kept, is never theirs.
    assert fetch("/en/about-rial/").cache == "hit"
    again = fetch("/en/about-rial/", cookie=f"django_language=en; {cookie}")
    assert again.cache is None and "Lucía" in again.body
    assert "private" in again.headers["cache-control"][0]
    # Whichever of several Cookie headers carries the session, the cache stays out.
    split = fetch("/en/about-rial/", headers=[(b"cookie", b"django_language=en")], cookie=cookie)
    assert split.cache is None
    # Nor for anyone who sends credentials.
    assert fetch("/en/about-rial/", headers=[(b"authorization", b"Basic eDp5")]).cache is None


def test_a_visitor_with_a_message_to_read_gets_a_page_of_their_own(about):
    fetch("/en/about-rial/")
    assert fetch("/en/about-rial/").cache == "hit"
    assert fetch("/en/about-rial/", cookie="messages=anything").cache is None
    # Other cookies (the language chosen, analytics) change nothing.
    assert fetch("/en/about-rial/", cookie="django_language=pt").cache == "hit"


def test_pages_with_a_form_are_never_kept(db):
    first = fetch("/es/accounts/login/")
    assert first.status == 200 and "csrfmiddlewaretoken" in first.body
    assert "set-cookie" in first.headers
    assert fetch("/es/accounts/login/").cache == "miss"


def test_only_language_prefixed_pages_and_never_healthz(db):
    health = fetch("/healthz")
    assert health.status == 200 and health.cache is None
    assert fetch("/").cache is None  # the redirect to the visitor's language
    assert fetch("/es/me/learning/").status == 302  # only 200s are kept
    assert fetch("/es/me/learning/").cache == "miss"


@pytest.mark.parametrize(
    ("status", "headers", "kept"),
    [
        (200, [(b"Content-Type", b"text/html; charset=utf-8")], True),
        (200, [(b"Content-Type", b"text/html"), (b"Vary", b"Accept-Language, Cookie")], True),
        (200, [(b"Content-Type", b"application/json")], False),
        (302, [(b"Content-Type", b"text/html")], False),
        (200, [(b"Content-Type", b"text/html"), (b"Set-Cookie", b"a=b")], False),
        (200, [(b"Content-Type", b"text/html"), (b"Cache-Control", b"private, no-cache")], False),
        (200, [(b"Content-Type", b"text/html"), (b"Cache-Control", b"max-age=0, no-store")], False),
        (200, [(b"Content-Type", b"text/html"), (b"Vary", b"Cookie, User-Agent")], False),
        (
            200,
            [
                (b"Content-Type", b"text/html"),
                (b"Content-Security-Policy", b"script-src 'self' 'nonce-abc'"),
            ],
            False,
        ),
    ],
)
def test_what_may_be_shared(status, headers, kept):
    assert storable(status, headers) is kept


def test_a_page_over_the_size_limit_is_not_kept(about, settings):
    settings.PAGE_CACHE_MAX_BYTES = 1000
    assert fetch("/en/about-rial/").cache == "miss"
    assert fetch("/en/about-rial/").cache == "miss"


class BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Redis is down")

        return fail


def test_a_cache_that_fails_never_fails_a_request(about, monkeypatch):
    monkeypatch.setattr(page_cache, "_cache", BrokenCache)
    monkeypatch.setattr(page_cache, "_failed_at", 0.0)
    answer = fetch("/en/about-rial/")
    assert answer.status == 200 and answer.cache is None and "About RIAL" in answer.body
    # Publishing still works (its purge fails quietly), and pages still come.
    about.save_revision().publish()
    monkeypatch.setattr(page_cache, "_failed_at", 0.0)
    assert fetch("/en/about-rial/").status == 200
    # Once the cache answers again (after a few seconds), pages are kept again.
    monkeypatch.undo()
    assert fetch("/en/about-rial/").cache == "miss"
    assert fetch("/en/about-rial/").cache == "hit"


def test_a_write_that_fails_is_forgotten(about, monkeypatch):
    def fail(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(page_cache, "_failed_at", 0.0)  # restored after the test
    monkeypatch.setattr(page_cache.PageCache, "_write", staticmethod(fail))
    assert fetch("/en/about-rial/").status == 200
    assert page_cache._failed_at > 0  # the cache is left alone for a few seconds
    assert fetch("/en/about-rial/").cache is None


def test_approving_a_work_plan_is_seen_on_the_next_request(secretariat):
    from tests.workplan.builders import make_action, make_plan
    from workplan import services

    plan = make_plan(title="Plan de trabajo 2025-2027")
    make_action(plan.lines.first(), title="Taller de inspección en Lima")
    before = fetch("/es/work-plan/")
    assert before.status == 200 and "Plan de trabajo 2025-2027" not in before.body
    assert fetch("/es/work-plan/").cache == "hit"
    services.plan_approve(actor=secretariat, plan=plan)
    after = fetch("/es/work-plan/")
    assert after.cache == "miss" and "Plan de trabajo 2025-2027" in after.body
