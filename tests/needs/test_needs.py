"""Needs and technical assistance: a focal point states a need of their ministry; anyone
signed in browses; only the ministry's focal points and the secretariat change it; the
platform suggests programmes, experts and the open call (and other apps through the
``rial_need_suggestions`` hook); a suggestion becomes a proposal or a question in one
step and the need records it; the secretariat sees what nobody answered."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from wagtail import hooks

from cooperation.models import Call, Proposal
from courses.models import Theme
from forum.models import ExpertQuestion
from forum.models.experts import ExpertProfile
from lms.choices import Role
from needs import selectors, services
from needs.models import Need, Outcome
from needs.suggestions import HOOK, Suggestion, suggestions_for
from portfolio import services as portfolio_services
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


def _theme(code="labour-inspection"):
    return Theme.objects.get(code=code)


def _need(actor, **fields):
    values = {
        "theme": _theme(),
        "title": "Inspección en zonas rurales",
        "description": "Necesitamos **inspectores** móviles.",
        "urgency": "high",
        "help_kinds": ["expert_visit", "training"],
        **fields,
    }
    return services.need_create(actor=actor, **values)


def _expert(name, country="BR", theme="labour-inspection", **profile):
    user = ProfileFactory(user__full_name=name, country=country, institution="Universidad").user
    expert = ExpertProfile.objects.create(user=user, **profile)
    expert.themes.add(_theme(theme))
    return user


def _programme(author, name="Inspección móvil", theme="labour-inspection", secretariat=None):
    programme = portfolio_services.programme_save(
        actor=author,
        data={
            "name": name,
            "institution": "Ministerio",
            "contact_name": "Rosa",
            "contact_email": "rosa@example.org",
            "category": "labour_admin",
            "needs": "-",
            "description": "Inspectores con tabletas.",
            "objectives": "- Más inspecciones",
            "target_population": "Rural",
            "consent_publish": True,
            "language": "es",
        },
        themes=Theme.objects.filter(code=theme),
        targets=["rural"],
        submit=True,
    )
    return portfolio_services.programme_review(
        actor=secretariat, programme=programme, action="approve"
    )


@pytest.fixture
def call(db):
    today = timezone.localdate()
    return Call.objects.create(
        year=today.year,
        title="Convocatoria de cooperación",
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=30),
        rules_es="- Reglas",
    )


@pytest.fixture
def people(secretariat):
    return {
        "secretariat": secretariat,
        "haiti": _focal("Jean Pierre", "HT"),
        "haiti2": _focal("Marie Joseph", "HT"),
        "peru": _focal("Rosa Quispe", "PE"),
        "official": ProfileFactory(user__full_name="Funcionario", country="HT").user,
    }


def url(name, **kwargs):
    return reverse(f"needs:{name}", kwargs=kwargs)


# --- Services: who states, edits, closes ---------------------------------------------------


def test_a_focal_point_states_a_need_of_their_own_ministry(people):
    need = _need(people["haiti"], country="PE")  # the country is theirs, whatever is sent
    assert need.country == "HT" and need.status == Need.Status.OPEN
    assert need.created_by == people["haiti"]
    assert need.help_codes == ["expert_visit", "training"]
    assert "<strong>inspectores</strong>" in need.description_html
    by_secretariat = _need(people["secretariat"], country="PE")
    assert by_secretariat.country == "PE"


def test_others_do_not_state_needs_and_bad_input_saves_nothing(people):
    with pytest.raises(PermissionDenied):
        _need(people["official"])
    with pytest.raises(ValidationError) as error:
        _need(people["haiti"], title=" ", description="", urgency="x", help_kinds=["x"])
    assert {"title", "description", "urgency", "help_kinds"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        _need(people["secretariat"], country="")
    assert "country" in error.value.message_dict
    assert not Need.objects.exists()


def test_only_the_ministrys_focal_points_and_the_secretariat_edit_and_close(people):
    need = _need(people["haiti"])
    fields = {
        "theme": _theme("skills-training"),
        "title": "Formación de inspectores",
        "description": "Un curso.",
        "urgency": "low",
        "help_kinds": ["study"],
    }
    for outsider in (people["peru"], people["official"]):
        with pytest.raises(PermissionDenied):
            services.need_update(actor=outsider, need=need, **fields)
        with pytest.raises(PermissionDenied):
            services.need_close(actor=outsider, need=need)
    need = services.need_update(actor=people["haiti2"], need=need, **fields)
    need.refresh_from_db()
    assert need.title == "Formación de inspectores" and need.help_kinds == "study"
    need = services.need_close(actor=people["secretariat"], need=need)
    assert need.status == Need.Status.CLOSED and need.closed_at
    need = services.need_reopen(actor=people["haiti"], need=need)
    assert need.status == Need.Status.OPEN and need.closed_at is None


def test_the_secretariat_marks_a_need_answered_and_reopening_keeps_it_answered(people):
    need = _need(people["haiti"])
    with pytest.raises(PermissionDenied):
        services.need_mark_answered(actor=people["haiti"], need=need, note="x")
    outcome = services.need_mark_answered(
        actor=people["secretariat"], need=need, note="Taller de Bogotá"
    )
    need.refresh_from_db()
    assert outcome.kind == Outcome.Kind.SECRETARIAT and outcome.note == "Taller de Bogotá"
    assert need.status == Need.Status.ANSWERED and need.answered_at
    services.need_close(actor=people["haiti"], need=need)
    with pytest.raises(ValidationError):
        services.need_mark_answered(actor=people["secretariat"], need=need)
    assert services.need_reopen(actor=people["haiti"], need=need).status == "answered"


# --- Selectors -------------------------------------------------------------------------------


def test_everyone_signed_in_browses_and_the_waiting_are_oldest_first(people, client):
    old = _need(people["haiti"], title="Antigua")
    Need.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    new = _need(people["peru"], title="Nueva")
    answered = _need(people["peru"], title="Respondida")
    services.need_mark_answered(actor=people["secretariat"], need=answered)
    official = people["official"]
    assert list(selectors.needs_for(user=official)) == [answered, new, old]
    waiting = selectors.needs_for(user=official, filters=selectors.Filters(status="open"))
    assert list(waiting) == [old, new]
    assert list(selectors.waiting(older_than_days=14)) == [old]
    peru = selectors.needs_for(user=official, filters=selectors.Filters(country="PE"))
    assert set(peru) == {new, answered}
    # Visitors see none: not the list, not a need.
    response = client.get(url("index"))
    assert response.status_code == 302
    assert client.get(url("need", pk=old.pk)).status_code == 302
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.needs_for(user=AnonymousUser()).exists()
    assert selectors.need_for(user=AnonymousUser(), pk=old.pk) is None


def test_the_list_costs_the_same_for_many_needs(people, client, django_assert_max_num_queries):
    client.force_login(people["official"])
    _need(people["haiti"])
    with django_assert_max_num_queries(14):
        assert client.get(url("index") + "?status=open").status_code == 200
    for n in range(30):
        _need(people["peru"] if n % 2 else people["haiti"], title=f"Necesidad {n}")
    with django_assert_max_num_queries(14) as captured:
        response = client.get(url("index") + "?status=open")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 31
    assert "Necesidad 29" not in response.content.decode()  # oldest first, paginated
    assert len(captured.captured_queries) <= 14


# --- Views and permissions -------------------------------------------------------------------


def test_the_pages_show_the_need_and_only_editors_get_the_buttons(people, client):
    need = _need(people["haiti"])
    client.force_login(people["official"])
    page = client.get(url("need", pk=need.pk)).content.decode()
    assert "Inspección en zonas rurales" in page and "<strong>inspectores</strong>" in page
    assert url("edit", pk=need.pk) not in page
    assert client.get(url("edit", pk=need.pk)).status_code == 403
    assert client.get(url("new")).status_code == 403
    response = client.post(url("action", pk=need.pk), {"action": "close"})
    need.refresh_from_db()
    assert response.status_code == 302 and need.status == Need.Status.OPEN

    client.force_login(people["haiti2"])
    page = client.get(url("need", pk=need.pk)).content.decode()
    assert url("edit", pk=need.pk) in page
    client.post(url("action", pk=need.pk), {"action": "close"})
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED


def test_a_focal_point_states_and_edits_a_need_through_the_form(people, client):
    client.force_login(people["haiti"])
    data = {
        "theme": _theme("youth-employment").pk,
        "title": "Empleo juvenil en zonas urbanas",
        "description": "Queremos *aprender*.",
        "urgency": "medium",
        "help_kinds": ["exchange", "study"],
    }
    response = client.post(url("new"), data)
    need = Need.objects.get()
    assert response.url == url("need", pk=need.pk)
    assert need.country == "HT" and need.help_codes == ["exchange", "study"]
    response = client.post(url("edit", pk=need.pk), {**data, "title": "Otro título"})
    need.refresh_from_db()
    assert need.title == "Otro título"
    bad = client.post(url("new"), {**data, "help_kinds": []})
    assert bad.status_code == 200 and Need.objects.count() == 1


def test_the_secretariat_states_for_a_ministry_and_marks_answered(people, client):
    mfa_force_login(client, people["secretariat"])
    client.post(
        url("new"),
        {
            "country": "JM",
            "theme": _theme("labour-migration").pk,
            "title": "Migración laboral",
            "description": "Acuerdos bilaterales.",
            "urgency": "low",
            "help_kinds": ["study"],
        },
    )
    need = Need.objects.get()
    assert need.country == "JM"
    page = client.get(url("need", pk=need.pk)).content.decode()
    assert "Mark as answered" in page
    client.post(url("action", pk=need.pk), {"action": "answered", "note": "Taller 2026"})
    need.refresh_from_db()
    assert need.status == Need.Status.ANSWERED
    assert "Taller 2026" in client.get(url("need", pk=need.pk)).content.decode()


# --- Suggestions -----------------------------------------------------------------------------


def test_suggestions_programmes_experts_and_the_open_call(people, call):
    peru = people["peru"]
    programme = _programme(peru, secretariat=people["secretariat"])
    _programme(peru, name="Otro tema", theme="skills-training", secretariat=people["secretariat"])
    own = _programme(people["haiti"], name="Propio", secretariat=people["secretariat"])
    ana = _expert("Ana Experta")
    _expert("Bea Experta", theme="labour-inspection")
    _expert("Silent Expert", accepts_questions=False)
    _expert("Otro Experto", theme="skills-training")
    need = _need(people["haiti"])

    found = suggestions_for(need=need, user=people["haiti"])
    kinds = {item.kind for item in found}
    assert {"programme", "expert", "call"} <= kinds
    programmes = [item for item in found if item.kind == "programme"]
    assert [item.title for item in programmes] == ["Inspección móvil"]  # not their own
    assert own.pk not in [p.pk for p in [programme]]
    assert programmes[0].action_url.endswith(f"?programme={programme.pk}")
    experts = {item.title: item for item in found if item.kind == "expert"}
    assert "Otro Experto" not in experts
    assert experts["Ana Experta"].action_url.endswith(f"?expert={ana.pk}")
    assert experts["Silent Expert"].action_url is None  # listed, takes no questions
    assert experts["Every expert of Labour inspection"].action_url == url("ask", pk=need.pk)
    [open_call] = [item for item in found if item.kind == "call"]
    assert open_call.title == call.title and open_call.action_url == url("propose", pk=need.pk)

    # Others see the same suggestions without the one-step actions.
    for item in suggestions_for(need=need, user=people["official"]):
        assert item.action_url is None and item.action_label is None


def test_no_call_open_no_proposal_action(people):
    _programme(people["peru"], secretariat=people["secretariat"])
    need = _need(people["haiti"])
    found = suggestions_for(need=need, user=people["haiti"])
    assert not [item for item in found if item.kind == "call"]
    assert all(item.action_url is None for item in found if item.kind == "programme")


def test_another_app_adds_suggestions_through_the_hook_and_a_failing_one_is_left_out(people):
    need = _need(people["haiti"])

    def funding(need, user):
        return [Suggestion("funding", "Funding", f"Fund for {need.theme.code}", "/f/")]

    def broken(need, user):
        raise RuntimeError("down")

    with hooks.register_temporarily(HOOK, funding), hooks.register_temporarily(HOOK, broken):
        found = suggestions_for(need=need, user=people["haiti"])
    assert [item.title for item in found if item.kind == "funding"] == [
        "Fund for labour-inspection"
    ]


def test_the_need_page_shows_the_suggestions_in_bounded_queries(
    people, call, client, django_assert_max_num_queries
):
    for n in range(8):
        _programme(people["peru"], name=f"Programa {n}", secretariat=people["secretariat"])
        _expert(f"Experta {n}")
    need = _need(people["haiti"])
    client.force_login(people["haiti"])
    with django_assert_max_num_queries(30):
        page = client.get(url("need", pk=need.pk)).content.decode()
    assert page.count("Propose a cooperation activity on it") == 5  # PER_KIND
    assert page.count("Ask this expert") == 5


# --- One step: a proposal, a question ------------------------------------------------------


def test_a_suggested_programme_becomes_a_proposal_in_one_step(people, call, client):
    programme = _programme(people["peru"], secretariat=people["secretariat"])
    need = _need(people["haiti"])
    client.force_login(people["haiti"])
    form = client.get(url("propose", pk=need.pk) + f"?programme={programme.pk}").context["form"]
    assert form.initial["providing_country"] == "PE"
    assert form.initial["beneficiaries"] == ["HT"]
    assert form.initial["programme"] == programme
    assert form.initial["objectives"] == need.description
    assert form.initial["format"] == "expert"  # an expert visit is wanted
    data = {
        "providing_country": "PE",
        "beneficiaries": ["HT"],
        "topic": need.title,
        "themes": [need.theme.pk],
        "objectives": need.description,
        "format": "expert",
        "starts_on": "2027-03-01",
        "ends_on": "2027-03-05",
        "programme": programme.pk,
        "token": str(uuid.uuid4()),
    }
    response = client.post(url("propose", pk=need.pk), data)
    proposal = Proposal.objects.get()
    assert response.url == reverse("cooperation:proposal", kwargs={"pk": proposal.pk})
    assert proposal.programme == programme and proposal.submitted_by == people["haiti"]
    need.refresh_from_db()
    assert need.status == Need.Status.ANSWERED
    assert Outcome.objects.get(need=need).proposal == proposal
    client.post(url("propose", pk=need.pk), data)  # sent twice: one proposal, one outcome
    assert Proposal.objects.count() == 1 and Outcome.objects.count() == 1
    page = client.get(url("need", pk=need.pk)).content.decode()
    assert reverse("cooperation:proposal", kwargs={"pk": proposal.pk}) in page
    # Others read that a proposal answered it, not the ministries' private proposal.
    client.force_login(people["official"])
    page = client.get(url("need", pk=need.pk)).content.decode()
    assert "Cooperation proposal" in page
    assert reverse("cooperation:proposal", kwargs={"pk": proposal.pk}) not in page


def test_a_proposal_from_a_need_keeps_its_ministry_among_the_beneficiaries(people, call):
    need = _need(people["secretariat"], country="HT")
    with pytest.raises(ValidationError) as error:
        services.need_propose(
            actor=people["secretariat"],
            need=need,
            call=call,
            providing_country="PE",
            beneficiaries=["CL"],
            topic="x",
            themes=[need.theme],
            objectives="y",
            format="virtual",
            starts_on=datetime.date(2027, 3, 1),
            ends_on=datetime.date(2027, 3, 2),
        )
    assert "beneficiaries" in error.value.message_dict
    assert not Proposal.objects.exists() and not Outcome.objects.exists()


def test_others_cannot_act_on_a_need(people, call, client):
    need = _need(people["haiti"])
    client.force_login(people["peru"])
    assert client.get(url("propose", pk=need.pk)).status_code == 403
    assert client.get(url("ask", pk=need.pk)).status_code == 403
    services.need_close(actor=people["haiti"], need=need)
    client.force_login(people["haiti"])
    assert client.get(url("ask", pk=need.pk)).status_code == 403
    with pytest.raises(ValidationError):
        services.need_ask(actor=people["haiti"], need=need, title="t", body="b")


def test_a_suggested_expert_gets_a_question_in_one_step(
    people, client, django_capture_on_commit_callbacks
):
    ana = _expert("Ana Experta")
    need = _need(people["haiti"])
    client.force_login(people["haiti"])
    form = client.get(url("ask", pk=need.pk) + f"?expert={ana.pk}").context["form"]
    assert form.initial["expert"] == ana and form.initial["body"] == need.description
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("ask", pk=need.pk),
            {
                "expert": ana.pk,
                "theme": need.theme.pk,
                "title": need.title,
                "body": need.description,
                "token": str(uuid.uuid4()),
            },
        )
    question = ExpertQuestion.objects.get()
    assert response.url == reverse("forum:question", kwargs={"question_id": question.pk})
    assert question.expert == ana and question.asker == people["haiti"]
    need.refresh_from_db()
    assert need.status == Need.Status.ANSWERED
    assert Outcome.objects.get(need=need).question == question


def test_the_experts_of_the_theme_are_asked_when_no_expert_is_chosen(people):
    _expert("Ana Experta")
    _expert("Bea Experta")
    need = _need(people["haiti"])
    question = services.need_ask(actor=people["haiti"], need=need, title="¿Cómo?", body="Detalles.")
    assert question.theme == need.theme and question.expert is None
    assert question.space.memberships.filter(role="moderator").count() == 2


# --- The secretariat's dashboard and the portfolio -------------------------------------------


def test_the_secretariats_dashboard_counts_the_needs_waiting_for_weeks(people, client):
    need = _need(people["haiti"])
    mfa_force_login(client, people["secretariat"])
    dashboard = reverse("lms:dashboard")
    assert "waited more than" not in client.get(dashboard).content.decode()
    Need.objects.filter(pk=need.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=selectors.WAITING_DAYS + 1)
    )
    page = client.get(dashboard).content.decode()
    assert "1 need of a ministry has waited more than 14 days" in page
    assert f"{url('index')}?status=open" in page
    client.force_login(people["haiti"])
    assert "waited more than" not in client.get(dashboard).content.decode()


def test_the_table_shows_the_needs_beside_the_programmes_for_the_signed_in(people, client):
    _programme(people["peru"], secretariat=people["secretariat"])
    _need(people["haiti"])
    closed = _need(people["peru"])
    services.need_close(actor=people["peru"], need=closed)
    theme = _theme()
    link = f"{url('index')}?theme={theme.pk}"
    assert link not in client.get(reverse("portfolio:table")).content.decode()
    client.force_login(people["official"])
    response = client.get(reverse("portfolio:table"))
    assert "1 need stated on Labour inspection" in response.content.decode()
    assert f'href="{link}"' in response.content.decode()


def test_supply_and_demand_shows_the_needs_per_theme_beside_the_programmes(people, client):
    _programme(people["peru"], secretariat=people["secretariat"])
    _need(people["haiti"])
    answered = _need(people["peru"])
    services.need_mark_answered(actor=people["secretariat"], need=answered)
    _need(people["peru"], theme=_theme("social-dialogue"))
    rows = {row.theme.code: row for row in selectors.demand_by_theme()}
    inspection = rows["labour-inspection"]
    assert (inspection.needs, inspection.waiting, inspection.programmes) == (2, 1, 1)
    assert inspection.countries == ["Haiti", "Peru"]
    assert rows["social-dialogue"].programmes == 0
    mfa_force_login(client, people["secretariat"])
    page = client.get(reverse("portfolio:supply_demand")).content.decode()
    assert "Needs stated by the ministries, by theme" in page
    assert "Haiti, Peru" in page
