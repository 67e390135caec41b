"""Deployments whose secretariat group was made before the funding directory existed
lack its admin permissions: ensured once here (with the current service, on purpose:
the permissions are those it lists today)."""

from django.db import migrations


def ensure_secretariat_group(apps, schema_editor):
    from lms.services.people import secretariat_group_refresh

    secretariat_group_refresh()


class Migration(migrations.Migration):
    # After the apps whose permissions the group holds (through the work plan's
    # same step, which follows lms, auth and Wagtail's).
    dependencies = [
        ("funding", "0001_initial"),
        ("workplan", "0003_secretariat_permissions"),
        ("bodies", "0004_alter_seat_constituency"),
    ]

    operations = [migrations.RunPython(ensure_secretariat_group, migrations.RunPython.noop)]
