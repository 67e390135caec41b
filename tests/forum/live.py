"""Real WebSocket clients for tests against real Daphne processes.

``Peer`` keeps every frame of one connection. ``ChatClient`` behaves like
static/js/chat.js: it keeps the last id it showed, fills holes with
``history``, reconnects with ``?after=`` when the connection drops or the
server sends ``gap``, sends again what was not echoed (same client_id), and
stops for good on the close codes that mean "do not come back".
"""

import asyncio
import contextlib
import http.client
import json
import re
import time
import uuid
from urllib.parse import urlencode

from django.test import Client

# Close codes after which chat.js stops reconnecting (documented in forum/consumers.py).
FINAL_CLOSE_CODES = {4401, 4403, 4429}


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def say(body: str) -> dict:
    return {"type": "message", "client_id": str(uuid.uuid4()), "body": body}


async def open_websocket(port: int, path: str, cookie: str, origin: str | None = None):
    from websockets.asyncio.client import connect

    return await connect(
        f"ws://127.0.0.1:{port}{path}",
        origin=origin or f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": cookie},
        open_timeout=10,
    )


class Browser:
    """HTTP to one server process as a signed-in browser: its cookies and CSRF token."""

    def __init__(self, port: int, cookie: str):
        self.port = port
        self.cookies = dict(pair.split("=", 1) for pair in cookie.split("; "))

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, rest = value.split("=", 1)
                    self.cookies[key] = rest.split(";", 1)[0]
            return response.status, response.read().decode()
        finally:
            connection.close()

    def submit(self, page: str, action: str, data: dict) -> int:
        """Open the page, then post its CSRF token and ``data`` to ``action``; the status."""
        _status, html = self.request("GET", page)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        status, _html = self.request("POST", action, {**data, "csrfmiddlewaretoken": token})
        return status


class Peer:
    """A real WebSocket client that keeps every frame it receives, in order."""

    def __init__(self, port: int, slug: str, cookie: str, after: int | None = None):
        query = f"?after={after}" if after is not None else ""
        self.port = port
        self.path = f"/ws/chat/{slug}/{query}"
        self.url = f"ws://127.0.0.1:{port}{self.path}"
        self.cookie = cookie
        self.frames: list[dict] = []

    async def __aenter__(self):
        self.socket = await open_websocket(self.port, self.path, self.cookie)
        await self.wait_for(lambda f: f["type"] == "hello")
        return self

    async def __aexit__(self, *exc):
        await self.socket.close()

    async def send(self, payload: dict) -> None:
        await self.socket.send(json.dumps(payload))

    async def wait_for(self, predicate, timeout: float = 10) -> dict:
        for frame in self.frames:
            if predicate(frame):
                return frame
        try:
            async with asyncio.timeout(timeout):
                while True:
                    frame = json.loads(await self.socket.recv())
                    self.frames.append(frame)
                    if predicate(frame):
                        return frame
        except TimeoutError:
            raise AssertionError(f"{self.url} waited in vain; it got {self.frames}") from None

    async def wait_closed(self, timeout: float = 10) -> int | None:
        """Frames until the server closes; the close code."""
        from websockets.exceptions import ConnectionClosed

        try:
            async with asyncio.timeout(timeout):
                while True:
                    self.frames.append(json.loads(await self.socket.recv()))
        except ConnectionClosed:
            return self.socket.close_code
        except TimeoutError:
            raise AssertionError(f"{self.url} stayed open; it got {self.frames}") from None

    def messages(self) -> list[dict]:
        return [f for f in self.frames if f["type"] == "message"]


class PersonPeer(Peer):
    """A page's own socket (/ws/me/): the header's count, live."""

    def __init__(self, port: int, cookie: str):
        super().__init__(port, "", cookie)
        self.path = "/ws/me/"
        self.url = f"ws://127.0.0.1:{port}{self.path}"

    async def __aenter__(self):
        self.socket = await open_websocket(self.port, self.path, self.cookie)
        await self.wait_for(lambda f: f["type"] == "notifications")
        return self


