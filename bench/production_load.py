"""The people of the production benchmark: signed-in persons, each with one keep-alive
HTTP connection and one chat socket, who browse the site's pages, reply in the forum
and talk in the room (``bench.production`` runs them against the site and a baseline).
"""

import asyncio
import itertools
import json
import os
import random
import secrets
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from websockets.exceptions import ConnectionClosed

from bench import common
from bench.common import ERROR_HEADS, HELLO_HEADS, MESSAGE_HEADS, chat_connect
from bench.loadgen import _read_response

CHAT_EVERY = 6.0  # seconds between two chat messages of one person
REPLY_EVERY = 20.0  # seconds between two forum replies of one person
# Seconds a person reads a page before the next (0.5x to 1.5x of it); 0: back to back,
# which measures what the site sustains rather than whether it keeps up.
THINK = float(os.environ.get("BENCH_PRODUCTION_THINK_SECONDS", "5"))
GRACE = 3.0  # seconds to wait for the last chat deliveries
CONNECT_CONCURRENCY = 8  # chat handshakes in flight while everyone joins
REQUEST_TIMEOUT = 30.0


@dataclass
class Tally:
    """What all the people of one round saw."""

    pages: list = field(default_factory=list)  # ms, pages answered 200
    replies: list = field(default_factory=list)  # ms, replies answered 302
    chat: list = field(default_factory=list)  # ms, every delivery of a chat message
    errors: Counter = field(default_factory=Counter)
    sent_at: dict = field(default_factory=dict)  # client_id -> perf_counter
    chat_sent: int = 0
    chat_delivered: int = 0
    sockets: int = 0
    started: float = 0.0  # perf_counter when everyone had joined and began
    ended: float = 0.0  # perf_counter when the last person stopped
    seconds: float = 0.0


