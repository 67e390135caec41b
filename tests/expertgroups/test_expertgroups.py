"""Ad-hoc expert groups: the secretariat convenes a group for a body's question, experts
accept or decline, the group writes, sends for signature, signs, and the secretariat
publishes the signed opinion to the documentation centre; who sees what; the meeting
that asked links it; refused requests leave nothing behind."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from bodies.models import Body, Member, Seat
from expertgroups import selectors, services
from expertgroups.models import Consultation, Invitation, Signature, Step, fingerprint
from forum.models import SpaceMembership
from forum.models.experts import ExpertProfile
from library.models import Publication
from lms.models import Notification
from tests.bodies.helpers import make_body, make_meeting, make_member
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"expertgroups:{name}", kwargs=kwargs)


def expert(name="Ana Experta", country="BR", institution="Universidad de São Paulo"):
    user = ProfileFactory(user__full_name=name, country=country, institution=institution).user
    ExpertProfile.objects.create(user=user)
    return user


def convene(secretariat, *, experts, body=None, meeting=None, **fields):
    body = body or make_body(slug="red", seats=2)
    values = {
        "question": "¿Cómo proteger la igualdad en el trabajo en plataformas?",
        "terms": "Revisar la normativa y **proponer** criterios.",
        "deadline": timezone.localdate() + datetime.timedelta(days=30),
        "language": "es",
        **fields,
    }
    return services.consultation_convene(
        actor=secretariat, asked_by=body, meeting=meeting, experts=experts, **values
    )


def test_convening_makes_a_private_group_with_a_space_and_invites_the_experts(
    secretariat, django_capture_on_commit_callbacks
):
    body = make_body(slug="red", seats=2)
    meeting = make_meeting(body)
    ana, bea = expert(), expert("Bea Experta", "CL", "")
    with django_capture_on_commit_callbacks(execute=True):  # the worker tells them
        consultation = convene(secretariat, experts=[ana, bea], body=body, meeting=meeting)

    group = consultation.group
    assert group.kind == Body.Kind.AD_HOC and not group.is_public
    assert group.space is not None and group.space.rooms.exists()
    # The secretariat convenes and moderates; experts are invited, not members yet.
    assert SpaceMembership.objects.get(space=group.space, user=secretariat).role == "moderator"
    assert not SpaceMembership.objects.filter(space=group.space, user=ana).exists()
    assert set(consultation.invitations.values_list("user", "status")) == {
        (ana.pk, "invited"),
        (bea.pk, "invited"),
    }
    assert Notification.objects.filter(user=ana, kind="expert_group_invitation").count() == 1
    assert "<strong>proponer</strong>" in consultation.terms_html
    assert list(consultation.steps.values_list("kind", flat=True)) == [
        "convened",
        "invited",
        "invited",
    ]


def test_only_the_secretariat_convenes_and_bad_input_saves_nothing(secretariat, other_user):
    ana = expert()
    with pytest.raises(PermissionDenied):
        convene(other_user, experts=[ana])
    not_an_expert = ProfileFactory().user
    body = make_body(slug="otra", seats=1)
    other_meeting = make_meeting(make_body(slug="tercera", seats=1))
    with pytest.raises(ValidationError) as refused:
        services.consultation_convene(
            actor=secretariat,
            asked_by=body,
            meeting=other_meeting,
            question="x" * 501,
            terms="",
            deadline=timezone.localdate(),
            experts=[not_an_expert],
            language="de",
        )
    assert set(refused.value.message_dict) == {
        "question",
        "terms",
        "deadline",
        "meeting",
        "experts",
        "language",
    }
    with pytest.raises(ValidationError) as refused:
        convene(secretariat, experts=[], body=body)
    assert "experts" in refused.value.message_dict
    assert not Consultation.objects.exists()
    assert not Body.objects.filter(kind=Body.Kind.AD_HOC).exists()


def test_an_expert_who_accepts_joins_the_group_and_its_space(secretariat):
    ana, bea = expert(), expert("Bea Experta", "", "")
    consultation = convene(secretariat, experts=[ana, bea])

    services.invitation_answer(actor=ana, consultation=consultation, accept=True)
    services.invitation_answer(actor=bea, consultation=consultation, accept=False)

    member = Member.objects.get(body=consultation.group, user=ana)
    assert member.seat.constituency == Seat.Constituency.EXPERT
    assert member.seat.country == "BR" and member.seat.institution == "Universidad de São Paulo"
    assert SpaceMembership.objects.get(space=consultation.group.space, user=ana).role == "member"
    assert not Member.objects.filter(body=consultation.group, user=bea).exists()
    assert Notification.objects.filter(user=secretariat, kind="expert_group_answer").count() == 2
    with pytest.raises(ValidationError):  # answered already
        services.invitation_answer(actor=ana, consultation=consultation, accept=True)
    with pytest.raises(PermissionDenied):  # never invited
        services.invitation_answer(actor=secretariat, consultation=consultation, accept=True)
    assert Member.objects.filter(body=consultation.group, user=ana).count() == 1


def sign(person, consultation):
    """Sign what the page shows now: the text sent for signature."""
    consultation.refresh_from_db()
    return services.opinion_sign(
        actor=person, consultation=consultation, text=consultation.signed_text
    )


def _accepted(secretariat, n=2):
    experts = [expert(f"Experta {i}", "AR", f"Instituto {i}") for i in range(n)]
    consultation = convene(secretariat, experts=experts, body=make_body(slug="pide", seats=1))
    for person in experts:
        services.invitation_answer(actor=person, consultation=consultation, accept=True)
    return consultation, experts


def test_the_opinion_is_written_sent_signed_by_all_and_published(
    secretariat, django_capture_on_commit_callbacks
):
    body = make_body(slug="red", seats=2)
    asker = make_member(body)
    consultation, (ana, bea) = _accepted(secretariat)
    consultation.asked_by = body
    consultation.save(update_fields=["asked_by"])

    services.opinion_save(actor=ana, consultation=consultation, text="## Opinión\n\nTexto.")
    with pytest.raises(ValidationError):  # nothing to deliver before it is signed
        services.opinion_deliver(actor=secretariat, consultation=consultation)
    with django_capture_on_commit_callbacks(execute=True):  # the worker asks them to sign
        services.opinion_send(actor=bea, consultation=consultation)
    consultation.refresh_from_db()
    assert consultation.status == "signing"
    assert consultation.signed_text == fingerprint("## Opinión\n\nTexto.")
    assert Notification.objects.filter(user=ana, kind="expert_group_signature").exists()
    with pytest.raises(ValidationError):  # the text is fixed while it is out for signature
        services.opinion_save(actor=ana, consultation=consultation, text="Otra cosa")

    sign(ana, consultation)
    sign(ana, consultation)  # twice: one signature
    assert Signature.objects.filter(consultation=consultation, user=ana).count() == 1
    with pytest.raises(ValidationError) as refused:  # Bea has not signed
        services.opinion_deliver(actor=secretariat, consultation=consultation)
    assert "Experta 1" in str(refused.value)
    with pytest.raises(PermissionDenied):  # the secretariat does not sign for the experts
        sign(secretariat, consultation)
    sign(bea, consultation)
    with pytest.raises(PermissionDenied):  # only the secretariat publishes
        services.opinion_deliver(actor=ana, consultation=consultation)

    with django_capture_on_commit_callbacks(execute=True):
        services.opinion_deliver(actor=secretariat, consultation=consultation)
    consultation.refresh_from_db()
    assert consultation.status == "delivered"
    publication = consultation.publication
    assert publication.status == Publication.Status.PUBLISHED
    assert publication.kind == Publication.Kind.OPINION
    assert publication.title.startswith("Opinión técnica: ¿Cómo proteger")
    assert "Experta 0" in publication.summary and "Experta 1" in publication.summary
    assert publication.url.endswith(f"/expert-groups/{consultation.pk}/")
    # The body that asked and the group are told, once.
    for person in (asker.user, ana, bea):
        assert Notification.objects.filter(user=person, kind="expert_group_opinion").count() == 1
    services.consultation_delivered_notify(consultation_id=consultation.pk)
    assert Notification.objects.filter(kind="expert_group_opinion").count() == 3
    assert list(consultation.steps.values_list("kind", flat=True))[-4:] == [
        "sent",
        "signed",
        "signed",
        "delivered",
    ]


def test_reopening_asks_everyone_to_sign_the_new_text_again(secretariat):
    consultation, (ana, bea) = _accepted(secretariat)
    services.opinion_save(actor=ana, consultation=consultation, text="Primera versión.")
    services.opinion_send(actor=ana, consultation=consultation)
    sign(ana, consultation)
    services.opinion_reopen(actor=bea, consultation=consultation)
    services.opinion_save(actor=bea, consultation=consultation, text="Segunda versión.")
    services.opinion_send(actor=bea, consultation=consultation)
    consultation.refresh_from_db()

    # Ana's signature of the first text stays on record but counts no more.
    assert Signature.objects.filter(consultation=consultation, user=ana).count() == 1
    assert {m.user for m in selectors.unsigned_members(consultation)} == {ana, bea}
    assert Step.objects.filter(consultation=consultation, kind="reopened").count() == 1


def test_withdrawn_questions_take_no_more_answers(secretariat):
    ana = expert()
    consultation = convene(secretariat, experts=[ana])
    services.consultation_withdraw(actor=secretariat, consultation=consultation)
    with pytest.raises(ValidationError):
        services.invitation_answer(actor=ana, consultation=consultation, accept=True)
    with pytest.raises(ValidationError):
        services.consultation_withdraw(actor=secretariat, consultation=consultation)
    assert Invitation.objects.get(user=ana).status == "invited"


def test_who_sees_what(client, secretariat, other_user):
    body = make_body(slug="red", seats=2)
    asker = make_member(body)
    ana, bea = expert(), expert("Bea Experta")
    consultation = convene(secretariat, experts=[ana, bea], body=body)
    services.invitation_answer(actor=ana, consultation=consultation, accept=True)
    services.opinion_save(actor=ana, consultation=consultation, text="Borrador secreto.")
    page = url("consultation", pk=consultation.pk)

    assert client.get(page).status_code == 404  # visitors: not before it is delivered
    client.force_login(other_user)
    assert client.get(page).status_code == 404
    assert client.get(url("opinion_pdf", pk=consultation.pk)).status_code == 404
    client.force_login(asker.user)  # the body that asked: the question, not the draft
    answer = client.get(page).content.decode()
    assert "Terms of reference" in answer and "Borrador secreto" not in answer
    client.force_login(bea)  # invited: the question and the buttons to answer
    answer = client.get(page).content.decode()
    assert "Accept and join the group" in answer and "Borrador secreto" not in answer
    client.force_login(ana)  # a member: the draft and the way to the group's room
    answer = client.get(page).content.decode()
    assert "Borrador secreto" in answer and "Send for signature" in answer
    assert reverse("forum:room", args=[consultation.group.space.rooms.get().slug]) in answer
    assert client.get(url("opinion_pdf", pk=consultation.pk)).status_code == 200

    # Delivered: everyone reads it, signed.
    services.opinion_send(actor=ana, consultation=consultation)
    sign(ana, consultation)
    services.opinion_deliver(actor=secretariat, consultation=consultation)
    client.logout()
    answer = client.get(page).content.decode()
    assert "Borrador secreto" in answer and "Signed on" in answer
    assert "Invitations" not in answer  # the group's record stays the group's
    pdf = client.get(url("opinion_pdf", pk=consultation.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_pages_walk_the_whole_cycle(client, secretariat):
    body = make_body(slug="red", seats=2)
    meeting = make_meeting(body, days=-3)
    ana = expert()
    mfa_force_login(client, secretariat)
    meeting_page = reverse("bodies:meeting", args=[body.slug, meeting.pk])
    with translation.override("en"):
        meeting_page = reverse("bodies:meeting", args=[body.slug, meeting.pk])
    assert f"{url('new')}?meeting={meeting.pk}" in client.get(meeting_page).content.decode()

    response = client.post(
        f"{url('new')}?meeting={meeting.pk}",
        {
            "meeting": meeting.pk,
            "asked_by": body.pk,
            "question": "¿Qué criterios de inspección?",
            "terms": "Términos.",
            "deadline": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
            "language": "es",
            "experts": [ana.expert_profile.pk],
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "consultation", pk=consultation.pk
    )
    assert consultation.meeting == meeting and consultation.asked_by == body
    assert "¿Qué criterios de inspección?" in client.get(meeting_page).content.decode()

    client.force_login(ana)
    client.post(url("answer", pk=consultation.pk), {"answer": "accept"})
    response = client.post(url("opinion", pk=consultation.pk), {"text": "La opinión."})
    assert response.status_code == 302
    client.post(url("action", pk=consultation.pk), {"action": "send"})
    consultation.refresh_from_db()
    signed = {"text": consultation.signed_text}  # the page's hidden field
    client.post(url("sign", pk=consultation.pk), signed)
    # An expert cannot publish: refused with a message, nothing changes.
    client.post(url("action", pk=consultation.pk), {"action": "deliver"})
    consultation.refresh_from_db()
    assert consultation.status == "signing"

    mfa_force_login(client, secretariat)
    assert (
        "Publish to the documentation centre"
        in client.get(url("consultation", pk=consultation.pk)).content.decode()
    )
    client.post(url("action", pk=consultation.pk), {"action": "deliver"})
    consultation.refresh_from_db()
    assert consultation.status == "delivered"
    with translation.override("en"):
        documents = client.get(reverse("library:documents")).content.decode()
    assert "¿Qué criterios de inspección?" in documents
    assert client.post(url("action", pk=consultation.pk), {"action": "nonsense"}).status_code == 404


def test_a_too_long_opinion_is_refused_and_keeps_the_saved_text(client, secretariat):
    consultation, (ana, _bea) = _accepted(secretariat)
    services.opinion_save(actor=ana, consultation=consultation, text="Guardado.")
    client.force_login(ana)
    response = client.post(url("opinion", pk=consultation.pk), {"text": "x" * 20_001})
    assert response.status_code == 200 and "at most 20000 characters" in (
        response.content.decode().lower().replace(",", "")
    )
    consultation.refresh_from_db()
    assert consultation.opinion == "Guardado."


def test_script_in_the_opinion_is_never_rendered(client, secretariat):
    consultation, (ana, _bea) = _accepted(secretariat)
    services.opinion_save(
        actor=ana,
        consultation=consultation,
        text="<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    client.force_login(ana)
    page = client.get(url("consultation", pk=consultation.pk)).content.decode()
    assert "<script>alert" not in page and 'href="javascript' not in page
    assert "<img" not in page.split('id="opinion-text"')[1].split("</div>")[0]


def test_reminders_a_week_and_a_day_before_the_deadline_go_to_who_has_not_signed(secretariat):
    consultation, (ana, bea) = _accepted(secretariat)
    services.opinion_save(actor=ana, consultation=consultation, text="Texto.")
    services.opinion_send(actor=ana, consultation=consultation)
    sign(ana, consultation)
    week_before = consultation.deadline - datetime.timedelta(days=7)
    assert services.deadlines_remind(today=week_before) == 1
    assert services.deadlines_remind(today=week_before) == 0  # once
    assert services.deadlines_remind(today=week_before + datetime.timedelta(days=1)) == 0
    assert Notification.objects.get(kind="expert_group_reminder").user == bea


def test_list_and_meeting_pages_cost_the_same_however_many_questions(
    client, secretariat, django_assert_max_num_queries
):
    body = make_body(slug="red", seats=2, is_public=True)
    meeting = make_meeting(body)
    experts = [expert(f"E{i}") for i in range(3)]
    for n in range(6):
        convene(secretariat, experts=experts, body=body, meeting=meeting, question=f"Pregunta {n}")
    mfa_force_login(client, secretariat)
    with translation.override("en"):
        meeting_page = reverse("bodies:meeting", args=[body.slug, meeting.pk])
    client.get(url("index"))
    with django_assert_max_num_queries(25):
        assert client.get(url("index")).status_code == 200
    with django_assert_max_num_queries(40):
        assert client.get(meeting_page).status_code == 200
    consultation = Consultation.objects.first()
    with django_assert_max_num_queries(30):
        assert client.get(url("consultation", pk=consultation.pk)).status_code == 200


def test_the_experts_dashboard_shows_what_waits_for_them(client, secretariat):
    consultation, (ana, bea) = _accepted(secretariat)
    carla = expert("Carla Experta")
    services.consultation_invite(actor=secretariat, consultation=consultation, experts=[carla])
    client.force_login(carla)
    with translation.override("en"):
        home = reverse("lms:dashboard")
    page = client.get(home).content.decode()
    assert "Read the terms of reference and answer" in page
    services.opinion_save(actor=ana, consultation=consultation, text="Texto.")
    services.opinion_send(actor=ana, consultation=consultation)
    sign(ana, consultation)
    assert [kind for _item, kind in selectors.waiting_for(user=bea)] == ["sign"]
    assert selectors.waiting_for(user=ana) == []  # signed
    assert selectors.waiting_for(user=secretariat) == []  # convenes, does not sign
    assert selectors.waiting_for(user=carla) == []  # no longer open to answer


def test_a_member_never_signs_a_text_changed_since_they_read_it(client, secretariat):
    consultation, (ana, bea) = _accepted(secretariat)
    services.opinion_save(actor=ana, consultation=consultation, text="Versión leída.")
    services.opinion_send(actor=ana, consultation=consultation)
    consultation.refresh_from_db()
    read = consultation.signed_text  # what Ana's open page carries
    services.opinion_reopen(actor=bea, consultation=consultation)
    services.opinion_save(actor=bea, consultation=consultation, text="Versión cambiada.")
    services.opinion_send(actor=bea, consultation=consultation)
    client.force_login(ana)
    client.post(url("sign", pk=consultation.pk), {"text": read})
    assert not Signature.objects.filter(user=ana).exists()
    with pytest.raises(ValidationError):
        services.opinion_sign(actor=ana, consultation=consultation, text=read)
    # A malformed answer to an invitation declines nothing.
    carla = expert("Carla Experta")
    services.consultation_withdraw(actor=secretariat, consultation=consultation)
    other = convene(secretariat, experts=[carla], body=make_body(slug="otro", seats=1))
    client.force_login(carla)
    assert client.post(url("answer", pk=other.pk), {}).status_code == 400
    assert Invitation.objects.get(user=carla).status == "invited"


def test_nothing_unsigned_is_published_and_a_closed_account_does_not_block(secretariat):
    consultation, (ana, bea) = _accepted(secretariat)
    services.opinion_save(actor=ana, consultation=consultation, text="Texto.")
    services.opinion_send(actor=ana, consultation=consultation)
    # Both terms end before anyone signs: no signature, nothing to publish.
    Member.objects.filter(body=consultation.group, user__in=[ana, bea]).update(
        ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.opinion_deliver(actor=secretariat, consultation=consultation)
    assert not Publication.objects.exists()
    # Back in the group; Bea's account is closed: Ana's signature is enough.
    Member.objects.filter(body=consultation.group).update(ends_on=None)
    bea.is_active = False
    bea.save(update_fields=["is_active"])
    sign(ana, consultation)
    services.opinion_deliver(actor=secretariat, consultation=consultation)
    assert Publication.objects.get().url.startswith("http")


def test_visitors_of_a_delivered_opinion_do_not_see_a_private_meeting(client, secretariat):
    body = make_body(slug="privado", seats=1)
    meeting = make_meeting(body, title="Reunión reservada")
    ana = expert()
    consultation = convene(secretariat, experts=[ana], body=body, meeting=meeting)
    services.invitation_answer(actor=ana, consultation=consultation, accept=True)
    services.opinion_save(actor=ana, consultation=consultation, text="Texto.")
    services.opinion_send(actor=ana, consultation=consultation)
    sign(ana, consultation)
    services.opinion_deliver(actor=secretariat, consultation=consultation)
    page = client.get(url("consultation", pk=consultation.pk)).content.decode()
    assert "Texto." in page and "Reunión reservada" not in page
    mfa_force_login(client, secretariat)
    assert (
        "Reunión reservada" in client.get(url("consultation", pk=consultation.pk)).content.decode()
    )


def test_the_worker_tells_each_invited_expert_once_in_their_language(
    secretariat, django_capture_on_commit_callbacks
):
    ana = expert()
    ana.profile.preferred_language = "pt"
    ana.profile.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        consultation = convene(secretariat, experts=[ana])
    bea = expert("Bea Experta")
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_invite(actor=secretariat, consultation=consultation, experts=[bea])
    told = Notification.objects.filter(kind="expert_group_invitation")
    assert sorted(told.values_list("user__full_name", flat=True)) == ["Ana Experta", "Bea Experta"]
    assert told.get(user=ana).title.startswith("Você foi convidado")
    assert services.invitations_notify(consultation_id=consultation.pk) == 0  # again: nobody
