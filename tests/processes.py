"""Real processes for tests that run the platform the way a deployment does.

Daphne servers on free ports sharing the test database, a private
``redis-server`` a test may kill and restart and a private PostgreSQL cluster
it may stop and start (never the machine's services), the environment a child
process needs to reach the test database and the same Redis prefix as the
test process, signed-in people browsing a server, and what a process holds
(open files, database connections).
"""

import atexit
import http.client
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from contextlib import closing, contextmanager, suppress
from itertools import cycle
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DAPHNE = str(BIN / "daphne")
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


_handed_out: set[int] = set()


def _ephemeral_low() -> int:
    """The lowest port the kernel hands to outgoing connections and to ``bind(0)``."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port() -> int:
    """A port nothing listens on, for a server a test starts (Daphne, redis-server...).

    Not ``bind(0)``: the kernel may give the same port to two calls once the first
    socket is closed (CI once started two Daphne processes on one port), and takes
    its ports from the range outgoing connections use, so a connection to
    PostgreSQL may hold the port before the server binds it. Ports come from below
    that range, never twice in one test run, and only if a bind succeeds now.
    """
    low = _ephemeral_low()
    span = range(max(1024, low - 12000), low) if low > 4096 else range(40000, 60000)
    for _ in range(200):
        port = random.choice(span)
        if port in _handed_out:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise RuntimeError("no free port found")


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
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
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


class Servers(list):
    """The ports of the servers (a list, as before), and each port's process."""

    processes: dict[int, subprocess.Popen]


def database_connections(monitor, database: str) -> dict[str, int]:
    """Connections to ``database`` by application name (``monitor``: a psycopg connection)."""
    rows = monitor.execute(
        "SELECT application_name, count(*) FROM pg_stat_activity"
        " WHERE datname = %s AND pid <> pg_backend_pid() GROUP BY application_name",
        [database],
    ).fetchall()
    return dict(rows)


def open_files(pid: int) -> Counter:
    """A process's file descriptors by what they point to (Linux): paths, ``socket``, ``pipe``..."""
    kinds: Counter = Counter()
    folder = f"/proc/{pid}/fd"
    for fd in os.listdir(folder):
        try:
            target = os.readlink(f"{folder}/{fd}")
        except OSError:  # closed meanwhile
            continue
        # "socket:[123]", "pipe:[456]", "anon_inode:[eventfd]": by kind; files by path.
        special = ":[" in target or target.startswith("anon_inode:")
        kinds[target.split(":", 1)[0] if special else target] += 1
    return kinds


