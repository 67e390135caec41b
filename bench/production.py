"""Production: two Daphne processes, a worker and the scheduler, on PostgreSQL and Redis.

The platform as a deployment runs it (``config.settings.production`` with a
generated SECRET_KEY, HTTPS redirect off because the load is plain HTTP): two
Daphne processes, ``manage.py db_worker`` and ``manage.py run_scheduler``, a
database of the benchmark's own on the PostgreSQL server at ``BENCH_POSTGRES``
(created, migrated, filled with the demo content, dropped at the end) and a
private ``redis-server`` on a free port. The pool settings are the defaults of
config/settings/base.py unless ``DB_POOL_*`` are set in the environment.

``USERS`` signed-in people (members of the demo workshop and learners of the
demo cohort), half on each process, each with one keep-alive HTTP connection
and one chat socket in the workshop's room, for ``DURATION`` seconds:

- browse: the home page, a lesson, the workshop's forum, its three busiest
  topics, the chat room page, the experts directory, in turn, reading each for
  ``THINK`` seconds on average (5; 0 asks back to back: what the site sustains);
- every ``REPLY_EVERY`` seconds, reply to one of those topics (a form POST with
  its CSRF token; the forum's flood limit, 15 s by default, is respected);
- every ``CHAT_EVERY`` seconds, say something in the room over the socket (the
  chat's rate limit, 5 messages in 5 s, is respected); every socket in the
  room receives it, through Redis for the people on the other process.

Printed: errors (anything but 200 for a page, 302 for a reply, a lost or
refused chat message; goal 0), p50/p99 of pages, replies and chat deliveries
(send to receipt, every listener), database connections of each process at
the peak and ``AFTER`` seconds after the load (goal: at most the pool's
max_size per process, then back to its min_size), RSS of each process when the
load starts and when it ends (goal: growth under 10%).

Capacity, for the throughput ratio: the same people ask for pages back to back
(no think time, no posting) for ``CAPACITY`` seconds, against RIAL Campus and,
in the same run, against ``bench.asgi_hello`` on two Daphne processes (HTTP
gets "hello", the socket echoes): a baseline round before the people and one
after (while the RIAL processes sit idle and their pools shrink), then the
RIAL round; the ratio is RIAL's HTTP answers per second over the baselines'.

Environment: ``BENCH_PRODUCTION_USERS`` (64), ``BENCH_PRODUCTION_SECONDS`` (60),
``BENCH_PRODUCTION_THINK_SECONDS`` (5),
``BENCH_PRODUCTION_CAPACITY_SECONDS`` (10 per round), ``BENCH_POSTGRES``
(``postgres://postgres@127.0.0.1:5432``). About 3.5 minutes with the defaults
(a minute and a half of it migrating and loading the demo).
"""

import asyncio
import itertools
import json
import os
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from bench.loadgen import _read_response
from tests.processes import PrivateRedis, database_connections, free_port, stop

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
USERS = int(os.environ.get("BENCH_PRODUCTION_USERS", "64"))
DURATION = float(os.environ.get("BENCH_PRODUCTION_SECONDS", "60"))
CAPACITY = float(os.environ.get("BENCH_PRODUCTION_CAPACITY_SECONDS", "10"))
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
WEB_PROCESSES = 2
AFTER = 10.0  # seconds after the load when connections are counted again
CHAT_EVERY = 6.0  # seconds between two chat messages of one person
REPLY_EVERY = 20.0  # seconds between two forum replies of one person
# Seconds a person reads a page before the next (0.5x to 1.5x of it); 0: back to back,
# which measures what the site sustains rather than whether it keeps up.
THINK = float(os.environ.get("BENCH_PRODUCTION_THINK_SECONDS", "5"))
GRACE = 3.0  # seconds to wait for the last chat deliveries
CONNECT_CONCURRENCY = 8  # chat handshakes in flight while everyone joins
REQUEST_TIMEOUT = 30.0
ANSWER = {"page": 200, "reply": 302}


# --- the site ------------------------------------------------------------------------------------


