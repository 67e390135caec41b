"""The chat fan-out's load generator: one asyncio loop and the ``websockets`` client,
the same code for every server under test (``bench.chat_fanout`` says what is
measured and against what).

For one server and N listeners, ``run_load`` opens the N listener sockets and
``SENDERS`` sender sockets (``CONNECT_CONCURRENCY`` handshakes at a time), waits
until every socket is connected and quiet, sends messages at a fixed rate for
``WARMUP`` + ``DURATION`` seconds and, if asked, runs the closed-loop capacity
phase and (RIAL Campus only) the mixed phase: messages, reactions and edits at
the same fixed rate. It counts what arrived, times it and (for RIAL Campus)
catches up what is missing the way the real client does. What is still missing
after ``GRACE`` and there at the end counts as caught up ("caught"), including
frames that came live while the catch-up ran: the client has them, late.
"""

import asyncio
import json
import random
import re
import time
import uuid
from collections import deque
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
# The mixed phase, out of every 20 frames the senders send: 12 messages (60%),
# 5 reactions (25%: given, or taken back when given earlier) and 3 edits (15%)
# of the sender's own earlier messages, in a fixed shuffled order.
MIX = random.Random(16).sample(["message"] * 12 + ["reaction"] * 5 + ["edited"] * 3, 20)
KINDS = ("message", "reaction", "edited")
# The server's frames for each change (compact JSON: forum.events.dumps).
REACTION_HEAD = '{"type":"reaction",'
EDITED_HEAD = '{"type":"edited",'
REACTIONS_HEAD = '{"type":"reactions",'  # catch-up: a message's reactions as they are now
MARKER = re.compile(r"edit-[0-9a-f]{12}")  # in an edit's body: which edit a frame carries


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
    changes: dict = field(default_factory=dict)  # change key -> perf_counter at arrival
    change_numbers: set = field(default_factory=set)  # the ``change`` of every change frame
    hello: asyncio.Event = field(default_factory=asyncio.Event)
    first_id: int = 0  # (c): the room's last id when this socket said hello
    first_change: int = 0  # (c): the room's last change then
    user_id: int = 0  # (c): whose socket it is
    emoji: list = field(default_factory=list)  # (c): the reactions the room offers
    replies: asyncio.Queue = field(default_factory=asyncio.Queue)
    errors: list = field(default_factory=list)
    duplicates: int = 0
    closed: bool = False
    catching_up: bool = False  # replayed frames are state, not duplicates
    state: dict = field(default_factory=dict)  # catching up: id -> {"marker", "reactions"}
    # A sender's own messages and the room's recent ones (what it edits and reacts to),
    # the reactions it gave and not yet took back, and every (id, emoji) it used.
    own: deque = field(default_factory=lambda: deque(maxlen=20))
    recent: deque = field(default_factory=lambda: deque(maxlen=50))
    given: list = field(default_factory=list)
    used: set = field(default_factory=set)


@dataclass
class Load:
    """What every socket's reader shares: the frames of the current phase."""

    measured: set = field(default_factory=set)  # client_ids / change keys sent after warm-up
    order: list = field(default_factory=list)  # measured messages' client_ids, in sending order
    change_order: dict = field(default_factory=dict)  # kind -> measured change keys
    sent_at: dict = field(default_factory=dict)  # client_id or change key -> perf_counter
    waiting: dict = field(default_factory=dict)  # closed loop: client_id -> future
    last_edit: dict = field(default_factory=dict)  # message id -> marker of its latest edit
    reaction_on: dict = field(default_factory=dict)  # (id, emoji, user) -> given now?
    live: int = 0  # deliveries of measured frames to listeners
    last_frame: float = 0.0
    failed_handshakes: int = 0  # retried; a socket that fails three times fails the run
    # (c): who is here (the first 100 named, all counted) to every socket, as they join
    presence_frames: int = 0
    presence_bytes: int = 0

    def next_phase(self) -> None:
        self.measured, self.order, self.live = set(), [], 0
        self.change_order = {"reaction": [], "edited": []}


def _state(sock: Socket, message_id: int) -> dict:
    return sock.state.setdefault(message_id, {})


def _arrived(sock: Socket, load: Load, key, now: float) -> None:
    if key in sock.changes:
        if not sock.catching_up:
            sock.duplicates += 1
    else:
        sock.changes[key] = now
        if key in load.measured:
            load.live += 1


