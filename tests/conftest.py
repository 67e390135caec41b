import contextlib
import gc
import os
import threading
import time

import pytest
from django.core.cache import cache

from lms import services
from lms.choices import Role
from tests import flush
from tests.factories import PASSWORD, ProfileFactory, UserFactory
from tests.mfa import totp_enable
from tests.push import push_service  # noqa: F401  (a fixture, for every test)


def pytest_configure(config):
    # Transactional tests end by emptying only the tables they wrote (tests/flush.py).
    flush.install()


def _clear_own_cache():
    """Empty this run's cache, and on Redis nothing but this run's keys.

    ``cache.clear()`` on Redis is FLUSHDB: it would also wipe the keys (and the
    channel layer's groups) of another test run sharing the database, which
    config/settings/test.py keeps apart by prefix.
    """
    from django.conf import settings

    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language. A request through the test
    client leaves its page's language active in this thread (LocaleMiddleware
    activates it and nothing deactivates it), so a test that asked for an /en/ page
    made the next module's labels English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits count in the cache: every test starts with a clean slate."""
    _clear_own_cache()
    yield
    _clear_own_cache()


@pytest.fixture(scope="session", autouse=True)
def _test_database_let_go(django_db_setup, django_db_blocker):
    """Before pytest-django drops the PostgreSQL test database, nobody may hold it.

    A Daphne process a test just stopped, or a thread of this process that still
    holds a pooled connection, makes ``DROP DATABASE`` fail ("being accessed by
    other users") and leaves the database behind on the server. At the end of the
    run this closes this process's connections (its kept threads' too), gives a
    server a few seconds to notice clients that went away, and, if the drop still
    fails, has its warning name who held it.
    """
    yield
    from django.db import connections

    gc.collect()  # threads that ended give their connections back
    connections.close_all()
    kept = _close_in_kept_threads()
    database = connections["default"]
    if database.vendor != "postgresql":
        return
    # A pool keeps its minimum of connections open (and opens new ones) until closed.
    database.close_pool()
    import psycopg

    params = database.get_connection_params()
    params["dbname"] = "postgres"
    params.pop("pool", None)
    name = database.settings_dict["NAME"]
    with django_db_blocker.unblock(), psycopg.connect(**params, autocommit=True) as monitor:
        for _ in range(50):
            if not _holders(monitor, name):
                break
            time.sleep(0.2)
    _name_holders_if_the_drop_fails(database.creation, params, name, kept)


def _close_in_kept_threads() -> list[str]:
    """Close the database connections of the threads this process keeps for later
    calls (asgiref's thread for thread-sensitive calls outside a request, the chat's
    database threads, the health check's and the page cache's): each thread of each
    pool runs one closing call, held until all have started. Returns the names of
    the threads that still had a connection open. Found by the warning below: asgiref's
    thread held one at the end of full PostgreSQL runs (the socket tests' consumers run
    their database calls there)."""
    from asgiref.sync import SyncToAsync
    from django.db import connections

    from config import healthz, page_cache
    from forum import db as chat_db

    executors = [
        SyncToAsync.single_thread_executor,
        chat_db._executor,
        healthz._checks,
        page_cache._io,
    ]
    held = []
    for executor in filter(None, executors):
        workers = executor._max_workers
        barrier = threading.Barrier(workers)

        def close(barrier=barrier):
            had = [c.alias for c in connections.all(initialized_only=True) if c.connection]
            connections.close_all()
            if had:
                held.append(threading.current_thread().name)
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=5)

        for future in [executor.submit(close) for _ in range(workers)]:
            try:
                future.result(timeout=10)
            except TimeoutError:  # a thread stuck in a call: the warning below names it
                held.append(f"{executor} (busy)")
    return held


def _holders(monitor, name):
    return monitor.execute(
        "SELECT pid, client_port, backend_start, application_name, state, left(query, 120)"
        " FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
        [name],
    ).fetchall()


