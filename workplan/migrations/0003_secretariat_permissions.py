"""Deployments whose secretariat group was made before the work plan existed lack its
admin permissions: ensure the group once here (lms.services.people.
secretariat_group_refresh says how and why)."""

from django.db import migrations


def ensure_secretariat_group(apps, schema_editor):
    from lms.services.people import secretariat_group_refresh

    secretariat_group_refresh()


class Migration(migrations.Migration):
    dependencies = [
        ("workplan", "0002_action_amount_checks_and_change_reason"),
        ("lms", "0014_certificate_archives"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(ensure_secretariat_group, migrations.RunPython.noop)]
