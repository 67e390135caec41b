"""Browser tests: Debian's chromium driven by Playwright against a live server.

Never downloads a browser. If /usr/bin/chromium is missing the tests fail
loudly (``make test`` and ``.ci/run`` install it with apt).
"""

import os
import re
import threading

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from playwright.sync_api import expect

from tests.html_checker import CHECKER, RECORD_ENV, Document, is_checked, recorded_in

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
]

# Each browser test uses a live server, so a real (transactional) database,
# emptied after every test: ``site_content`` rebuilds what the migrations
# created (root page, locales, the Spanish home page) before each one.
E2E = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# How long a step may wait for the page: patience for a busy machine (CI runs two
# suites side by side on two cores), not a speed requirement (bench/ measures
# speed). An element that never appears fails all the same.
PATIENCE_MS = 20_000
expect.set_options(timeout=PATIENCE_MS)


class _OneRequestAtATimeOnSharedSQLite(ThreadedWSGIServer):
    """pytest-django's live server, serving one request at a time when it shares
    the test's in-memory SQLite connection.

    On SQLite every request thread uses that one connection; two requests at the
    same moment (a page and its service worker fetching the offline pages, say)
    break it ("sqlite3.InterfaceError: bad parameter or other API misuse", a
    500 and a test that waits for nothing). The lock is held while Django
    answers, not while a kept-alive connection waits for its next request.
    PostgreSQL connections are per thread and stay concurrent.
    """

    def set_app(self, application):
        if self.connections_override:
            lock = threading.Lock()
            inner = application

            def application(environ, start_response):
                with lock:
                    return inner(environ, start_response)

        super().set_app(_recording_pages(application))


# The pages the live server served during the current test, for the HTML checker.
_served: list[Document] = []


def _recording_pages(inner):
    """The live server's application, keeping each page of ours it serves (a GET
    answered 200 with HTML, not the Wagtail admin's: tests/html_checker.py ``is_checked``)."""

    def application(environ, start_response):
        answer = {}

        def start(status, headers, exc_info=None):
            answer["status"] = int(status.split()[0])
            answer["type"] = next((v for k, v in headers if k.lower() == "content-type"), "")
            return start_response(status, headers, exc_info)

        result = inner(environ, start)
        path = environ.get("PATH_INFO", "")
        if not is_checked(
            environ["REQUEST_METHOD"], path, answer.get("status", 0), answer.get("type", "")
        ):
            return result
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        query = environ.get("QUERY_STRING")
        _served.append(Document(f"{path}?{query}" if query else path, body))
        return [body]

    return application


LiveServerThread.server_class = _OneRequestAtATimeOnSharedSQLite


@pytest.fixture(scope="session")
def _pages_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("pages")


@pytest.fixture(scope="module", autouse=True)
def _pages_of_started_servers(_pages_folder):
    """The folder where the Daphne processes the browser tests start keep the pages they
    serve (tests/processes.py passes this process's environment on to them). Only
    while a module of browser tests runs: the other tests' servers keep nothing."""
    folder = _pages_folder
    previous = os.environ.get(RECORD_ENV)
    os.environ[RECORD_ENV] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop(RECORD_ENV, None)
    else:
        os.environ[RECORD_ENV] = previous


@pytest.fixture(autouse=True)
def _pages_are_valid_html(html_checker, _pages_of_started_servers):
    """Every page the test was served, signed in or not, is valid HTML: the Nu HTML
    Checker finds no error in it (warnings are not errors)."""
    html_checker.start()  # if not yet running: it starts while the test runs
    _served.clear()
    recorded_in(_pages_of_started_servers)  # served before this test began
    yield
    started = recorded_in(_pages_of_started_servers)
    documents = [*_served, *started]
    _served.clear()
    html_checker.served_by_started_servers += len(started)
    problems = html_checker.problems(documents)
    assert not problems, "The Nu HTML Checker found errors:\n" + "\n".join(problems)


def pytest_terminal_summary(terminalreporter):
    if CHECKER.served:
        terminalreporter.write_line(
            f"Nu HTML Checker: {CHECKER.served} pages served "
            f"({CHECKER.served_by_started_servers} by Daphne processes), "
            f"{CHECKER.checked} distinct documents checked in {CHECKER.check_seconds:.1f} s; "
            f"ready {CHECKER.startup_seconds:.1f} s after its start"
        )


