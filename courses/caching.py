"""Django's cache, for what a request may do without: a cache that fails never fails one.

The layout, the header counts, the course trees and the course activities are read
from the cache (Redis when ``REDIS_URL``) and made again from the database when it
has nothing. When the cache does not answer (Redis restarting, a timeout:
``CACHE_SOCKET_TIMEOUT``) these helpers log a warning and behave as if it had
nothing, so the page is made from the database instead of failing. ``courses`` is
the lowest app every other app may import, so the helpers live here.
"""

import logging
from collections.abc import Callable
from uuid import uuid4

from django.core.cache import cache

logger = logging.getLogger(__name__)


def _failed(what: str, key, error: Exception) -> None:
    logger.warning("cache %s of %s failed: %s: %s", what, key, type(error).__name__, error)


def cache_get(key: str, default=None):
    try:
        return cache.get(key, default)
    except Exception as error:  # a cache that fails never fails a request
        _failed("read", key, error)
        return default


def cache_set(key: str, value, timeout) -> None:
    try:
        cache.set(key, value, timeout)
    except Exception as error:  # a cache that fails never fails a request
        _failed("write", key, error)


def cache_add(key: str, value, timeout) -> None:
    try:
        cache.add(key, value, timeout)
    except Exception as error:  # a cache that fails never fails a request
        _failed("write", key, error)


def cache_delete_many(keys: list[str]) -> None:
    try:
        cache.delete_many(keys)
    except Exception as error:  # a cache that fails never fails a request
        _failed("purge", keys, error)


def remembered(key: str, make: Callable[[], object], timeout):
    """What the cache keeps under ``key``, or ``make()`` kept there now (None is never kept)."""
    value = cache_get(key)
    if value is None:
        value = make()
        if value is not None:
            cache_set(key, value, timeout)
    return value


def cache_version(key: str, timeout) -> str:
    """A token kept under ``key``, part of the keys of what is cached from what it
    versions; ``cache_version_bump`` changes it, so all of that is made again."""
    version = cache_get(key)
    if version is None:
        version = uuid4().hex
        cache_add(key, version, timeout)
        version = cache_get(key, version)
    return version


def cache_version_bump(key: str, timeout) -> None:
    cache_set(key, uuid4().hex, timeout)