@dataclass
class Person:
    index: int
    port: int
    cookie: str
    csrf: str
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    ws: object = None
    listening: asyncio.Task | None = None

    async def http(self, method: str, path: str, body: bytes = b"") -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            f"Cookie: {self.cookie}\r\nConnection: keep-alive\r\n"
        )
        if body:
            head += (
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n"
            )
        self.writer.write(head.encode() + b"\r\n" + body)
        return await asyncio.wait_for(_read_response(self.reader), REQUEST_TIMEOUT)

    def hang_up(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    def leave(self) -> None:
        """Close everything at once (the listener first: its socket's end is no error)."""
        if self.listening is not None:
            self.listening.cancel()
        if self.ws is not None:
            self.ws.transport.abort()
        self.hang_up()


async def listen(person: Person, tally: Tally) -> None:
    try:
        async for text in person.ws:
            now = time.perf_counter()
            if text.startswith(MESSAGE_HEADS):
                sent = tally.sent_at.get(json.loads(text).get("client_id"))
                if sent is not None:
                    tally.chat.append((now - sent) * 1000)
                    tally.chat_delivered += 1
            elif text.startswith(ERROR_HEADS):
                tally.errors[f"chat error {json.loads(text).get('code')}"] += 1
    except ConnectionClosed:
        pass
    # Only the server closes sockets: the load generator cancels this task first.
    tally.errors["chat socket closed by the server"] += 1


async def join(person: Person, room: str, rial: bool, tally: Tally) -> None:
    def failed() -> None:
        tally.errors["chat handshake failed"] += 1

    person.ws = await chat_connect(
        person.port, f"/ws/chat/{room}/", {"Cookie": person.cookie}, failed
    )
    if rial:  # RIAL says hello first; the baseline only echoes
        async with asyncio.timeout(60):
            while not (await person.ws.recv()).startswith(HELLO_HEADS):
                pass
    person.listening = asyncio.create_task(listen(person, tally))


async def chat(person: Person, end: float, tally: Tally) -> None:
    """Say something in the room every ``CHAT_EVERY`` seconds (the first after a random wait)."""
    rng = random.Random(-person.index)
    await asyncio.sleep(rng.uniform(0, CHAT_EVERY))
    for n in itertools.count():
        if time.perf_counter() >= end:
            return
        client_id = str(uuid.uuid4())
        body = f"Mensaje {n} de la persona {person.index}: ¿seguimos el jueves?"
        frame = json.dumps({"type": "message", "client_id": client_id, "body": body})
        tally.sent_at[client_id] = time.perf_counter()
        try:
            await person.ws.send(frame)
            tally.chat_sent += 1
        except ConnectionClosed:
            tally.errors["chat send on a closed socket"] += 1
        await asyncio.sleep(CHAT_EVERY)


async def browse(
    person: Person, site: dict, end: float, tally: Tally, posting: bool, think: float
) -> None:
    """Pages in turn, ``think`` seconds apart on average; a reply every ``REPLY_EVERY`` s."""
    rng = random.Random(person.index)
    now = time.perf_counter()
    next_page = now + rng.uniform(0, think)
    next_reply = now + rng.uniform(0, REPLY_EVERY) if posting else end
    pages = site["pages"]
    turn = person.index % len(pages)
    ring = itertools.cycle(pages[turn:] + pages[:turn])
    topics = itertools.cycle(site["topics"][person.index % len(site["topics"]) :] + site["topics"])
    for n in itertools.count():
        now = time.perf_counter()
        due = min(next_page, next_reply)
        if due >= end:
            return
        if due > now:
            await asyncio.sleep(due - now)
            continue
        if next_reply <= now:
            next_reply = now + REPLY_EVERY
            kind, method, path = "reply", "POST", f"/es/forums/t/{next(topics)}/reply/"
            form = {
                "csrfmiddlewaretoken": person.csrf,
                "token": str(uuid.uuid4()),
                "body": f"Respuesta {n} de la persona {person.index}: gracias, lo comparto.",
            }
            body = urlencode(form).encode()
        else:
            kind, method, path, body = "page", "GET", next(ring), b""
        started = time.perf_counter()
        try:
            status = await person.http(method, path, body)
        except (OSError, TimeoutError, ConnectionError, asyncio.IncompleteReadError, ValueError):
            person.hang_up()
            tally.errors[f"{kind}: no answer"] += 1
            status = None
        took = (time.perf_counter() - started) * 1000
        if status == site["answer"][kind]:
            (tally.pages if kind == "page" else tally.replies).append(took)
        elif status is not None:
            tally.errors[f"{kind}: {status} {path}"] += 1
        if kind == "page":
            next_page = time.perf_counter() + think * rng.uniform(0.5, 1.5)


async def load_round(
    ports: list[int],
    site: dict,
    duration: float,
    rial: bool,
    posting: bool = True,
    think: float = THINK,
    on_start=None,
) -> Tally:
    """Everyone joins the chat room, then browses (and posts) for ``duration`` seconds."""
    tally = Tally()
    people = [
        Person(
            index=i,
            port=ports[i % len(ports)],
            cookie=f"sessionid={site['sessions'][i]}; csrftoken={csrf}",
            csrf=csrf,
        )
        for i, csrf in ((i, secrets.token_hex(16)) for i in range(len(site["sessions"])))
    ]
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def gated_join(person: Person) -> None:
        async with gate:
            await join(person, site["room"], rial, tally)

    try:
        await asyncio.gather(*(gated_join(person) for person in people))
        tally.sockets = sum(person.ws is not None for person in people)
        await asyncio.sleep(1.0)  # presence frames of the joins go by
        if on_start is not None:
            on_start()
        tally.started = time.perf_counter()
        end = tally.started + duration
        await asyncio.gather(
            *(browse(p, site, end, tally, posting, think) for p in people),
            *(chat(p, end, tally) for p in people if posting),
        )
        tally.ended = time.perf_counter()
        tally.seconds = tally.ended - tally.started
        if posting:
            await asyncio.sleep(GRACE)  # the last chat deliveries
    finally:
        for person in people:
            person.leave()
    return tally


def percentile(values: list, p: float) -> float:
    return round(common.percentile(sorted(values), p), 1)


def summary(tally: Tally, expected_listeners: int) -> dict:
    answered = len(tally.pages) + len(tally.replies)
    expected = tally.chat_sent * expected_listeners
    return {
        "http_answers": answered,
        "http_per_s": round(answered / tally.seconds, 1) if tally.seconds else 0.0,
        "pages": len(tally.pages),
        "pages_p50_ms": percentile(tally.pages, 50),
        "pages_p99_ms": percentile(tally.pages, 99),
        "replies": len(tally.replies),
        "replies_p50_ms": percentile(tally.replies, 50),
        "replies_p99_ms": percentile(tally.replies, 99),
        "chat_sent": tally.chat_sent,
        "chat_deliveries": tally.chat_delivered,
        "chat_expected": expected,
        "chat_p50_ms": percentile(tally.chat, 50),
        "chat_p99_ms": percentile(tally.chat, 99),
        "sockets": tally.sockets,
        "errors": sum(tally.errors.values()) + max(0, expected - tally.chat_delivered),
        "error_kinds": dict(tally.errors.most_common(10)),
        "seconds": round(tally.seconds, 1),
    }
