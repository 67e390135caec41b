"""Communities of practice, service by service: joining (request, approve, decline,
withdraw, leave), contact choices, who approves and exports, events and their documents,
the six-month meeting rule, the demo (the pages: test_community_views.py)."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from forum.models import JoinRequest, Space, SpaceEventDocument, SpaceMembership
from forum.selectors import communities as selectors
from forum.services import communities as services
from lms.models import Notification
from tests.factories import ProfileFactory
from tests.forum import community_fixtures
from tests.forum.community_fixtures import (
    ALREADY_ASKED,
    LAST_COORDINATOR,
    PDF,
    an_event,
    pdf,
    person,
    said,
    url,
)

pytestmark = pytest.mark.django_db
network = community_fixtures.network  # the fixture, shared by the community tests


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


def test_the_roster_selector_gives_nothing_to_non_members(network):
    access = selectors.community_access(user=network["outsider"], space=network["space"])
    assert selectors.roster(access=access) == []
    assert list(selectors.roster_queryset(access=access)) == []


def test_csv_cells_never_start_a_formula(network):
    network["shows"].full_name = '=HYPERLINK("http://x")'
    network["shows"].save()
    text = services.community_roster_csv(actor=network["coordinator"], space=network["space"])
    assert "'=HYPERLINK" in text


# --- costs that do not grow -------------------------------------------------------------------


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


def test_a_community_cannot_be_opened_to_everyone(network):
    network["space"].readable_by_all = True
    with pytest.raises(ValidationError):
        network["space"].full_clean()


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
