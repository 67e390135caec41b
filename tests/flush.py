"""Emptying the database after a transactional test, at the cost of what the test wrote.

After every ``django_db(transaction=True)`` and live-server test, Django's
``TransactionTestCase`` runs ``manage.py flush``: on PostgreSQL one ``TRUNCATE``
of all ~185 tables. PostgreSQL truncates a table by giving it and each of its
indexes new files, empty or not. Measured on the busy two-core CI machine: 750 ms
to flush an empty database (460 ms of TRUNCATE, 130 ms of ``post_migrate``), 1.9
to 3.2 s after a test that built a course; times the ~160 transactional tests.

``empty_tables`` leaves the same database for a fraction of it (0.4 to 0.9 s
after that course): one query finds the tables with rows (a test writes to a
few dozen of them), and ``DELETE`` empties those.
The foreign keys Django creates are ``DEFERRABLE INITIALLY DEFERRED``, so the
deletes may come in any order inside one transaction; if a constraint that is
not deferrable refuses, the transaction is rolled back and Django's own flush
runs instead. Sequences go on counting, as after ``flush`` without
``reset_sequences`` (Django's choice for ``TransactionTestCase``).

After ``flush``, ``post_migrate`` makes the content types and permissions again
(another 130 to 250 ms: a few queries per app). A test seldom changes them, so
when they are row for row those ``post_migrate`` made after the previous test
they are kept and the signal is not sent; when a test changed them they are
deleted with the rest and ``post_migrate`` makes them again.

Only for PostgreSQL and for the cases Django flushes everything (no
``available_apps``, no ``serialized_rollback``); any other goes to Django as is.
"""

import contextlib
from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import DatabaseError, connections, transaction
from django.test import TransactionTestCase

_django_fixture_teardown = TransactionTestCase._fixture_teardown
_management_imported = False


def _import_management_modules():
    """What ``flush`` does first: each app's ``management`` module may connect
    ``post_migrate`` handlers."""
    global _management_imported
    if _management_imported:
        return
    for app_config in apps.get_app_configs():
        with contextlib.suppress(ImportError):
            import_module(".management", app_config.name)
    _management_imported = True


def tables_with_rows(connection) -> list[str]:
    """The tables of Django's models (those ``flush`` empties) that hold a row."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    if not tables:
        return []
    quote = connection.ops.quote_name
    query = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT FROM {quote(table)})"  # noqa: S608 (our table names)
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(query, tables)
        return [row[0] for row in cursor.fetchall()]


def _post_migrate_rows(cursor) -> str:
    """A fingerprint of every row of the two tables ``post_migrate`` fills."""
    cursor.execute(
        "SELECT (SELECT md5(string_agg(concat_ws(',', id, app_label, model), ';' ORDER BY id))"  # noqa: S608 (our table names)
        f" FROM {ContentType._meta.db_table}),"
        " (SELECT md5(string_agg(concat_ws(',', id, content_type_id, codename, name), ';'"
        f" ORDER BY id)) FROM {Permission._meta.db_table})"
    )
    return "/".join(str(part) for part in cursor.fetchone())


# Per database, the fingerprint of the content types and permissions as
# ``post_migrate`` last made them.
_made_by_post_migrate: dict[str, str] = {}


def empty_database(database: str) -> bool:
    """Leave ``database`` as Django's flush does; False if it could not (nothing changed).

    The content types and permissions are the rows ``post_migrate`` makes: when
    they are, row for row, the ones it made after the last test, they stay and
    it is not sent again (its receivers write nothing else, tests/test_flush.py
    checks). Otherwise they go too and ``post_migrate`` makes them again.
    """
    connection = connections[database]
    quote = connection.ops.quote_name
    kept = (ContentType._meta.db_table, Permission._meta.db_table)
    try:
        with transaction.atomic(using=database), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            keep = _made_by_post_migrate.get(database) == _post_migrate_rows(cursor)
            for table in tables_with_rows(connection):
                if not (keep and table in kept):
                    cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 (our table names)
    except DatabaseError:
        return False
    if not keep:
        emit_post_migrate_signal(0, False, database)
        with connection.cursor() as cursor:
            _made_by_post_migrate[database] = _post_migrate_rows(cursor)
    return True


def _fixture_teardown(self):
    databases = self._databases_names(include_mirrors=False)
    if (
        self.available_apps is not None
        or self.serialized_rollback
        or any(connections[name].vendor != "postgresql" for name in databases)
    ):
        return _django_fixture_teardown(self)
    _import_management_modules()
    for database in databases:
        if not empty_database(database):
            _made_by_post_migrate.pop(database, None)
            # Django's flush, with its arguments for a test without available_apps.
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                database=database,
                reset_sequences=False,
                allow_cascade=False,
                inhibit_post_migrate=False,
            )


def install():
    """Make every ``TransactionTestCase`` (pytest-django's included) use ``_fixture_teardown``."""
    TransactionTestCase._fixture_teardown = _fixture_teardown