def production_env(workdir: Path, database: str, redis_url: str, ports: list[int]) -> dict:
    origins = ",".join(f"http://127.0.0.1:{port}" for port in ports)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": origins,
        "DATABASE_URL": f"{POSTGRES}/{database}",
        "REDIS_URL": redis_url,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("TEST_REDIS_PREFIX", None)
    return env


def manage(env: dict, *args: str) -> str:
    """Run ``manage.py ARGS`` (or ``python -m ...``) with the site's settings; its output."""
    command = [sys.executable, *args] if args[0] == "-m" else [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return done.stdout


POOL_SCRIPT = (
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default']['OPTIONS']['pool']))"
)


def prepare(env: dict) -> tuple[dict, dict]:
    """Migrate (collecting static files meanwhile), load the demo, make the people."""
    static = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    manage(env, "migrate", "--noinput", "-v0")
    if static.wait() != 0:
        raise RuntimeError("collectstatic failed")
    manage(env, "load_demo", "--force", "-v0")
    site = json.loads(manage(env, "-m", "bench.production_setup", str(USERS)))
    pool = json.loads(manage(env, "shell", "-v0", "-c", POOL_SCRIPT))
    return site, pool


def daphne(port: int, application: str) -> list[str]:
    return [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), application]


def start(name: str, command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with open(log, "ab") as stderr:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env={**env, "PGAPPNAME": name},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )


def wait_for_http(port: int, process: subprocess.Popen, path: str = "/", timeout=60) -> None:
    async def ask():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        status = await _read_response(reader)
        writer.close()
        return status

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            if asyncio.run(ask()) == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not come up")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


class ConnectionCounter(threading.Thread):
    """The database's connections per application name four times a second, RSS every second."""

    def __init__(self, database: str, processes: dict[str, subprocess.Popen]):
        super().__init__(daemon=True)
        self.database = database
        self.processes = processes
        self.monitor = psycopg.connect(f"{POSTGRES}/postgres", autocommit=True)
        self.samples: list[tuple[float, dict]] = []
        self.rss: list[tuple[float, dict]] = []
        self.done = threading.Event()

    def count(self) -> dict:
        return database_connections(self.monitor, self.database)

    def run(self) -> None:
        while not self.done.is_set():
            now = time.perf_counter()
            self.samples.append((now, self.count()))
            if not self.rss or now - self.rss[-1][0] >= 1:
                self.rss.append((now, {n: rss_mb(p.pid) for n, p in self.processes.items()}))
            time.sleep(0.25)

    def rss_timeline(self, since: float, until: float, every: float = 10) -> list[dict]:
        """RSS of each process every ``every`` seconds of the load (MB)."""
        timeline, due = [], since
        for at, sample in self.rss:
            if since <= at <= until and at >= due:
                timeline.append({"s": round(at - since), **sample})
                due += every
        return timeline

    def at(self, moment: float) -> dict:
        """The first count taken at or after ``moment``."""
        return next(sample for at, sample in self.samples if at >= moment)

    def peak(self, since: float, until: float) -> dict:
        window = [sample for at, sample in self.samples if since <= at <= until]
        names = {name for sample in window for name in sample}
        peaks = {name: max(sample.get(name, 0) for sample in window) for name in sorted(names)}
        peaks["total"] = max((sum(sample.values()) for sample in window), default=0)
        return peaks

    def stop(self) -> None:
        self.done.set()
        self.join()
        self.monitor.close()


# --- the people ----------------------------------------------------------------------------------


@dataclass
class Tally:
    """What all the people of one round saw."""

    pages: list = field(default_factory=list)  # ms, pages answered 200
    replies: list = field(default_factory=list)  # ms, replies answered 302
    chat: list = field(default_factory=list)  # ms, every delivery of a chat message
    errors: Counter = field(default_factory=Counter)
    sent_at: dict = field(default_factory=dict)  # client_id -> perf_counter
    chat_sent: int = 0
    chat_delivered: int = 0
    sockets: int = 0
    started: float = 0.0  # perf_counter when everyone had joined and began
    ended: float = 0.0  # perf_counter when the last person stopped
    seconds: float = 0.0


