"""Bilateral cooperation calls: proposals, confirmation, scoring, selection, results."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from cooperation import services
from cooperation.models import Beneficiary, Call, Proposal, Score
from courses.models import Theme
from lms.choices import Role
from tests.factories import ProfileFactory, UserFactory
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db


def _focal(name, country):
    user = UserFactory(full_name=name, roles=[Role.PARTICIPANT, Role.FOCAL_POINT])
    ProfileFactory(user=user, country=country)
    return user


@pytest.fixture
def call(db):
    today = timezone.localdate()
    return Call.objects.create(
        year=today.year,
        title="Convocatoria",
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=30),
        rules_es="- Reglas",
    )


def _data(**extra):
    return {
        "providing_country": "CL",
        "beneficiaries": ["HT"],
        "topic": "Inspección móvil",
        "themes": Theme.objects.filter(code="labour-inspection"),
        "objectives": "- Aprender",
        "format": "visit",
        "starts_on": datetime.date(2027, 3, 1),
        "ends_on": datetime.date(2027, 3, 5),
        **extra,
    }


def test_bad_proposals_get_field_errors_and_leave_nothing(call):
    haiti = _focal("Jean Pierre", "HT")
    with pytest.raises(ValidationError) as error:
        services.proposal_submit(
            user=haiti,
            call=call,
            **_data(
                beneficiaries=["CL"],
                topic=" ",
                themes=[],
                format="x",
                ends_on=datetime.date(2027, 2, 1),
            ),
        )
    assert {"beneficiaries", "topic", "themes", "format", "ends_on"} <= set(
        error.value.message_dict
    )
    assert not Proposal.objects.exists() and not Beneficiary.objects.exists()
    with pytest.raises(PermissionDenied):
        services.proposal_submit(user=ProfileFactory(country="HT").user, call=call, **_data())
    call.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        services.proposal_submit(user=haiti, call=call, **_data())


def test_a_proposal_goes_from_submission_to_results(call, secretariat):
    haiti, chile = _focal("Jean Pierre", "HT"), _focal("Camila", "CL")
    token = uuid.uuid4()
    proposal = services.proposal_submit(user=haiti, call=call, token=token, **_data())
    assert services.proposal_submit(user=haiti, call=call, token=token, **_data()) == proposal
    assert list(proposal.beneficiaries.values_list("country", flat=True)) == ["HT"]
    with pytest.raises(ValidationError):  # the provider has not confirmed
        services.proposal_score(actor=secretariat, proposal=proposal, scores={})
    with pytest.raises(PermissionDenied):  # only the providing ministry confirms
        services.proposal_confirm(user=haiti, proposal=proposal)
    proposal = services.proposal_confirm(user=chile, proposal=proposal)
    assert proposal.status == "confirmed" and proposal.confirmed_by == chile
    with pytest.raises(PermissionDenied):
        services.proposal_score(actor=chile, proposal=proposal, scores={})
    with pytest.raises(ValidationError) as error:
        services.proposal_score(
            actor=secretariat,
            proposal=proposal,
            scores={"relevance": 6, "opportunity": "x", "clarity": 3},
        )
    assert {"relevance", "opportunity", "commitment"} == set(error.value.message_dict)
    assert not Score.objects.exists()
    with pytest.raises(ValidationError):  # not scored yet
        services.proposal_select(actor=secretariat, proposal=proposal, selected=True)
    services.proposal_score(
        actor=secretariat,
        proposal=proposal,
        scores={"relevance": 5, "opportunity": 4, "clarity": 4, "commitment": 5},
    )
    assert Proposal.objects.get(pk=proposal.pk).total_score == 18
    proposal = services.proposal_select(actor=secretariat, proposal=proposal, selected=True)
    with pytest.raises(PermissionDenied):
        services.proposal_report(
            user=_focal("Otro", "MX"), proposal=proposal, results="x", kinds=[]
        )
    services.proposal_report(
        user=haiti, proposal=proposal, results="Nuevo protocolo.", kinds=["processes", "bad"]
    )
    proposal.refresh_from_db()
    assert proposal.results_kinds == "processes"


def test_pages(call, client, secretariat):
    haiti = _focal("Jean Pierre", "HT")
    with translation.override("es"):
        new, cooperation = reverse("cooperation:proposal_new"), reverse("cooperation:call")
    assert client.get(cooperation).status_code == 200
    client.force_login(ProfileFactory(country="PE").user)
    assert client.get(new).status_code == 403
    client.force_login(haiti)
    response = client.post(new, {"topic": ""})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Proposal.objects.exists()
    theme = Theme.objects.get(code="labour-inspection")
    response = client.post(
        new,
        {
            "providing_country": "CL",
            "beneficiaries": ["HT"],
            "topic": "Inspección",
            "themes": [theme.pk],
            "objectives": "- A",
            "format": "virtual",
            "starts_on": "2027-03-01",
            "ends_on": "2027-03-02",
            "token": str(uuid.uuid4()),
        },
    )
    proposal = Proposal.objects.get()
    assert response.url.endswith(f"/cooperation/proposals/{proposal.pk}/")
    client.force_login(ProfileFactory(country="PE").user)
    with translation.override("es"):
        page = reverse("cooperation:proposal", kwargs={"pk": proposal.pk})
    assert client.get(page).status_code == 404  # not selected: for the parties only
    mfa_force_login(client, secretariat)
    assert client.get(page).status_code == 200


def test_who_sees_and_decides_what(call, secretariat, client):
    chile_focal, haiti = _focal("Camila", "CL"), _focal("Jean Pierre", "HT")
    proposal = services.proposal_submit(user=chile_focal, call=call, **_data())
    with pytest.raises(PermissionDenied):  # another focal point of the provider confirms
        services.proposal_confirm(user=chile_focal, proposal=proposal)
    services.proposal_confirm(user=_focal("Otra chilena", "CL"), proposal=proposal)
    client.force_login(ProfileFactory(country="CL").user)  # not a focal point
    with translation.override("es"):
        listing = reverse("cooperation:proposals")
    assert "Inspección móvil" not in client.get(listing).content.decode()
    client.force_login(haiti)
    assert "Inspección móvil" in client.get(listing).content.decode()
    scores = {"relevance": 3, "opportunity": 3, "clarity": 3, "commitment": 3}
    services.proposal_score(actor=secretariat, proposal=proposal, scores=scores)
    services.proposal_select(actor=secretariat, proposal=proposal, selected=False)
    with pytest.raises(ValidationError):  # the decision is taken
        services.proposal_select(actor=secretariat, proposal=proposal, selected=True)
    with pytest.raises(ValidationError):
        services.proposal_score(actor=secretariat, proposal=proposal, scores=scores)


def test_the_open_call_is_the_current_one(call, client):
    Call.objects.create(
        year=call.year + 1,
        title="Futura",
        opens_on=call.closes_on + datetime.timedelta(days=90),
        closes_on=call.closes_on + datetime.timedelta(days=180),
        rules_es="-",
    )
    with translation.override("es"):
        page = client.get(reverse("cooperation:call")).content.decode()
    assert "Convocatoria" in page and "Futura" not in page
    bad = Call(
        year=2040,
        title="Mal",
        opens_on=datetime.date(2040, 5, 1),
        closes_on=datetime.date(2040, 1, 1),
        rules_es="-",
    )
    with pytest.raises(ValidationError):
        bad.full_clean()


def test_the_rules_are_shown_in_the_readers_language(call, client):
    call.rules_en = "- Rules in English"
    call.rules_pt = "- Regras em português"
    call.save()
    pages = {}
    for language in ("es", "en", "pt", "fr"):
        with translation.override(language):
            pages[language] = client.get(reverse("cooperation:call")).content.decode()
    assert "Reglas" in pages["es"] and "Rules in English" not in pages["es"]
    assert "Rules in English" in pages["en"] and "Reglas" not in pages["en"]
    assert "Regras em português" in pages["pt"]
    assert "Reglas" in pages["fr"]  # no French text: the Spanish one
    assert call.rules("fr") == "- Reglas"
    call.rules_es = ""
    assert call.rules("fr") == "- Rules in English"  # then the first written


def test_the_demo_gives_the_rules_in_the_four_languages(secretariat):
    from demo.cooperation import COOPERATION, ensure_cooperation

    Call.objects.create(
        year=COOPERATION["calls"][0]["year"],
        title="Cargada antes",
        opens_on=datetime.date(2025, 3, 1),
        closes_on=datetime.date(2025, 5, 31),
        rules_es="- Only one text",
    )
    ensure_cooperation()  # a demo loaded before: its call gets the four texts
    call = Call.objects.get()
    assert set(COOPERATION["rules"]) == {"es", "en", "pt", "fr"}
    for language, text in COOPERATION["rules"].items():
        assert call.rules(language) == text
    assert "Secretaría Técnica" in call.rules("es")
