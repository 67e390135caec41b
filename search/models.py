"""One row per searchable text: an object of some app in one language.

The full-text index over these rows is the database's own (search/engine.py):
an FTS5 table kept in step by triggers on SQLite, a generated ``document``
tsvector column with a GIN index on PostgreSQL. Both are made in migration 0001;
nothing here names them, so the ORM reads and writes the plain columns only.
"""

from django.db import models
from django.utils import timezone

PUBLIC = "public"


class Entry(models.Model):
    # What it is ("programme", "post", "chat", ...) and which one: the app that
    # indexed it turns hits back into objects through its own selectors.
    kind = models.CharField(max_length=20)
    object_id = models.BigIntegerField()
    # "es", "en", "pt", "fr"; a programme has one entry per language it is written in.
    language = models.CharField(max_length=5, blank=True, default="")
    # Who may find it, as one word: "public", "space12", "room7". A search names
    # the scopes the person may read, so nothing else is ever matched.
    scope = models.CharField(max_length=40, default=PUBLIC)
    title = models.TextField(blank=True, default="")
    body = models.TextField(blank=True, default="")
    updated = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="search_entry_once"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language or '-'})"
