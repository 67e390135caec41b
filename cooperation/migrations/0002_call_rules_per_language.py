"""The rules of a call in each of the site's languages: the one text there was becomes
the Spanish one (the network's main language, and the field's default reading)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="call", old_name="rules", new_name="rules_es"),
        migrations.AlterField(
            model_name="call",
            name="rules_es",
            field=models.TextField(help_text="Markdown.", verbose_name="rules in Spanish"),
        ),
        migrations.AddField(
            model_name="call",
            name="rules_en",
            field=models.TextField(
                blank=True, help_text="Markdown.", verbose_name="rules in English"
            ),
        ),
        migrations.AddField(
            model_name="call",
            name="rules_pt",
            field=models.TextField(
                blank=True, help_text="Markdown.", verbose_name="rules in Portuguese"
            ),
        ),
        migrations.AddField(
            model_name="call",
            name="rules_fr",
            field=models.TextField(
                blank=True, help_text="Markdown.", verbose_name="rules in French"
            ),
        ),
    ]
