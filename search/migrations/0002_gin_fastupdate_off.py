"""PostgreSQL: the GIN indexes take each new entry at once (``fastupdate = off``).

With the default, new entries wait in a pending list that every search reads from
start to end until a vacuum merges it (6,226 forum posts after a rebuild, read on each
query); an entry's own insert costs a little more instead. Flushes what is pending.
"""

from django.db import migrations

KINDS = ("programme", "post", "chat", "expert", "document", "page", "other")
INDEXES = [f"search_entry_document_{kind}" for kind in KINDS]


def _fastupdate(value):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for index in INDEXES:
            schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = {value})")
            if value == "off":
                schema_editor.execute(f"SELECT gin_clean_pending_list('{index}'::regclass)")

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_fastupdate("off"), _fastupdate("on"))]
