"""Pilot projects: who registers, edits and sees them, milestones and their computed
status, following, the followers told of a change by the worker, documents, the list's
filters and its flat query count, and the section on the workshop's page."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Theme
from forum.models import ExpertProfile
from lms.choices import Role
from lms.models import Notification
from pilots import selectors, services
from pilots.models import Follow, Milestone, Origin, Pilot
from tests.factories import ProfileFactory, UserFactory
from tests.mfa import mfa_force_login
from tests.workplan.builders import make_event, make_proposal, make_publication

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"pilots:{name}", kwargs=kwargs)


def focal_point(country, **extra):
    user = UserFactory(roles=[Role.PARTICIPANT, Role.FOCAL_POINT], **extra)
    ProfileFactory(user=user, country=country, preferred_language="en")
    return user


def member(country="BR"):
    return ProfileFactory(country=country, preferred_language="en").user


def expert():
    user = member("CA")
    ExpertProfile.objects.create(user=user, headline="Conciliadora")
    return user


@pytest.fixture
def argentina(db):
    return focal_point("AR", full_name="Valeria Castro")


@pytest.fixture
def workshop(db):
    return make_event("bogota", days=-400)


def register(actor, workshop, *, title="Mesas tripartitas", partners=("CL",), **extra):
    fields = {
        "origin": Origin.WORKSHOP,
        "source": workshop,
        "title": title,
        "objective": "Instalar **dos mesas** <script>alert(1)</script>",
        "leading_country": "AR",
        "partners": list(partners),
        "experts": [],
        "theme": Theme.objects.get(code="social-dialogue"),
        "starts_on": datetime.date(2023, 3, 1),
        "currency": "usd",
        "funding_sought": Decimal("1000"),
        "funding_obtained": Decimal("400"),
        "funding_source": "OIT",
    }
    fields.update(extra)
    return services.pilot_create(actor=actor, **fields)


# --- registering -------------------------------------------------------------------------------


def test_a_focal_point_registers_a_pilot_of_her_ministry_from_a_workshop(argentina, workshop):
    helper = expert()
    pilot = register(argentina, workshop, partners=["CL", "PE", "AR"], experts=[helper])
    assert (pilot.origin, pilot.event, pilot.source) == ("workshop", workshop, workshop)
    assert sorted(p.country for p in pilot.partners.all()) == ["CL", "PE"]  # not the lead
    assert list(pilot.experts.all()) == [helper]
    assert pilot.currency == "USD" and pilot.funding_obtained == Decimal("400.00")
    assert "<strong>dos mesas</strong>" in pilot.objective_html
    assert "<script" not in pilot.objective_html


def test_the_same_form_sent_twice_makes_one_pilot(argentina, workshop):
    token = uuid.uuid4()
    assert register(argentina, workshop, token=token) == register(argentina, workshop, token=token)
    assert Pilot.objects.count() == 1


def test_who_registers_and_for_which_ministry(argentina, workshop, secretariat):
    with pytest.raises(PermissionDenied):
        register(member("AR"), workshop)
    with pytest.raises(ValidationError) as error:
        register(argentina, workshop, leading_country="CL")
    assert "leading_country" in error.value.message_dict
    # The secretariat registers for any ministry.
    assert register(secretariat, workshop, leading_country="CL").leading_country == "CL"


def test_a_pilot_comes_from_a_published_workshop_a_programme_or_a_selected_activity(
    argentina, workshop
):
    hidden = make_event("oculto", days=-10, published=False)
    with pytest.raises(ValidationError) as error:
        register(argentina, hidden)
    assert "origin" in error.value.message_dict
    pending = make_proposal("Pendiente", status="confirmed")
    with pytest.raises(ValidationError):
        register(argentina, pending, origin=Origin.COOPERATION)
    activity = make_proposal("Inspección móvil")
    pilot = register(argentina, activity, origin=Origin.COOPERATION)
    assert (pilot.proposal, pilot.event) == (activity, None)


def test_every_field_is_checked_before_anything_is_written(argentina, workshop):
    not_an_expert = member()
    with pytest.raises(ValidationError) as error:
        register(
            argentina,
            workshop,
            title=" ",
            objective="",
            currency="dollars",
            experts=[not_an_expert],
            ends_on=datetime.date(2022, 1, 1),
        )
    assert set(error.value.message_dict) >= {"title", "objective", "currency", "experts", "ends_on"}
    assert not Pilot.objects.exists()


# --- who edits, who sees -----------------------------------------------------------------------


def test_the_leading_ministry_and_the_secretariat_edit_partners_do_not(
    client, argentina, workshop, secretariat
):
    pilot = register(argentina, workshop)
    chile = focal_point("CL")
    assert selectors.can_edit(argentina, pilot) and selectors.can_edit(secretariat, pilot)
    assert not selectors.can_edit(chile, pilot) and not selectors.can_edit(member("AR"), pilot)
    with pytest.raises(PermissionDenied):
        services.milestone_add(actor=chile, pilot=pilot, title="Hito", due_on=TODAY())
    client.force_login(chile)
    assert client.get(url("edit", pk=pilot.pk)).status_code == 403
    response = client.post(url("milestone_add", pk=pilot.pk), {"milestone-title": "x"})
    assert response.status_code == 302 and not pilot.milestones.exists()
    client.force_login(argentina)
    assert client.get(url("edit", pk=pilot.pk)).status_code == 200
    mfa_force_login(client, secretariat)
    response = client.post(
        url("edit", pk=pilot.pk),
        {
            "title": "Mesas provinciales",
            "objective": "Nuevo objetivo",
            "leading_country": "AR",
            "partners": ["CL", "UY"],
            "theme": Theme.objects.get(code="collective-bargaining").pk,
            "starts_on": "2023-03-01",
            "currency": "USD",
            "funding_sought": "2000",
            "funding_obtained": "1500",
            "funding_source": "BID",
        },
    )
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert pilot.title == "Mesas provinciales" and pilot.funding_obtained == Decimal("1500")
    assert sorted(pilot.partners.values_list("country", flat=True)) == ["CL", "UY"]


def test_a_focal_point_cannot_hand_the_lead_to_another_ministry(argentina, workshop):
    pilot = register(argentina, workshop)
    with pytest.raises(ValidationError):
        services.pilot_update(
            actor=argentina,
            pilot=pilot,
            title=pilot.title,
            objective=pilot.objective,
            leading_country="CL",
            partners=[],
            theme=pilot.theme,
            starts_on=pilot.starts_on,
        )


def test_signed_in_members_see_pilots_visitors_do_not(client, argentina, workshop):
    pilot = register(argentina, workshop)
    for address in (url("index"), url("pilot", pk=pilot.pk)):
        response = client.get(address)
        assert response.status_code == 302 and "login" in response["Location"]
    assert selectors.pilot_for(user=AnonymousUser(), pk=pilot.pk) is None
    client.force_login(member())
    page = client.get(url("pilot", pk=pilot.pk)).content.decode()
    assert "Mesas tripartitas" in page and "<strong>dos mesas</strong>" in page
    assert "Edit the pilot" not in page and 'name="state"' not in page
    assert client.get(url("pilot", pk=pilot.pk + 100)).status_code == 404
    assert client.get(url("new")).status_code == 403  # members do not register


def test_the_registration_page_makes_a_pilot(client, argentina, workshop):
    client.force_login(argentina)
    page = client.get(url("new") + f"?origin=workshop:{workshop.pk}").content.decode()
    assert f'value="workshop:{workshop.pk}" selected' in page
    response = client.post(
        url("new"),
        {
            "origin": f"workshop:{workshop.pk}",
            "title": "Inspección conjunta",
            "objective": "Probar inspecciones **conjuntas**.",
            "leading_country": "AR",
            "partners": ["PE"],
            "theme": Theme.objects.get(code="labour-inspection").pk,
            "starts_on": "2024-01-10",
            "currency": "USD",
            "funding_sought": "0",
            "funding_obtained": "0",
            "token": str(uuid.uuid4()),
        },
    )
    pilot = Pilot.objects.get()
    assert response["Location"] == url("pilot", pk=pilot.pk)
    assert (pilot.event, pilot.created_by) == (workshop, argentina)


# --- milestones and status ---------------------------------------------------------------------


def test_a_milestone_is_late_when_its_date_passed_and_it_is_not_done(argentina, workshop):
    pilot = register(argentina, workshop)
    past = services.milestone_add(
        actor=argentina, pilot=pilot, title="Diagnóstico", due_on=TODAY() - datetime.timedelta(1)
    )
    coming = services.milestone_add(
        actor=argentina, pilot=pilot, title="Mesas", due_on=TODAY() + datetime.timedelta(9)
    )
    assert (past.status(), coming.status()) == (Milestone.LATE, "planned")

    def status():
        return selectors.status_of(selectors.pilot_for(user=argentina, pk=pilot.pk))

    assert status() == selectors.LATE
    services.milestone_set_state(actor=argentina, milestone=past, state="done")
    past.refresh_from_db()
    assert past.status() == "done" and past.done_on == TODAY()
    assert status() == selectors.IN_PROGRESS  # one done, one to come
    services.milestone_set_state(actor=argentina, milestone=coming, state="in_progress")
    assert status() == selectors.IN_PROGRESS
    services.milestone_set_state(actor=argentina, milestone=coming, state="done")
    assert status() == selectors.DONE
    with pytest.raises(ValidationError):
        services.milestone_set_state(actor=argentina, milestone=coming, state="late")


def test_the_list_filters_by_ministry_theme_origin_and_status(client, argentina, workshop):
    late = register(argentina, workshop, title="Atrasado", partners=["PE"])
    services.milestone_add(
        actor=argentina, pilot=late, title="Hito", due_on=TODAY() - datetime.timedelta(3)
    )
    register(
        argentina,
        workshop,
        title="Empleo juvenil",
        partners=["UY"],
        theme=Theme.objects.get(code="youth-employment"),
    )
    client.force_login(member())

    def titles(**query):
        response = client.get(url("index"), query)
        return sorted(pilot.title for pilot in response.context["page_obj"])

    assert titles() == ["Atrasado", "Empleo juvenil"]
    assert titles(country="PE") == ["Atrasado"]
    assert titles(country="AR") == ["Atrasado", "Empleo juvenil"]
    assert titles(theme=Theme.objects.get(code="youth-employment").pk) == ["Empleo juvenil"]
    assert titles(status="late") == ["Atrasado"]
    assert titles(status="planned") == ["Empleo juvenil"]
    assert titles(origin="programme") == []


def test_the_list_costs_the_same_for_3_and_30_pilots(
    client, argentina, workshop, django_assert_max_num_queries
):
    def add(n):
        pilot = register(argentina, workshop, title=f"Piloto {n}", partners=["CL", "PE"])
        services.milestone_add(actor=argentina, pilot=pilot, title="Hito", due_on=TODAY())

    for n in range(3):
        add(n)
    client.force_login(member())
    client.get(url("index"))  # the site's caches, read once
    with CaptureQueriesContext(connection) as few:
        client.get(url("index"))
    for n in range(3, 30):
        add(n)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url("index"))
    assert len(response.context["page_obj"]) == 20


# --- following and the followers told --------------------------------------------------------


def test_partners_follow_without_asking_others_choose(client, argentina, workshop):
    pilot = register(argentina, workshop, partners=["CL"])
    chile = focal_point("CL")
    brazil = focal_point("BR")
    gone = focal_point("CL", is_active=False)
    reader = member()
    assert set(selectors.followers(pilot)) == {argentina, chile}
    assert selectors.follows_as_partner(chile, pilot) and not selectors.follows_as_partner(
        brazil, pilot
    )
    client.force_login(reader)
    client.post(url("follow", pk=pilot.pk), {"action": "follow"})
    client.post(url("follow", pk=pilot.pk), {"action": "follow"})
    assert Follow.objects.filter(pilot=pilot, user=reader).count() == 1
    assert reader in set(selectors.followers(pilot)) and gone not in selectors.followers(pilot)
    assert "Stop following" in client.get(url("pilot", pk=pilot.pk)).content.decode()
    client.post(url("follow", pk=pilot.pk), {"action": "unfollow"})
    assert reader not in set(selectors.followers(pilot))


def test_a_milestone_changed_or_results_reported_are_told_to_the_followers(
    argentina, workshop, django_capture_on_commit_callbacks
):
    pilot = register(argentina, workshop, partners=["CL"])
    chile = focal_point("CL")
    reader = member()
    services.pilot_follow(user=reader, pilot=pilot)
    milestone = services.milestone_add(
        actor=argentina, pilot=pilot, title="Diagnóstico", due_on=TODAY()
    )
    with django_capture_on_commit_callbacks(execute=True):  # the worker tells them
        services.milestone_set_state(actor=argentina, milestone=milestone, state="done")
    told = Notification.objects.filter(kind="pilot_milestone")
    assert set(told.values_list("user_id", flat=True)) == {chile.pk, reader.pk}  # not the author
    notice = told.get(user=reader)
    assert notice.title == "Mesas tripartitas: the milestone “Diagnóstico” is now done"
    assert notice.url == url("pilot", pk=pilot.pk)  # in her language, English
    # Run again: nobody is told twice; the same status saved again tells nobody.
    assert services.milestone_changed_notify(milestone_id=milestone.pk, actor_id=argentina.pk) == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.milestone_set_state(actor=argentina, milestone=milestone, state="done")
    assert told.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        services.pilot_report_results(
            actor=argentina, pilot=pilot, results="Dos mesas **activas**."
        )
    results = Notification.objects.filter(kind="pilot_results")
    assert set(results.values_list("user_id", flat=True)) == {chile.pk, reader.pk}
    pilot.refresh_from_db()
    assert "<strong>activas</strong>" in pilot.results_html and pilot.results_at


def test_the_page_marks_a_milestone_done(
    client, argentina, workshop, django_capture_on_commit_callbacks
):
    pilot = register(argentina, workshop)
    milestone = services.milestone_add(actor=argentina, pilot=pilot, title="Mesas", due_on=TODAY())
    reader = member()
    services.pilot_follow(user=reader, pilot=pilot)
    client.force_login(argentina)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("milestone_state", pk=pilot.pk, milestone_id=milestone.pk),
            {"action": "state", "state": "done"},
        )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.state == "done"
    # Chile has no focal point yet; the author is not told of her own change.
    assert list(Notification.objects.values_list("user_id", "kind")) == [
        (reader.pk, "pilot_milestone")
    ]
    client.post(
        url("milestone_state", pk=pilot.pk, milestone_id=milestone.pk), {"action": "remove"}
    )
    assert not pilot.milestones.exists()


# --- documents ---------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_documents_link_the_documentation_centre_or_are_uploaded_privately(
    client, argentina, workshop
):
    pilot = register(argentina, workshop)
    guide = make_publication("Guía de mesas tripartitas")
    linked = services.document_add(actor=argentina, pilot=pilot, publication=guide)
    assert linked.title == "Guía de mesas tripartitas"
    with pytest.raises(ValidationError):
        services.document_add(
            actor=argentina,
            pilot=pilot,
            upload=SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream"),
        )
    client.force_login(argentina)
    response = client.post(
        url("document_add", pk=pilot.pk),
        {
            "document-title": "Reglamento",
            "document-file": SimpleUploadedFile("reglamento.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    uploaded = pilot.documents.get(title="Reglamento")
    address = url("document", pk=pilot.pk, document_id=uploaded.pk)
    client.logout()
    assert client.get(address).status_code == 302  # to sign in
    client.force_login(member())
    response = client.get(address)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Cache-Control"] == "private, no-cache"
    page = client.get(url("pilot", pk=pilot.pk)).content.decode()
    assert "Guía de mesas tripartitas" in page and address in page
    assert client.get(url("document", pk=pilot.pk, document_id=linked.pk)).status_code == 404


# --- the workshop's page -----------------------------------------------------------------------


def test_the_workshop_page_lists_its_pilots_for_members(client, argentina, workshop):
    register(argentina, workshop)
    with translation.override("en"):
        address = reverse("events:event", kwargs={"slug": workshop.slug})
    assert "Mesas tripartitas" not in client.get(address).content.decode()
    client.force_login(member())
    page = client.get(address).content.decode()
    assert "Pilot projects drawn from this workshop" in page and "Mesas tripartitas" in page
    assert "Register a pilot drawn from this workshop" not in page
    client.force_login(argentina)
    page = client.get(address).content.decode()
    assert f"/pilots/new/?origin=workshop:{workshop.pk}" in page
