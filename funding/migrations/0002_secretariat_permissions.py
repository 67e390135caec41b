"""Deployments whose secretariat group was made before the funding directory existed
lack its admin permissions: ensure the group once here (lms.services.people.
secretariat_group_refresh says how and why)."""

from django.db import migrations


def ensure_secretariat_group(apps, schema_editor):
    from lms.services.people import secretariat_group_refresh

    secretariat_group_refresh()


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0001_initial"),
        ("workplan", "0003_secretariat_permissions"),
    ]

    operations = [migrations.RunPython(ensure_secretariat_group, migrations.RunPython.noop)]