@contextmanager
def daphne_servers(count: int, log_dir: Path, **env_overrides):
    """``count`` Daphne processes on free ports; yields the ports, prints their logs after.

    Each process names its PostgreSQL connections ``rial-daphne-<port>`` (libpq's
    ``PGAPPNAME``), so a test counts them in ``pg_stat_activity``.
    """
    env = child_env(**env_overrides)
    ports = [free_port() for _ in range(count)]
    logs = [log_dir / f"daphne-{port}.log" for port in ports]
    processes = [
        subprocess.Popen(
            [DAPHNE, "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
            cwd=ROOT,
            env={"PGAPPNAME": f"rial-daphne-{port}", **env},
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
        )
        for port, log in zip(ports, logs, strict=True)
    ]
    try:
        for port, process in zip(ports, processes, strict=True):
            wait_until_up(port, process)
        servers = Servers(ports)
        servers.processes = dict(zip(ports, processes, strict=True))
        yield servers
    finally:
        for process in processes:
            stop(process)
        for log in logs:  # shown by pytest when a test failed
            print(f"--- {log.name}\n{log.read_text()}")


_demo_databases: dict[tuple, Path] = {}

# Environment variables that change where the demo's rows and files are kept, which
# services a process talks to, or nothing Django reads (the shell's and make's own),
# not what the rows are: two runs that differ only in these (.ci/run's two phases)
# may load the demo once between them. Any other difference loads it again.
_NOT_THE_ROWS = ("DATABASE_URL", "REDIS_URL", "TEST_MEDIA_ROOT", "TEST_REDIS_PREFIX")
_NOT_READ = ("MAKE", "MFLAGS", "SHLVL", "OLDPWD", "PWD", "_")


def _demo_database(env: dict) -> Path:
    """A SQLite file with the demo loaded (migrate, then load_demo), made once per test
    run and per environment, then copied: loading the demo takes tens of seconds and
    every module that serves it starts from the same rows.

    Kept in a folder of this run's own, removed when the run ends. With
    ``TEST_SHARED_DEMO_DIR`` (.ci/run gives its two simultaneous phases one), the
    first run to need it loads it there, under a lock, with its files (media); the
    other waits for it and takes a copy of both."""
    settings_env = tuple(
        sorted(
            (key, value)
            for key, value in env.items()
            # Not part of the rows: the database itself, the current test's id, the
            # prefix of the Redis keys (a cache that starts empty is a cache), the folder
            # where the browser tests' servers keep their pages for the HTML checker, and the
            # Web Push settings, read only when a push is sent (each chat site makes a
            # key pair of its own: counted, they made every such site load the demo again).
            if key not in ("DATABASE_URL", "TEST_REDIS_PREFIX", "TEST_RECORD_PAGES_DIR")
            and not key.startswith(("PYTEST_", "WEB_PUSH_"))
        )
    )
    found = _demo_databases.get(settings_env)
    if found is not None and found.exists():
        return found
    shared = os.environ.get("TEST_SHARED_DEMO_DIR")
    if shared:
        template = _shared_demo_database(Path(shared), env, settings_env)
    else:
        folder = Path(tempfile.mkdtemp(prefix="rial-demo-db-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        template = folder / "demo.sqlite3"
        _load_demo_into(template, env)
    _demo_databases[settings_env] = template
    return template


def _load_demo_into(template: Path, env: dict) -> None:
    build_env = {**env, "DATABASE_URL": f"sqlite:///{template}"}
    python = str(BIN / "python")
    for command in (["migrate", "--noinput", "-v0"], ["load_demo", "--force", "-v0"]):
        subprocess.run(
            [python, "manage.py", *command], cwd=ROOT, env=build_env, check=True, timeout=300
        )
    with closing(sqlite3.connect(template)) as connection:  # everything in the one file
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _shared_demo_database(shared: Path, env: dict, settings_env: tuple) -> Path:
    """The demo loaded once in ``shared`` for every run whose environment differs only in
    ``_NOT_THE_ROWS``; its files are copied into this run's media folder."""
    import fcntl
    import hashlib

    rows_env = repr(
        [
            (key, value)
            for key, value in settings_env
            if key not in _NOT_THE_ROWS and not key.startswith(_NOT_READ)
        ]
    )
    folder = shared / hashlib.sha256(rows_env.encode()).hexdigest()[:16]
    template, media, done = folder / "demo.sqlite3", folder / "media", folder / "done"
    shared.mkdir(parents=True, exist_ok=True)
    with open(shared / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other run waits while one loads
        try:
            if not done.exists():
                shutil.rmtree(folder, ignore_errors=True)  # a load that did not finish
                folder.mkdir()
                _load_demo_into(template, {**env, "TEST_MEDIA_ROOT": str(media)})
                done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    own_media = Path(env.get("TEST_MEDIA_ROOT") or ROOT / ".test-media")
    if media.exists():
        shutil.copytree(media, own_media, dirs_exist_ok=True)
    return template


@contextmanager
def demo_site(directory: Path, **env_overrides):
    """Daphne serving the demo content from a SQLite file of its own; yields its base URL.

    For browser tests that need what pytest-django's live server lacks (WebSockets)
    or the whole demo. The channel layer is Redis when ``REDIS_URL`` is set.
    """
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{directory}/demo.sqlite3",
        "PYTHONDONTWRITEBYTECODE": "1",
        **{key: str(value) for key, value in env_overrides.items()},
    }
    database = directory / "demo.sqlite3"
    shutil.copyfile(_demo_database(env), database)
    with _daphne_site(directory, env) as base_url:
        yield base_url


@contextmanager
def _daphne_site(directory: Path, env: dict):
    """One Daphne process serving the site with ``env``; yields its base URL. Its log
    (``directory/daphne.log``) is printed when it stops: pytest shows it for a failed test."""
    port = free_port()
    log = directory / "daphne.log"
    process = subprocess.Popen(
        [DAPHNE, "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
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
        print(f"--- {log.name}\n{log.read_text()}")


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


def browse(
    ports: list[int],
    cookies: list[str],
    paths: list[str],
    *,
    duration: float,
    requests: int | None = None,
    stop: threading.Event | None = None,
) -> Counter:
    """One signed-in person per cookie, each on a keep-alive connection, for ``duration`` s.

    Person ``i`` talks to ``ports[i % len(ports)]`` and asks for ``paths`` in turn,
    starting at a different one, one request after the other until the time is up,
    ``requests`` answers came back, or ``stop`` is set. Returns how many answers had
    each status (0: no answer).
    """
    stop = stop or threading.Event()
    enough = threading.Event()
    statuses: Counter = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def person(index: int) -> None:
        port = ports[index % len(ports)]
        ring = cycle(paths[index % len(paths) :] + paths[: index % len(paths)])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": cookies[index]}
        try:
            while time.monotonic() < deadline and not (stop.is_set() or enough.is_set()):
                try:
                    connection.request("GET", next(ring), headers=headers)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                except (OSError, http.client.HTTPException):
                    connection.close()
                    status = 0
                with lock:
                    statuses[status] += 1
                    if requests is not None and statuses.total() >= requests:
                        enough.set()
        finally:
            connection.close()

    people = [threading.Thread(target=person, args=(i,)) for i in range(len(cookies))]
    for thread in people:
        thread.start()
    for thread in people:
        thread.join()
    return statuses


def _postgres_bin(name: str) -> str:
    """A PostgreSQL server program (Debian keeps them out of the PATH), newest version first."""
    found = shutil.which(name)
    if found:
        return found
    for directory in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (directory / name).exists():
            return str(directory / name)
    raise RuntimeError(f"{name} is not installed (Debian package postgresql)")


class PrivatePostgres:
    """A PostgreSQL cluster of the test's own (temp directory, free port, trust auth).

    Never the machine's cluster: a test may stop and start this one. ``initdb``
    refuses to run as root, so as root the cluster belongs to the ``postgres``
    user (which the Debian package creates).
    """

    def __init__(self):
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="rial-pg-"))
        self.data = self.directory / "data"
        self.log = self.directory / "server.log"
        self.user = None
        if os.geteuid() == 0:
            import pwd

            self.user = pwd.getpwnam("postgres")
            os.chown(self.directory, self.user.pw_uid, self.user.pw_gid)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str, timeout: float = 60) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.user else []
        subprocess.run(
            [*prefix, *command], check=True, timeout=timeout, capture_output=True, cwd="/"
        )

    def start(self) -> None:
        if not self.data.exists():
            self._run(
                _postgres_bin("initdb"),
                "--auth=trust",
                "--username=postgres",
                "--no-sync",
                "-D",
                str(self.data),
            )
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} -c fsync=off"
        self._run(
            _postgres_bin("pg_ctl"),
            "start",
            "-w",
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
        )

    def stop(self) -> None:
        """Stop it as an administrator would (fast: clients are disconnected)."""
        self._run(_postgres_bin("pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(self.data))

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        with suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


@contextmanager
def deployed_demo_site(directory: Path, script: str = ""):
    """Daphne serving the demo content as a deployment does; yields its base URL and what
    ``script`` (run in ``manage.py shell`` on its database before it starts) printed.

    ``config.settings.production`` (``bench.common.production_env``: a fresh SECRET_KEY,
    plain HTTP, in-memory cache and channels) on a copy of the demo database, with its
    static files collected as a deployment collects them: hashed names that WhiteNoise
    answers with a year's cache, and gzip copies. For what the test settings serve
    differently (static files found in the source folders, cached a minute).
    """
    from bench.common import manage, production_env

    database = directory / "demo.sqlite3"
    test_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    test_env["PYTHONDONTWRITEBYTECODE"] = "1"
    shutil.copyfile(_demo_database(test_env), database)
    env = production_env(
        directory,
        database_url=f"sqlite:///{database}",
        MEDIA_ROOT=str(directory / "media"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PYTHONDONTWRITEBYTECODE="1",
    )
    collect = subprocess.Popen(
        [str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env
    )
    try:
        printed = manage(env, "shell", "-v", "0", "-c", script) if script else ""
        assert collect.wait(timeout=120) == 0, "collectstatic failed"
    finally:
        stop(collect)
    with _daphne_site(directory, env) as base_url:
        yield base_url, printed
