"""The chat fan-out's load generator: one asyncio loop and the ``websockets`` client,
the same code for every server under test (``bench.chat_fanout`` says what is
measured and against what).

For one server and N listeners, ``run_load`` opens the N listener sockets and
``SENDERS`` sender sockets (``CONNECT_CONCURRENCY`` handshakes at a time), waits
until every socket is connected and quiet, sends at a fixed rate for ``WARMUP`` +
``DURATION`` seconds and, if asked, runs the closed-loop capacity phase; it
counts what arrived, times it and (for RIAL Campus) catches up what is missing.
"""

import asyncio
import json
import time
import uuid
from dataclasses import dataclass, field

from websockets.exceptions import ConnectionClosed, InvalidStatus

from bench.common import MESSAGE_HEADS, chat_connect, percentile

SENDERS = 10
WARMUP = 2.0  # seconds of sending before the measured window
DURATION = 6.0  # seconds of measured sending
GRACE = 3.0  # seconds after the last send to wait for stragglers
CAPACITY_WARMUP = 1.0
CAPACITY_DURATION = 4.0
# Handshakes in flight: people join as a steady stream, not all in the same millisecond. Daphne
# closes a handshake its application has not accepted within 5 s, so a herd of joins against a
# busy server measures that timeout instead (the join time is reported per run).
CONNECT_CONCURRENCY = 4
QUIET = 0.5  # seconds without any frame before the load starts
BODY = "message {n}: are the slides of this morning's session on the campus already?"


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

    def failed() -> None:
        load.failed_handshakes += 1

    sock.ws = await chat_connect(
        port, f"{server.path}{query}", headers, failed, close_timeout=1, give_up=InvalidStatus
    )
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