async def read(sock: Socket, load: Load) -> None:
    try:
        async for text in sock.ws:
            now = time.perf_counter()
            load.last_frame = now
            if text.startswith(MESSAGE_HEADS):
                frame = json.loads(text)
                client_id = frame.get("client_id")
                if not sock.listener:
                    if "id" in frame:
                        sock.recent.append(frame["id"])
                        if frame["author"]["id"] == sock.user_id:
                            sock.own.append(frame["id"])
                    waiter = load.waiting.pop(client_id, None)
                    if waiter is not None and not waiter.done():
                        waiter.set_result(now)
                elif client_id in sock.received:
                    if not sock.catching_up:
                        sock.duplicates += 1
                else:
                    sock.received[client_id] = now
                    if "id" in frame:
                        sock.ids[client_id] = frame["id"]
                    if client_id in load.measured:
                        load.live += 1
                if sock.catching_up and "id" in frame:  # replayed whole: its state now
                    marker = MARKER.search(frame.get("body_html") or "")
                    _state(sock, frame["id"]).update(
                        marker=marker.group() if marker else None,
                        reactions=frame.get("reactions") or {},
                    )
            elif text.startswith(REACTION_HEAD):
                frame = json.loads(text)
                sock.change_numbers.add(frame.get("change"))
                if sock.listener:
                    key = (frame["id"], frame["emoji"], frame["user"]["id"], frame["on"])
                    _arrived(sock, load, ("reaction", *key), now)
            elif text.startswith(EDITED_HEAD):
                frame = json.loads(text)
                sock.change_numbers.add(frame.get("change"))
                if sock.listener:
                    found = MARKER.search(frame.get("body_html") or "")
                    marker = found.group() if found else None
                    _arrived(sock, load, ("edited", frame["id"], marker), now)
                    if sock.catching_up:
                        _state(sock, frame["id"])["marker"] = marker
            elif text.startswith(REACTIONS_HEAD):
                frame = json.loads(text)
                if sock.catching_up:
                    _state(sock, frame["id"])["reactions"] = frame.get("reactions") or {}
            elif text.startswith('{"type":"hello"'):
                hello = json.loads(text)
                sock.first_id = hello.get("last_id") or 0
                sock.first_change = hello.get("last_change") or 0
                sock.user_id = hello["user"]["id"]
                sock.emoji = hello.get("reactions") or []
                sock.hello.set()
            elif text.startswith('{"type":"history"'):
                sock.replies.put_nowait(json.loads(text))
            elif text.startswith('{"type":"error"'):
                sock.errors.append(json.loads(text).get("code"))
            elif text.startswith('{"type":"presence"'):
                load.presence_frames += 1
                load.presence_bytes += len(text)
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


async def drop(sock: Socket) -> None:
    """Close a socket at once, its reader first (no closing handshake)."""
    if sock.reader is not None:
        sock.reader.cancel()
        await asyncio.gather(sock.reader, return_exceptions=True)
    if sock.ws is not None:
        sock.ws.transport.abort()
    sock.closed = True


# --- what the senders send -----------------------------------------------------------------------


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


def new_reaction(load: Load, sock: Socket, rng: random.Random):
    """Take back a reaction this sender gave earlier, or give one it never gave; each
    (message, emoji, person, on) at most once, so every frame is known by that key."""
    if sock.given and (len(sock.given) >= 4 or rng.random() < 0.3):
        message_id, emoji = sock.given.pop(0)
        on = False
    else:
        for _attempt in range(20):
            message_id, emoji = rng.choice(sock.recent), rng.choice(sock.emoji)
            if (message_id, emoji) not in sock.used:
                break
        else:
            return None
        sock.used.add((message_id, emoji))
        sock.given.append((message_id, emoji))
        on = True
    load.reaction_on[(message_id, emoji, sock.user_id)] = on
    key = ("reaction", message_id, emoji, sock.user_id, on)
    frame = {"type": "react", "id": message_id, "emoji": emoji, "on": on}
    return key, json.dumps(frame, separators=(",", ":"))


def new_edit(load: Load, sock: Socket, k: int, rng: random.Random):
    """An edit of one of the sender's own recent messages, marked to be known again."""
    message_id = rng.choice(sock.own)
    marker = f"edit-{uuid.uuid4().hex[:12]}"
    load.last_edit[message_id] = marker
    frame = {"type": "edit", "id": message_id, "body": f"{BODY.format(n=k)} ({marker})"}
    return ("edited", message_id, marker), json.dumps(frame, separators=(",", ":"))


def next_frame(load: Load, sock: Socket, k: int, measured: bool, mixed: bool, rng):
    """The k-th frame of a phase: (key, kind, text); a message when a change has nothing
    to change yet (no message of the sender's own has come back)."""
    kind = MIX[k % len(MIX)] if mixed else "message"
    made = None
    if kind == "reaction" and sock.recent and sock.emoji:
        made = new_reaction(load, sock, rng)
    elif kind == "edited" and sock.own:
        made = new_edit(load, sock, k, rng)
    if made is None:
        client_id, text = new_message(load, k, measured)
        return client_id, "message", text
    key, text = made
    if measured:
        load.measured.add(key)
        load.change_order[kind].append(key)
    load.sent_at[key] = time.perf_counter()
    return key, kind, text


