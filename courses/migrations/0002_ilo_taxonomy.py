from django.db import migrations

from courses.taxonomy import AREAS


def load_taxonomy(apps, schema_editor):
    Area = apps.get_model("courses", "Area")
    Theme = apps.get_model("courses", "Theme")
    for area_order, (code, es, en, pt, fr, themes) in enumerate(AREAS):
        area, _created = Area.objects.get_or_create(
            code=code,
            defaults={"name_es": es, "name_en": en, "name_pt": pt, "name_fr": fr,
                      "sort_order": area_order},
        )
        for theme_order, (theme_code, t_es, t_en, t_pt, t_fr) in enumerate(themes):
            Theme.objects.get_or_create(
                code=theme_code,
                defaults={"area": area, "name_es": t_es, "name_en": t_en, "name_pt": t_pt,
                          "name_fr": t_fr, "sort_order": theme_order},
            )


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]

    operations = [migrations.RunPython(load_taxonomy, migrations.RunPython.noop)]
