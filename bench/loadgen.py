"""A small HTTP/1.1 keep-alive load generator (asyncio, no dependencies).

Opens ``connections`` sockets and sends GET requests back to back on each for
``duration`` seconds; returns requests per second and latency percentiles.
"""

import asyncio
import time
from dataclasses import dataclass


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies_ms: list

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))
        return ordered[index]


async def _read_response(reader) -> int:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length = None
    chunked = False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value.strip())
        elif name == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readline()).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def _worker(host, port, path, headers, deadline, result):
    request = (
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{headers}Connection: keep-alive\r\n\r\n"
    ).encode()
    reader = writer = None
    while time.perf_counter() < deadline:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            started = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status = await _read_response(reader)
            elapsed = (time.perf_counter() - started) * 1000
            if status == 200:
                result.requests += 1
                result.latencies_ms.append(elapsed)
            else:
                result.errors += 1
        except (ConnectionError, asyncio.IncompleteReadError, OSError, ValueError):
            result.errors += 1
            if writer is not None:
                writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def run_load(
    host: str, port: int, path: str, *, connections: int, duration: float, headers: str = ""
) -> LoadResult:
    result = LoadResult(requests=0, errors=0, seconds=duration, latencies_ms=[])
    deadline = time.perf_counter() + duration
    started = time.perf_counter()
    await asyncio.gather(
        *(_worker(host, port, path, headers, deadline, result) for _ in range(connections))
    )
    result.seconds = time.perf_counter() - started
    return result
