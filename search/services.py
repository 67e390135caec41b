"""Writes to the search index. Each app calls these from its own services
(``<app>/search.py``), inside the transaction that changed the object, so the
index commits or rolls back with it."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from search.engine import scope_word
from search.models import PUBLIC, Entry


@dataclass(frozen=True)
class Document:
    """What one entry says: an object's title and text in one language, and who may find it."""

    title: str
    body: str = ""
    language: str = ""
    scope: str = PUBLIC
    updated: datetime | None = None


def _entry(kind: str, object_id: int, document: Document) -> Entry:
    return Entry(
        kind=kind,
        object_id=object_id,
        language=(document.language or "")[:5],
        scope=scope_word(document.scope),
        title=document.title or "",
        body=document.body or "",
        updated=document.updated or timezone.now(),
    )


@transaction.atomic
def entries_replace(*, kind: str, object_id: int, documents: Iterable[Document]) -> None:
    """Make the object's entries exactly ``documents`` (none: it is no longer findable)."""
    Entry.objects.filter(kind=kind, object_id=object_id).delete()
    Entry.objects.bulk_create([_entry(kind, object_id, d) for d in documents])


@transaction.atomic
def entries_delete(*, kind: str, object_ids: Iterable[int]) -> None:
    Entry.objects.filter(kind=kind, object_id__in=list(object_ids)).delete()


@transaction.atomic
def entries_rebuild(*, kind: str, documents: Iterable[tuple[int, Document]]) -> int:
    """Drop every entry of ``kind`` and index ``(object_id, document)`` pairs in bulk."""
    Entry.objects.filter(kind=kind).delete()
    batch, total = [], 0
    for object_id, document in documents:
        batch.append(_entry(kind, object_id, document))
        if len(batch) >= 2000:
            Entry.objects.bulk_create(batch)
            total += len(batch)
            batch = []
    Entry.objects.bulk_create(batch)
    return total + len(batch)


def entry_add(*, kind: str, object_id: int, document: Document) -> None:
    """Index a new object (one insert: nothing to replace)."""
    _entry(kind, object_id, document).save(force_insert=True)
