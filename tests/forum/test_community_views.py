"""Community pages: who sees what (contact data for members only, as each chose),
joining and leaving through the pages, the roster export, events in their time zone
with documents, and pages that cost the same for more members."""

import datetime
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forum.models import JoinRequest, Space, SpaceEvent, SpaceEventDocument, SpaceMembership
from forum.services import communities as services
from tests.factories import ProfileFactory
from tests.forum import community_fixtures
from tests.forum.community_fixtures import (
    ALREADY_ASKED,
    LAST_COORDINATOR,
    PDF,
    an_event,
    contact_data,
    es,
    pdf,
    person,
    url,
)
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db
network = community_fixtures.network  # the fixture, shared by the community tests


def test_anonymous_people_are_sent_to_sign_in(client, network):
    for path in [
        url("communities"),
        url("community", slug="red-genero"),
        url("community_roster", slug="red-genero"),
        url("community_roster_csv", slug="red-genero"),
    ]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path


def test_outsiders_see_the_community_but_never_contact_data(client, network):
    event = an_event(network)
    document = services.space_event_document_add(
        actor=network["coordinator"], event=event, upload=pdf()
    )
    client.force_login(network["outsider"])
    response = client.get(url("community", slug="red-genero"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>igualdad de género</strong>" in page and "Economía del cuidado" in page
    assert "Valeria Castro" in page  # the steering committee is public
    assert es("Ask to join") in page
    for value in contact_data(network):
        assert value not in page, value
    assert url("community_document", document_id=document.pk) not in page
    assert url("community_roster", slug="red-genero") not in page
    for name in [
        "community_roster",
        "community_requests",
        "community_event_new",
        "community_roster_csv",
        "community_contact",
    ]:
        assert client.get(url(name, slug="red-genero")).status_code == 403, name
    event_page = client.get(url("community_event", slug="red-genero", event_id=event.pk))
    assert event_page.status_code == 200
    assert url("community_document", document_id=document.pk) not in event_page.content.decode()
    assert client.get(url("community_document", document_id=document.pk)).status_code == 403


def test_members_see_only_the_contact_fields_each_member_chose(client, network):
    client.force_login(network["hides"])
    response = client.get(url("community_roster", slug="red-genero"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Camila Fuentes Gómez" in page and "Beto Oculto Reservado" in page
    assert network["shows"].email in page and "+56 2 2753 0400" in page
    # The coordinator shows nothing; Beto hides everything (even from himself here).
    assert network["coordinator"].email not in page and "+54 11 4310 5000" not in page
    assert network["hides"].email not in page and "+51 1 630 6000" not in page
    assert client.get(url("community_roster_csv", slug="red-genero")).status_code == 403
    assert client.get(url("community_requests", slug="red-genero")).status_code == 403
    assert client.get(url("community_event_new", slug="red-genero")).status_code == 403


def test_coordinators_export_the_roster_as_csv_for_excel(client, network, secretariat):
    client.force_login(network["coordinator"])
    response = client.get(url("community_roster_csv", slug="red-genero"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="red-genero-roster-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 4  # the header and three members
    assert "Camila Fuentes Gómez" in text and network["shows"].email in text
    assert "'+56 2 2753 0400" in text  # never read as a formula
    assert network["hides"].email not in text and "630 6000" not in text
    mfa_force_login(client, secretariat)
    assert client.get(url("community_roster_csv", slug="red-genero")).status_code == 200


def test_a_person_asks_to_join_and_a_coordinator_approves_through_the_pages(client, network):
    client.force_login(network["outsider"])
    response = client.post(url("community_join", slug="red-genero"), {"message": "Hola"})
    assert response.status_code == 302
    assert JoinRequest.objects.get().status == "pending"
    again = client.post(url("community_join", slug="red-genero"), {"message": "Hola"}, follow=True)
    told = [str(m) for m in again.context["messages"]]
    assert told[-1] == es(ALREADY_ASKED)
    assert JoinRequest.objects.count() == 1
    page = client.get(url("community", slug="red-genero")).content.decode()
    assert 'value="withdraw"' in page and es("Ask to join") not in page

    client.force_login(network["coordinator"])
    community_page = client.get(url("community", slug="red-genero")).content.decode()
    assert '<span class="badge">1</span>' in community_page
    requests_page = client.get(url("community_requests", slug="red-genero"))
    assert "Persona Ajena" in requests_page.content.decode()
    join_request = JoinRequest.objects.get()
    response = client.post(
        url("community_requests", slug="red-genero"),
        {"request": join_request.pk, "decision": "approve", "reason": ""},
    )
    assert response.status_code == 302
    assert SpaceMembership.objects.filter(user=network["outsider"], role="member").exists()

    client.force_login(network["outsider"])
    assert client.get(url("community_roster", slug="red-genero")).status_code == 200


def test_requests_of_another_community_cannot_be_answered_here(client, network):
    other = Space.objects.create(
        kind="community", name="Otra red", slug="otra", join_policy="request"
    )
    foreign = services.join_request_create(user=network["outsider"], space=other)
    client.force_login(network["coordinator"])
    response = client.post(
        url("community_requests", slug="red-genero"),
        {"request": foreign.pk, "decision": "approve"},
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "pending"


def test_withdraw_and_leave_through_the_pages(client, network):
    client.force_login(network["outsider"])
    client.post(url("community_join", slug="red-genero"), {"message": ""})
    client.post(url("community_join", slug="red-genero"), {"action": "withdraw"})
    assert JoinRequest.objects.get().status == "withdrawn"

    client.force_login(network["shows"])
    assert client.get(url("community_leave", slug="red-genero")).status_code == 200
    assert client.post(url("community_leave", slug="red-genero")).status_code == 302
    assert not SpaceMembership.objects.filter(user=network["shows"]).exists()

    client.force_login(network["coordinator"])
    response = client.post(url("community_leave", slug="red-genero"))
    assert response.status_code == 400
    assert es(LAST_COORDINATOR) in response.content.decode()


def test_members_edit_their_contact_choices(client, network):
    client.force_login(network["hides"])
    response = client.post(
        url("community_contact", slug="red-genero"),
        {"phone": "+51 1 630 6000", "show_email": "on"},
    )
    assert response.status_code == 302
    membership = SpaceMembership.objects.get(user=network["hides"])
    assert membership.show_email and not membership.show_phone
    bad = client.post(
        url("community_contact", slug="red-genero"), {"phone": "", "show_phone": "on"}
    )
    assert bad.status_code == 400


def test_coordinators_schedule_in_the_event_time_zone_and_attach_documents(client, network):
    client.force_login(network["coordinator"])
    form = {
        "kind": "dialogue",
        "title": "Diálogo virtual sobre cuidados",
        "starts_at": "2030-03-12T10:00",
        "time_zone": "America/Lima",
        "duration_minutes": "300",
        "link": "https://meet.example.org/red",
        "description": "Agenda",
    }
    too_long = client.post(url("community_event_new", slug="red-genero"), form)
    assert too_long.status_code == 400 and not SpaceEvent.objects.exists()
    response = client.post(
        url("community_event_new", slug="red-genero"), {**form, "duration_minutes": "180"}
    )
    assert response.status_code == 302
    event = SpaceEvent.objects.get()
    assert event.starts_at == datetime.datetime(
        2030, 3, 12, 10, tzinfo=zoneinfo.ZoneInfo("America/Lima")
    )
    event_url = url("community_event", slug="red-genero", event_id=event.pk)
    response = client.post(
        event_url, {"action": "document", "title": "Agenda", "file": pdf("agenda.pdf")}
    )
    assert response.status_code == 302
    response = client.post(event_url, {"action": "outcome", "outcome": "Se acordó **todo**."})
    assert response.status_code == 302
    document = SpaceEventDocument.objects.get()

    client.force_login(network["shows"])
    page = client.get(event_url).content.decode()
    assert "<strong>todo</strong>" in page and "https://meet.example.org/red" in page
    assert url("community_document", document_id=document.pk) in page
    download = client.get(url("community_document", document_id=document.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert client.post(event_url, {"action": "outcome", "outcome": "x"}).status_code == 403

    client.force_login(network["outsider"])
    page = client.get(event_url).content.decode()
    assert "https://meet.example.org/red" not in page
    assert client.get(url("community_document", document_id=document.pk)).status_code == 403
    assert client.get(url("community_document", document_id=document.pk + 99)).status_code == 404


def test_the_index_lists_communities_with_the_person_s_state(client, network):
    Space.objects.create(kind="community", name="Red de inspección", slug="inspeccion")
    client.force_login(network["shows"])
    response = client.get(url("communities"))
    assert response.status_code == 200
    items = {item.slug: item for item in response.context["communities"]}
    assert set(items) == {"red-genero", "inspeccion"}  # never the workshop
    assert items["red-genero"].is_member and items["red-genero"].member_count == 3
    assert not items["inspeccion"].is_member


def test_other_kinds_of_space_have_no_community_page(client, network):
    client.force_login(network["outsider"])
    assert client.get(url("community", slug="taller")).status_code == 404


def _grow(network, count):
    for number in range(count):
        member = person(f"Persona {number:03d}")
        SpaceMembership.objects.create(
            space=network["space"], user=member, phone="+1 555 0100", show_phone=True
        )


def _queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["community", "community_roster"])
def test_pages_cost_the_same_for_10_and_50_members(
    client, network, page, django_assert_max_num_queries
):
    for days in (-200, -40, 30):
        event = an_event(network, starts_at=timezone.now() + datetime.timedelta(days=days))
        services.space_event_document_add(actor=network["coordinator"], event=event, upload=pdf())
    client.force_login(network["coordinator"])
    path = url(page, slug="red-genero")
    client.get(path)  # warm the caches (nav counts, sessions)
    _grow(network, 7)
    small = _queries(client, path)
    _grow(network, 40)
    large = _queries(client, path)
    assert small == large
    with django_assert_max_num_queries(25):
        client.get(path)


def test_a_member_without_a_name_is_not_shown_by_their_email(network, client):
    """Invited by email and not named yet: others see "Participant N", never the address."""
    nameless = ProfileFactory(user__full_name="", user__email="secret.person@example.org").user
    SpaceMembership.objects.create(space=network["space"], user=nameless, role="coordinator")
    for viewer in (network["outsider"], network["shows"]):
        client.force_login(viewer)
        for page in ("community", "community_roster", "members"):
            response = client.get(url(page, slug=network["space"].slug))
            if response.status_code == 403:
                continue
            html = response.content.decode()
            assert "secret.person" not in html, (viewer, page)
    assert "Participant" in nameless.get_full_name()


def test_readers_of_an_open_space_do_not_see_its_members(network, client):
    workshop = network["workshop"]
    workshop.readable_by_all = True
    workshop.save()
    SpaceMembership.objects.create(space=workshop, user=network["shows"])
    client.force_login(network["outsider"])
    assert client.get(url("members", slug=workshop.slug)).status_code == 403
    client.force_login(network["shows"])
    assert client.get(url("members", slug=workshop.slug)).status_code == 200


def test_decline_and_approve_are_separate_forms(network, client):
    services.join_request_create(user=network["outsider"], space=network["space"], message="")
    client.force_login(network["coordinator"])
    html = client.get(url("community_requests", slug=network["space"].slug)).content.decode()
    forms = re.findall(r"<form.*?</form>", html, re.S)
    decline = [form for form in forms if 'value="decline"' in form]
    assert decline and all('value="approve"' not in form for form in decline)
