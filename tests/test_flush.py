"""A transactional test's teardown (tests/flush.py) leaves what Django's flush leaves."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

from forum.models import Space
from tests import flush
from tests.course_fixtures import build_course

pytestmark = pytest.mark.django_db(transaction=True)


def _write_rows():
    """Rows in many tables at once, joined by foreign keys both ways (a course's
    pages, cohort, people, uploads; a forum space), and content types and
    permissions changed."""
    build_course()
    Space.objects.create(kind="workshop", name="Taller", slug="taller")
    stale = ContentType.objects.create(app_label="gone", model="gone")
    Permission.objects.create(content_type=stale, codename="gone", name="Gone")
    Permission.objects.filter(codename="add_user").delete()


def _state():
    """Which tables hold rows, and the content types and permissions by name."""
    return (
        sorted(flush.tables_with_rows(connection)),
        sorted(ContentType.objects.values_list("app_label", "model")),
        sorted(Permission.objects.values_list("content_type__app_label", "codename", "name")),
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only: SQLite flushes as Django does"
)
def test_the_teardown_leaves_the_database_as_djangos_flush_does():
    _write_rows()
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False)
    after_django = _state()
    assert after_django[0] == ["auth_permission", "django_content_type"]

    _write_rows()
    assert len(flush.tables_with_rows(connection)) > 20
    assert flush.empty_tables("default")
    assert flush.tables_with_rows(connection) == []
    emit_post_migrate_signal(0, False, "default")
    assert _state() == after_django