@dataclass
class Person:
    index: int
    port: int
    cookie: str
    csrf: str
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    ws: object = None
    listening: asyncio.Task | None = None

    async def http(self, method: str, path: str, body: bytes = b"") -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            f"Cookie: {self.cookie}\r\nConnection: keep-alive\r\n"
        )
        if body:
            head += (
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n"
            )
        self.writer.write(head.encode() + b"\r\n" + body)
        return await asyncio.wait_for(_read_response(self.reader), REQUEST_TIMEOUT)

    def hang_up(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    def leave(self) -> None:
        """Close everything at once (the listener first: its socket's end is no error)."""
        if self.listening is not None:
            self.listening.cancel()
        if self.ws is not None:
            self.ws.transport.abort()
        self.hang_up()


async def listen(person: Person, tally: Tally) -> None:
    try:
        async for text in person.ws:
            now = time.perf_counter()
            if text.startswith(('{"type":"message"', '{"type": "message"')):
                sent = tally.sent_at.get(json.loads(text).get("client_id"))
                if sent is not None:
                    tally.chat.append((now - sent) * 1000)
                    tally.chat_delivered += 1
            elif text.startswith(('{"type":"error"', '{"type": "error"')):
                tally.errors[f"chat error {json.loads(text).get('code')}"] += 1
    except ConnectionClosed:
        pass
    # Only the server closes sockets: the load generator cancels this task first.
    tally.errors["chat socket closed by the server"] += 1


async def join(person: Person, room: str, rial: bool, tally: Tally) -> None:
    for attempt in range(3):
        try:
            person.ws = await connect(
                f"ws://127.0.0.1:{person.port}/ws/chat/{room}/",
                origin=f"http://127.0.0.1:{person.port}",
                additional_headers={"Cookie": person.cookie},
                compression=None,
                ping_interval=None,
                open_timeout=60,
                max_size=2**22,
            )
            break
        except (OSError, TimeoutError, InvalidHandshake):
            tally.errors["chat handshake failed"] += 1
            if attempt == 2:
                raise
            await asyncio.sleep(0.5)
    if rial:  # RIAL says hello first; the baseline only echoes
        async with asyncio.timeout(60):
            while not (await person.ws.recv()).startswith(('{"type":"hello"', '{"type": "hello"')):
                pass
    person.listening = asyncio.create_task(listen(person, tally))


async def chat(person: Person, end: float, tally: Tally) -> None:
    """Say something in the room every ``CHAT_EVERY`` seconds (the first after a random wait)."""
    rng = random.Random(-person.index)
    await asyncio.sleep(rng.uniform(0, CHAT_EVERY))
    for n in itertools.count():
        if time.perf_counter() >= end:
            return
        client_id = str(uuid.uuid4())
        body = f"Mensaje {n} de la persona {person.index}: ¿seguimos el jueves?"
        frame = json.dumps({"type": "message", "client_id": client_id, "body": body})
        tally.sent_at[client_id] = time.perf_counter()
        try:
            await person.ws.send(frame)
            tally.chat_sent += 1
        except ConnectionClosed:
            tally.errors["chat send on a closed socket"] += 1
        await asyncio.sleep(CHAT_EVERY)


async def browse(
    person: Person, site: dict, end: float, tally: Tally, posting: bool, think: float
) -> None:
    """Pages in turn, ``think`` seconds apart on average; a reply every ``REPLY_EVERY`` s."""
    rng = random.Random(person.index)
    now = time.perf_counter()
    next_page = now + rng.uniform(0, think)
    next_reply = now + rng.uniform(0, REPLY_EVERY) if posting else end
    pages = site["pages"]
    turn = person.index % len(pages)
    ring = itertools.cycle(pages[turn:] + pages[:turn])
    topics = itertools.cycle(site["topics"][person.index % len(site["topics"]) :] + site["topics"])
    for n in itertools.count():
        now = time.perf_counter()
        due = min(next_page, next_reply)
        if due >= end:
            return
        if due > now:
            await asyncio.sleep(due - now)
            continue
        if next_reply <= now:
            next_reply = now + REPLY_EVERY
            kind, method, path = "reply", "POST", f"/es/forums/t/{next(topics)}/reply/"
            form = {
                "csrfmiddlewaretoken": person.csrf,
                "token": str(uuid.uuid4()),
                "body": f"Respuesta {n} de la persona {person.index}: gracias, lo comparto.",
            }
            body = urlencode(form).encode()
        else:
            kind, method, path, body = "page", "GET", next(ring), b""
        started = time.perf_counter()
        try:
            status = await person.http(method, path, body)
        except (OSError, TimeoutError, ConnectionError, asyncio.IncompleteReadError, ValueError):
            person.hang_up()
            tally.errors[f"{kind}: no answer"] += 1
            status = None
        took = (time.perf_counter() - started) * 1000
        if status == site["answer"][kind]:
            (tally.pages if kind == "page" else tally.replies).append(took)
        elif status is not None:
            tally.errors[f"{kind}: {status} {path}"] += 1
        if kind == "page":
            next_page = time.perf_counter() + think * rng.uniform(0.5, 1.5)


async def load_round(
    ports: list[int],
    site: dict,
    duration: float,
    rial: bool,
    posting: bool = True,
    think: float = THINK,
    on_start=None,
) -> Tally:
    """Everyone joins the chat room, then browses (and posts) for ``duration`` seconds."""
    tally = Tally()
    people = [
        Person(
            index=i,
            port=ports[i % len(ports)],
            cookie=f"sessionid={site['sessions'][i]}; csrftoken={csrf}",
            csrf=csrf,
        )
        for i, csrf in ((i, secrets.token_hex(16)) for i in range(len(site["sessions"])))
    ]
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def gated_join(person: Person) -> None:
        async with gate:
            await join(person, site["room"], rial, tally)

    try:
        await asyncio.gather(*(gated_join(person) for person in people))
        tally.sockets = sum(person.ws is not None for person in people)
        await asyncio.sleep(1.0)  # presence frames of the joins go by
        if on_start is not None:
            on_start()
        tally.started = time.perf_counter()
        end = tally.started + duration
        await asyncio.gather(
            *(browse(p, site, end, tally, posting, think) for p in people),
            *(chat(p, end, tally) for p in people if posting),
        )
        tally.ended = time.perf_counter()
        tally.seconds = tally.ended - tally.started
        if posting:
            await asyncio.sleep(GRACE)  # the last chat deliveries
    finally:
        for person in people:
            person.leave()
    return tally


# --- measuring -----------------------------------------------------------------------------------


def percentile(values: list, p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))], 1)


