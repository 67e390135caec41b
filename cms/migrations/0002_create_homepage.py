"""Every installation starts with the four content locales and a Spanish home page.

Demo content (hero, highlights, translations) is filled in by ``load_demo``.
"""

import uuid

from django.db import migrations

LANGUAGES = ["es", "en", "pt", "fr"]


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")

    locales = {}
    for code in LANGUAGES:
        locales[code], _created = Locale.objects.get_or_create(language_code=code)

    if HomePage.objects.exists():
        return

    # Wagtail's own "Welcome to your new Wagtail site!" page and its Site.
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()

    home_type, _created = ContentType.objects.get_or_create(app_label="cms", model="homepage")
    root = Page.objects.get(depth=1)
    siblings = Page.objects.filter(depth=2).count()
    path = root.path + f"{siblings + 1:04d}"
    home = HomePage.objects.create(
        title="RIAL Campus",
        draft_title="RIAL Campus",
        slug="inicio",
        content_type=home_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/inicio/",
        locale=locales["es"],
        translation_key=uuid.uuid4(),
        live=True,
        hero_title="RIAL Campus",
        hero_intro="",
        hero_links=[],
        highlights=[],
        body=[],
    )
    Page.objects.filter(pk=root.pk).update(numchild=siblings + 1)
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="RIAL Campus",
        root_page_id=home.pk,
        is_default_site=True,
    )


def remove_homepage(apps, schema_editor):
    HomePage = apps.get_model("cms.HomePage")
    HomePage.objects.filter(depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
