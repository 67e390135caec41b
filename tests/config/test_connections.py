"""Database connections under Daphne stay bounded, and come back down after the load.

Daphne runs each request's synchronous part in a thread of its own. With
persistent connections (``CONN_MAX_AGE`` > 0) every such thread kept its own
database connection: 16 signed-in people reached PostgreSQL's "too many
clients" within seconds, and on SQLite each process collected open files. The
settings now hand connections out of psycopg's pool (PostgreSQL) and close
them after each request (both). These tests run real Daphne processes with
signed-in people browsing ordinary pages and count what the server holds:
PostgreSQL connections in ``pg_stat_activity`` (PostgreSQL + Redis phase of
``.ci/run``), open files of the process (SQLite, ``make test``).
"""

import sqlite3
import threading
import time

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from forum.models import Category, Room, Space, SpaceMembership
from forum.services.topics import topic_create
from tests.factories import ProfileFactory
from tests.processes import browse, daphne_servers, database_connections, open_files

PEOPLE = 24
POOL = {"DB_POOL_MIN_SIZE": 1, "DB_POOL_MAX_SIZE": 4, "DB_POOL_MAX_IDLE": 1}
PROCESSES = 2


def _people_and_pages(count: int) -> tuple[list[str], list[str]]:
    """``count`` signed-in members of a workshop space, and the pages they read."""
    from demo.pages import ensure_pages

    ensure_pages()
    space = Space.objects.create(kind="workshop", name="Taller de Lima", slug="lima")
    Room.objects.create(space=space, name="Seguimiento", slug="lima-seguimiento")
    category = Category.objects.create(space=space, name="General", slug="general")
    cookies = []
    for n in range(count):
        person = ProfileFactory(user__full_name=f"Persona {n}").user
        SpaceMembership.objects.create(space=space, user=person)
        client = Client()
        client.force_login(person)
        cookies.append(f"sessionid={client.cookies['sessionid'].value}")
    topic = topic_create(
        user=person, space=space, category=category, title="Inspección", body="¿Quién *viene*?"
    ).topic
    paths = [
        "/es/",
        "/es/chat/",
        "/es/chat/lima-seguimiento/",
        "/es/forums/",
        f"/es/forums/{space.slug}/",
        f"/es/forums/t/{topic.pk}/",
        "/es/experts/",
    ]
    return cookies, paths


class ConnectionCounter(threading.Thread):
    """Counts the servers' connections to the test database, ten times a second."""

    def __init__(self, database: str, limit: int):
        super().__init__(daemon=True)
        self.database = database
        self.limit = limit
        self.samples: list[dict[str, int]] = []
        self.over_limit = threading.Event()
        self.done = threading.Event()
        self.monitor = psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        )

    def count(self) -> dict[str, int]:
        counts = database_connections(self.monitor, self.database)
        return {name: n for name, n in counts.items() if name.startswith("rial-daphne-")}

    def run(self) -> None:
        while not self.done.is_set():
            sample = self.count()
            self.samples.append(sample)
            if sum(sample.values()) > self.limit:
                # A leak: stop the load before it takes the machine's server with it.
                self.over_limit.set()
            time.sleep(0.1)

    def peak(self) -> int:
        return max((sum(sample.values()) for sample in self.samples), default=0)

    def stop(self) -> None:
        self.done.set()
        self.join()


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (run by .ci/run)")
@pytest.mark.django_db(transaction=True)
def test_postgresql_connections_stay_within_the_pools_and_shrink_after(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run by .ci/run)")
    cookies, paths = _people_and_pages(PEOPLE)
    limit = POOL["DB_POOL_MAX_SIZE"] * PROCESSES
    floor = POOL["DB_POOL_MIN_SIZE"] * PROCESSES
    with daphne_servers(PROCESSES, tmp_path, **POOL) as ports:
        counter = ConnectionCounter(connection.settings_dict["NAME"], limit)
        counter.start()
        try:
            statuses = browse(
                ports, cookies, paths, duration=30, requests=400, stop=counter.over_limit
            )
            after = []
            deadline = time.monotonic() + (0 if counter.over_limit.is_set() else 20)
            while time.monotonic() < deadline:
                time.sleep(0.5)
                after.append(sum(counter.count().values()))
                if after[-1] <= floor:
                    break
        finally:
            counter.stop()
            counter.monitor.close()

    print(f"answers {dict(statuses)}; connections: peak {counter.peak()}, after {after}")
    assert not counter.over_limit.is_set(), (
        f"{counter.peak()} connections, more than {limit} (pool max x processes)"
    )
    assert set(statuses) == {200}, f"answers by status: {dict(statuses)}"
    # The load needed more than the pools keep at rest, and they gave it back.
    assert counter.peak() > floor
    assert after and after[-1] <= floor, f"connections after the load: {after}"


@pytest.mark.django_db(transaction=True)
def test_sqlite_file_database_keeps_open_files_flat(tmp_path):
    """Open files stay bounded by how many requests run at once, not by how many ran.

    Each request runs on one of the threads Daphne keeps (config/handlers.py),
    which keeps its SQLite connection (the file and its -wal; the -shm is mapped
    once): at most ``THREADS_KEPT`` of them at rest, about as many as requests
    overlapped (a request may come before the last one's thread is given back).
    A leak keeps one connection per request or per thread that ever ran: hundreds.
    """
    from config.handlers import THREADS_KEPT

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite run of make test")
    people = 8
    cookies, paths = _people_and_pages(people)
    # The test database lives in memory: copy it to a file Daphne can open.
    database = tmp_path / "site.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(database) as copy:
        connection.connection.backup(copy)

    def database_files(files: dict[str, int]) -> int:
        return sum(n for target, n in files.items() if target.startswith(str(database)))

    with daphne_servers(1, tmp_path, DATABASE_URL=f"sqlite:///{database}") as ports:
        pid = ports.processes[ports[0]].pid
        warm = browse(ports, cookies, paths, duration=30, requests=50)
        before = open_files(pid)
        statuses = browse(ports, cookies, paths, duration=60, requests=300)
        after = open_files(pid)

    print(f"answers {dict(warm + statuses)}; open files {before} -> {after}")
    assert set(warm + statuses) == {200}, f"answers by status: {dict(warm + statuses)}"
    assert statuses.total() >= 300
    # The file and its -wal for each kept thread, and the -shm, whatever the load...
    assert database_files(after) <= 2 * THREADS_KEPT + 1, f"database files open: {after}"
    # ...and no more after 300 requests than after the first 50, but for the overlap.
    assert database_files(after) <= database_files(before) + 2 * people, f"{before} -> {after}"
    # Sockets, pipes and the rest: at most one more keep-alive socket per person.
    others_before = before.total() - database_files(before)
    others_after = after.total() - database_files(after)
    assert others_after <= others_before + people, f"open files {before} -> {after}"
