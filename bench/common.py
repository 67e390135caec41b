"""What the benchmarks share: the site's production environment, running ``manage.py``,
starting server processes and waiting for them, pages measured in interleaved
rounds against a baseline, the chat socket's handshake, percentiles and the
closing line of a report.

Free ports and stopping a process come from ``tests.processes``, as in the tests.
"""

import asyncio
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from websockets.asyncio.client import connect
from websockets.exceptions import InvalidHandshake

from bench.loadgen import _read_response, run_load

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DAPHNE = str(BIN / "daphne")

# The first bytes of a chat frame of each type, as the server writes it (compact or not).
MESSAGE_HEADS = ('{"type":"message"', '{"type": "message"')
HELLO_HEADS = ('{"type":"hello"', '{"type": "hello"')
ERROR_HEADS = ('{"type":"error"', '{"type": "error"')


# --- the site and its processes -------------------------------------------------------------------


def production_env(
    workdir, *, database_url: str = "", redis_url: str = "", **settings: str
) -> dict:
    """``config.settings.production`` as deployed, with a fresh SECRET_KEY, minus HTTPS (the
    load is plain HTTP). A throwaway SQLite database in ``workdir`` unless ``database_url``
    says otherwise; the in-memory channel layer unless ``redis_url`` names a Redis."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url or f"sqlite:///{workdir}/bench.sqlite3",
        "STATIC_ROOT": f"{workdir}/static",
        "LOG_LEVEL": "WARNING",
        **settings,
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
        env.pop("TEST_REDIS_PREFIX", None)
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(env: dict, *args: str) -> str:
    """Run ``manage.py ARGS`` (or ``python -m ...``) with the site's settings; its output."""
    command = [sys.executable, *args] if args[0] == "-m" else [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return done.stdout


# The start of a ``manage.py shell`` script that signs someone in: ``signed_in_session(user)``
# is the key of a new session of theirs, for a ``sessionid`` cookie.
SESSION_SNIPPET = """
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY


def signed_in_session(user):
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key
"""


def shell_json(env: dict, script: str):
    """Run ``script`` in ``manage.py shell``; the JSON its last printed line holds."""
    return json.loads(manage(env, "shell", "-v", "0", "-c", script).strip().splitlines()[-1])


def daphne(port, application: str) -> list[str]:
    return [DAPHNE, "-b", "127.0.0.1", "-p", str(port), application]


def spawn(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    """Start a server process in the project, its errors appended to ``log``."""
    with open(log, "ab") as stderr:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr
        )


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    """Until the process accepts connections on ``port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not come up")


def wait_for_http(port: int, process: subprocess.Popen, path: str = "/", timeout=60) -> None:
    """Until the process answers ``GET path`` with 200."""

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


def server_errors(log: Path, offset: int) -> list[str]:
    """Error lines servers wrote to their stderr during one run (their log from ``offset``)."""
    with open(log, "rb") as handle:
        handle.seek(offset)
        text = handle.read().decode("utf-8", "replace")
    # "2026-01-01 10:00:00,000 ERROR logger message": keep what follows the timestamp
    return [line[line.index(" ERROR ") + 1 :] for line in text.splitlines() if " ERROR " in line]


def rss_mb(pid: int) -> float:
    """A process's resident memory (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


# --- the load -------------------------------------------------------------------------------------


async def chat_connect(
    port: int, path: str, headers: dict, on_failure, close_timeout: float = 10, give_up=()
):
    """A chat socket, as a browser opens it; a failed handshake is retried twice (after
    ``on_failure()``), except the ``give_up`` errors."""
    for attempt in range(3):
        try:
            return await connect(
                f"ws://127.0.0.1:{port}{path}",
                origin=f"http://127.0.0.1:{port}",
                additional_headers=headers,
                compression=None,
                ping_interval=None,
                open_timeout=60,
                close_timeout=close_timeout,
                max_size=2**22,
            )
        except (OSError, TimeoutError, InvalidHandshake) as error:
            on_failure()
            if attempt == 2 or isinstance(error, give_up):
                raise
            await asyncio.sleep(0.5)


# --- the numbers ----------------------------------------------------------------------------------


def percentile(ordered: list, p: float) -> float:
    """The p-th percentile of values already sorted (nearest rank)."""
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def closing_line(result: dict) -> str:
    """How long the benchmark took, and how busy the machine was before and after."""
    before, after = result["load_average_1m"]
    return f"wall time {result['wall_s']:g}s; load average {before:g} before, {after:g} after"


# --- pages against a baseline, in interleaved rounds ---------------------------------------------


def interleaved(
    targets: list[tuple[str, int, str, str]],
    *,
    connections: int,
    duration: float,
    rounds: int,
    ratio_digits: int = 4,
) -> list[dict]:
    """Load every target (name, port, path, extra header lines) in turn, ``rounds`` times.

    The first target is the baseline. Each target is warmed once; then every round
    measures each target for ``duration`` seconds, so a slow moment of a shared
    machine touches all alike. Per target: median req/s, median p50, worst p99,
    errors, and the median over the rounds of its req/s divided by the baseline's
    in the same round (``ratio_to_baseline``)."""
    for _name, port, path, headers in targets:
        asyncio.run(run_load("127.0.0.1", port, path, connections=2, duration=0.5, headers=headers))
    runs: list[list] = [[] for _target in targets]
    for _round in range(rounds):
        for runs_of_target, (_name, port, path, headers) in zip(runs, targets, strict=True):
            runs_of_target.append(
                asyncio.run(
                    run_load(
                        "127.0.0.1",
                        port,
                        path,
                        connections=connections,
                        duration=duration,
                        headers=headers,
                    )
                )
            )
    baseline = [run.rps or 1.0 for run in runs[0]]
    return [
        {
            "name": name,
            "path": path,
            "rps": round(statistics.median(run.rps for run in target_runs), 1),
            "p50_ms": round(statistics.median(run.percentile(50) for run in target_runs), 2),
            "p99_ms": round(max(run.percentile(99) for run in target_runs), 2),
            "errors": sum(run.errors for run in target_runs),
            "ratio_to_baseline": round(
                statistics.median(
                    run.rps / base for run, base in zip(target_runs, baseline, strict=True)
                ),
                ratio_digits,
            ),
        }
        for (name, _port, path, _headers), target_runs in zip(targets, runs, strict=True)
    ]
