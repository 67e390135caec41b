"""Deployments whose secretariat group was made before it could manage the priorities
questionnaires lack those admin permissions: ensured once here (with the current
service, on purpose: the permissions are those it lists today)."""

from django.db import migrations


def ensure_secretariat_group(apps, schema_editor):
    from lms.services.people import secretariat_group_refresh

    secretariat_group_refresh()


class Migration(migrations.Migration):
    # After the apps whose permissions the group holds (through the work plan's
    # same step, which follows lms, auth and Wagtail's).
    dependencies = [
        ("priorities", "0003_answers_protected"),
        ("workplan", "0003_secretariat_permissions"),
    ]

    operations = [migrations.RunPython(ensure_secretariat_group, migrations.RunPython.noop)]