class ChatClient:
    """One person's chat window, reconnecting and catching up as chat.js does."""

    def __init__(self, name: str, port: int, slug: str, cookie: str):
        self.name, self.port, self.slug, self.cookie = name, port, slug, cookie
        self.last_id = 0
        self.shown: dict[int, dict] = {}  # id -> message, as the log shows it
        self.buffered: dict[int, dict] = {}
        self.arrived: dict[int, float] = {}  # id -> monotonic time it was first received
        # id -> when it came live: a message frame newer than the connection's hello
        # (not the catch-up of ?after=, not history filling a hole)
        self.live: dict[int, float] = {}
        self.hello_last_id = 0
        self.outbox: dict[str, tuple[str, float]] = {}  # client_id -> (body, sent at)
        self.echoed: dict[str, float] = {}  # client_id -> when the server echoed it
        self.connections = 0
        self.gaps = 0
        self.close_codes: list[int | None] = []
        self.socket = None
        self.stopped = False
        self._task: asyncio.Task | None = None
        self._ready = asyncio.Event()

    async def start(self) -> "ChatClient":
        self._task = asyncio.create_task(self._run())
        async with asyncio.timeout(10):
            await self._ready.wait()
        return self

    async def stop(self) -> None:
        self.stopped = True
        if self.socket is not None:
            await self.socket.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def send(self, body: str) -> str:
        client_id = str(uuid.uuid4())
        self.outbox[client_id] = (body, time.monotonic())
        await self._send({"type": "message", "client_id": client_id, "body": body})
        return client_id

    async def _send(self, frame: dict) -> None:
        from websockets.exceptions import ConnectionClosed

        # Closed meanwhile: the outbox is sent again on reconnection.
        with contextlib.suppress(ConnectionClosed):
            if self.socket is not None:
                await self.socket.send(json.dumps(frame))

    async def _run(self) -> None:
        from websockets.exceptions import ConnectionClosed, InvalidStatus

        retries = 0
        while not self.stopped:
            path = f"/ws/chat/{self.slug}/?after={self.last_id}"
            try:
                self.socket = await open_websocket(self.port, path, self.cookie)
            except (OSError, InvalidStatus, TimeoutError):
                retries += 1
                await asyncio.sleep(min(2.0, 0.2 * retries))
                continue
            self.connections += 1
            try:
                async for text in self.socket:
                    if await self._on_frame(json.loads(text)):
                        break  # gap: reconnect with ?after=
                    retries = 0
            except ConnectionClosed:
                pass
            self.close_codes.append(self.socket.close_code)
            if self.socket.close_code in FINAL_CLOSE_CODES:
                self.stopped = True
                self._ready.set()
                return
            await self.socket.close()
            self.socket = None
            retries += 1
            await asyncio.sleep(min(2.0, 0.2 * retries))

    async def _on_frame(self, frame: dict) -> bool:
        kind = frame["type"]
        if kind == "hello":
            self.hello_last_id = frame["last_id"] or 0
            self._ready.set()
            for client_id, (body, _sent) in list(self.outbox.items()):
                await self._send({"type": "message", "client_id": client_id, "body": body})
        elif kind == "message":
            if frame["id"] > self.hello_last_id:
                self.live.setdefault(frame["id"], time.monotonic())
            await self._accept(frame)
        elif kind == "history":
            for message in frame["messages"]:
                await self._accept(message)
        elif kind == "gap":
            self.gaps += 1
            return True
        return False

    async def _accept(self, message: dict) -> None:
        self.arrived.setdefault(message["id"], time.monotonic())
        if message["client_id"] in self.outbox:
            del self.outbox[message["client_id"]]
            self.echoed.setdefault(message["client_id"], time.monotonic())
        if message["id"] <= self.last_id:
            self._show(message)
            return
        if message["id"] == self.last_id + 1:
            self._show(message)
            self.last_id = message["id"]
            while self.last_id + 1 in self.buffered:
                self._show(self.buffered.pop(self.last_id + 1))
                self.last_id += 1
            return
        self.buffered[message["id"]] = message
        missing = message["id"] - self.last_id - 1
        await self._send(
            {"type": "history", "before": message["id"], "limit": max(1, min(100, missing))}
        )

    def _show(self, message: dict) -> None:
        if message["id"] in self.shown:
            # Shown once, like chat.js (an element per id); it must be the same message.
            assert self.shown[message["id"]]["client_id"] == message["client_id"]
            return
        self.shown[message["id"]] = message

    def log(self) -> list[tuple[int, str]]:
        """What the person sees: (id, client_id) in id order."""
        return [(seq, self.shown[seq]["client_id"]) for seq in sorted(self.shown)]
