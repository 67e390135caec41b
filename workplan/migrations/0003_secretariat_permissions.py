"""Deployments whose secretariat group was made before the work plan existed lack its
admin permissions: ``lms.services.people`` grants them when it ensures the group, which
it does only on a role grant. Ensure the group once here, where it exists (a new
database has none: the first role grant makes it with everything).

It calls the current service with the current models on purpose (the permissions are
those the service lists today). Django creates permissions only after all migrations
ran, so the ones it grants are created first."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def ensure_secretariat_group(apps, schema_editor):
    from django.contrib.auth.models import Group

    from lms.services import secretariat_group_ensure
    from lms.services.people import SECRETARIAT_GROUP

    if not Group.objects.filter(name=SECRETARIAT_GROUP).exists():
        return
    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0)
    secretariat_group_ensure()


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
