"""The enforced Content-Security-Policy breaks nothing: Debian's chromium walks the
demo's main pages (anonymous, a learner in a workshop and a cohort, the secretariat in
the Wagtail admin) and fails on any violation the browser reports, as a
``securitypolicyviolation`` event (in any frame) or a console message.

The demo is served by Daphne (tests/processes.py ``demo_site``) so that the chat
room opens its WebSocket under the policy's connect-src. The demo has no video
embed (lesson videos are files served by the campus; see courses/blocks.py).
"""

import sqlite3

import pytest

from demo.accounts import DEMO_TOTP_SECRET
from tests.e2e.conftest import axe_violations, guarded_context, sign_in
from tests.processes import demo_site

pytestmark = pytest.mark.e2e

PASSWORD = "rial-demo-2026"  # the demo's published password
COURSE = "/es/cursos/violencia-basada-en-genero-en-el-trabajo/"
LESSON = COURSE + "orientacion/bienvenida/"
ROOM = "/es/chat/taller-bogota-2022/"
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI} in ${event.documentURI}`
        + ` (${event.sourceFile}:${event.lineNumber})`
    );
});
"""
WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    directory = tmp_path_factory.mktemp("csp-site")
    with demo_site(directory) as base_url:
        yield base_url, directory / "demo.sqlite3"


def _one(database, sql, *args):
    with sqlite3.connect(database) as connection:
        (value,) = connection.execute(sql, args).fetchone()
    return value


class Watched:
    """A browser context that records every policy violation of every page and frame."""

    def __init__(self, browser, base_url):
        self.context, self.foreign = guarded_context(browser, base_url)
        self.context.add_init_script(WATCH)
        self.messages = []
        self.page = self.context.new_page()
        self.page.on("console", self._console)

    def _console(self, message):
        if any(word in message.text for word in WORDS):
            self.messages.append(f"{self.page.url}: {message.text}")

    def visit(self, path):
        response = self.page.goto(path)
        assert response is not None and response.ok, (path, response and response.status)
        self.page.wait_for_load_state("networkidle")
        self.check()

    def check(self):
        reported = [
            violation
            for frame in self.page.frames
            for violation in (frame.evaluate("window.__cspViolations || []") or [])
        ]
        assert reported == [], reported
        assert self.messages == [], self.messages

    def close(self):
        self.context.close()
        assert not self.foreign, f"pages asked other hosts for: {self.foreign}"


def test_public_pages_run_under_the_policy(browser, site):
    base_url, _database = site
    visitor = Watched(browser, base_url)
    try:
        for path in [
            "/es/",
            "/en/about-rial/",
            COURSE,
            "/es/events/",
            "/es/portfolio/",
            "/es/documents/",
            "/es/newsletter/",
            "/es/certificates/",
            "/es/accounts/login/",
            "/es/accounts/signup/",
            "/es/accounts/password/reset/",
        ]:
            visitor.visit(path)
        # The menu and the language switcher still work (scripts from our host).
        visitor.page.set_viewport_size({"width": 375, "height": 800})
        visitor.page.get_by_role("button", name="Menú").click()
        visitor.page.get_by_role("link", name="Eventos", exact=True).click()
        visitor.page.wait_for_url("**/es/events/")
        visitor.check()
    finally:
        visitor.close()


def test_a_learner_reads_posts_and_chats_under_the_policy(browser, site):
    base_url, _database = site
    learner = Watched(browser, base_url)
    page = learner.page
    try:
        sign_in(page, "learner2@example.org", PASSWORD)
        for path in [
            "/es/",
            "/es/me/learning/",
            LESSON,
            "/es/forums/",
            "/es/forums/t/1/",
            "/es/forums/taller-dialogo-social-bogota-2022/new/",
            "/es/chat/",
            "/es/experts/",
            "/es/experts/office-hours/",
            "/es/communities/",
            "/es/me/profile/",
            "/es/me/notifications/",
            "/es/accounts/email/",
            "/es/accounts/password/change/",
        ]:
            learner.visit(path)
        # The progress bars are <progress> now: still accessible.
        page.goto("/es/me/learning/")
        assert page.locator("progress.progress").count() > 0
        assert axe_violations(page) == []

        # The chat room opens its WebSocket on our host and gets live frames; a
        # message with an aligned table comes back as HTML the policy accepts.
        with page.expect_websocket() as opened:
            page.goto(ROOM)
        socket = opened.value
        assert socket.url.startswith(base_url.replace("http", "ws") + "/ws/chat/")
        page.wait_for_selector('#chat-status[data-state="online"]')
        composer = page.get_by_label("Su mensaje")
        composer.fill("| país | mesas |\n|:--|--:|\n| Uruguay | 3 |")
        composer.press("Enter")
        page.locator("#chat-log td.align-right", has_text="3").wait_for()
        learner.check()
    finally:
        learner.close()


def test_the_secretariat_works_in_the_admin_under_its_policy(browser, site):
    base_url, database = site
    lesson = _one(database, "SELECT id FROM wagtailcore_page WHERE slug = ?", "bienvenida")
    cohort = _one(database, "SELECT min(id) FROM lms_cohort")
    secretariat = Watched(browser, base_url)
    page = secretariat.page
    try:
        sign_in(page, "secretariat@example.org", PASSWORD, totp_secret=DEMO_TOTP_SECRET)
        secretariat.visit("/es/manage/")
        secretariat.visit(f"/es/manage/cohorts/{cohort}/report/")
        assert axe_violations(page) == []
        secretariat.visit("/admin/")
        secretariat.visit("/admin/pages/")
        secretariat.visit("/admin/images/")
        secretariat.visit(f"/admin/pages/{lesson}/edit/")
        # The preview panel frames the page (its own policy lets our admin frame it).
        page.locator("button[data-side-panel-toggle='preview']").click()
        page.frame_locator("#w-preview-iframe").locator("h1", has_text="bienvenida").wait_for()
        secretariat.check()
    finally:
        secretariat.close()
