"""What can be searched, registered by the apps that own it.

An app (above ``search``) registers a function with the Wagtail hook
``rial_search_providers`` that returns a list of :class:`Provider`. The site-wide
``/search/`` page asks every provider for a preview (a capped count and the best few,
from one query: search.engine.candidates);
``manage.py search_rebuild`` asks each to index all its objects again.
A provider filters hits through its app's own selectors: it shows only what the
person may read.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import get_language
from wagtail import hooks

from search import engine

HOOK = "rial_search_providers"


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    excerpt: str = ""
    meta: str = ""


@dataclass(frozen=True)
class Preview:
    count: int  # at most CAP + 1 (shown as "1,000+")
    results: list[Result]


CAP = 1000


@dataclass(frozen=True)
class Provider:
    kind: str
    label: str  # plural, translatable ("Programmes")
    # (user, query, hits) -> the results for those of ``hits`` the person may see, in
    # their order (the app's own selector checks each object again)
    results: Callable
    # (query) -> the app's own search page for this query, or ""
    more_url: Callable
    # () -> how many entries were indexed
    rebuild: Callable
    # (user) -> the scopes the person may read; None: every scope (a public kind)
    scopes: Callable = lambda user: None
    order: int = 50


def providers() -> list[Provider]:
    found = []
    for function in hooks.get_hooks(HOOK):
        found.extend(function())
    return sorted(found, key=lambda provider: (provider.order, provider.kind))


def rebuild() -> dict[str, int]:
    totals = {provider.kind: provider.rebuild() for provider in providers()}
    engine.tidy()
    return totals


def preview(provider: Provider, user, query: str, limit: int, cap: int = CAP) -> Preview:
    """The provider's count (up to ``cap`` + 1) and best ``limit`` results for the person,
    from one candidate set (search.engine.candidates): one query, then the app's own
    selector. The candidates are the newest (cap + 1) objects' entries at most, so a
    smaller cap also ranks fewer of them."""
    count, hits = engine.candidates(
        query=query,
        kinds=[provider.kind],
        scopes=provider.scopes(user),
        language=get_language(),
        limit=limit,
        cap=cap,
    )
    return Preview(count, provider.results(user, query, hits) if hits else [])


def in_hit_order(hits, objects) -> list:
    """``objects`` (having ``pk``) in the order of ``hits``, dropping any the selector refused."""
    by_id = {obj.pk: obj for obj in objects}
    return [by_id[hit.object_id] for hit in hits if hit.object_id in by_id]


class Paged:
    """Ranked results for Django's Paginator, from search.engine.candidates.

    ``hits(offset, limit)`` returns ``(capped count, hits)`` (one query) and
    ``objects(hits)`` the objects the person may see, in hit order. ``count()`` says at
    most ``cap`` and ``capped`` that there are more; the count and the first ``first``
    hits come from the same query, so the first page costs one search query."""

    def __init__(self, *, hits, objects, cap: int, first: int = 20):
        self._hits, self._objects, self.cap, self.first = hits, objects, cap, first
        self._total, self._first_hits = None, []

    def raw_count(self) -> int:
        if self._total is None:
            self._total, self._first_hits = self._hits(0, self.first)
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
        if stop <= start:
            return []
        if start == 0 and stop <= self.first:
            self.raw_count()
            hits = self._first_hits[:stop]
        else:
            hits = self._hits(start, stop - start)[1]
        return self._objects(hits) if hits else []


def paged(*, kind: str, query: str, objects, scopes=None, within=None) -> Paged:
    """A :class:`Paged` over the ``kind`` entries matching ``query`` in ``scopes`` (and
    ``within``, see search.engine.candidates); ``objects(hits)`` is the app's selector."""
    language, cap = get_language(), CAP

    def hits(offset, limit):
        return engine.candidates(
            query=query,
            kinds=[kind],
            scopes=scopes,
            language=language,
            limit=limit,
            offset=offset,
            cap=cap,
            within=within,
        )

    return Paged(hits=hits, objects=objects, cap=cap)
