"""Health for load balancers: ``/healthz`` (config/urls.py).

``/healthz`` answers within a second whatever the process is doing. Each check
runs in a small thread pool of its own with a short timeout
(``HEALTH_CHECK_TIMEOUT``, 0.5 s), both at once; the view waits for them at
most that long and calls a check that has not answered by then an error. Nothing
here runs on the event loop, where the chat hub's blocking receive lives: the
previous check round-tripped a message through the channel layer with
``async_to_sync``, which under Daphne runs on that loop and waits for the
receive lock the hub holds until its next room event (no answer at all on an
idle process). A check that hangs (a server that stopped answering) is not
started again while it runs: later requests share it and answer 503 meanwhile,
so a dead server never piles up threads.
"""

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for

from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

_checks = ThreadPoolExecutor(max_workers=4, thread_name_prefix="healthz")
_running: dict[tuple, Future] = {}
_running_lock = threading.Lock()
_redis_clients: dict[str, object] = {}


def _check_database() -> str:
    """SELECT 1 through what requests use: the pool on PostgreSQL, else a connection."""
    database = connections[DEFAULT_DB_ALIAS]
    pool = getattr(database, "pool", None)
    if pool is not None:
        return _check_pool(pool, database.get_connection_params())
    try:
        with database.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        database.close()
    return "ok"


def _check_pool(pool, connection_params: dict) -> str:
    """ "ok" from a pooled connection; "busy" when every connection is out but the server answers.

    A busy pool is healthy: every connection is serving a request, and requests
    queue for the next one (up to ``DB_POOL_TIMEOUT``). Calling that unhealthy
    would take a process out of the balancer because it has work, push its load
    onto the others, which then fill up in turn: overload becomes an outage.
    What matters is whether the server answers, so with no connection free the
    check asks it over a connection of its own, opened and closed at once (one
    more connection than the pool's maximum, only while the pool is full).
    """
    from psycopg import connect
    from psycopg_pool import PoolTimeout

    timeout = settings.HEALTH_CHECK_TIMEOUT
    pool.open()  # Django opens it at the first request; the check may come first

    def full() -> bool:
        stats = pool.get_stats()
        return stats["pool_available"] == 0 and stats["pool_size"] >= stats["pool_max"]

    if not full():
        try:
            with pool.connection(timeout=timeout / 2) as connection:
                connection.execute("SELECT 1")
            return "ok"
        except PoolTimeout:
            if not full():
                raise  # room in the pool, yet no connection: the server does not accept any
    # libpq waits at least 2 s to connect; the view stops waiting after ``timeout``.
    with connect(**{**connection_params, "connect_timeout": 2}) as connection:
        connection.execute("SELECT 1")
    return "busy"


def _redis_client(host: dict):
    """A client of one channel-layer server that gives up after the health timeout."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    key = repr(sorted(host.items()))
    client = _redis_clients.get(key)
    if client is None:
        options = {
            **host,
            "socket_timeout": settings.HEALTH_CHECK_TIMEOUT,
            "socket_connect_timeout": settings.HEALTH_CHECK_TIMEOUT,
            # Once more on a fresh connection: the kept one died if Redis restarted.
            "retry": Retry(NoBackoff(), 1),
        }
        if "address" in options:
            client = redis.Redis.from_url(options.pop("address"), **options)
        elif "master_name" in options:
            raise RuntimeError("Redis Sentinel hosts are not checked")
        else:
            client = redis.Redis(**options)
        client = _redis_clients.setdefault(key, client)
    return client


def _check_channel_layer() -> str:
    """PING each Redis server of the layer; the in-memory layer lives in this process."""
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")
    if isinstance(layer, InMemoryChannelLayer):
        return "ok"
    hosts = getattr(layer, "hosts", None)
    if not hosts:
        raise RuntimeError(f"no way to check a {type(layer).__name__}")
    for host in hosts:
        _redis_client(host).ping()
    return "ok"


def _start(name: str, check) -> Future:
    """The running check of that name, or a new one."""
    with _running_lock:
        future = _running.get((name, check))
        if future is None or future.done():
            future = _running[(name, check)] = _checks.submit(check)
        return future


@require_safe
@never_cache
def healthz(request):
    """200 when the database and the channel layer both answer in time, 503 otherwise.

    ``{"status": "ok"|"error", "checks": {"database": ..., "channel_layer": ...}}``,
    each check "ok", "error", or for the database "busy" (see ``_check_pool``).
    """
    running = {
        "database": _start("database", _check_database),
        "channel_layer": _start("channel_layer", _check_channel_layer),
    }
    wait_for(running.values(), timeout=settings.HEALTH_CHECK_TIMEOUT)
    checks = {}
    for name, future in running.items():
        if not future.done():
            logger.error(
                "health check %s did not answer within %s s", name, settings.HEALTH_CHECK_TIMEOUT
            )
            checks[name] = "error"
        elif future.exception() is not None:
            error = future.exception()
            logger.error("health check %s failed: %s: %s", name, type(error).__name__, error)
            checks[name] = "error"
        else:
            checks[name] = future.result() or "ok"
    healthy = "error" not in checks.values()
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )
