"""Real processes for tests that run the platform the way a deployment does.

Daphne servers on free ports sharing the test database, a private
``redis-server`` a test may kill and restart (never the machine's Redis), and
the environment a child process needs to reach the test database and the same
Redis prefix as the test process.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DAPHNE = str(BIN / "daphne")
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The test database as a DATABASE_URL a child process can use (PostgreSQL only)."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


def child_env(**overrides) -> dict:
    """Environment for a server process that shares this test's database and Redis prefix."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    if settings.REDIS_URL:
        env["REDIS_URL"] = settings.REDIS_URL
        # The same channel-layer and cache prefix as this test process.
        env["TEST_REDIS_PREFIX"] = settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"]
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process on port {port} exited with {process.returncode}")
        try:
            url = f"http://127.0.0.1:{port}/healthz"
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server on port {port} did not come up")


def stop(process: subprocess.Popen, timeout: float = 10) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def daphne_servers(count: int, log_dir: Path, **env_overrides):
    """``count`` Daphne processes on free ports; yields the ports, prints their logs after."""
    env = child_env(**env_overrides)
    ports = [free_port() for _ in range(count)]
    logs = [log_dir / f"daphne-{port}.log" for port in ports]
    processes = [
        subprocess.Popen(
            [DAPHNE, "-b", "127.0.0.1", "-p", str(port), "cms.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
        )
        for port, log in zip(ports, logs, strict=True)
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_until_up(port, process)
        yield ports
    finally:
        for process in processes:
            stop(process)
        for log in logs:  # shown by pytest when a test failed
            print(f"--- {log.name}\n{log.read_text()}")


@contextmanager
def demo_site(directory: Path, **env_overrides):
    """Daphne serving the demo content from a SQLite file of its own; yields its base URL.

    For browser tests that need what pytest-django's live server lacks (WebSockets)
    or the whole demo. The channel layer is Redis when ``REDIS_URL`` is set.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{directory}/demo.sqlite3",
        "PYTHONDONTWRITEBYTECODE": "1",
        **{key: str(value) for key, value in env_overrides.items()},
    }
    python = str(BIN / "python")
    for command in (["migrate", "--noinput", "-v0"], ["load_demo", "--force", "-v0"]):
        subprocess.run([python, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300)
    port = free_port()
    log = directory / "daphne.log"
    process = subprocess.Popen(
        [DAPHNE, "-b", "127.0.0.1", "-p", str(port), "cms.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    try:
        wait_until_up(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
        print(f"--- {log.name}\n{log.read_text()}")  # shown by pytest when a test failed


class PrivateRedis:
    """A ``redis-server`` of the test's own on a free port, to kill and bring back."""

    def __init__(self, directory: Path):
        if not Path(REDIS_SERVER).exists():
            raise RuntimeError("redis-server is not installed")
        self.port = free_port()
        self.directory = directory
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(64).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server on port {self.port} did not come up")

    def kill(self) -> None:
        """Kill it as a crash would (SIGKILL): nothing is flushed, clients see resets."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.kill()
