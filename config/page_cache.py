"""A shared cache of the pages visitors see, in front of Django (config/asgi.py).

A visitor's page is the same for every visitor, so it is made once and then
answered from the cache without entering Django at all: no middleware, no
template, no query. What is shared, and when:

- Only ``GET`` and ``HEAD`` under a language prefix (``/es/...``), from someone
  without a session or messages cookie and without an ``Authorization``
  header: a signed-in person never reads nor writes the cache, so nothing they
  see comes from it and nothing of theirs goes into it.
- Only a ``200 text/html`` answer without ``Set-Cookie`` (a page with a form
  sets the CSRF cookie, so it is never kept), without ``private``,
  ``no-store`` or ``no-cache``, varying on nothing but ``Cookie`` and
  ``Accept-Language``, without a CSP nonce (one page, one nonce), of at most
  ``PAGE_CACHE_MAX_BYTES``; kept ``PAGE_CACHE_SECONDS``.
- The key is scheme (or ``X-Forwarded-Proto``), host, path and query, under a
  generation number: ``page_cache_purge()`` (config/signal_handlers.py, on
  every publication or change of what public pages show) starts a new
  generation, and the old pages are never read again (they expire).

The cache is Django's default cache: Redis with ``REDIS_URL`` (shared by every
process), local memory otherwise. A cache that fails never fails a request:
every read and write is caught, logged, and the request goes to Django as if
there were no cache; after a failure the cache is left alone for a few seconds.
Answers carry ``X-Cache: hit`` or ``X-Cache: miss``.
"""

import asyncio
import hashlib
import logging
import re
import time
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

GENERATION_KEY = "rial:page:generation"
RETRY_AFTER_FAILURE = 5.0  # seconds the cache is left alone after it failed
_UNCACHEABLE = re.compile(r"\b(private|no-store|no-cache)\b", re.IGNORECASE)
_VARY_ALLOWED = {"cookie", "accept-language"}
_failed_at = 0.0
# Blocking cache clients (Redis) run here, never on the event loop.
_io = ThreadPoolExecutor(max_workers=4, thread_name_prefix="page-cache")


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _available() -> bool:
    return time.monotonic() - _failed_at > RETRY_AFTER_FAILURE


def _failed(action: str, error: Exception) -> None:
    global _failed_at
    _failed_at = time.monotonic()
    logger.warning(
        "page cache %s failed, pages go to Django: %s: %s", action, type(error).__name__, error
    )


def _new_generation() -> int:
    """A generation number never used before (milliseconds since the epoch): a
    generation key that was lost (evicted, flushed) never brings old pages back."""
    return time.time_ns() // 1_000_000


def page_cache_purge() -> None:
    """Start a new generation: every page kept so far is made again on its next request.

    Tried even shortly after a failure: a purge that is skipped would leave pages
    that changed in the cache once it answers again."""
    cache = _cache()
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no generation yet, or it was lost
            cache.set(GENERATION_KEY, _new_generation(), None)
    except Exception as error:  # a cache that fails never fails a request
        _failed("purge", error)


def _prefixes() -> tuple[str, ...]:
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def _headers(scope) -> dict[bytes, bytes]:
    return {name.lower(): value for name, value in scope.get("headers", ())}


def _cookie_names(header: bytes) -> set[str]:
    names = set()
    for part in header.decode("latin-1").split(";"):
        name, _sep, _value = part.partition("=")
        names.add(name.strip())
    return names


def request_key(scope) -> str | None:
    """The page's key (without generation), or None when this request is not shared."""
    if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
        return None
    path = scope["path"]
    if not path.startswith(_prefixes()):
        return None
    headers = _headers(scope)
    if b"authorization" in headers:
        return None
    # Every Cookie header (HTTP/2 clients may send several).
    for name, value in scope.get("headers", ()):
        if name.lower() == b"cookie":
            names = _cookie_names(value)
            if settings.SESSION_COOKIE_NAME in names or CookieStorage.cookie_name in names:
                return None
    scheme = headers.get(b"x-forwarded-proto", b"").decode("latin-1").split(",")[0].strip()
    host = headers.get(b"host", b"").decode("latin-1").lower()
    query = scope.get("query_string", b"").decode("latin-1")
    raw = f"{scheme or scope.get('scheme', 'http')}|{host}|{path}|{query}"
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def storable(status: int, headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether Django's answer may be shared with every visitor."""
    if status != 200:
        return False
    seen = {}
    for name, value in headers:
        seen.setdefault(name.lower(), []).append(value.decode("latin-1"))
    if b"set-cookie" in seen:
        return False
    if not any(value.lower().startswith("text/html") for value in seen.get(b"content-type", [])):
        return False
    if any(_UNCACHEABLE.search(value) for value in seen.get(b"cache-control", [])):
        return False
    for value in seen.get(b"vary", []):
        if {part.strip().lower() for part in value.split(",")} - _VARY_ALLOWED:
            return False
    policies = seen.get(b"content-security-policy", [])
    return not any("'nonce-" in value for value in policies)


class PageCache:
    """ASGI middleware: answers visitors' pages from the cache, keeps Django's answers."""

    def __init__(self, application):
        self.application = application

    async def _run(self, function, *args):
        """A cache call: directly when the cache is in this process, else in a thread."""
        if isinstance(_cache(), LocMemCache):
            return function(*args)
        return await asyncio.get_running_loop().run_in_executor(_io, function, *args)

    @staticmethod
    def _read(key: str):
        cache = _cache()
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, _new_generation(), None)
            generation = cache.get(GENERATION_KEY) or _new_generation()
        full_key = f"rial:page:{generation}:{key}"
        return full_key, cache.get(full_key)

    @staticmethod
    def _write(full_key: str, entry) -> None:
        _cache().set(full_key, entry, settings.PAGE_CACHE_SECONDS)

    async def __call__(self, scope, receive, send):
        key = request_key(scope) if scope["type"] == "http" else None
        if key is None or not _available():
            return await self.application(scope, receive, send)
        try:
            full_key, entry = await self._run(self._read, key)
        except Exception as error:  # a cache that fails never fails a request
            _failed("read", error)
            return await self.application(scope, receive, send)
        if entry is not None:
            return await self._answer(scope, send, entry)
        await self._make(scope, receive, send, full_key)

    async def _answer(self, scope, send, entry) -> None:
        headers, body = entry
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [*headers, (b"x-cache", b"hit")],
            }
        )
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}
        )

    async def _make(self, scope, receive, send, full_key: str) -> None:
        """Django answers, the visitor gets it as it comes; a storable GET answer is kept."""
        keep = scope["method"] == "GET"
        start = {}
        chunks: list[bytes] = []
        size = 0
        limit = settings.PAGE_CACHE_MAX_BYTES

        async def capture(message):
            nonlocal keep, size
            if message["type"] == "http.response.start":
                start.update(message)
                keep = keep and storable(message["status"], message.get("headers", []))
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"x-cache", b"miss")],
                }
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                if size > limit:
                    keep, chunks[:] = False, []
                else:
                    chunks.append(body)
            await send(message)
            if keep and message["type"] == "http.response.body" and not message.get("more_body"):
                await self._store(full_key, start.get("headers", []), b"".join(chunks))

        await self.application(scope, receive, capture)

    async def _store(self, full_key: str, headers, body: bytes) -> None:
        if not _available():
            return
        try:
            await self._run(self._write, full_key, (list(headers), body))
        except Exception as error:  # a cache that fails never fails a request
            _failed("write", error)