async def fixed_rate(senders: list[Socket], load: Load, rate: float, mixed=False) -> dict:
    """Open loop: frame k is due at start + k/rate, round robin over the senders."""
    warm, total = round(rate * WARMUP), round(rate * (WARMUP + DURATION))
    rng = random.Random(total)
    start = time.perf_counter()
    late = 0.0
    for k in range(total):
        due = start + k / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        late = max(late, time.perf_counter() - due)
        sock = senders[k % len(senders)]
        key, kind, frame = next_frame(load, sock, k, k >= warm, mixed, rng)
        try:
            await sock.ws.send(frame)
        except ConnectionClosed:
            load.measured.discard(key)  # never sent: not expected either
    load.order = [c for c in load.order if c in load.measured]
    for kind, keys in load.change_order.items():
        load.change_order[kind] = [key for key in keys if key in load.measured]
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


# --- catching up ----------------------------------------------------------------------------------


def _contiguous(first: int, have) -> int:
    """The last number after ``first`` reached without a hole."""
    last = first
    while last + 1 in have:
        last += 1
    return last


async def catch_up(server: Server, port: int, sock: Socket, load: Load, missing: set) -> None:
    """What the real client does about missed messages and changes: a socket that closed,
    or missed a change, reconnects with ``?after=<last id without a hole>&changes=<last
    change without a hole>`` (messages after it come whole, changes to those before it
    as ``edited`` and ``reactions`` frames); messages still missing come by ``history``.

    ``missing``: client_ids and change keys; what is caught up is taken out of it.
    """
    floor = sock.first_id  # the room's last id when the load began: nothing older is missing
    sock.catching_up = True  # a frame both caught up and then come live is no duplicate
    if sock.closed or any(isinstance(key, tuple) for key in missing):
        after = _contiguous(floor, set(sock.ids.values()))
        changes = _contiguous(sock.first_change, sock.change_numbers)
        await drop(sock)
        sock.state = {}
        await open_socket(server, port, sock, load, query=f"?after={after}&changes={changes}")
        quiet = time.perf_counter()
        while time.perf_counter() - quiet < QUIET:  # the replay follows the hello at once
            await asyncio.sleep(0.1)
            if time.perf_counter() - load.last_frame > QUIET:
                break
        missing -= set(sock.received)
        missing -= set(sock.changes)
        for key in [key for key in missing if isinstance(key, tuple)]:
            if _shown(key, sock.state, load):
                missing.discard(key)
    before = None
    while any(isinstance(key, str) for key in missing):
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


def _shown(key: tuple, state: dict, load: Load) -> bool:
    """Whether a missed change is no loss: the message as caught up shows the change's
    latest word (an edit superseded by a later one the client now shows is not lost)."""
    kind, message_id, *rest = key
    now = state.get(message_id)
    if now is None:
        return False
    if kind == "edited":
        return "marker" in now and now["marker"] == load.last_edit.get(message_id)
    emoji, user, _on = rest
    if "reactions" not in now:
        return False
    given = user in now["reactions"].get(emoji, ())
    return given == load.reaction_on.get((message_id, emoji, user))


# --- counting -------------------------------------------------------------------------------------


async def settle(load: Load, limit: float = 30) -> float:
    """Wait until no frame has arrived for ``QUIET`` seconds; how long that took."""
    started = time.perf_counter()
    while time.perf_counter() - load.last_frame < QUIET and time.perf_counter() - started < limit:
        await asyncio.sleep(0.1)
    return time.perf_counter() - started


def _figures(latencies: list, expected: int, raw: int, caught_up: int) -> dict:
    latencies.sort()
    return {
        "expected": expected,
        "delivered_raw": raw,
        "caught_up": caught_up,
        "delivered": raw + caught_up,
        "delivered_ratio_raw": round(raw / expected, 4) if expected else 0.0,
        "delivered_ratio": round((raw + caught_up) / expected, 4) if expected else 0.0,
        "p50_ms": round(percentile(latencies, 50) * 1000, 2),
        "p99_ms": round(percentile(latencies, 99) * 1000, 2),
        "max_ms": round(latencies[-1] * 1000, 2) if latencies else 0.0,
    }


