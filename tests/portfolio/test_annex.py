"""The record of Annex I (type of record, end date, financed or not, resources,
information source), the Annex II contact, and the technical-cooperation projects
of international organisations recorded next to the ministries' programmes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from courses.models import Theme
from lms.choices import Role
from portfolio import selectors, services
from portfolio.models import Programme
from tests.factories import ProfileFactory, UserFactory
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db

PROJECT = {
    "name": "Proyecto OIT de inspección agrícola",
    "record_type": "project",
    "institution": "Oficina de la OIT",
    "contact_name": "Lucía Fernández",
    "contact_position": "Coordinadora del proyecto",
    "contact_email": "lucia@example.org",
    "contact_phone": "+506 2000 0000",
    "contact_address": "Apartado 0000, San José",
    "category": "osh",
    "needs": "Pocos inspectores en zonas rurales.",
    "description": "Forma **inspectores** en riesgos agrícolas.",
    "objectives": "- 200 inspectores formados",
    "target_population": "Inspectores",
    "start_date": "2024-02-01",
    "end_date": "2027-01-31",
    "financed": "true",
    "human_resources": "Una coordinadora y dos especialistas.",
    "funding": "Contribución de un donante bilateral.",
    "in_kind": "Locales de capacitación de los ministerios.",
    "information_source": "Informe anual del proyecto (2025)",
    "consent_publish": "on",
    "language": "es",
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _focal(country):
    user = UserFactory(full_name=f"Focal {country}", roles=[Role.PARTICIPANT, Role.FOCAL_POINT])
    ProfileFactory(user=user, country=country)
    return user


def _theme(code="labour-inspection"):
    return Theme.objects.get(code=code)


def _record(actor, *, name, organisation="", country="", record_type="programme", publish=None):
    texts = ("institution", "contact_name", "contact_email", "category", "needs")
    texts += ("description", "objectives", "target_population", "language")
    programme = services.programme_save(
        actor=actor,
        data={
            **{key: PROJECT[key] for key in texts},
            "name": name,
            "record_type": record_type,
            "consent_publish": True,
        },
        themes=[_theme()],
        targets=["officials"],
        submit=True,
        organisation=organisation,
        country=country,
    )
    if publish:
        services.programme_review(actor=publish, programme=programme, action="approve")
    return programme


def test_the_secretariat_records_an_ilo_project_through_the_annex_form(client, secretariat):
    mfa_force_login(client, secretariat)
    response = client.post(
        reverse("portfolio:programme_new"),
        {
            **PROJECT,
            "organisation": "ilo",
            "country": "",
            "themes": [_theme().pk, _theme("information-dissemination").pk],
            "targets": ["officials", "rural"],
            "submit": "review",
        },
    )
    assert response.status_code == 302
    project = Programme.objects.get()
    assert (project.organisation, project.country, project.status) == ("ilo", "", "submitted")
    assert project.record_type == "project" and project.financed is True
    assert project.end_date == datetime.date(2027, 1, 31)
    assert project.owner == "International Labour Organization (ILO)"
    services.programme_review(actor=secretariat, programme=project, action="approve")

    page = client.get(f"/en/portfolio/{project.pk}/").content.decode()
    for shown in (
        "Technical-cooperation project",
        "International Labour Organization (ILO)",
        "End date",
        "Financed",
        "Human resources",
        "Financial resources",
        "Non-financial resources",
        "Information source:",
        "Informe anual del proyecto (2025)",
        "Coordinadora del proyecto",
        'href="tel:+50620000000"',
        "Apartado 0000, San José",
    ):
        assert shown in page, shown
    # The telephone and address are for the network's members, like the e-mail.
    client.logout()
    anonymous = client.get(f"/en/portfolio/{project.pk}/").content.decode()
    assert "Coordinadora del proyecto" in anonymous and "+506 2000 0000" not in anonymous


def test_the_secretariat_names_a_ministry_or_an_organisation(client, secretariat):
    mfa_force_login(client, secretariat)
    response = client.post(
        reverse("portfolio:programme_new"), {"name": "Sin dueño", "submit": "draft"}
    )
    assert response.status_code == 200
    assert "Choose the ministry&#x27;s country or an organisation." in response.content.decode()
    assert not Programme.objects.exists()
    with pytest.raises(ValidationError):
        services.programme_save(
            actor=secretariat, data={"name": "x"}, themes=[], targets=[], organisation="nasa"
        )


def test_a_focal_point_records_only_its_ministrys_programmes(client):
    peru = _focal("PE")
    client.force_login(peru)
    form = client.get(reverse("portfolio:programme_new")).context["form"]
    assert "organisation" not in form.fields and "country" not in form.fields
    for name in ("contact_position", "contact_phone", "contact_address", "record_type"):
        assert name in form.fields
    programme = services.programme_save(
        actor=peru, data={"name": "Mío"}, themes=[], targets=[], organisation="ilo"
    )
    assert (programme.organisation, programme.country) == ("", "PE")


def test_an_organisations_project_is_edited_by_the_secretariat_only(secretariat):
    costa_rica = _focal("CR")
    project = _record(secretariat, name="Proyecto", organisation="ilo", country="CR")
    assert project.country == "CR"  # where it runs
    assert not selectors.can_edit(user=costa_rica, programme=project)
    assert selectors.can_edit(user=secretariat, programme=project)
    assert costa_rica not in selectors.editors_of(project)
    assert list(selectors.editors_of(project)) == [secretariat]
    ministry = _record(costa_rica, name="Del ministerio")
    assert selectors.can_edit(user=costa_rica, programme=ministry)
    assert costa_rica in selectors.editors_of(ministry)


def test_the_listing_filters_by_owner_and_type_of_record(client, secretariat):
    peru = _focal("PE")
    _record(peru, name="Política peruana", record_type="policy", publish=secretariat)
    _record(
        secretariat,
        name="Proyecto OIT",
        organisation="ilo",
        record_type="project",
        publish=secretariat,
    )
    _record(
        secretariat,
        name="Proyecto OEA",
        organisation="oas",
        record_type="project",
        publish=secretariat,
    )

    def found(**filters):
        return sorted(p.name for p in selectors.search(selectors.Filters(**filters)))

    assert found(owner=selectors.MINISTRIES) == ["Política peruana"]
    assert found(owner=selectors.ORGANISATIONS) == ["Proyecto OEA", "Proyecto OIT"]
    assert found(owner="ilo") == ["Proyecto OIT"]
    assert found(record_type="policy") == ["Política peruana"]
    assert found(record_type="project", owner="oas") == ["Proyecto OEA"]
    page = client.get("/en/portfolio/?owner=ilo").content.decode()
    assert "Proyecto OIT" in page and "Proyecto OEA" not in page
    assert "International Labour Organization (ILO)" in page
    assert 'name="owner"' in page and 'name="record_type"' in page


def test_the_table_counts_ministries_and_organisations_apart(
    client, secretariat, django_assert_max_num_queries
):
    peru = _focal("PE")
    _record(peru, name="Del Perú", publish=secretariat)
    _record(secretariat, name="Proyecto OIT", organisation="ilo", publish=secretariat)
    _record(secretariat, name="Borrador OIT", organisation="ilo")  # not published
    rows = {row.area.code: row for row in selectors.table()}
    cell = next(c for c in rows["labour"].themes if c.theme.code == "labour-inspection")
    assert (cell.total, cell.ministries, cell.organisations) == (2, 1, 1)
    assert rows["labour"].total == 2
    with django_assert_max_num_queries(8):
        page = client.get("/en/portfolio/table/").content.decode()
    theme = _theme().pk
    assert f'href="/en/portfolio/?theme={theme}&amp;owner=organisations"' in page
    assert f'href="/en/portfolio/?theme={theme}&amp;owner=ministries"' in page
    assert "Annex I" in page
    for n in range(10):
        _record(secretariat, name=f"Proyecto {n}", organisation="oas", publish=secretariat)
    with django_assert_max_num_queries(8):
        assert client.get("/en/portfolio/table/").status_code == 200


def test_the_review_lists_show_whose_record_it_is(client, secretariat):
    _record(secretariat, name="Proyecto OIT en revisión", organisation="ilo")
    mfa_force_login(client, secretariat)
    page = client.get("/en/portfolio/mine/").content.decode()
    assert "Proyecto OIT en revisión" in page
    assert "International Labour Organization (ILO)" in page
