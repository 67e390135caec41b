"""The portfolio of programmes: workflow permissions, review, translations, search
filters, the Table counts, interest, and the pages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from courses.models import Area, Theme
from lms.choices import Role
from lms.models import Notification
from portfolio import selectors, services
from portfolio.models import Programme, ProgrammeEvent, ProgrammeInterest
from tests.factories import ProfileFactory, UserFactory
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _focal(name, country):
    user = UserFactory(full_name=name, roles=[Role.PARTICIPANT, Role.FOCAL_POINT])
    ProfileFactory(user=user, country=country)
    return user


def _official(name, country):
    return ProfileFactory(user__full_name=name, country=country).user


COMPLETE = {
    "name": "Inspección móvil",
    "institution": "Ministerio de Trabajo del Perú",
    "contact_name": "Rosa Quispe",
    "contact_email": "rosa@example.org",
    "category": "labour_admin",
    "needs": "Llegar a zonas rurales.",
    "description": "Inspectores con **tabletas** recorren zonas rurales.",
    "objectives": "- Más inspecciones\n- Menos informalidad",
    "target_population": "Trabajadores rurales",
    "consent_publish": True,
    "language": "es",
}


@pytest.fixture
def people(secretariat):
    return {
        "secretariat": secretariat,
        "peru": _focal("Rosa Quispe", "PE"),
        "chile": _focal("Camila Fuentes", "CL"),
        "official_cl": _official("Funcionario Chileno", "CL"),
    }


def _programme(people, *, data=None, themes=("labour-inspection",), targets=("rural",), **kw):
    return services.programme_save(
        actor=people["peru"],
        data={**COMPLETE, **(data or {})},
        themes=Theme.objects.filter(code__in=themes),
        targets=list(targets),
        **kw,
    )


def _published(people, **kwargs):
    programme = _programme(people, submit=True, **kwargs)
    return services.programme_review(
        actor=people["secretariat"], programme=programme, action="approve"
    )


# --- Workflow and permissions ---------------------------------------------------------------


def test_a_draft_needs_only_a_name_and_belongs_to_the_focal_points_ministry(people):
    draft = services.programme_save(
        actor=people["peru"], data={"name": "Borrador"}, themes=[], targets=[]
    )
    assert draft.status == Programme.Status.DRAFT and draft.country == "PE"
    with pytest.raises(ValidationError) as error:
        services.programme_save(
            actor=people["peru"], programme=draft, data={}, themes=[], targets=[], submit=True
        )
    missing = set(error.value.message_dict)
    assert {"description", "objectives", "themes", "targets", "consent_publish"} <= missing
    draft.refresh_from_db()
    assert draft.status == Programme.Status.DRAFT  # nothing partial


def test_a_focal_point_edits_only_their_own_ministrys_programmes(people):
    programme = _programme(people)
    with pytest.raises(PermissionDenied):
        services.programme_save(
            actor=people["chile"], programme=programme, data={"name": "X"}, themes=[], targets=[]
        )
    with pytest.raises(PermissionDenied):
        services.programme_save(
            actor=people["official_cl"], data={"name": "X"}, themes=[], targets=[]
        )
    assert selectors.can_edit(user=people["peru"], programme=programme)
    assert not selectors.can_edit(user=people["chile"], programme=programme)
    assert selectors.can_edit(user=people["secretariat"], programme=programme)


def test_only_the_secretariat_publishes_and_each_step_is_recorded(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        programme = _programme(people, submit=True)
        assert programme.status == Programme.Status.SUBMITTED
        for actor in (people["peru"], people["chile"]):
            with pytest.raises(PermissionDenied):
                services.programme_review(actor=actor, programme=programme, action="approve")
        with pytest.raises(ValidationError):  # asking for changes needs a comment
            services.programme_review(
                actor=people["secretariat"], programme=programme, action="changes"
            )
        services.programme_review(
            actor=people["secretariat"],
            programme=programme,
            action="changes",
            comment="Añadan la evaluación.",
        )
        services.programme_save(
            actor=people["peru"],
            programme=Programme.objects.get(pk=programme.pk),
            data={"evaluations": "Evaluación externa 2024."},
            themes=Theme.objects.filter(code="labour-inspection"),
            targets=["rural"],
            submit=True,
        )
        published = services.programme_review(
            actor=people["secretariat"], programme=programme, action="approve"
        )
        assert published.is_published and published.published_at
    steps = list(
        ProgrammeEvent.objects.filter(programme=programme).values_list("action", "actor__full_name")
    )
    assert steps == [
        ("created", "Rosa Quispe"),
        ("submitted", "Rosa Quispe"),
        ("changes", people["secretariat"].full_name),
        ("submitted", "Rosa Quispe"),
        ("approved", people["secretariat"].full_name),
    ]
    assert Notification.objects.filter(user=people["peru"], kind="programme_reviewed").count() == 2
    assert Notification.objects.filter(user=people["secretariat"], kind="programme_review").exists()


def test_an_update_to_a_published_programme_stays_published_and_is_recorded(people):
    programme = _published(people)
    with pytest.raises(ValidationError):  # a published programme stays complete
        services.programme_save(
            actor=people["peru"],
            programme=programme,
            data={"description": ""},
            themes=Theme.objects.filter(code="labour-inspection"),
            targets=["rural"],
        )
    programme = Programme.objects.get(pk=programme.pk)
    services.programme_save(
        actor=people["peru"],
        programme=programme,
        data={"coverage": "Todo el país"},
        themes=Theme.objects.filter(code="labour-inspection"),
        targets=["rural"],
    )
    programme.refresh_from_db()
    assert programme.is_published and programme.coverage == "Todo el país"
    assert programme.events.last().action == "updated"


def test_unpublished_programmes_are_seen_by_their_editors_only(people, client):
    draft = _programme(people)
    url = reverse("portfolio:programme", kwargs={"pk": draft.pk})
    assert client.get(url).status_code == 404
    client.force_login(people["chile"])
    assert client.get(url).status_code == 404
    client.force_login(people["peru"])
    assert client.get(url).status_code == 200


# --- Translations ---------------------------------------------------------------------------


def test_translations_by_the_secretariat_show_in_the_readers_language(people, client):
    programme = _published(people)
    with pytest.raises(PermissionDenied):
        services.programme_translate(
            actor=people["peru"],
            programme=programme,
            language="en",
            name="x",
            needs="x",
            description="x",
            objectives="x",
        )
    with pytest.raises(ValidationError):
        services.programme_translate(
            actor=people["secretariat"],
            programme=programme,
            language="es",
            name="x",
            needs="x",
            description="x",
            objectives="x",
        )
    services.programme_translate(
        actor=people["secretariat"],
        programme=programme,
        language="en",
        name="Mobile inspection",
        needs="Reach rural areas.",
        description="Inspectors with **tablets** visit rural areas.",
        objectives="- More inspections",
    )
    with translation.override("en"):
        page = client.get(
            reverse("portfolio:programme", kwargs={"pk": programme.pk})
        ).content.decode()
    assert "Mobile inspection" in page and "<strong>tablets</strong>" in page
    with translation.override("es"):
        page = client.get(
            reverse("portfolio:programme", kwargs={"pk": programme.pk})
        ).content.decode()
    assert "Inspección móvil" in page and "<strong>tabletas</strong>" in page
    with translation.override("fr"):
        page = client.get(
            reverse("portfolio:programme", kwargs={"pk": programme.pk})
        ).content.decode()
    assert 'lang="es"' in page  # shown in its original language, marked as such


# --- Search and the Table -------------------------------------------------------------------


def test_search_filters_and_words(people):
    inspection = _published(people)
    gender = _published(
        people,
        data={"name": "Sello de igualdad", "category": "gender", "description": "Empresas."},
        themes=("gender-programmes", "fundamental-rights"),
        targets=("women",),
    )
    services.programme_translate(
        actor=people["secretariat"],
        programme=gender,
        language="en",
        name="Equality seal",
        needs="n",
        description="Companies certified.",
        objectives="o",
    )
    _programme(people, data={"name": "Borrador oculto"})  # a draft is never found

    def found(**filters):
        return [p.name for p in selectors.search(selectors.Filters(**filters))]

    assert sorted(found()) == ["Inspección móvil", "Sello de igualdad"]
    assert found(category="gender") == ["Sello de igualdad"]
    assert found(theme=Theme.objects.get(code="labour-inspection")) == ["Inspección móvil"]
    assert sorted(found(area=Area.objects.get(code="labour"))) == [
        "Inspección móvil",
        "Sello de igualdad",
    ]
    assert found(target="women") == ["Sello de igualdad"]
    assert found(language="en") == ["Sello de igualdad"]
    assert found(q="certified") == ["Sello de igualdad"]  # words in a translation
    assert found(q="TABLETAS rurales") == ["Inspección móvil"]
    assert found(q="inspeccion movil") == ["Inspección móvil"]  # accents do not matter
    assert found(country="CL") == []
    assert inspection.name == "Inspección móvil"


def test_the_table_counts_programmes_by_area_and_theme(people):
    _published(people, themes=("labour-inspection", "occupational-safety-health"))
    _published(people, data={"name": "Otro"}, themes=("labour-inspection", "pensions"))
    _programme(people, data={"name": "Borrador"}, themes=("labour-inspection",))
    rows = {row.area.code: row for row in selectors.table()}
    assert rows["labour"].total == 2  # two programmes, not three theme links
    counts = {cell.theme.code: cell.total for cell in rows["labour"].themes}
    assert counts["labour-inspection"] == 2 and counts["occupational-safety-health"] == 1
    assert rows["social-security"].total == 1
    assert rows["employment"].total == 0


def test_the_search_page_costs_the_same_for_many_programmes(
    people, client, django_assert_max_num_queries
):
    _published(people)
    url = reverse("portfolio:index") + "?area=1&target=rural&q=inspec"
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    for n in range(25):
        _published(people, data={"name": f"Inspección {n}"})
    # Warm: one search query (capped count and the page's ranked hits), the programmes,
    # their translations, themes and targets, and the session.
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.context["page"].paginator.count == 26


def test_table_and_search_pages(people, client):
    _published(people)
    theme = Theme.objects.get(code="labour-inspection")
    page = client.get(reverse("portfolio:table")).content.decode()
    link = f"{reverse('portfolio:index')}?theme={theme.pk}"
    assert f'href="{link}"' in page
    result = client.get(link).content.decode()
    assert "Inspección móvil" in result


# --- Interest and supply and demand ---------------------------------------------------------


def test_a_ministry_says_it_would_like_to_learn_from_a_programme(people, client):
    programme = _published(people)
    with pytest.raises(ValidationError):  # one's own ministry
        services.programme_interest_set(user=people["peru"], programme=programme, interested=True)
    with pytest.raises(PermissionDenied):  # its focal points speak for a ministry
        services.programme_interest_set(
            user=people["official_cl"], programme=programme, interested=True
        )
    for _twice in range(2):
        services.programme_interest_set(user=people["chile"], programme=programme, interested=True)
    assert ProgrammeInterest.objects.filter(programme=programme).count() == 1  # one ministry
    rows, by_category = selectors.supply_and_demand()
    assert [(row.programme.pk, row.countries) for row in rows] == [(programme.pk, ["Chile"])]
    assert {str(label): (offer, ask) for label, offer, ask in by_category}[
        "Strengthening of labour administration"
    ] == (1, 1)
    client.force_login(people["chile"])
    assert client.get(reverse("portfolio:supply_demand")).status_code == 403
    mfa_force_login(client, people["secretariat"])
    assert "Chile" in client.get(reverse("portfolio:supply_demand")).content.decode()


def test_the_form_saves_a_draft_then_sends_it_for_review(people, client):
    client.force_login(people["peru"])
    url = reverse("portfolio:programme_new")
    response = client.post(url, {"name": "Mi borrador", "language": "es", "submit": "draft"})
    programme = Programme.objects.get(name="Mi borrador")
    assert response.url == reverse("portfolio:programme", kwargs={"pk": programme.pk})
    assert programme.status == "draft"
    edit = reverse("portfolio:programme_edit", kwargs={"pk": programme.pk})
    response = client.post(edit, {"name": "Mi borrador", "language": "es", "submit": "review"})
    assert response.status_code == 200  # field errors, nothing sent
    assert response.context["form"].errors["description"]
    assert Programme.objects.get(pk=programme.pk).status == "draft"
    theme = Theme.objects.get(code="labour-inspection")
    response = client.post(
        edit,
        {
            **COMPLETE,
            "themes": [theme.pk],
            "targets": ["rural"],
            "submit": "review",
            "consent_publish": "on",
        },
    )
    assert response.status_code == 302
    assert Programme.objects.get(pk=programme.pk).status == "submitted"


def test_a_new_translation_is_searchable_at_once(people):
    programme = selectors.programme_for(user=people["secretariat"], pk=_published(people).pk)
    list(programme.translations.all())  # prefetched, as the page has it
    services.programme_translate(
        actor=people["secretariat"],
        programme=programme,
        language="en",
        name="Roving inspection",
        needs="n",
        description="d",
        objectives="o",
    )
    assert [p.pk for p in selectors.search(selectors.Filters(q="roving"))] == [programme.pk]


def test_review_decisions_follow_the_status(people):
    draft = _programme(people)
    for action in ("approve", "changes", "reject", "unpublish"):
        with pytest.raises(ValidationError):
            services.programme_review(
                actor=people["secretariat"], programme=draft, action=action, comment="x"
            )
    published = _published(people)
    with pytest.raises(ValidationError):  # a published one is unpublished, not rejected
        services.programme_review(
            actor=people["secretariat"], programme=published, action="reject", comment="x"
        )
    services.programme_review(
        actor=people["secretariat"], programme=published, action="unpublish", comment="Datos"
    )
    published.refresh_from_db()
    assert published.status == "changes" and published.published_at is None
    assert selectors.search(selectors.Filters()).filter(pk=published.pk).count() == 0


def test_saving_a_submitted_programme_as_draft_takes_it_out_of_review(people):
    programme = _programme(people, submit=True)
    services.programme_save(
        actor=people["peru"],
        programme=programme,
        data={"description": ""},
        themes=[],
        targets=[],
    )
    programme.refresh_from_db()
    assert programme.status == "draft"
    with pytest.raises(ValidationError):  # nothing incomplete is ever published
        services.programme_review(
            actor=people["secretariat"], programme=programme, action="approve"
        )


def test_a_stale_form_does_not_undo_a_review(people):
    programme = _programme(people, submit=True)
    stale = Programme.objects.get(pk=programme.pk)
    services.programme_review(actor=people["secretariat"], programme=programme, action="approve")
    services.programme_save(
        actor=people["peru"],
        programme=stale,
        data={"coverage": "Nacional"},
        themes=Theme.objects.filter(code="labour-inspection"),
        targets=["rural"],
    )
    programme.refresh_from_db()
    assert programme.is_published and programme.coverage == "Nacional"


def test_rejected_programmes_are_final_and_long_texts_refused(people):
    programme = _programme(people, submit=True)
    services.programme_review(
        actor=people["secretariat"], programme=programme, action="reject", comment="No aplica"
    )
    with pytest.raises(PermissionDenied):
        services.programme_save(
            actor=people["peru"],
            programme=programme,
            data={},
            themes=[],
            targets=[],
            submit=True,
        )
    with pytest.raises(ValidationError) as error:
        _programme(people, data={"description": "x" * 10_001})
    assert "description" in error.value.message_dict


def test_pages_refuse_other_ministries_and_keep_valid_filters(people, client):
    programme = _programme(people, submit=True)
    client.force_login(people["chile"])
    edit = reverse("portfolio:programme_edit", kwargs={"pk": programme.pk})
    assert client.post(edit, {"name": "Hackeado", "language": "es"}).status_code == 404
    review = reverse("portfolio:programme_review", kwargs={"pk": programme.pk})
    assert client.post(review, {"action": "approve"}).status_code == 404
    assert Programme.objects.get(pk=programme.pk).name == "Inspección móvil"
    services.programme_review(actor=people["secretariat"], programme=programme, action="approve")
    assert client.post(review, {"action": "unpublish", "comment": "x"}).status_code == 403
    assert Programme.objects.get(pk=programme.pk).is_published  # refused by the service
    translate = reverse("portfolio:programme_translate", kwargs={"pk": programme.pk})
    assert client.get(translate).status_code == 403
    response = client.get(reverse("portfolio:index") + "?q=tabletas&theme=99999")
    assert response.context["page"].paginator.count == 1


def test_notification_links_open_in_each_recipients_language(
    people, django_capture_on_commit_callbacks
):
    """The secretariat works in English: a programme a French-speaking focal point
    sends for review opens in English for them, whatever language the sender used."""
    from lms.models import Profile

    Profile.objects.filter(user=people["peru"]).update(preferred_language="fr")
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        programme = _programme(people, submit=True)
    told = Notification.objects.get(user=people["secretariat"], kind="programme_review")
    assert told.url.startswith("/en/")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.programme_review(
            actor=people["secretariat"], programme=programme, action="changes", comment="Más datos."
        )
    reviewed = Notification.objects.get(user=people["peru"], kind="programme_reviewed")
    assert reviewed.url.startswith("/fr/")
