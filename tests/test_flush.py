"""A transactional test's teardown (tests/flush.py) leaves what Django's flush leaves."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_migrate

from forum.models import Space
from tests import flush
from tests.course_fixtures import build_course

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL only: SQLite flushes as Django does"
    ),
]


def _write_rows(*, content_types: bool):
    """Rows in many tables at once, joined by foreign keys both ways (a course's
    pages, cohort, people, uploads; a forum space); content types and
    permissions changed too, or not."""
    build_course()
    Space.objects.create(kind="workshop", name="Taller", slug="taller")
    if content_types:
        stale = ContentType.objects.create(app_label="gone", model="gone")
        Permission.objects.create(content_type=stale, codename="gone", name="Gone")
        Permission.objects.filter(codename="add_user").delete()
    assert len(flush.tables_with_rows(connection)) > 20


def _state():
    """Which tables hold rows, and the content types and permissions by name."""
    return (
        sorted(flush.tables_with_rows(connection)),
        sorted(ContentType.objects.values_list("app_label", "model")),
        sorted(Permission.objects.values_list("content_type__app_label", "codename", "name")),
    )


def _djangos_flush():
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False)


def test_the_teardown_leaves_the_database_as_djangos_flush_does():
    _write_rows(content_types=True)
    _djangos_flush()
    after_django = _state()
    assert after_django[0] == ["auth_permission", "django_content_type"]

    for content_types in (True, False, False, True):
        _write_rows(content_types=content_types)
        assert flush.empty_database("default")
        assert _state() == after_django


def test_content_types_and_permissions_are_kept_only_when_untouched():
    # post_migrate writes nothing but these two tables: a receiver added that
    # writes others would need the signal sent after every test again.
    receivers = {
        receiver.__name__
        for app_config in apps.get_app_configs()
        for receiver in post_migrate._live_receivers(app_config)[0]
    }
    assert sorted(receivers) == [
        "connect_reference_index_signal_handlers",
        "create_contenttypes",
        "create_extra_permissions",
        "create_permissions",
    ]
    assert flush.empty_database("default")
    made = sorted(ContentType.objects.values_list("pk", flat=True))
    _write_rows(content_types=False)
    assert flush.empty_database("default")
    assert sorted(ContentType.objects.values_list("pk", flat=True)) == made  # kept
    _write_rows(content_types=True)
    assert flush.empty_database("default")
    assert not set(ContentType.objects.values_list("pk", flat=True)) & set(made)  # made again