def summary(tally: Tally, expected_listeners: int) -> dict:
    answered = len(tally.pages) + len(tally.replies)
    expected = tally.chat_sent * expected_listeners
    return {
        "http_answers": answered,
        "http_per_s": round(answered / tally.seconds, 1) if tally.seconds else 0.0,
        "pages": len(tally.pages),
        "pages_p50_ms": percentile(tally.pages, 50),
        "pages_p99_ms": percentile(tally.pages, 99),
        "replies": len(tally.replies),
        "replies_p50_ms": percentile(tally.replies, 50),
        "replies_p99_ms": percentile(tally.replies, 99),
        "chat_sent": tally.chat_sent,
        "chat_deliveries": tally.chat_delivered,
        "chat_expected": expected,
        "chat_p50_ms": percentile(tally.chat, 50),
        "chat_p99_ms": percentile(tally.chat, 99),
        "sockets": tally.sockets,
        "errors": sum(tally.errors.values()) + max(0, expected - tally.chat_delivered),
        "error_kinds": dict(tally.errors.most_common(10)),
        "seconds": round(tally.seconds, 1),
    }


def rss_of(processes: dict[str, subprocess.Popen]) -> dict[str, float]:
    return {name: rss_mb(process.pid) for name, process in processes.items()}


def capacity_round(ports: list[int], site: dict, rial: bool) -> dict:
    """Everyone asks for pages back to back (no posting) for ``CAPACITY`` seconds."""
    tally = asyncio.run(load_round(ports, site, CAPACITY, rial=rial, posting=False, think=0))
    return summary(tally, 0)


