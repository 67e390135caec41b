"""Communities of practice: joining (request, approve, decline, withdraw, leave), who sees
contact data (members only, and only what each chose to show), who approves and exports,
events and their documents, the six-month meeting rule, bounded queries, the demo."""

import datetime
import re
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from forum.models import (
    Category,
    JoinRequest,
    Room,
    Space,
    SpaceEvent,
    SpaceEventDocument,
    SpaceMembership,
)
from forum.selectors import communities as selectors
from forum.services import communities as services
from lms.models import Notification
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db

ALREADY_ASKED = "You have already asked to join; a coordinator will answer soon."
LAST_COORDINATOR = (
    "You are the last coordinator of this community: ask the secretariat "
    "to name another coordinator before you leave."
)
PDF = b"%PDF-1.4\n% a tiny test document\n"


def url(name, **kwargs):
    """Spanish pages, whatever language an earlier test left active."""
    with translation.override("es"):
        return reverse(f"forum:{name}", kwargs=kwargs)


def es(text):
    """A message as the Spanish pages say it (the catalogues are being translated)."""
    with translation.override("es"):
        return translation.gettext(text)


def said(text):
    """A service's message in the active language, as a pattern for pytest.raises."""
    return re.escape(translation.gettext(text))


def person(name, country="CL", **profile):
    return ProfileFactory(user__full_name=name, country=country, **profile).user


@pytest.fixture
def network(db):
    """A community that takes requests: a coordinator, two members (one shows her contact
    data, one hides his), somebody outside, and a workshop that is not a community."""
    space = Space.objects.create(
        kind=Space.Kind.COMMUNITY,
        name="Red de puntos focales de género",
        slug="red-genero",
        purpose="La **igualdad de género** en los ministerios de trabajo.",
        areas_of_action="Convenio 190\nEconomía del cuidado\n",
        join_policy=Space.JoinPolicy.REQUEST,
    )
    Room.objects.create(space=space, name="Sala de la red", slug="sala-red")
    Category.objects.create(space=space, name="General", slug="general")
    coordinator = person(
        "Valeria Castro",
        country="AR",
        institution="Secretaría de Trabajo de Argentina",
        position="Coordinadora de género",
    )
    shows = person("Camila Fuentes Gómez", country="CL", position="Encargada de género")
    hides = person("Beto Oculto Reservado", country="PE")
    outsider = person("Persona Ajena", country="MX")
    SpaceMembership.objects.create(
        space=space, user=coordinator, role="coordinator", phone="+54 11 4310 5000"
    )
    SpaceMembership.objects.create(
        space=space, user=shows, phone="+56 2 2753 0400", show_email=True, show_phone=True
    )
    SpaceMembership.objects.create(
        space=space, user=hides, phone="+51 1 630 6000", show_email=False, show_phone=False
    )
    workshop = Space.objects.create(kind=Space.Kind.WORKSHOP, name="Taller", slug="taller")
    return {
        "space": space,
        "coordinator": coordinator,
        "shows": shows,
        "hides": hides,
        "outsider": outsider,
        "workshop": workshop,
    }


def contact_data(network):
    """Every email address and telephone of the members, shown or not."""
    data = []
    for membership in SpaceMembership.objects.filter(space=network["space"]).select_related("user"):
        data.append(membership.user.email)
        if membership.phone:
            data.append(membership.phone)
    return data


def an_event(network, **kwargs):
    kwargs.setdefault("kind", SpaceEvent.Kind.VIRTUAL_DIALOGUE)
    kwargs.setdefault("title", "Diálogo sobre el Convenio 190")
    kwargs.setdefault("starts_at", timezone.now() - datetime.timedelta(days=30))
    kwargs.setdefault("duration_minutes", 120)
    return SpaceEvent.objects.create(space=network["space"], **kwargs)