async def outcome(server: Server, port: int, socks: list[Socket], load: Load) -> dict:
    """Wait for stragglers, then count, time and (for (c)) catch up what is missing.

    The top-level figures are the messages'; a phase with changes has them per kind
    under ``kinds``, and deliveries/s counts every kind."""
    listening = [sock for sock in socks if sock.listener]
    orders = {"message": load.order, **{k: v for k, v in load.change_order.items() if v}}
    expected_all = sum(len(keys) for keys in orders.values()) * len(listening)
    last_send = time.perf_counter()
    while load.live < expected_all and time.perf_counter() - last_send < GRACE:
        await asyncio.sleep(0.05)
    latencies = {kind: [] for kind in orders}
    last_delivery, missing = 0.0, {}
    for sock in listening:
        lacking = set()
        for kind, keys in orders.items():
            arrivals = sock.received if kind == "message" else sock.changes
            for key in keys:
                arrived = arrivals.get(key)
                if arrived is None:
                    lacking.add(key)
                else:
                    latencies[kind].append(arrived - load.sent_at[key])
                    last_delivery = max(last_delivery, arrived)
        if lacking:
            missing[sock.index] = lacking
    raw = {kind: len(values) for kind, values in latencies.items()}
    closed = sum(sock.closed for sock in listening)
    caught = dict.fromkeys(orders, 0)
    if server.rial and missing:
        before = {index: set(keys) for index, keys in missing.items()}
        gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

        async def recover(index: int) -> None:
            async with gate:
                await catch_up(server, port, socks[index], load, missing[index])

        await asyncio.gather(*(recover(i) for i in missing), return_exceptions=True)
        for sock in socks:
            sock.catching_up = False
            if sock.index in missing:  # what came live meanwhile, after GRACE, is there too
                missing[sock.index] -= sock.received.keys() | sock.changes.keys()
        for index, keys in before.items():
            for key in keys - missing[index]:
                caught["message" if isinstance(key, str) else key[0]] += 1
    firsts = [load.sent_at[keys[0]] for keys in orders.values() if keys]
    span = last_delivery - min(firsts) if firsts and any(raw.values()) else 0.0
    row = {
        "sent": len(load.order),
        **_figures(
            latencies["message"],
            len(load.order) * len(listening),
            raw["message"],
            caught["message"],
        ),
        "deliveries_per_s": round(sum(raw.values()) / span, 1) if span > 0 else 0.0,
        "closed_sockets": closed,
    }
    if len(orders) > 1:
        row["kinds"] = {
            kind: {
                "sent": len(keys),
                **_figures(latencies[kind], len(keys) * len(listening), raw[kind], caught[kind]),
            }
            for kind, keys in orders.items()
        }
        everything = sum(row["kinds"][kind]["expected"] for kind in orders)
        delivered = sum(row["kinds"][kind]["delivered"] for kind in orders)
        row["all_expected"] = everything
        row["all_delivered_ratio"] = round(delivered / everything, 4) if everything else 0.0
    return row


def _tally(socks: list[Socket], load: Load, row: dict) -> None:
    row["duplicates"] = sum(sock.duplicates for sock in socks)
    row["errors"] = {}
    for sock in socks:
        for code in sock.errors:
            row["errors"][code] = row["errors"].get(code, 0) + 1
        sock.duplicates, sock.errors = 0, []
    row["failed_handshakes"] = load.failed_handshakes


async def run_load(
    server: Server, port: int, listeners: int, rate: float, capacity: bool, mixed: bool = False
):
    """Connect everyone, run the fixed-rate phase and, if asked, the capacity phase and
    the mixed phase (messages, reactions and edits, at the same fixed rate)."""
    load = Load()
    load.next_phase()
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
        cpu, wall = time.process_time(), time.perf_counter()
        sending = await fixed_rate(senders, load, rate)
        row = {
            "listeners": listeners,
            "senders": SENDERS,
            "connect_s": round(connect_s, 2),
            "settle_s": round(settle_s, 2),
            "join_presence_frames": load.presence_frames,
            "join_presence_mb": round(load.presence_bytes / 1e6, 1),
            # The load generator's own CPU while sending: near 1.0, it times itself.
            "loadgen_cpu": round((time.process_time() - cpu) / (time.perf_counter() - wall), 2),
            **sending,
            **await outcome(server, port, socks, load),
        }
        _tally(socks, load, row)
        if capacity:
            await settle(load)
            load.next_phase()
            row["capacity"] = {
                **await closed_loop(senders, load),
                **await outcome(server, port, socks, load),
            }
            _tally(socks, load, row["capacity"])
        if mixed:
            await settle(load)
            load.next_phase()
            cpu, wall = time.process_time(), time.perf_counter()
            sending = await fixed_rate(senders, load, rate, mixed=True)
            row["mixed"] = {
                "rate_per_s": rate,
                "loadgen_cpu": round((time.process_time() - cpu) / (time.perf_counter() - wall), 2),
                **sending,
                **await outcome(server, port, socks, load),
            }
            _tally(socks, load, row["mixed"])
        return row
    finally:
        for sock in socks:
            if sock.reader is not None:
                sock.reader.cancel()
            if sock.ws is not None:
                sock.ws.transport.abort()
