"""What a page weighs: every byte Debian's chromium receives to show it, as served.

Shared by ``bench/page_weight.py`` (every page, a table) and
``tests/e2e/test_page_weight.py`` (the lesson's budgets). A byte is counted as
the network carried it: response headers plus the body as transferred (gzip when
the server sent it compressed), nothing for what came from the browser's cache.
Counted: the document, every asset it asks for, and what the service worker
fetches when it installs on a first visit (the offline pages and their assets,
once per browser). Not counted: WebSocket frames (the person's socket, the chat's).
Addresses of the site are listed by their path, any other by its whole URL.

A first visit starts in a fresh browser context (empty cache, no service
worker); the next visit opens the same address again in that context, as a
learner coming back to the lesson does.
"""

import time
from dataclasses import dataclass, field

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from bench.signed_in_pages import LEARNER_SNIPPET

KB = 1000
QUIET = 0.5  # seconds without a request starting or ending: the visit is over
# Issue 19: a lesson without video, on a slow connection.
BUDGETS = {"lesson": {"first": 300 * KB, "repeat": 50 * KB}}

# Run in ``manage.py shell`` on a site with the demo: a session of a learner of the
# demo cohort, and the pages measured (their Spanish addresses). The lesson is the
# longest one she may open that has no video.
TARGETS_SCRIPT = (
    LEARNER_SNIPPET
    + """
from django.urls import reverse
from django.utils import translation
lessons = [
    lesson
    for lesson in LessonPage.objects.descendant_of(enrolment.cohort.course).live().order_by("path")
    if content_access(user=user, page=lesson).allowed
    and not any(block.block_type == "video" for block in lesson.body)
]
lesson = max(lessons, key=lambda lesson: len(str(lesson.body.raw_data)))
with translation.override("es"):
    print(json.dumps({
        "session": session_key,
        "pages": {
            "home": "/es/",
            "lesson": lesson.url,
            "forum topic": reverse("forum:topic", kwargs={"topic_id": topic.pk}),
            "chat room": reverse("forum:room", kwargs={"slug": room.slug}),
        },
    }))
"""
)


@dataclass
class Visit:
    """What one visit of a page received: (address, bytes) of every response."""

    fetched: list[tuple[str, int]] = field(default_factory=list)
    by_service_worker: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(size for _url, size in self.fetched + self.by_service_worker)

    @property
    def service_worker(self) -> int:
        return sum(size for _url, size in self.by_service_worker)


def transferred(request) -> int:
    """Bytes the network carried for a finished request (0 when it came from the cache)."""
    sizes = request.sizes()
    body = sizes["responseBodySize"]
    if body == 0:
        # Chromium gives no size for a service worker's own script: it is sent
        # uncompressed (no Content-Encoding), so its length is what was carried.
        response = request.response()
        if response is not None and not response.headers.get("content-encoding"):
            try:
                body = len(response.body())
            except PlaywrightError:
                body = 0
    # From the memory cache the body size is minus the headers' size: nothing carried.
    return max(0, body + sizes["responseHeadersSize"])


class Weigher:
    """Counts what a browser context receives, visit by visit."""

    def __init__(self, context, base_url: str, patience_ms: float = 20_000):
        self.context = context
        self.base_url = base_url
        self.patience_ms = patience_ms
        self.visit = Visit()
        self.pending: set = set()
        self.last_event = time.monotonic()
        context.on("request", self._started)
        context.on("requestfailed", self._failed)
        context.on("requestfinished", self._finished)

    def _started(self, request) -> None:
        self.last_event = time.monotonic()
        self.pending.add(request)

    def _failed(self, request) -> None:
        self.last_event = time.monotonic()
        self.pending.discard(request)

    def _finished(self, request) -> None:
        self.last_event = time.monotonic()
        self.pending.discard(request)
        response = request.response()
        if response is None or response.from_service_worker:
            return  # the worker's own fetch of it is counted
        url = request.url
        if url.startswith(self.base_url + "/"):
            url = url[len(self.base_url) :]
        entry = (url, transferred(request))
        (self.visit.by_service_worker if request.service_worker else self.visit.fetched).append(
            entry
        )

    def open(self, page, url: str) -> Visit:
        """Open ``url`` in ``page``; everything received until the page and its service
        worker are done."""
        self.visit = Visit()
        page.goto(url, wait_until="load")
        # The worker installs after the page registered it: its fetches are done once
        # it is ready (its install waits for them).
        page.evaluate(
            "() => 'serviceWorker' in navigator && window.isSecureContext"
            " ? navigator.serviceWorker.ready.then(() => true) : false"
        )
        page.wait_for_load_state("networkidle")
        # The worker's fetches reach this process by another way than the page's
        # events: done when nothing is loading and nothing started for QUIET seconds.
        deadline = time.monotonic() + self.patience_ms / 1000
        while self.pending or time.monotonic() - self.last_event < QUIET:
            assert time.monotonic() < deadline, f"still loading: {[r.url for r in self.pending]}"
            page.wait_for_timeout(50)
        return self.visit


def weigh(browser, base_url: str, session: str, path: str) -> tuple[Visit, Visit]:
    """A first visit of ``path`` (empty cache) and the next one, signed in with ``session``."""
    context = browser.new_context(base_url=base_url, locale="es-ES")
    try:
        context.add_cookies([{"name": "sessionid", "value": session, "url": base_url}])
        weigher = Weigher(context, base_url)
        page = context.new_page()
        first = weigher.open(page, path)
        repeat = weigher.open(page, path)
        return first, repeat
    finally:
        context.close()


# A slow connection (issue 19): 400 kbit/s each way, 400 ms added to every request.
SLOW_NETWORK = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 400_000 / 8,
}

TIMINGS = """(readable) => {
    const navigation = performance.getEntriesByType("navigation")[0];
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    return {
        dom_content_loaded_ms: Math.round(navigation.domContentLoadedEventEnd),
        first_contentful_paint_ms: Math.round(paint.startTime),
        readable_ms: Math.round(readable),
    };
}"""


def lesson_readable(page) -> None:
    """Until the lesson can be read: its heading and its first paragraph on screen."""
    expect(page.locator("#lesson-title")).to_be_visible()
    expect(page.locator(".lesson-body p").first).to_be_visible()


def slow_first_visit(browser, base_url: str, session: str, path: str) -> dict:
    """A first visit of the lesson at ``path`` over ``SLOW_NETWORK`` (chromium's emulation
    through the DevTools protocol), until it can be read. Returns its DOMContentLoaded,
    its first contentful paint and when it was seen readable (at most that: the check
    looks every few ms), in ms from the start of the navigation."""
    context = browser.new_context(base_url=base_url, locale="es-ES")
    try:
        context.add_cookies([{"name": "sessionid", "value": session, "url": base_url}])
        page = context.new_page()
        devtools = context.new_cdp_session(page)
        devtools.send("Network.enable")
        devtools.send("Network.emulateNetworkConditions", SLOW_NETWORK)
        page.goto(path, wait_until="domcontentloaded")
        lesson_readable(page)
        readable = page.evaluate("performance.now()")
        page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0")
        return page.evaluate(TIMINGS, readable)
    finally:
        context.close()
