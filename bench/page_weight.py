"""Page weight: the bytes Debian's chromium receives for a page, first visit and next.

One Daphne process serves RIAL Campus as deployed (``config.settings.production``:
static files collected by WhiteNoise's CompressedManifestStaticFilesStorage, so
hashed names cached for a year and gzip where the browser accepts it; pages as
Django writes them) with the demo content on a throwaway SQLite database. A
learner of the demo cohort, signed in with a session cookie, opens the home
page, the longest lesson she may open that has no video, the busiest forum topic
she may read and her cohort's chat room, each in a fresh browser context: the
first visit (empty cache; the service worker installs and fetches the offline
pages) and the next visit of the same address (HTTP cache kept). What is counted
is ``tests/page_weight.py``'s: headers plus bodies as transferred.

Bytes are not timings: the machine's load changes nothing here, and
``tests/e2e/test_page_weight.py`` asserts the lesson's budgets. The last line
times the lesson's first visit on an emulated slow connection (400 kbit/s each
way, 400 ms latency), goal under 5 s until it can be read.

Budgets (issue 19): the lesson under 300 KB on its first visit, under 50 KB on the
next (1 KB = 1,000 bytes).
"""

import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.common import daphne, production_env, shell_json, spawn, wait_for_http
from bench.http_pages import prepare_site
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.page_weight import BUDGETS, KB, TARGETS_SCRIPT, slow_first_visit, weigh
from tests.processes import free_port, stop

READABLE_GOAL_MS = 5000


def measure() -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="rial-bench-weight-"))
    env = production_env(workdir)
    prepare_site(env)
    found = shell_json(env, TARGETS_SCRIPT)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    process = spawn(daphne(port, "config.asgi:application"), env, workdir / "daphne.log")
    rows = []
    try:
        wait_for_http(port, process, "/healthz")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            for name, path in found["pages"].items():
                first, repeat = weigh(browser, base_url, found["session"], path)
                rows.append(
                    {
                        "name": name,
                        "path": path,
                        "first_bytes": first.total,
                        "service_worker_bytes": first.service_worker,
                        "repeat_bytes": repeat.total,
                        "first_requests": first.fetched + first.by_service_worker,
                        "repeat_requests": repeat.fetched + repeat.by_service_worker,
                    }
                )
            slow = slow_first_visit(browser, base_url, found["session"], found["pages"]["lesson"])
            browser.close()
    finally:
        stop(process)
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "benchmark": "page_weight",
        "budgets": BUDGETS,
        "rows": rows,
        "slow_lesson": slow,
        "readable_goal_ms": READABLE_GOAL_MS,
    }


def _kb(size: int) -> str:
    return f"{size / KB:.1f}"


def report(result: dict) -> str:
    lines = [
        "Page weight in chromium, production settings, a signed-in learner "
        "(KB = 1,000 bytes as transferred)",
        f"{'page':<14}{'first KB':>10}{'of which sw':>13}{'next KB':>10}{'budget':>16}  verdict",
    ]
    for row in result["rows"]:
        budget = result["budgets"].get(row["name"])
        if budget:
            ok = row["first_bytes"] < budget["first"] and row["repeat_bytes"] < budget["repeat"]
            limits = f"{_kb(budget['first'])}/{_kb(budget['repeat'])}"
            verdict = "meets" if ok else "MISSES"
        else:
            limits, verdict = "-", ""
        lines.append(
            f"{row['name']:<14}{_kb(row['first_bytes']):>10}"
            f"{_kb(row['service_worker_bytes']):>13}{_kb(row['repeat_bytes']):>10}"
            f"{limits:>16}  {verdict}"
        )
    lesson = next(row for row in result["rows"] if row["name"] == "lesson")
    lines.append(f"lesson {lesson['path']}, first visit:")
    lines.extend(f"  {_kb(size):>8} KB  {url}" for url, size in lesson["first_requests"])
    slow = result["slow_lesson"]
    slowest = max(slow.values())
    verdict = "meets" if slowest < result["readable_goal_ms"] else "misses"
    lines.append(
        "lesson on 400 kbit/s each way and 400 ms latency, first visit: "
        f"DOMContentLoaded {slow['dom_content_loaded_ms']} ms, first contentful paint "
        f"{slow['first_contentful_paint_ms']} ms, heading and first paragraph seen by "
        f"{slow['readable_ms']} ms ({verdict} the goal of {result['readable_goal_ms']} ms)"
    )
    return "\n".join(lines)
