"""Chat fan-out: one room, N listeners, senders at a fixed rate, three servers.

In one run, on this machine, the same load goes to

(a) ``bench.ws_broadcast``: a bare ``websockets`` server that broadcasts every
    frame to every socket (the floor: what Python can fan out at all);
(b) ``bench.tutorial_chat``: the Channels tutorial's pattern on Daphne with the
    in-memory channel layer (every socket in the room's group), measured with
    the tutorial's synchronous consumer (b-sync) and its async rewrite (b-async);
(c) RIAL Campus (``config.asgi`` on Daphne, production settings, throwaway SQLite,
    in-memory channel layer): authenticated sockets, every message validated,
    rendered, stored and numbered, then fanned out by ``forum.hub``.

Each server is its own subprocess (one Daphne process for (b) and (c)) on a
free 127.0.0.1 port; the load generator is this process: one asyncio loop and
the ``websockets`` client, the same code for every server. For each N in
``LISTENERS`` it opens N listener sockets and ``SENDERS`` sender sockets
(``CONNECT_CONCURRENCY`` handshakes at a time), waits until every socket is
connected (for (c): has its hello, and the presence frames of the join have
stopped), then sends ``RATE`` messages per second in total, open loop, round
robin over the senders, for ``WARMUP`` + ``DURATION`` seconds. Only messages
sent after the warm-up count. ``RATE`` is 20 msg/s, 1,200 messages a minute:
a very busy room, a large live session's chat at its peak. The bare server
delivers it to 500 listeners (10,000 deliveries/s) with a p99 of a few tens of
ms, a quarter of what this load generator takes in (about 40,000 frames/s).

Measured, per server and N:

- deliveries per second: measured messages received by listeners, divided by
  the time from the first measured send to the last such delivery;
- p50/p99 send-to-receive latency over all those deliveries (the sender and
  the listeners share this process's monotonic clock; frames are matched by
  the ``client_id`` the sender put in them, which every server sends back);
- delivered/expected, expected = measured messages sent x N listeners. "raw"
  counts what arrived live within ``GRACE`` seconds of the last send. For (c)
  a listener that misses messages then catches up the way the real client
  does (a ``history`` frame, or a reconnect with ``?after=`` if its socket
  closed); the "after catch-up" figure counts those too. (a) and (b) have no
  catch-up: their figure is the raw one.

At a rate every server sustains, deliveries per second is just the offered
load, the same for all. So at ``CAPACITY_LISTENERS`` the same sockets then run
a capacity phase: closed loop, each sender sending its next message as soon
as its previous one came back, which shows what each server sustains
(for (a), what the load generator takes in). The throughput target is
reported at the fixed rate and at capacity, against (b-async), the stricter
baseline, and (b-sync).

Run: ``python -c "from bench import chat_fanout as c; print(c.report(c.measure()))"``.
"""

import asyncio
import json
import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

ROOT = Path(__file__).resolve().parent.parent
DAPHNE = str(Path(sys.executable).with_name("daphne"))

LISTENERS = (10, 100, 500)
SENDERS = 10
RATE = 20.0  # messages per second, all senders together, for every server and N
WARMUP = 2.0  # seconds of sending before the measured window
DURATION = 6.0  # seconds of measured sending
GRACE = 3.0  # seconds after the last send to wait for stragglers
CAPACITY_LISTENERS = 100  # where the throughput target is judged, also at capacity
CAPACITY_WARMUP = 1.0
CAPACITY_DURATION = 4.0
# Handshakes in flight: people join as a steady stream, not all in the same millisecond. Daphne
# closes a handshake its application has not accepted within 5 s, so a herd of joins against a
# busy server measures that timeout instead (the join time is reported per run).
CONNECT_CONCURRENCY = 4
QUIET = 0.5  # seconds without any frame before the load starts
# (c) limits each person to 5 messages in 5 s by default. The benchmark server gets a
# high limit instead: the limiter still runs on every message, it just never refuses.
RIAL_RATE_LIMIT = ("100000", "5")
BODY = "message {n}: are the slides of this morning's session on the campus already?"