def _name_holders_if_the_drop_fails(creation, params, name, kept):
    """Someone still held the database when pytest-django dropped it (seen in full
    runs only, as a warning): the warning then says who: the server's sessions,
    which process holds each one's client port, this process's threads, and which of
    its kept threads had a connection open at the end (``kept``)."""
    import subprocess

    import psycopg

    drop = creation._destroy_test_db

    def destroy(test_database_name, verbosity):
        try:
            return drop(test_database_name, verbosity)
        except Exception as error:
            if "other users" not in str(error):
                raise
            with psycopg.connect(**params, autocommit=True) as monitor:
                holders = _holders(monitor, name)
            try:
                sockets = subprocess.run(
                    ["ss", "-tanp"], capture_output=True, text=True, check=False
                ).stdout.splitlines()
            except OSError:
                sockets = []
            owners = [
                line.split()[-1]
                for port in {row[1] for row in holders}
                for line in sockets
                if f":{port} " in line and "users:" in line
            ]
            threads = [thread.name for thread in threading.enumerate()]
            raise type(error)(
                f"{error} Held by {holders}; their processes {owners};"
                f" this process ({os.getpid()}) runs threads {threads};"
                f" kept threads that had a connection at the end: {kept}"
            ) from error

    creation._destroy_test_db = destroy


@pytest.fixture
def fake_bbb(settings):
    """A fake BigBlueButton server (tests/video_fake.py) the platform is configured with."""
    from tests.video_fake import FakeBigBlueButton

    server = FakeBigBlueButton().start()
    settings.BBB_URL = server.url
    settings.BBB_SECRET = server.secret
    yield server
    server.stop()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def user(db):
    return ProfileFactory(user__full_name="Ana María Torres").user


@pytest.fixture
def other_user(db):
    return ProfileFactory(user__full_name="Roberto Díaz", country="PE").user


@pytest.fixture
def secretariat(db):
    person = UserFactory(full_name="Secretaría Técnica", roles=[Role.PARTICIPANT])
    ProfileFactory(user=person, preferred_language="en")
    admin = UserFactory(full_name="Bootstrap admin", is_superuser=True, is_staff=True)
    services.role_grant(actor=admin, user=person, role=Role.SECRETARIAT)
    person.refresh_from_db()
    # Two-factor sign-in is required for the secretariat (lms/mfa.py): sign it in
    # with ``mfa_force_login`` (tests/mfa.py), or through the pages with a code.
    totp_enable(person)
    return person


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def demo_pages(db):
    from demo.pages import ensure_pages

    ensure_pages()


@pytest.fixture
def world(db):
    """A course with a cohort that started today, a group, its tutor and one learner."""
    from tests.course_fixtures import build_course

    return build_course()


@pytest.fixture
def database_tasks(settings):
    """Tasks go to the database queue (django-tasks-db), as in production.

    Returns ``run_worker()``, which runs ``manage.py db_worker --batch`` in this
    process until the queue is empty (or for ``max_tasks`` tasks). Use it in
    ``django_db(transaction=True)`` tests: tasks are queued when a transaction
    commits, and the worker takes each in a transaction of its own.
    """
    import signal

    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run_worker(max_tasks: int | None = None) -> None:
        # db_worker sets its own signal handlers: give pytest's back afterwards.
        signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
        saved = {number: signal.getsignal(number) for number in signals}
        args = ["db_worker", "--batch", "--no-startup-delay", "--interval", "0"]
        if max_tasks:
            args += ["--max-tasks", str(max_tasks)]
        try:
            call_command(*args, "--queue-name", "*", verbosity=0)
        finally:
            for number, handler in saved.items():
                signal.signal(number, handler)

    return run_worker


@pytest.fixture(scope="session")
def html_checker():
    """One Nu HTML Checker for the whole run (tests/html_checker.py), started by the
    first test that checks a page, stopped at the end: the browser tests check every
    page they are served (tests/e2e/conftest.py), tests/demo/loaded every page of the
    demo course in the four languages."""
    from tests.html_checker import CHECKER

    yield CHECKER
    CHECKER.stop()