# One browser for the browser tests (tests/e2e), closed when they end, not per
# session: while Playwright's sync API is open it keeps an event loop running in
# this thread, and the async tests that come after the browser tests could not run
# theirs. Not per module either: starting chromium costs about 0.7 s of CPU, 27
# times per run. Each test has a context of its own (cookies, storage, cache,
# service workers): nothing one leaves is seen by the next.
@pytest.fixture(scope="package")
def browser():
    # Playwright's sync API runs an event loop in this thread; the tests' own
    # database calls from this thread are safe, so tell Django (tests only).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} not found: browser tests need Debian's chromium "
            "(apt-get install -y chromium); they never download one."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def guarded_context(browser, base_url, **options):
    """A browser context on ``base_url`` that refuses (and records) any other host.

    Returns the context and the list of foreign URLs asked for: any is a bug, as
    no page may load an asset from another host. ``options`` go to the context
    (``java_script_enabled=False``, say) and may replace its locale and viewport.
    """
    options = {"locale": "es-ES", "viewport": {"width": 1280, "height": 900}, **options}
    context = browser.new_context(base_url=base_url, **options)
    context.set_default_timeout(PATIENCE_MS)
    foreign = []

    def guard(route):
        url = route.request.url
        if url.startswith(base_url):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    return context, foreign


@pytest.fixture
def page(browser, live_server):
    # pytest-django's live server is a WSGI thread: it serves no WebSocket. So here the
    # page's own socket (/ws/me/) is answered as closed without asking the server, as a
    # server without sockets would, and no service worker installs (its install fetches
    # the four offline pages, which costs a busy CI time). The Daphne sites of
    # test_chat.py test both for real.
    context, foreign = guarded_context(browser, live_server.url, service_workers="block")
    context.route_web_socket(re.compile(r".*/ws/.*"), lambda socket: socket.close())
    page = context.new_page()
    yield page
    context.close()
    assert not foreign, f"pages asked other hosts for: {foreign}"


@pytest.fixture
def site_content(db):
    from demo.pages import ensure_pages, ensure_site

    ensure_site()
    ensure_pages()


def axe_violations(page, impacts=("serious", "critical")):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results.response["violations"]
        if violation["impact"] in impacts
    ]


def tab_to(page, text, what, steps=30):
    """Press Tab until the focused element reads ``text`` (at most ``steps`` times);
    fail saying ``what`` cannot be reached with the keyboard."""
    for _step in range(steps):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"{what} is not reachable with Tab")


def sign_in(page, email, password, language="es", totp_secret=None, clock=None):
    """Sign in through the pages; when the account asks for a second step, type
    the code its authenticator app would show (the secret is read from the
    database unless given, e.g. for a server on another database). ``clock``:
    see ``pass_second_factor``."""
    labels = {"es": ("Correo electrónico", "Contraseña", "Iniciar sesión")}[language]
    page.goto(f"/{language}/accounts/login/")
    page.get_by_label(labels[0]).fill(email)
    page.get_by_label(labels[1]).fill(password)
    # Wait for the answer to the form, not for the load of the page already shown:
    # ``wait_for_load_state`` after the click returned at once on a busy machine, the
    # two-factor step was then skipped and the next page asked for went to sign-in.
    with page.expect_navigation():
        page.get_by_role("button", name=labels[2]).click()
    if "/accounts/2fa/authenticate/" in page.url:
        pass_second_factor(page, totp_secret or authenticator_secret(email), labels[2], clock)


def authenticator_secret(email):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def pass_second_factor(page, secret, button="Iniciar sesión", clock=None):
    """Type the app's code on the two-factor step. A code is accepted once: when
    this person already used the current one, wait for the next 30 seconds; or,
    given the ``step_clock`` of a test whose server is the live server (in this
    process), move the server's clock on to the next step instead."""
    from tests.mfa import next_period_code, totp_code

    def submit(code):
        page.locator('input[name="code"]').fill(code)
        with page.expect_navigation():
            page.get_by_role("button", name=button).click()
        return "/accounts/2fa/authenticate/" not in page.url

    if not submit(clock.code(secret) if clock else totp_code(secret)):
        if clock:
            clock.next_step()
            code = clock.code(secret)
        else:
            code = next_period_code(secret)
        assert submit(code), page.url


@pytest.fixture
def step_clock(monkeypatch):
    """The clock allauth checks codes against, moved on by ``sign_in(..., clock=)`` where
    a person would wait for the app's next code (tests/mfa.py ``StepClock``). Only for
    the live server, which runs in this process: a Daphne process keeps the real clock."""
    from tests.mfa import StepClock

    return StepClock().install(monkeypatch)