def baseline_round(env: dict, workdir: Path, site: dict) -> dict:
    """The capacity round against ``bench.asgi_hello`` on as many Daphne processes."""
    ports = [free_port() for _ in range(WEB_PROCESSES)]
    log = workdir / "baseline.log"
    processes = [
        start(f"hello-{port}", daphne(port, "bench.asgi_hello:application"), env, log)
        for port in ports
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_for_http(port, process)
        return capacity_round(ports, {**site, "answer": {"page": 200}}, rial=False)
    finally:
        for process in processes:
            stop(process)


def measure() -> dict:
    wall = time.perf_counter()
    load_before = os.getloadavg()
    workdir = Path(tempfile.mkdtemp(prefix="rial-production-bench-"))
    database = f"rial_bench_{os.getpid()}"
    log = workdir / "servers.log"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    redis = PrivateRedis(workdir)
    redis.start()
    ports = [free_port() for _ in range(WEB_PROCESSES)]
    env = production_env(workdir, database, redis.url, ports)
    processes: dict[str, subprocess.Popen] = {}
    counter = None
    try:
        site, pool = prepare(env)
        site["answer"] = ANSWER
        for port in ports:
            processes[f"web-{port}"] = start(
                f"web-{port}", daphne(port, "config.asgi:application"), env, log
            )
        processes["worker"] = start(
            "worker", [sys.executable, "manage.py", "db_worker", "--interval", "1"], env, log
        )
        processes["scheduler"] = start(
            "scheduler", [sys.executable, "manage.py", "run_scheduler"], env, log
        )
        for port in ports:
            wait_for_http(port, processes[f"web-{port}"], "/healthz")
        # Warm up: each process renders each page once, so start-up work is not growth.
        warm = {**site, "sessions": site["sessions"][:WEB_PROCESSES]}
        asyncio.run(load_round(ports, warm, 3.0, rial=True, posting=False, think=0))
        counter = ConnectionCounter(database, processes)
        counter.start()

        baseline_before = baseline_round(env, workdir, site)
        # The people: RSS when everyone has joined the room, and when they stop.
        rss_start = {}
        people = asyncio.run(
            load_round(
                ports,
                site,
                DURATION,
                rial=True,
                on_start=lambda: rss_start.update(rss_of(processes)),
            )
        )
        rss_end = rss_of(processes)
        # The RIAL processes sit idle (the pools shrink) while the baseline runs again.
        baseline_after = baseline_round(env, workdir, site)
        time.sleep(max(0.0, people.ended + AFTER + 0.5 - time.perf_counter()))
        after = counter.at(people.ended + AFTER)
        peak = counter.peak(people.started, people.ended)
        rss_timeline = counter.rss_timeline(people.started, people.ended)
        capacity = capacity_round(ports, site, rial=True)
    finally:
        if counter is not None:
            counter.stop()
        for process in processes.values():
            stop(process)
        redis.kill()
        shutil.rmtree(workdir / "static", ignore_errors=True)  # the log stays, for reading
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    rial = summary(people, people.sockets)
    baseline_rate = (baseline_before["http_per_s"] + baseline_after["http_per_s"]) / 2
    growth = {
        name: round((rss_end[name] - rss_start[name]) / rss_start[name] * 100, 1)
        for name in processes
    }
    return {
        "benchmark": "production",
        "users": USERS,
        "duration_s": DURATION,
        "capacity_round_s": CAPACITY,
        "web_processes": WEB_PROCESSES,
        "think_s": THINK,
        "chat_every_s": CHAT_EVERY,
        "reply_every_s": REPLY_EVERY,
        "pool": pool,
        "rial": rial,
        "capacity": {
            "baseline_before": baseline_before,
            "rial": capacity,
            "baseline_after": baseline_after,
            "ratio_to_baseline": round(capacity["http_per_s"] / baseline_rate, 4)
            if baseline_rate
            else None,
        },
        "connections": {
            "peak": peak,
            "after_s": AFTER,
            "after": {**dict(sorted(after.items())), "total": sum(after.values())},
        },
        "rss_mb": {
            "start": rss_start,
            "end": rss_end,
            "growth_percent": growth,
            "during_load": rss_timeline,
        },
        "targets": targets(rial, pool, peak, after, growth, list(processes)),
        "wall_s": round(time.perf_counter() - wall, 1),
        "load_average_1m": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "server_log": str(log),
    }


def targets(rial: dict, pool: dict, peak: dict, after: dict, growth: dict, names) -> dict:
    processes = len(names)
    over = {name: n for name, n in peak.items() if name != "total" and n > pool["max_size"]}
    above_min = {name: n for name, n in after.items() if n > pool["min_size"]}
    return {
        "no_errors": {"target": "errors = 0", "value": rial["errors"], "met": not rial["errors"]},
        "connections_bounded": {
            "target": f"connections at the peak <= pool max_size ({pool['max_size']}) "
            f"per process, {pool['max_size'] * processes} in all",
            "value": peak["total"],
            "met": not over and peak["total"] <= pool["max_size"] * processes,
        },
        "connections_back_to_min": {
            "target": f"{AFTER:g} s after: <= pool min_size ({pool['min_size']}) per process",
            "value": sum(after.values()),
            "met": not above_min,
            "above": above_min,
        },
        "rss_growth_under_10_percent": {
            "target": "RSS growth < 10% for every process",
            "value": max(growth.values()),
            "met": all(value < 10 for value in growth.values()),
        },
    }


def report(result: dict) -> str:
    rial, capacity = result["rial"], result["capacity"]
    lines = [
        f"Production: {result['users']} signed-in people on {result['web_processes']} Daphne "
        f"processes + worker + scheduler, PostgreSQL + Redis; pool {result['pool']}",
        f"People for {result['duration_s']:g}s: a page every {result['think_s']:g}s, a reply "
        f"every {result['reply_every_s']:g}s, a chat message every {result['chat_every_s']:g}s",
        f"{'':<16}{'HTTP/s':>8}{'pages':>7}{'p50':>7}{'p99':>8}{'replies':>8}{'p50':>7}"
        f"{'p99':>8}{'chat d/e':>13}{'p50':>7}{'p99':>8}{'errors':>7}",
        f"{'RIAL Campus':<16}{rial['http_per_s']:>8.1f}{rial['pages']:>7}"
        f"{rial['pages_p50_ms']:>7.0f}{rial['pages_p99_ms']:>8.0f}{rial['replies']:>8}"
        f"{rial['replies_p50_ms']:>7.0f}{rial['replies_p99_ms']:>8.0f}"
        f"{str(rial['chat_deliveries']) + '/' + str(rial['chat_expected']):>13}"
        f"{rial['chat_p50_ms']:>7.0f}{rial['chat_p99_ms']:>8.0f}{rial['errors']:>7}",
        "(latencies in ms; chat d/e: deliveries to every socket in the room / expected)",
    ]
    if rial["error_kinds"]:
        lines.append(f"errors: {rial['error_kinds']}")
    lines += [
        "",
        f"Capacity: the same people, pages back to back for {result['capacity_round_s']:g}s "
        "(bare ASGI app on Daphne before and after)",
        f"{'':<18}{'HTTP/s':>8}{'p50':>7}{'p99':>8}{'errors':>7}",
    ]
    for name, row in (
        ("baseline (before)", capacity["baseline_before"]),
        ("RIAL Campus", capacity["rial"]),
        ("baseline (after)", capacity["baseline_after"]),
    ):
        lines.append(
            f"{name:<18}{row['http_per_s']:>8.1f}{row['pages_p50_ms']:>7.0f}"
            f"{row['pages_p99_ms']:>8.0f}{row['errors']:>7}"
        )
    lines.append(f"HTTP answers per second, RIAL / baseline: {capacity['ratio_to_baseline']}")
    lines.append("")
    connections = result["connections"]
    lines.append(f"database connections at the peak: {connections['peak']}")
    lines.append(f"database connections {connections['after_s']:g}s after: {connections['after']}")
    rss = result["rss_mb"]
    for name in rss["start"]:
        lines.append(
            f"RSS {name:<12} {rss['start'][name]:>7.1f} MB -> {rss['end'][name]:>7.1f} MB "
            f"({rss['growth_percent'][name]:+.1f}%)"
        )
    for target in result["targets"].values():
        verdict = "MET " if target["met"] else "MISS"
        lines.append(f"{verdict} {target['target']} -> {target['value']}")
    before, after = result["load_average_1m"]
    lines.append(
        f"wall time {result['wall_s']:g}s; load average {before:g} before, {after:g} after"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    outcome = measure()
    print(report(outcome))
