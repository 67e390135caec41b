"""HTTP pages against a bare ASGI hello, both on Daphne, in the same run.

Starts two Daphne processes on this machine: one serving ``bench.asgi_hello``
(the baseline), one serving RIAL Campus with demo content on a throwaway
SQLite database. Loads each with the same keep-alive client and reports
requests per second, p50/p99 latency and the ratio to the baseline. The forum
rows are a workshop participant's pages (signed in with a session cookie): the
demo's busiest topic and its space's topic list.
"""

import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.common import SESSION_SNIPPET, daphne, interleaved, production_env
from tests.processes import free_port

ROOT = Path(__file__).resolve().parent.parent


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def start(app: str, port: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        daphne(port, app),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def prepare_site(env: dict) -> None:
    for args in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo", "--force", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


SESSION_SCRIPT = (
    SESSION_SNIPPET
    + """
from forum.models import Topic
from lms.models import User
user = User.objects.get(email="learner2@example.org")
session_key = signed_in_session(user)
topic = Topic.objects.filter(space__slug="taller-dialogo-social-bogota-2022").order_by(
    "-post_count"
).first()
print(session_key, topic.pk, topic.space.slug)
"""
)


def signed_in(env: dict) -> tuple[str, int, str]:
    """A session of a workshop participant, and the workshop's busiest topic."""
    out = (
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-v", "0", "-c", SESSION_SCRIPT],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.splitlines()[-1]
        .split()
    )
    return out[0], int(out[1]), out[2]


def measure(connections: int = 16, duration: float = 2.0, rounds: int = 3) -> dict:
    workdir = tempfile.mkdtemp(prefix="rial-bench-")
    env = production_env(workdir)
    prepare_site(env)
    session, topic_id, space_slug = signed_in(env)
    cookie = f"Cookie: sessionid={session}\r\n"
    hello_port, site_port = free_port(), free_port()
    processes = [
        start("bench.asgi_hello:application", hello_port, env),
        start("config.asgi:application", site_port, env),
    ]
    try:
        wait_until_up(f"http://127.0.0.1:{hello_port}/")
        wait_until_up(f"http://127.0.0.1:{site_port}/healthz")
        targets = [
            ("asgi hello (baseline)", hello_port, "/", ""),
            ("healthz", site_port, "/healthz", ""),
            ("home page /es/", site_port, "/es/", ""),
            ("login page", site_port, "/es/accounts/login/", ""),
            ("forum topic (signed in)", site_port, f"/es/forums/t/{topic_id}/", cookie),
            ("forum space (signed in)", site_port, f"/es/forums/{space_slug}/", cookie),
        ]
        rows = interleaved(targets, connections=connections, duration=duration, rounds=rounds)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)
    return {
        "benchmark": "http_pages",
        "connections": connections,
        "duration_s": duration,
        "rounds": rounds,
        "rows": rows,
    }


def report(result: dict) -> str:
    lines = [
        f"HTTP pages, {result['connections']} keep-alive connections, "
        f"{result['rounds']} interleaved rounds of {result['duration_s']}s, "
        "one Daphne process per server",
        f"{'target':<24}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}{'x baseline':>12}",
    ]
    for row in result["rows"]:
        lines.append(
            f"{row['name']:<24}{row['rps']:>10.1f}{row['p50_ms']:>10.2f}{row['p99_ms']:>10.2f}"
            f"{row['errors']:>8}{row['ratio_to_baseline']:>12.4f}"
        )
    return "\n".join(lines)
