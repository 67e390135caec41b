"""What can be searched, registered by the apps that own it.

An app (above ``search``) registers a function with the Wagtail hook
``rial_search_providers`` that returns a list of :class:`Provider`. The site-wide
``/search/`` page asks every provider for a count and a short preview;
``manage.py search_rebuild`` asks each to index all its objects again.
A provider filters hits through its app's own selectors: it shows only what the
person may read.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

HOOK = "rial_search_providers"


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    excerpt: str = ""
    meta: str = ""


@dataclass(frozen=True)
class Provider:
    kind: str
    label: str  # plural, translatable ("Programmes")
    # (user, query, limit) -> the best results the person may see, best first
    search: Callable
    # (user, query) -> how many the person may see, capped (search.engine.count)
    count: Callable
    # (query) -> the app's own search page for this query, or ""
    more_url: Callable
    # () -> how many entries were indexed
    rebuild: Callable
    order: int = 50


def providers() -> list[Provider]:
    found = []
    for function in hooks.get_hooks(HOOK):
        found.extend(function())
    return sorted(found, key=lambda provider: (provider.order, provider.kind))


def rebuild() -> dict[str, int]:
    return {provider.kind: provider.rebuild() for provider in providers()}


def in_hit_order(hits, objects) -> list:
    """``objects`` (having ``pk``) in the order of ``hits``, dropping any the selector refused."""
    by_id = {obj.pk: obj for obj in objects}
    return [by_id[hit.object_id] for hit in hits if hit.object_id in by_id]


class Paged:
    """Ranked results for Django's Paginator: ``count()`` capped, each page one ranked query.

    ``fetch(offset, limit)`` returns the page's objects; ``count`` is search.engine.count
    (which stops at ``cap`` + 1), so a paginator never counts every match of a common
    word: ``count()`` says at most ``cap`` and ``capped`` that there are more."""

    def __init__(self, *, count, fetch, cap: int = 1000):
        self._count, self._fetch, self.cap = count, fetch, cap
        self._total = None

    def raw_count(self) -> int:
        if self._total is None:
            self._total = self._count()
        return self._total

    def count(self) -> int:
        return min(self.raw_count(), self.cap)

    @property
    def capped(self) -> bool:
        return self.raw_count() > self.cap

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = self.count() if index.stop is None else index.stop
        return self._fetch(start, max(stop - start, 0)) if stop > start else []