def pdf(name="resultados.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


# --- joining ----------------------------------------------------------------------------------


def test_request_then_approval_makes_a_member_and_tells_both(
    network, django_capture_on_commit_callbacks
):
    outsider, coordinator = network["outsider"], network["coordinator"]
    with django_capture_on_commit_callbacks(execute=True):
        join_request = services.join_request_create(
            user=outsider, space=network["space"], message="Soy punto focal en México."
        )
    assert join_request.status == JoinRequest.Status.PENDING
    told = Notification.objects.get(user=coordinator, kind="community_request")
    assert "Persona Ajena" in told.title
    assert told.url == url("community_requests", slug="red-genero")
    assert not Notification.objects.filter(user=network["shows"]).exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_decide(actor=coordinator, join_request=join_request, approve=True)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.decided_by == coordinator and join_request.decided_at is not None
    membership = SpaceMembership.objects.get(space=network["space"], user=outsider)
    assert membership.role == "member" and not membership.show_email
    assert Notification.objects.filter(user=outsider, kind="community_joined").exists()
    assert outsider.email in [message.to[0] for message in mail.outbox]


def test_a_pending_request_is_not_sent_twice_and_members_do_not_ask(network):
    space = network["space"]
    services.join_request_create(user=network["outsider"], space=space)
    with pytest.raises(ValidationError, match=said(ALREADY_ASKED)):
        services.join_request_create(user=network["outsider"], space=space)
    with pytest.raises(ValidationError, match=said("You are already a member of this community.")):
        services.join_request_create(user=network["shows"], space=space)
    assert JoinRequest.objects.count() == 1


def test_only_communities_that_take_requests_take_them(network):
    space = network["space"]
    space.join_policy = Space.JoinPolicy.LISTED
    space.save()
    with pytest.raises(PermissionDenied):
        services.join_request_create(user=network["outsider"], space=space)
    with pytest.raises(ValidationError):
        services.join_request_create(user=network["outsider"], space=network["workshop"])
    assert not JoinRequest.objects.exists()


@pytest.mark.parametrize("who", ["shows", "hides", "outsider"])
def test_only_coordinators_and_the_secretariat_decide(network, who, secretariat):
    join_request = services.join_request_create(user=person("Nadia Nueva"), space=network["space"])
    with pytest.raises(PermissionDenied):
        services.join_request_decide(actor=network[who], join_request=join_request, approve=True)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    services.join_request_decide(actor=secretariat, join_request=join_request, approve=True)
    assert SpaceMembership.objects.filter(user=join_request.user).exists()


def test_a_declined_request_says_why_and_cannot_be_answered_twice(
    network, django_capture_on_commit_callbacks
):
    join_request = services.join_request_create(user=network["outsider"], space=network["space"])
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_decide(
            actor=network["coordinator"],
            join_request=join_request,
            approve=False,
            reason="La red es para puntos focales de ministerios de trabajo.",
        )
    note = Notification.objects.get(user=network["outsider"], kind="community_declined")
    assert "puntos focales de ministerios" in note.body
    assert not SpaceMembership.objects.filter(user=network["outsider"]).exists()
    with pytest.raises(ValidationError, match=said("This request has already been answered.")):
        services.join_request_decide(
            actor=network["coordinator"], join_request=join_request, approve=True
        )
    assert not SpaceMembership.objects.filter(user=network["outsider"]).exists()


def test_the_person_who_asked_withdraws_and_may_ask_again(network):
    join_request = services.join_request_create(user=network["outsider"], space=network["space"])
    with pytest.raises(PermissionDenied):
        services.join_request_withdraw(user=network["coordinator"], join_request=join_request)
    services.join_request_withdraw(user=network["outsider"], join_request=join_request)
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.WITHDRAWN
    with pytest.raises(ValidationError):
        services.join_request_withdraw(user=network["outsider"], join_request=join_request)
    again = services.join_request_create(user=network["outsider"], space=network["space"])
    assert again.pk != join_request.pk


def test_members_leave_but_not_the_last_coordinator(network):
    space = network["space"]
    services.community_leave(user=network["shows"], space=space)
    assert not SpaceMembership.objects.filter(space=space, user=network["shows"]).exists()
    with pytest.raises(ValidationError, match=said("You are not a member of this community.")):
        services.community_leave(user=network["outsider"], space=space)
    with pytest.raises(ValidationError, match=said(LAST_COORDINATOR)):
        services.community_leave(user=network["coordinator"], space=space)
    assert SpaceMembership.objects.filter(space=space, user=network["coordinator"]).exists()
    SpaceMembership.objects.filter(space=space, user=network["hides"]).update(role="coordinator")
    services.community_leave(user=network["coordinator"], space=space)
    assert list(space.memberships.values_list("role", flat=True)) == ["coordinator"]


def test_members_choose_their_contact_fields(network):
    space = network["space"]
    with pytest.raises(PermissionDenied):
        services.membership_contact_update(
            user=network["outsider"], space=space, phone="", show_email=True, show_phone=False
        )
    with pytest.raises(ValidationError) as error:
        services.membership_contact_update(
            user=network["hides"],
            space=space,
            phone="=HYPERLINK()",
            show_email=False,
            show_phone=False,
        )
    assert "phone" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.membership_contact_update(
            user=network["hides"], space=space, phone="", show_email=False, show_phone=True
        )
    membership = services.membership_contact_update(
        user=network["hides"],
        space=space,
        phone=" +51  1 630 6000 ",
        show_email=True,
        show_phone=False,
    )
    assert (membership.phone, membership.show_email, membership.show_phone) == (
        "+51 1 630 6000",
        True,
        False,
    )


# --- events and documents ---------------------------------------------------------------------


def test_a_virtual_dialogue_lasts_four_hours_at_most(network):
    arguments = {
        "space": network["space"],
        "title": "Diálogo",
        "starts_at": timezone.now() + datetime.timedelta(days=10),
        "time_zone": "America/Lima",
    }
    with pytest.raises(ValidationError) as error:
        services.space_event_create(
            actor=network["coordinator"], kind="dialogue", duration_minutes=241, **arguments
        )
    assert "duration_minutes" in error.value.message_dict
    dialogue = services.space_event_create(
        actor=network["coordinator"], kind="dialogue", duration_minutes=240, **arguments
    )
    meeting = services.space_event_create(
        actor=network["coordinator"], kind="meeting", duration_minutes=600, **arguments
    )
    assert dialogue.ends_at - dialogue.starts_at == datetime.timedelta(hours=4)
    assert meeting.duration_minutes == 600
    with pytest.raises(ValidationError) as error:
        services.space_event_create(
            actor=network["coordinator"],
            kind="meeting",
            duration_minutes=60,
            **{**arguments, "time_zone": "Mars/Olympus"},
        )
    assert "time_zone" in error.value.message_dict


def test_only_coordinators_schedule_events_and_text_is_sanitised(
    network, django_capture_on_commit_callbacks
):
    arguments = {
        "space": network["space"],
        "kind": "meeting",
        "title": "Reunión semestral",
        "starts_at": timezone.now() + datetime.timedelta(days=10),
        "time_zone": "America/Bogota",
        "duration_minutes": 180,
        "description": "**Orden del día** <script>alert(1)</script>",
    }
    for who in ["shows", "outsider"]:
        with pytest.raises(PermissionDenied):
            services.space_event_create(actor=network[who], **arguments)
    with django_capture_on_commit_callbacks(execute=True):
        event = services.space_event_create(actor=network["coordinator"], **arguments)
    assert "<strong>Orden del día</strong>" in event.description_html
    assert "<script" not in event.description_html
    # Members hear of it in the campus; the coordinator who wrote it does not.
    assert Notification.objects.filter(kind="community_event").count() == 2
    assert not Notification.objects.filter(user=network["coordinator"]).exists()
    with pytest.raises(PermissionDenied):
        services.space_event_update_outcome(actor=network["shows"], event=event, outcome="x")
    services.space_event_update_outcome(
        actor=network["coordinator"], event=event, outcome="[acta](javascript:alert(1)) *ok*"
    )
    event.refresh_from_db()
    assert 'href="javascript' not in event.outcome_html and "<em>ok</em>" in event.outcome_html


def test_documents_are_checked_by_content_type_and_size(network, settings):
    event = an_event(network)
    coordinator = network["coordinator"]
    with pytest.raises(PermissionDenied):
        services.space_event_document_add(actor=network["shows"], event=event, upload=pdf())
    for upload in [
        pdf("acta.pdf", b"MZ\x90\x00 not a pdf"),
        SimpleUploadedFile("acta.txt", b"texto"),
        SimpleUploadedFile("programa.exe", b"MZ\x90\x00"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.space_event_document_add(actor=coordinator, event=event, upload=upload)
        assert "file" in error.value.message_dict
    settings.RIAL_ATTACHMENT_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        services.space_event_document_add(actor=coordinator, event=event, upload=pdf())
    assert "resultados.pdf" in error.value.message_dict["file"][0]
    settings.RIAL_ATTACHMENT_MAX_BYTES = 1024 * 1024
    document = services.space_event_document_add(
        actor=coordinator, event=event, upload=pdf(), title="Documento de resultados"
    )
    assert document.title == "Documento de resultados" and document.size == len(PDF)
    assert document.file.read() == PDF
    assert SpaceEventDocument.objects.count() == 1


# --- the six-month rule -------------------------------------------------------------------------


def test_add_months_keeps_the_day_or_takes_the_last_one():
    zone = zoneinfo.ZoneInfo("America/Lima")
    assert selectors.add_months(datetime.datetime(2025, 8, 31, 9, tzinfo=zone), 6) == (
        datetime.datetime(2026, 2, 28, 9, tzinfo=zone)
    )
    assert selectors.add_months(datetime.datetime(2025, 3, 15, tzinfo=zone), 6).month == 9


def test_a_meeting_is_due_six_months_after_the_last_one(network):
    space = network["space"]
    now = timezone.now()
    status = selectors.meeting_due(space=space, now=now)
    assert status.last is None and not status.overdue  # created today: due in six months
    last = an_event(network, kind="meeting", starts_at=now - datetime.timedelta(days=220))
    an_event(network, kind="dialogue", starts_at=now - datetime.timedelta(days=10))
    status = selectors.meeting_due(space=space, now=now)
    assert status.last == last and status.next is None and status.overdue
    assert status.due_by == selectors.add_months(last.starts_at, 6)
    upcoming = an_event(network, kind="meeting", starts_at=now + datetime.timedelta(days=20))
    status = selectors.meeting_due(space=space, now=now)
    assert status.next == upcoming and not status.overdue and status.next_is_late


# --- pages: who sees what ---------------------------------------------------------------------


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


def test_the_roster_selector_gives_nothing_to_non_members(network):
    access = selectors.community_access(user=network["outsider"], space=network["space"])
    assert selectors.roster(access=access) == []
    assert list(selectors.roster_queryset(access=access)) == []


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


def test_csv_cells_never_start_a_formula(network):
    network["shows"].full_name = '=HYPERLINK("http://x")'
    network["shows"].save()
    text = services.community_roster_csv(actor=network["coordinator"], space=network["space"])
    assert "'=HYPERLINK" in text


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


# --- costs that do not grow -------------------------------------------------------------------


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


# --- the demo -----------------------------------------------------------------------------------


def test_the_demo_network_is_complete_and_loads_twice(settings):
    from demo.accounts import ensure_people
    from demo.communities import ensure_communities
    from demo.spaces import ensure_spaces

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ensure_people()
    ProfileFactory(user__email="learner2@example.org", user__full_name="Diego Armando Salazar")
    for number in range(3, 8):  # the demo cohort's other learners write in the workshop
        ProfileFactory(user__email=f"learner{number}@example.org")
    ensure_spaces()
    assert ensure_communities() > 0
    assert ensure_communities() == 0
    space = Space.objects.get(slug="red-puntos-focales-genero")
    assert space.join_policy == "request" and "Convenio 190" in space.purpose_html
    committee = selectors.steering_committee(space=space)
    assert len(committee) == 4 and len({p.ministry for p in committee}) == 4
    members = SpaceMembership.objects.filter(space=space).select_related("user__profile")
    assert len({m.user.profile.country for m in members}) >= 8
    pending = JoinRequest.objects.get(space=space)
    assert pending.status == "pending" and pending.user.full_name == "Diego Armando Salazar"
    events = selectors.community_events(space=space)
    dialogues = [e for e in events.past if e.kind == "dialogue"]
    assert len(dialogues) == 2 and all(e.outcome_html for e in dialogues)
    for dialogue in dialogues:
        (document,) = dialogue.documents.all()
        assert document.file.read(5) == b"%PDF-"
    assert [e.kind for e in events.upcoming] == ["meeting"]
    assert not selectors.meeting_due(space=space).overdue


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


def test_a_community_cannot_be_opened_to_everyone(network):
    network["space"].readable_by_all = True
    with pytest.raises(ValidationError):
        network["space"].full_clean()


def test_decline_and_approve_are_separate_forms(network, client):
    services.join_request_create(user=network["outsider"], space=network["space"], message="")
    client.force_login(network["coordinator"])
    html = client.get(url("community_requests", slug=network["space"].slug)).content.decode()
    forms = re.findall(r"<form.*?</form>", html, re.S)
    decline = [form for form in forms if 'value="decline"' in form]
    assert decline and all('value="approve"' not in form for form in decline)


def test_the_same_event_sent_twice_is_one_event(network):
    starts = datetime.datetime(2031, 5, 6, 10, tzinfo=zoneinfo.ZoneInfo("America/Lima"))
    kwargs = {
        "actor": network["coordinator"],
        "space": network["space"],
        "kind": "dialogue",
        "title": "Diálogo",
        "starts_at": starts,
        "time_zone": "America/Lima",
        "duration_minutes": 120,
    }
    first = services.space_event_create(**kwargs)
    assert services.space_event_create(**kwargs).pk == first.pk


def test_adding_someone_answers_their_request(network, django_capture_on_commit_callbacks):
    from forum.services import space_members_import

    services.join_request_create(user=network["outsider"], space=network["space"], message="")
    with django_capture_on_commit_callbacks(execute=True):
        space_members_import(
            actor=network["coordinator"], space=network["space"], text=network["outsider"].email
        )
    assert not JoinRequest.objects.filter(user=network["outsider"], status="pending").exists()
