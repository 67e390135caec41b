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
and one chat socket in the workshop's room, for ``DURATION`` seconds (what they
do is ``bench.production_load``, with its constants):

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
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg

from bench import common
from bench.common import (
    closing_line,
    daphne,
    manage,
    rss_mb,
    wait_for_http,
)
from bench.production_load import CHAT_EVERY, REPLY_EVERY, THINK, load_round, summary
from tests.processes import PrivateRedis, database_connections, free_port, stop

USERS = int(os.environ.get("BENCH_PRODUCTION_USERS", "64"))
DURATION = float(os.environ.get("BENCH_PRODUCTION_SECONDS", "60"))
CAPACITY = float(os.environ.get("BENCH_PRODUCTION_CAPACITY_SECONDS", "10"))
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
WEB_PROCESSES = 2
AFTER = 10.0  # seconds after the load when connections are counted again
ANSWER = {"page": 200, "reply": 302}


# --- the site ------------------------------------------------------------------------------------


def production_env(workdir: Path, database: str, redis_url: str, ports: list[int]) -> dict:
    return common.production_env(
        workdir,
        database_url=f"{POSTGRES}/{database}",
        redis_url=redis_url,
        CSRF_TRUSTED_ORIGINS=",".join(f"http://127.0.0.1:{port}" for port in ports),
        MEDIA_ROOT=str(workdir / "media"),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        PYTHONDONTWRITEBYTECODE="1",
    )


POOL_SCRIPT = (
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default']['OPTIONS']['pool']))"
)


def prepare(env: dict) -> tuple[dict, dict]:
    """Migrate (collecting static files meanwhile), load the demo, make the people."""
    static = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=common.ROOT,
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


def start(name: str, command: list[str], env: dict, log: Path) -> subprocess.Popen:
    """A process of the site, its database connections named ``name`` (``PGAPPNAME``)."""
    return common.spawn(command, {**env, "PGAPPNAME": name}, log)


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


# --- measuring -----------------------------------------------------------------------------------


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
    lines.append(closing_line(result))
    return "\n".join(lines)


if __name__ == "__main__":
    outcome = measure()
    print(report(outcome))
