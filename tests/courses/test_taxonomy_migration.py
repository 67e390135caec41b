"""The move to Annex I's table (courses/migrations/0005): records tagged as the
demo's were under the earlier table are moved to the annex's themes, and what
could not be mapped is listed for the secretariat."""

import pytest
from django.apps import apps as current_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from courses.models import Area, TaxonomyChange, Theme
from courses.retaxonomy import taxonomy_replace
from courses.taxonomy import AREAS, REPLACED
from forum.models import ExpertProfile
from library.models import Publication
from portfolio.models import Programme
from priorities.models import Answer, Choice, Questionnaire
from tests.demo.loaded import KEPT_THEMES
from tests.forum.expert_fixtures import make_expert

BEFORE = [("courses", "0004_cohort_schedule")]
ANNEX_CODES = {theme[0] for *_area, themes in AREAS for theme in themes}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def _themes(*codes):
    return list(Theme.objects.filter(code__in=codes))


def _codes(related):
    return set(related.values_list("code", flat=True))


def test_the_annex_keeps_the_codes_other_data_use_and_maps_every_earlier_theme():
    kept = KEPT_THEMES
    assert kept <= ANNEX_CODES
    assert set(REPLACED.values()) <= ANNEX_CODES
    assert not set(REPLACED) & ANNEX_CODES
    assert [code for code, *_rest in AREAS] == [
        "labour",
        "employment",
        "labour-relations",
        "social-security",
        "administration",
    ]
    for code, *names, themes in AREAS:
        assert all(names), code
        assert all(all(theme) for theme in themes), code


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_demo_records_and_lists_what_it_could_not_map(secretariat, capsys):
    # The database as it was before the migration: the earlier table, and records
    # tagged as the demo's were (demo/data as of the earlier table).
    TaxonomyChange.objects.all().delete()
    Theme.objects.all().delete()
    Area.objects.all().delete()
    # The rows below are written with today's models: going back must undo 0005 alone.
    plan = MigrationExecutor(connection).migration_plan(BEFORE)
    assert [(m.app_label, m.name) for m, _backwards in plan] == [
        ("courses", "0005_annex_i_taxonomy")
    ], "a migration now depends on courses 0005: write these rows with historical models"
    _migrate(BEFORE)
    assert Theme.objects.filter(code="digital-services").exists()
    assert not Theme.objects.filter(code="informatics").exists()
    # One the secretariat added in the admin: nothing in the annex says where it goes.
    platforms = Theme.objects.create(
        area=Area.objects.get(code="labour"),
        code="platform-work",
        name_es="Trabajo en plataformas",
        name_en="Platform work",
        name_pt="Trabalho em plataformas",
        name_fr="Travail de plateforme",
    )
    mobile = Programme.objects.create(name="Inspección digital móvil", country="AR")
    mobile.themes.set(_themes("labour-inspection", "digital-services", "formalisation"))
    microenterprises = Programme.objects.create(name="Formalización de microempresas", country="HN")
    microenterprises.themes.set(_themes("formalisation", "social-protection-floors", "msme"))
    observatory = Programme.objects.create(name="Observatório do mercado", country="BR")
    observatory.themes.set(
        _themes("labour-market-information", "labour-statistics", "studies-evaluation")
    )
    riders = Programme.objects.create(name="Repartidores en plataformas", country="CL")
    riders.themes.set([platforms, *_themes("working-conditions")])
    care = Publication.objects.create(title="Cuidados remunerados", kind="study", language="es")
    care.themes.set(_themes("gender-equality", "domestic-work"))
    patricia = make_expert(
        secretariat,
        "Patrícia Alves",
        ["violence-harassment", "gender-equality", "labour-inspection"],
    )
    questionnaire = Questionnaire.objects.create(
        title="Prioridades", period="2025-2027", opens_on="2025-01-01", closes_on="2025-02-01"
    )
    panama = Answer.objects.create(questionnaire=questionnaire, country="PA", status="submitted")
    old_choices = [
        "domestic-work",
        "dispute-resolution",
        "labour-inspection",
        "violence-harassment",
        "child-labour",
    ]
    for rank, code in enumerate(old_choices, 1):
        Choice.objects.create(answer=panama, theme=Theme.objects.get(code=code), rank=rank)

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert list(Area.objects.values_list("code", flat=True)) == [code for code, *_ in AREAS]
    assert set(Theme.objects.values_list("code", flat=True)) == ANNEX_CODES
    assert _codes(mobile.themes) == {"labour-inspection", "informatics", "employment-policy"}
    assert _codes(microenterprises.themes) == {"employment-policy", "social-protection-floors"}
    assert _codes(observatory.themes) == {"labour-statistics"}
    assert Theme.objects.get(code="labour-statistics").area.code == "administration"
    assert _codes(riders.themes) == {"working-conditions"}
    assert _codes(care.themes) == {"gender-programmes", "working-conditions"}
    profile = ExpertProfile.objects.get(user=patricia)
    assert _codes(profile.themes) == {
        "fundamental-rights",
        "gender-programmes",
        "labour-inspection",
    }
    # Two choices became the same theme: the answer names it once, the ranks stay.
    assert [(c.theme.code, c.rank) for c in panama.choices.select_related("theme")] == [
        ("working-conditions", 1),
        ("dispute-resolution", 2),
        ("labour-inspection", 3),
        ("fundamental-rights", 5),
    ]

    # What the secretariat reads (Snippets > Labour administration > Taxonomy changes).
    unmapped = TaxonomyChange.objects.get(outcome=TaxonomyChange.Outcome.UNMAPPED)
    assert unmapped.record_type == "portfolio.programme"
    assert unmapped.record_id == str(riders.pk)
    assert unmapped.record == "Repartidores en plataformas"
    assert unmapped.old_theme.startswith("platform-work (Trabajo en plataformas")
    assert unmapped.new_theme == ""
    moved = TaxonomyChange.objects.get(record_id=str(mobile.pk), old_theme__startswith="digital-")
    assert moved.outcome == TaxonomyChange.Outcome.MOVED
    assert moved.new_theme.startswith("informatics (Informática")
    merged = TaxonomyChange.objects.filter(outcome=TaxonomyChange.Outcome.MERGED)
    assert sorted((change.record_type, change.old_theme.split()[0]) for change in merged) == [
        ("portfolio.programme", "labour-market-information"),  # it had labour-statistics
        ("portfolio.programme", "msme"),  # formalisation came first (by code)
        ("portfolio.programme", "studies-evaluation"),
        ("priorities.choice", "violence-harassment"),
    ]
    assert TaxonomyChange.objects.filter(record_type="forum.expertprofile").count() == 2
    out = capsys.readouterr().out
    assert "1 not mapped" in out
    assert f"NOT MAPPED: portfolio.programme {riders.pk} «Repartidores en plataformas»" in out

    # Going back brings the earlier themes back, empty; forward again changes nothing more.
    _migrate(BEFORE)
    assert Theme.objects.filter(code="digital-services", programmes=None).exists()
    assert _codes(mobile.themes) == {"labour-inspection", "informatics", "employment-policy"}
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert set(Theme.objects.values_list("code", flat=True)) == ANNEX_CODES


