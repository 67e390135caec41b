"""Visitors' pages against a bare ASGI hello, on one Daphne process each, in the same run.

Three servers, production settings, the demo content on a throwaway SQLite database:
``bench.asgi_hello`` (the baseline), the site as deployed (``config.asgi:application``,
the page cache in front of Django), and the same site without the page cache
(``config.asgi:django_asgi_app``: what every visitor's request cost before). The
anonymous home page, course catalogue, portfolio, documents and events are loaded
with the same keep-alive client, in interleaved rounds (hello, then each page on
each server), so that a slower moment of the machine weighs on all of them; each
page's ratio is its requests per second over the baseline's of the same round,
the median of the rounds. Goal (issue 14): at least 0.3x the bare app.
"""

import asyncio
import statistics
import tempfile
from pathlib import Path

from bench.common import daphne, manage, production_env, spawn, wait_for_http
from bench.loadgen import run_load
from tests.processes import free_port

GOAL = 0.3
CATALOGUE = """
from courses.models import CourseIndexPage
print(CourseIndexPage.objects.live().filter(locale__language_code="es").first().url)
"""


def prepare(env: dict) -> list[tuple[str, str]]:
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--force", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    catalogue = manage(env, "shell", "-v", "0", "-c", CATALOGUE).split()[-1]
    return [
        ("home", "/es/"),
        ("course catalogue", catalogue),
        ("portfolio", "/es/portfolio/"),
        ("documents", "/es/documents/"),
        ("events", "/es/events/"),
    ]


def _load(port: int, path: str, connections: int, duration: float):
    return asyncio.run(
        run_load("127.0.0.1", port, path, connections=connections, duration=duration)
    )


def measure(connections: int = 16, duration: float = 2.0, rounds: int = 3) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="rial-bench-anon-"))
    env = production_env(workdir)
    pages = prepare(env)
    log = workdir / "servers.log"
    ports = {"hello": free_port(), "cached": free_port(), "uncached": free_port()}
    processes = {
        "hello": spawn(daphne(ports["hello"], "bench.asgi_hello:application"), env, log),
        "cached": spawn(daphne(ports["cached"], "config.asgi:application"), env, log),
        "uncached": spawn(daphne(ports["uncached"], "config.asgi:django_asgi_app"), env, log),
    }
    samples = {(name, server): [] for name, _path in pages for server in ("cached", "uncached")}
    baseline = []
    errors = 0
    try:
        wait_for_http(ports["hello"], processes["hello"])
        for server in ("cached", "uncached"):
            wait_for_http(ports[server], processes[server], "/healthz")
            for _name, path in pages:  # warm up: first requests, the page cache filled
                _load(ports[server], path, 2, 0.5)
        for _round in range(rounds):
            hello = _load(ports["hello"], "/", connections, duration)
            baseline.append(hello.rps)
            errors += hello.errors
            for name, path in pages:
                for server in ("cached", "uncached"):
                    result = _load(ports[server], path, connections, duration)
                    errors += result.errors
                    samples[(name, server)].append(
                        (result.rps, result.rps / hello.rps, result.percentile(99))
                    )
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            process.wait(timeout=10)
    rows = []
    for name, path in pages:
        row = {"name": name, "path": path}
        for server in ("cached", "uncached"):
            runs = samples[(name, server)]
            row[server] = {
                "rps": round(statistics.median(rps for rps, _ratio, _p99 in runs), 1),
                "ratio": round(statistics.median(ratio for _rps, ratio, _p99 in runs), 4),
                "p99_ms": round(statistics.median(p99 for _rps, _ratio, p99 in runs), 2),
            }
        rows.append(row)
    return {
        "benchmark": "anonymous_pages",
        "connections": connections,
        "duration_s": duration,
        "rounds": rounds,
        "baseline_rps": round(statistics.median(baseline), 1),
        "errors": errors,
        "goal": GOAL,
        "rows": rows,
    }


def report(result: dict) -> str:
    lines = [
        f"Visitors' pages, {result['connections']} keep-alive connections, "
        f"{result['rounds']} interleaved rounds of {result['duration_s']}s, one Daphne process "
        f"per server; asgi hello (baseline) {result['baseline_rps']:.1f} req/s",
        f"{'page':<18}{'cached req/s':>14}{'x hello':>9}{'p99 ms':>9}"
        f"{'no cache req/s':>16}{'x hello':>9}{'p99 ms':>9}",
    ]
    for row in result["rows"]:
        cached, uncached = row["cached"], row["uncached"]
        lines.append(
            f"{row['name']:<18}{cached['rps']:>14.1f}{cached['ratio']:>9.3f}"
            f"{cached['p99_ms']:>9.2f}{uncached['rps']:>16.1f}{uncached['ratio']:>9.3f}"
            f"{uncached['p99_ms']:>9.2f}"
        )
    worst = min(row["cached"]["ratio"] for row in result["rows"])
    verdict = "meets" if worst >= result["goal"] else "misses"
    lines.append(
        f"lowest ratio with the page cache {worst:.3f}x: {verdict} the goal of "
        f"{result['goal']}x; {result['errors']} errors"
    )
    return "\n".join(lines)