SERVERS = {
    "a": "(a) bare websockets",
    "b-sync": "(b-sync) tutorial, sync",
    "b-async": "(b-async) tutorial, async",
    "c": "(c) RIAL Campus",
}


# --- servers -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
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


def rial_env(workdir: str) -> dict:
    """Production settings, as in http_pages, minus HTTPS; no REDIS_URL: in-memory layer."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
        "STATIC_ROOT": f"{workdir}/static",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "CHAT_RATE_COUNT": RIAL_RATE_LIMIT[0],
        "CHAT_RATE_SECONDS": RIAL_RATE_LIMIT[1],
    }
    env.pop("REDIS_URL", None)
    return env


def prepare_rial(env: dict, people: int) -> dict:
    """Migrate a throwaway database and create the room, its members and their sessions."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    output = subprocess.run(
        [sys.executable, "-m", "bench.rial_chat_setup", str(people)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


@dataclass
class Server:
    """How to start one server under test and where its sockets connect."""

    key: str
    command: list
    env: dict
    path: str  # WebSocket path, after ws://127.0.0.1:PORT
    sessions: list = field(default_factory=list)  # (c): one session key per socket
    database: str = ""  # (c): SQLite file, to clear presence rows between runs

    @property
    def rial(self) -> bool:
        return self.key == "c"


def servers(workdir: str, rial: dict, env: dict) -> list[Server]:
    tutorial_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.tutorial_settings"}
    tutorial_env.pop("REDIS_URL", None)
    tutorial = [DAPHNE, "-b", "127.0.0.1", "-p", "{port}", "bench.tutorial_chat:application"]
    return [
        Server("a", [sys.executable, "-m", "bench.ws_broadcast", "{port}"], dict(os.environ), "/"),
        Server("b-sync", tutorial, tutorial_env, "/ws/chat/sync/bench/"),
        Server("b-async", tutorial, tutorial_env, "/ws/chat/async/bench/"),
        Server(
            "c",
            [DAPHNE, "-b", "127.0.0.1", "-p", "{port}", "config.asgi:application"],
            env,
            f"/ws/chat/{rial['slug']}/",
            sessions=rial["sessions"],
            database=f"{workdir}/bench.sqlite3",
        ),
    ]


def start(server: Server, port: int, log: Path) -> subprocess.Popen:
    if server.database:
        # Presence rows of the previous run's process would still count as present.
        with sqlite3.connect(server.database) as db:
            db.execute("DELETE FROM forum_roompresence")
    command = [part.replace("{port}", str(port)) for part in server.command]
    with open(log, "ab") as stderr:
        process = subprocess.Popen(
            command, cwd=ROOT, env=server.env, stdout=subprocess.DEVNULL, stderr=stderr
        )
    wait_for_port(port, process)
    return process


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# --- the load generator --------------------------------------------------------------------------

MESSAGE_HEADS = ('{"type":"message"', '{"type": "message"')


@dataclass
class Socket:
    """One client connection and everything it received."""

    index: int
    listener: bool
    ws: object = None
    reader: asyncio.Task | None = None
    received: dict = field(default_factory=dict)  # client_id -> perf_counter at arrival
    ids: dict = field(default_factory=dict)  # client_id -> the server's id ((c) only)
    hello: asyncio.Event = field(default_factory=asyncio.Event)
    first_id: int = 0  # (c): the room's last id when this socket said hello
    replies: asyncio.Queue = field(default_factory=asyncio.Queue)
    errors: list = field(default_factory=list)
    duplicates: int = 0
    closed: bool = False


@dataclass
class Load:
    """What every socket's reader shares: the messages of the current phase."""

    measured: set = field(default_factory=set)  # client_ids sent after the warm-up
    order: list = field(default_factory=list)  # the same, in sending order
    sent_at: dict = field(default_factory=dict)  # client_id -> perf_counter at send
    waiting: dict = field(default_factory=dict)  # closed loop: client_id -> future
    live: int = 0  # deliveries of measured messages to listeners
    last_frame: float = 0.0
    failed_handshakes: int = 0  # retried; a socket that fails three times fails the run

    def next_phase(self) -> None:
        self.measured, self.order, self.live = set(), [], 0


async def read(sock: Socket, load: Load) -> None:
    try:
        async for text in sock.ws:
            now = time.perf_counter()
            load.last_frame = now
            if text.startswith(MESSAGE_HEADS):
                frame = json.loads(text)
                client_id = frame.get("client_id")
                if not sock.listener:
                    waiter = load.waiting.pop(client_id, None)
                    if waiter is not None and not waiter.done():
                        waiter.set_result(now)
                elif client_id in sock.received:
                    sock.duplicates += 1
                else:
                    sock.received[client_id] = now
                    if "id" in frame:
                        sock.ids[client_id] = frame["id"]
                    if client_id in load.measured:
                        load.live += 1
            elif text.startswith('{"type":"hello"'):
                sock.first_id = json.loads(text).get("last_id") or 0
                sock.hello.set()
            elif text.startswith('{"type":"history"'):
                sock.replies.put_nowait(json.loads(text))
            elif text.startswith('{"type":"error"'):
                sock.errors.append(json.loads(text).get("code"))
            # hello aside, (c)'s presence and typing frames are not counted
    except ConnectionClosed:
        pass
    finally:
        sock.closed = True


async def open_socket(server: Server, port: int, sock: Socket, load: Load, query="") -> None:
    headers = {}
    if server.rial:
        headers["Cookie"] = f"sessionid={server.sessions[sock.index]}"
    url = f"ws://127.0.0.1:{port}{server.path}{query}"
    for attempt in range(3):
        try:
            sock.ws = await connect(
                url,
                origin=f"http://127.0.0.1:{port}",
                additional_headers=headers,
                compression=None,
                ping_interval=None,
                open_timeout=60,
                close_timeout=1,
                max_size=2**22,
            )
            break
        except (OSError, TimeoutError, InvalidHandshake) as error:
            load.failed_handshakes += 1
            if attempt == 2 or isinstance(error, InvalidStatus):
                raise
            await asyncio.sleep(0.5)
    sock.closed = False
    sock.hello.clear()
    sock.reader = asyncio.create_task(read(sock, load))
    if server.rial:
        await asyncio.wait_for(sock.hello.wait(), 60)


def new_message(load: Load, k: int, measured: bool) -> tuple[str, str]:
    client_id = str(uuid.uuid4())
    frame = json.dumps(
        {"type": "message", "client_id": client_id, "body": BODY.format(n=k)},
        separators=(",", ":"),
    )
    if measured:
        load.measured.add(client_id)
        load.order.append(client_id)
    load.sent_at[client_id] = time.perf_counter()
    return client_id, frame


async def fixed_rate(senders: list[Socket], load: Load, rate: float) -> dict:
    """Open loop: message k is due at start + k/rate, round robin over the senders."""
    warm, total = round(rate * WARMUP), round(rate * (WARMUP + DURATION))
    start = time.perf_counter()
    late = 0.0
    for k in range(total):
        due = start + k / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        late = max(late, time.perf_counter() - due)
        client_id, frame = new_message(load, k, measured=k >= warm)
        try:
            await senders[k % len(senders)].ws.send(frame)
        except ConnectionClosed:
            load.measured.discard(client_id)  # never sent: not expected either
    load.order = [c for c in load.order if c in load.measured]
    return {"max_send_lag_ms": round(late * 1000, 1)}


async def closed_loop(senders: list[Socket], load: Load) -> dict:
    """Capacity: each sender sends its next message as soon as its previous one came back.

    ``SENDERS`` messages in flight at any time: enough to keep a server busy, never a
    backlog that grows without end, so each server shows what it sustains.
    """
    start = time.perf_counter()
    measuring, end = start + CAPACITY_WARMUP, start + CAPACITY_WARMUP + CAPACITY_DURATION
    loop = asyncio.get_running_loop()
    timeouts = 0

    async def keep_sending(sock: Socket) -> None:
        nonlocal timeouts
        k = sock.index * 1_000_000
        while time.perf_counter() < end:
            waiter = loop.create_future()
            client_id, frame = new_message(load, k, measured=time.perf_counter() >= measuring)
            load.waiting[client_id] = waiter
            k += 1
            try:
                await sock.ws.send(frame)
                await asyncio.wait_for(waiter, 5)
            except TimeoutError:
                timeouts += 1
            except ConnectionClosed:
                return

    await asyncio.gather(*(keep_sending(sock) for sock in senders))
    load.waiting.clear()
    return {"sender_timeouts": timeouts}


async def catch_up(server: Server, port: int, sock: Socket, load: Load, missing: set) -> None:
    """What the real client does about missed messages: ask the server for them."""
    floor = sock.first_id  # the room's last id when the load began: nothing older is missing
    if sock.closed:
        # Reconnect after the last message it has without a hole before it: the server
        # replays what follows (up to 500 messages) right after its hello.
        have = set(sock.ids.values())
        after = floor
        while after + 1 in have:
            after += 1
        await open_socket(server, port, sock, load, query=f"?after={after}")
        await asyncio.sleep(QUIET)
        missing -= set(sock.received)
    before = None
    while missing:
        await sock.ws.send(json.dumps({"type": "history", "before": before, "limit": 100}))
        reply = await asyncio.wait_for(sock.replies.get(), 30)
        messages = reply.get("messages", [])
        now = time.perf_counter()
        for message in messages:
            client_id = message.get("client_id")
            if client_id in missing:
                missing.discard(client_id)
                sock.received.setdefault(client_id, now)
        if not messages or not reply.get("has_more") or messages[0]["id"] <= floor:
            return
        before = messages[0]["id"]


def percentile(ordered: list, p: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def settle(load: Load, limit: float = 30) -> float:
    """Wait until no frame has arrived for ``QUIET`` seconds; how long that took."""
    started = time.perf_counter()
    while time.perf_counter() - load.last_frame < QUIET and time.perf_counter() - started < limit:
        await asyncio.sleep(0.1)
    return time.perf_counter() - started


async def outcome(server: Server, port: int, socks: list[Socket], load: Load) -> dict:
    """Wait for stragglers, then count, time and (for (c)) catch up what is missing."""
    listening = [sock for sock in socks if sock.listener]
    expected = len(load.order) * len(listening)
    last_send = time.perf_counter()
    while load.live < expected and time.perf_counter() - last_send < GRACE:
        await asyncio.sleep(0.05)
    latencies, last_delivery, missing = [], 0.0, {}
    for sock in listening:
        lacking = set()
        for client_id in load.order:
            arrived = sock.received.get(client_id)
            if arrived is None:
                lacking.add(client_id)
            else:
                latencies.append(arrived - load.sent_at[client_id])
                last_delivery = max(last_delivery, arrived)
        if lacking:
            missing[sock.index] = lacking
    raw = len(latencies)
    closed = sum(sock.closed for sock in listening)
    caught_up = 0
    if server.rial and missing:
        lacking_before = sum(len(m) for m in missing.values())
        gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

        async def recover(index: int) -> None:
            async with gate:
                await catch_up(server, port, socks[index], load, missing[index])

        await asyncio.gather(*(recover(i) for i in missing), return_exceptions=True)
        caught_up = lacking_before - sum(len(m) for m in missing.values())
    span = last_delivery - load.sent_at[load.order[0]] if raw else 0.0
    latencies.sort()
    return {
        "sent": len(load.order),
        "expected": expected,
        "delivered_raw": raw,
        "caught_up": caught_up,
        "delivered": raw + caught_up,
        "delivered_ratio_raw": round(raw / expected, 4) if expected else 0.0,
        "delivered_ratio": round((raw + caught_up) / expected, 4) if expected else 0.0,
        "deliveries_per_s": round(raw / span, 1) if span > 0 else 0.0,
        "p50_ms": round(percentile(latencies, 50) * 1000, 2),
        "p99_ms": round(percentile(latencies, 99) * 1000, 2),
        "max_ms": round(latencies[-1] * 1000, 2) if latencies else 0.0,
        "closed_sockets": closed,
    }


async def run_load(server: Server, port: int, listeners: int, rate: float, capacity: bool):
    """Connect everyone, run the fixed-rate phase and, if asked, the capacity phase."""
    load = Load()
    socks = [Socket(index=i, listener=i < listeners) for i in range(listeners + SENDERS)]
    senders = socks[listeners:]
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def join(sock: Socket) -> None:
        async with gate:
            await open_socket(server, port, sock, load)

    try:
        started = time.perf_counter()
        await asyncio.gather(*(join(sock) for sock in socks))
        connect_s = time.perf_counter() - started
        load.last_frame = time.perf_counter()
        settle_s = await settle(load)
        row = {
            "server": server.key,
            "name": SERVERS[server.key],
            "listeners": listeners,
            "senders": SENDERS,
            "connect_s": round(connect_s, 2),
            "settle_s": round(settle_s, 2),
            **await fixed_rate(senders, load, rate),
            **await outcome(server, port, socks, load),
        }
        row["duplicates"] = sum(sock.duplicates for sock in socks)
        row["errors"] = {}
        for sock in socks:
            for code in sock.errors:
                row["errors"][code] = row["errors"].get(code, 0) + 1
        row["failed_handshakes"] = load.failed_handshakes
        if capacity:
            await settle(load)
            load.next_phase()
            row["capacity"] = {
                **await closed_loop(senders, load),
                **await outcome(server, port, socks, load),
            }
        return row
    finally:
        for sock in socks:
            if sock.reader is not None:
                sock.reader.cancel()
            if sock.ws is not None:
                sock.ws.transport.abort()


def server_errors(log: Path, offset: int) -> list[str]:
    """Error lines a server wrote to its stderr during one run (its log from ``offset``)."""
    with open(log, "rb") as handle:
        handle.seek(offset)
        text = handle.read().decode("utf-8", "replace")
    # "2026-01-01 10:00:00,000 ERROR logger message": keep what follows the timestamp
    return [line[line.index(" ERROR ") + 1 :] for line in text.splitlines() if " ERROR " in line]


def measure_one(server: Server, listeners: int, rate: float, log: Path) -> dict:
    port = free_port()
    offset = log.stat().st_size if log.exists() else 0
    process = start(server, port, log)
    try:
        capacity = listeners == CAPACITY_LISTENERS
        row = asyncio.run(run_load(server, port, listeners, rate, capacity))
    except Exception as error:  # a failed run is a result too, not the end of the benchmark
        row = {
            "server": server.key,
            "name": SERVERS[server.key],
            "listeners": listeners,
            "failed": f"{type(error).__name__}: {error}",
        }
    finally:
        stop(process)
    errors = server_errors(log, offset)
    row["server_errors"] = len(errors)
    row["server_error_sample"] = sorted(set(errors))[:3]
    return row


def measure(listener_counts=LISTENERS, rate: float = RATE, keys=tuple(SERVERS)) -> dict:
    started = time.perf_counter()
    load_before = os.getloadavg()
    workdir = tempfile.mkdtemp(prefix="rial-chat-bench-")
    Path(workdir, "static").mkdir()  # STATIC_ROOT: whitenoise warns if it is missing
    log = Path(workdir) / "servers.log"
    env = rial_env(workdir)
    rial = prepare_rial(env, max(listener_counts) + SENDERS) if "c" in keys else {"slug": ""}
    rows = []
    for listeners in listener_counts:
        for server in servers(workdir, rial, env):
            if server.key in keys:
                rows.append(measure_one(server, listeners, rate, log))
    return {
        "benchmark": "chat_fanout",
        "rate_msgs_per_s": rate,
        "senders": SENDERS,
        "warmup_s": WARMUP,
        "duration_s": DURATION,
        "grace_s": GRACE,
        "connect_concurrency": CONNECT_CONCURRENCY,
        "capacity_listeners": CAPACITY_LISTENERS,
        "capacity_duration_s": CAPACITY_DURATION,
        "rial_rate_limit": f"CHAT_RATE_COUNT={RIAL_RATE_LIMIT[0]} per "
        f"CHAT_RATE_SECONDS={RIAL_RATE_LIMIT[1]}: {SENDERS} senders share the load; the "
        "limiter runs on every message and never refuses",
        "rows": rows,
        "ratios": ratios(rows, listener_counts),
        "targets": targets(rows),
        "wall_s": round(time.perf_counter() - started, 1),
        # Other work on this machine skews every number: the 1-minute load average, before
        # and after (2 cores: above ~2 the servers and the load generator share the CPU).
        "load_average_1m": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "server_log": str(log),
    }


def _row(rows: list, key: str, listeners: int) -> dict:
    for row in rows:
        if row["server"] == key and row["listeners"] == listeners and "failed" not in row:
            return row
    return {}


def _ratio(top: dict, bottom: dict, name: str):
    if not top or not bottom or not bottom.get(name):
        return None
    return round(top[name] / bottom[name], 3)


def ratios(rows: list, listener_counts) -> list:
    """(c) against each baseline: deliveries/s (higher is better) and p99 (lower is better)."""
    out = []
    for listeners in listener_counts:
        c = _row(rows, "c", listeners)
        entry = {"listeners": listeners}
        for key in ("a", "b-sync", "b-async"):
            other = _row(rows, key, listeners)
            entry[f"c_over_{key}_deliveries"] = _ratio(c, other, "deliveries_per_s")
            entry[f"c_over_{key}_p99"] = _ratio(c, other, "p99_ms")
            if listeners == CAPACITY_LISTENERS:
                entry[f"c_over_{key}_capacity"] = _ratio(
                    c.get("capacity"), other.get("capacity"), "deliveries_per_s"
                )
        out.append(entry)
    return out


def targets(rows: list) -> dict:
    """The issue's targets, each with its verdict; a missing run counts as a miss."""
    rial = [row for row in rows if row["server"] == "c"]
    lost = [
        {"listeners": row["listeners"], "delivered_ratio": row.get("delivered_ratio")}
        for row in rial
        if row.get("delivered_ratio") != 1.0
    ]
    c100 = _row(rows, "c", CAPACITY_LISTENERS)
    fixed = {key: _ratio(c100, _row(rows, key, 100), "deliveries_per_s") for key in SERVERS}
    capacity = {
        key: _ratio(c100.get("capacity"), _row(rows, key, 100).get("capacity"), "deliveries_per_s")
        for key in SERVERS
    }
    c500 = _row(rows, "c", 500)
    return {
        "nothing_lost": {
            "target": "(c) delivered/expected = 1.0 (after catch-up) at every N",
            "met": bool(rial) and not lost,
            "misses": lost,
        },
        "throughput_3x_b_at_100_fixed_rate": {
            "target": f"(c) >= 3x (b-async) deliveries/s, 100 listeners, at {RATE:g} msg/s",
            "c_over_b_async": fixed["b-async"],
            "c_over_b_sync": fixed["b-sync"],
            "met": (fixed["b-async"] or 0) >= 3,
            "met_against_b_sync": (fixed["b-sync"] or 0) >= 3,
            "note": "at a rate a server sustains, its deliveries/s is the offered load, so a "
            "ratio near 1 says both kept up; the capacity run compares throughput",
        },
        "throughput_3x_b_at_100_capacity": {
            "target": "(c) >= 3x (b-async) deliveries/s, 100 listeners, at capacity (closed loop)",
            "c_over_b_async": capacity["b-async"],
            "c_over_b_sync": capacity["b-sync"],
            "met": (capacity["b-async"] or 0) >= 3,
            "met_against_b_sync": (capacity["b-sync"] or 0) >= 3,
        },
        "p99_under_100ms_at_500": {
            "target": "(c) p99 < 100 ms, 500 listeners, one Daphne process",
            "p99_ms": c500.get("p99_ms"),
            "met": bool(c500) and c500["p99_ms"] < 100,
        },
    }


def _fmt(value, spec=".2f") -> str:
    return "-" if value is None else format(value, spec)


def report(result: dict) -> str:
    lines = [
        f"Chat fan-out, one room: {result['senders']} senders at "
        f"{result['rate_msgs_per_s']:g} msg/s in total, {result['warmup_s']:g}s warm-up + "
        f"{result['duration_s']:g}s measured; (a) bare websockets, (b) Channels tutorial on "
        "Daphne, (c) RIAL Campus on Daphne",
        f"(c) rate limit: {result['rial_rate_limit']}",
        "d/e: delivered/expected, raw (live, within "
        f"{result['grace_s']:g}s of the last send) and after (c)'s catch-up; "
        "join: seconds to connect every socket",
        f"{'server':<27}{'N':>4}{'deliv/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'raw d/e':>9}{'d/e':>8}{'caught':>7}{'err':>5}{'join s':>8}",
    ]
    for row in result["rows"]:
        if "failed" in row:
            lines.append(f"{row['name']:<27}{row['listeners']:>4}  FAILED {row['failed']}")
            continue
        lines.append(
            f"{row['name']:<27}{row['listeners']:>4}{row['deliveries_per_s']:>9.0f}"
            f"{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}{row['delivered_ratio_raw']:>9.4f}"
            f"{row['delivered_ratio']:>8.4f}{row['caught_up']:>7}"
            f"{sum(row['errors'].values()):>5}{row['connect_s']:>8.1f}"
        )
    for row in result["rows"]:
        if row.get("server_errors"):
            lines.append(
                f"  {row['name']}, N={row['listeners']}: the server logged "
                f"{row['server_errors']} errors (see server_log in the JSON)"
            )
    lines += [
        "",
        f"Capacity at {result['capacity_listeners']} listeners: closed loop, each sender sends "
        f"when its last message came back, {result['capacity_duration_s']:g}s",
        f"{'server':<27}{'deliv/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'raw d/e':>9}{'d/e':>8}",
    ]
    for row in result["rows"]:
        capacity = row.get("capacity")
        if capacity:
            lines.append(
                f"{row['name']:<27}{capacity['deliveries_per_s']:>9.0f}"
                f"{capacity['p50_ms']:>9.1f}{capacity['p99_ms']:>9.1f}"
                f"{capacity['delivered_ratio_raw']:>9.4f}{capacity['delivered_ratio']:>8.4f}"
            )
    lines += [
        "",
        "(c) / baseline, deliveries/s ('-': the baseline delivered nothing in time)",
        f"{'N':<16}{'/ a':>8}{'/ b-sync':>10}{'/ b-async':>11}",
    ]
    for entry in result["ratios"]:
        runs = [("", "deliveries")]
        if "c_over_a_capacity" in entry:
            runs.append((" at capacity", "capacity"))
        for label, kind in runs:
            lines.append(
                f"{str(entry['listeners']) + label:<16}{_fmt(entry[f'c_over_a_{kind}']):>8}"
                f"{_fmt(entry[f'c_over_b-sync_{kind}']):>10}"
                f"{_fmt(entry[f'c_over_b-async_{kind}']):>11}"
            )
    lines.append("")
    for target in result["targets"].values():
        detail = ""
        if "c_over_b_async" in target:
            detail = (
                f" -> x{_fmt(target['c_over_b_async'])} b-async, "
                f"x{_fmt(target['c_over_b_sync'])} b-sync"
            )
        elif "p99_ms" in target:
            detail = f" -> {_fmt(target['p99_ms'], '.1f')} ms"
        elif target.get("misses"):
            detail = f" -> {target['misses']}"
        lines.append(f"{'MET ' if target['met'] else 'MISS'} {target['target']}{detail}")
        if target.get("note"):
            lines.append(f"     ({target['note']})")
    before, after = result["load_average_1m"]
    lines.append(
        f"wall time {result['wall_s']:g}s; load average {before:g} before, {after:g} after"
    )
    return "\n".join(lines)