@pytest.mark.django_db
def test_replacing_with_the_same_table_again_changes_nothing():
    before = list(Theme.objects.order_by("pk").values_list("pk", "code", "area__code"))
    summary = taxonomy_replace(current_apps, areas=AREAS, replaced=REPLACED)
    assert summary.removed_themes == [] and summary.unmapped == []
    assert list(Theme.objects.order_by("pk").values_list("pk", "code", "area__code")) == before
    assert not TaxonomyChange.objects.exists()


@pytest.mark.django_db
def test_the_secretariat_reads_the_changes_in_the_admin_and_nobody_writes_one(client, secretariat):
    from tests.mfa import mfa_force_login

    change = TaxonomyChange.objects.create(
        record_type="portfolio.programme",
        record_id="7",
        record="Repartidores en plataformas",
        old_theme="platform-work (Trabajo en plataformas / Platform work)",
        outcome=TaxonomyChange.Outcome.UNMAPPED,
    )
    mfa_force_login(client, secretariat)
    listing = client.get("/admin/snippets/courses/taxonomychange/?outcome=unmapped")
    assert listing.status_code == 200
    assert "Repartidores en plataformas" in listing.content.decode()
    inspect = client.get(f"/admin/snippets/courses/taxonomychange/inspect/{change.pk}/")
    assert inspect.status_code == 200 and "platform-work" in inspect.content.decode()
    assert client.get("/admin/snippets/courses/taxonomychange/add/").status_code in (302, 403)
    edit = client.get(f"/admin/snippets/courses/taxonomychange/edit/{change.pk}/")
    assert edit.status_code in (302, 403)
