"""The experts network: profiles, the directory, questions to experts, office hours."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from courses.models import Theme
from forum import access, selectors, services
from forum import services as expert_services
from forum.models import (
    ExpertInvitation,
    ExpertProfile,
    ExpertQuestion,
    Message,
    OfficeHour,
    OfficeHourQuestion,
    OfficeHourSubscription,
    Room,
    Space,
    SpaceMembership,
    Topic,
)
from forum.selectors import experts as expert_selectors
from lms.choices import Role
from lms.models import Notification, ProfileLanguage
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _person(name, *, country="CL", languages=("es",), **profile):
    user = ProfileFactory(user__full_name=name, country=country, **profile).user
    for code in languages:
        ProfileLanguage.objects.create(profile=user.profile, language=code)
    return user


def _expert(secretariat, name, themes, *, country="BR", languages=("pt", "es"), **extra):
    user = _person(name, country=country, languages=languages)
    profile = expert_services.expert_grant(actor=secretariat, user=user)
    expert_services.expert_profile_update(
        actor=user,
        profile=profile,
        headline=extra.get("headline", "Especialista"),
        bio=extra.get("bio", "Bio **en negrita**"),
        themes=Theme.objects.filter(code__in=themes),
        workshops=[],
        seminars="",
        availability="Dos días hábiles",
        accepts_questions=extra.get("accepts_questions", True),
    )
    return user


@pytest.fixture
def network(secretariat):
    patricia = _expert(secretariat, "Patrícia Alves", ["violence-harassment", "gender-equality"])
    marie = _expert(
        secretariat,
        "Marie Tremblay",
        ["telework", "violence-harassment"],
        country="CA",
        languages=("fr", "en"),
    )
    official = _person("Ana Official", country="CR")
    other = _person("Otra Persona", country="PE")
    return {
        "secretariat": secretariat,
        "patricia": patricia,
        "marie": marie,
        "official": official,
        "other": other,
    }


def _ask(network, **kwargs):
    kwargs.setdefault("title", "¿Cómo aplicar el Convenio 190?")
    kwargs.setdefault("body", "Contexto del ministerio.")
    return expert_services.question_ask(user=network["official"], **kwargs)


def _say(user, room, body="Respuesta"):
    room = Room.objects.select_related("space").get(pk=room.pk)
    return services.chat_message_send(user=user, room=room, client_id=uuid.uuid4(), body=body)


# --- Profiles and directory -----------------------------------------------------------------


def test_only_the_secretariat_names_experts(network):
    with pytest.raises(PermissionDenied):
        expert_services.expert_grant(actor=network["official"], user=network["other"])
    profile = ExpertProfile.objects.get(user=network["patricia"])
    assert Role.EXPERT in network["patricia"].role_grants.values_list("role", flat=True)
    assert profile.office_space.kind == Space.Kind.OFFICE_HOURS
    assert profile.bio_html == "<p>Bio <strong>en negrita</strong></p>"


def test_an_expert_edits_only_their_own_profile(network):
    profile = ExpertProfile.objects.get(user=network["patricia"])
    with pytest.raises(PermissionDenied):
        expert_services.expert_profile_update(
            actor=network["marie"],
            profile=profile,
            headline="x",
            bio="",
            themes=[],
            workshops=[],
            seminars="",
            availability="",
            accepts_questions=True,
        )


def test_the_directory_filters_by_theme_language_country_and_words(network):
    telework = Theme.objects.get(code="telework")
    harassment = Theme.objects.get(code="violence-harassment")

    def names(**filters):
        return [p.user.full_name for p in expert_selectors.directory(**filters)]

    assert names() == ["Marie Tremblay", "Patrícia Alves"]
    assert names(theme=telework) == ["Marie Tremblay"]
    assert names(theme=harassment) == ["Marie Tremblay", "Patrícia Alves"]
    assert names(theme=harassment, language="pt") == ["Patrícia Alves"]
    assert names(country="CA") == ["Marie Tremblay"]
    assert names(query="patrícia") == ["Patrícia Alves"]
    assert names(query="teletrabajo") == ["Marie Tremblay"]  # the theme's Spanish name
    ExpertProfile.objects.filter(user=network["marie"]).update(is_listed=False)
    assert names() == ["Patrícia Alves"]


def test_directory_page_costs_the_same_for_many_experts(
    network, client, django_assert_max_num_queries
):
    client.force_login(network["official"])
    url = reverse("forum:experts")
    with django_assert_max_num_queries(18):
        assert client.get(url).status_code == 200
    for n in range(15):
        _expert(network["secretariat"], f"Experta {n}", ["telework", "pensions"])
    with django_assert_max_num_queries(18):
        response = client.get(url + "?language=pt")
    assert response.status_code == 200
    assert "Experta 14" in response.content.decode()


def test_the_directory_and_profile_pages_show_the_record(network, client):
    question = _ask(network, expert=network["patricia"])
    ExpertQuestion.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=3)
    )
    message = _say(network["patricia"], question.room).message
    expert_services.question_mark_helpful(
        user=network["official"], question=question, seq=message.seq
    )
    record = expert_selectors.expert_records([network["patricia"].pk])[network["patricia"].pk]
    assert (record.answered, record.helpful) == (1, 1)
    assert 3 * 3600 - 5 < record.median_seconds < 3 * 3600 + 5
    client.force_login(network["other"])
    with translation.override("es"):
        page = client.get(reverse("forum:expert", args=[network["patricia"].pk])).content.decode()
    assert "1 pregunta respondida" in page or "1 question answered" in page
    with translation.override("es"):
        ask = reverse("forum:ask")
    assert f'href="{ask}?expert={network["patricia"].pk}"' in page


def test_hidden_profiles_are_not_found_by_others(network, client):
    ExpertProfile.objects.filter(user=network["marie"]).update(is_listed=False)
    client.force_login(network["official"])
    assert client.get(reverse("forum:expert", args=[network["marie"].pk])).status_code == 404
    mfa_force_login(client, network["secretariat"])
    assert client.get(reverse("forum:expert", args=[network["marie"].pk])).status_code == 200


def test_a_workshop_coordinator_invites_who_led_it(network):
    workshop = Space.objects.create(kind="workshop", name="Taller Bogotá", slug="taller")
    coordinator = _person("Coordina Dora")
    SpaceMembership.objects.create(space=workshop, user=coordinator, role="coordinator")
    SpaceMembership.objects.create(space=workshop, user=network["other"])
    with pytest.raises(PermissionDenied):
        expert_services.expert_invite(
            actor=network["official"], space=workshop, user=network["other"]
        )
    with pytest.raises(ValidationError):  # not a participant
        expert_services.expert_invite(actor=coordinator, space=workshop, user=network["official"])
    invitation = expert_services.expert_invite(
        actor=coordinator, space=workshop, user=network["other"]
    )
    assert Notification.objects.filter(user=network["other"], kind="expert_invitation").exists()
    with pytest.raises(ValidationError):
        expert_services.expert_invite(actor=coordinator, space=workshop, user=network["other"])
    with pytest.raises(PermissionDenied):
        expert_services.expert_invitation_answer(
            actor=network["official"], invitation=invitation, accept=True
        )
    profile = expert_services.expert_invitation_answer(
        actor=network["other"], invitation=invitation, accept=True
    )
    assert profile.invited_from == workshop
    assert list(profile.workshops.all()) == [workshop]
    assert ExpertInvitation.objects.get(pk=invitation.pk).accepted


# --- Questions ------------------------------------------------------------------------------


def test_a_question_to_one_expert_opens_a_private_room_and_notifies_them(
    network, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = _ask(network, expert=network["patricia"])
    assert question.status == ExpertQuestion.Status.WAITING
    assert question.space.kind == Space.Kind.QUESTION
    members = dict(question.space.memberships.values_list("user__full_name", "role"))
    assert members == {"Ana Official": "member", "Patrícia Alves": "moderator"}
    notification = Notification.objects.get(user=network["patricia"], kind="expert_question")
    assert "¿Cómo aplicar el Convenio 190?" in notification.title
    assert [m.to for m in mailoutbox] == [[network["patricia"].email]]
    # Private: nobody else reads it, and it is not a forum.
    assert access.room_role(user=network["other"], room=question.room) is None
    assert access.room_role(user=network["marie"], room=question.room) is None
    assert expert_selectors.question_for(user=network["other"], question_id=question.pk) is None
    spaces = selectors.readable_spaces(user=network["official"])
    assert question.space not in list(spaces)


def test_a_question_to_a_theme_goes_to_every_expert_of_it(
    network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = _ask(network, theme=Theme.objects.get(code="violence-harassment"))
    moderators = set(
        question.space.memberships.filter(role="moderator").values_list("user_id", flat=True)
    )
    assert moderators == {network["patricia"].pk, network["marie"].pk}
    assert Notification.objects.filter(kind="expert_question").count() == 2
    # The task run again (a retry) tells nobody twice.
    assert expert_services.question_notify_experts(question_id=question.pk) == 0
    assert Notification.objects.filter(kind="expert_question").count() == 2
    received = expert_selectors.questions_received(user=network["marie"])
    assert list(received) == [question]


def test_question_routing_refuses_what_cannot_be_answered(network):
    with pytest.raises(ValidationError) as error:
        _ask(network, theme=Theme.objects.get(code="pensions"))
    assert "expert" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _ask(network)  # neither an expert nor a theme
    assert "expert" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _ask(network, expert=network["patricia"], body="x" * 4001)
    assert "body" in error.value.message_dict
    ExpertProfile.objects.filter(user=network["patricia"]).update(accepts_questions=False)
    with pytest.raises(ValidationError):
        _ask(network, expert=network["patricia"])
    assert not ExpertQuestion.objects.exists()
    assert not Space.objects.filter(kind=Space.Kind.QUESTION).exists()


def test_the_same_question_sent_twice_is_one_question(network):
    token = uuid.uuid4()
    first = _ask(network, expert=network["patricia"], token=token)
    second = _ask(network, expert=network["patricia"], token=token)
    assert first.pk == second.pk
    assert ExpertQuestion.objects.count() == 1


def test_the_experts_first_message_answers_and_tells_the_asker(network):
    question = _ask(network, theme=Theme.objects.get(code="violence-harassment"))
    _say(network["official"], question.room, "Un detalle más")
    question.refresh_from_db()
    assert question.status == ExpertQuestion.Status.WAITING
    _say(network["marie"], question.room, "Le respondo")
    _say(network["patricia"], question.room, "Agrego algo")
    question.refresh_from_db()
    assert question.status == ExpertQuestion.Status.ANSWERED
    assert question.answered_by == network["marie"]
    assert question.first_answer_at is not None
    assert Notification.objects.filter(user=network["official"], kind="expert_answer").count() == 1


def test_only_the_asker_marks_an_experts_answer_helpful(network):
    question = _ask(network, expert=network["patricia"])
    own = _say(network["official"], question.room, "Mío").message
    answer = _say(network["patricia"], question.room, "Suya").message
    with pytest.raises(PermissionDenied):
        expert_services.question_mark_helpful(
            user=network["patricia"], question=question, seq=answer.seq
        )
    with pytest.raises(ValidationError):
        expert_services.question_mark_helpful(
            user=network["official"], question=question, seq=own.seq
        )
    with pytest.raises(ValidationError):
        expert_services.question_mark_helpful(user=network["official"], question=question, seq="x")
    expert_services.question_mark_helpful(
        user=network["official"], question=question, seq=answer.seq
    )
    question.refresh_from_db()
    assert question.helpful_message == answer


def test_a_closed_question_is_read_only_until_reopened(network):
    question = _ask(network, expert=network["patricia"])
    expert_services.question_close(user=network["patricia"], question=question)
    with pytest.raises(services.ChatError) as error:
        _say(network["official"], question.room)
    assert error.value.code == "forbidden"
    with pytest.raises(PermissionDenied):
        expert_services.question_close(user=network["other"], question=question)
    expert_services.question_reopen(user=network["official"], question=question)
    assert question.status == ExpertQuestion.Status.WAITING
    assert _say(network["official"], question.room).created


def test_publishing_needs_the_askers_consent_and_a_helpful_answer(network):
    question = _ask(network, expert=network["patricia"])
    answer = _say(network["patricia"], question.room, "La **respuesta**").message
    with pytest.raises(ValidationError):
        expert_services.question_publish(user=network["official"], question=question)
    expert_services.question_mark_helpful(
        user=network["official"], question=question, seq=answer.seq
    )
    with pytest.raises(PermissionDenied):
        expert_services.question_publish(user=network["patricia"], question=question)
    topic = expert_services.question_publish(user=network["official"], question=question)
    assert topic.space.slug == "rial" and topic.space.readable_by_all
    posts = list(topic.posts.order_by("number").values_list("author__full_name", "body_html"))
    assert posts == [
        ("Ana Official", "<p>Contexto del ministerio.</p>"),
        ("Patrícia Alves", "<p>La <strong>respuesta</strong></p>"),
    ]
    assert topic.accepted_post.number == 2 and topic.is_question
    # Publishing twice publishes once.
    assert expert_services.question_publish(user=network["official"], question=question) == topic
    assert Topic.objects.count() == 1


def test_question_pages_are_private_and_mark_helpful_works(network, client):
    question = _ask(network, expert=network["patricia"])
    answer = _say(network["patricia"], question.room, "Respuesta útil").message
    url = reverse("forum:question", args=[question.pk])
    client.force_login(network["other"])
    assert client.get(url).status_code == 404
    client.force_login(network["official"])
    page = client.get(url).content.decode()
    assert "Respuesta útil" in page
    assert reverse("forum:question_helpful", args=[question.pk]) in page
    response = client.post(
        reverse("forum:question_helpful", args=[question.pk]), {"seq": answer.seq}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.helpful_message_id == answer.pk
    # The room's own address leads to the question's page.
    assert client.get(reverse("forum:room", args=[question.room.slug])).url == url


def test_asking_through_the_form(network, client):
    client.force_login(network["official"])
    url = reverse("forum:ask")
    response = client.post(url, {"title": "", "body": "", "token": str(uuid.uuid4())})
    assert response.status_code == 200
    assert response.context["form"].errors
    theme = Theme.objects.get(code="telework")
    response = client.post(
        url,
        {
            "theme": theme.pk,
            "title": "¿Teletrabajo?",
            "body": "Detalle",
            "token": str(uuid.uuid4()),
        },
    )
    question = ExpertQuestion.objects.get()
    assert response.url == reverse("forum:question", args=[question.pk])
    assert question.theme == theme and question.expert is None


# --- Office hours ---------------------------------------------------------------------------


def _session(expert, *, starts_in=datetime.timedelta(days=2), minutes=60, zone="America/Bogota"):
    """A session; past ones are created directly (the service only schedules the future)."""
    starts_at = timezone.now() + starts_in
    if starts_at > timezone.now():
        return expert_services.office_hour_create(
            actor=expert,
            topic="Protocolos de denuncia",
            description="Sesión **abierta**",
            language="es",
            starts_at=starts_at,
            time_zone=zone,
            duration_minutes=minutes,
        )
    profile = ExpertProfile.objects.get(user=expert)
    room = Room.objects.create(
        space=profile.office_space, name="Sesión", slug=f"oh-{uuid.uuid4().hex[:8]}"
    )
    return OfficeHour.objects.create(
        space=profile.office_space,
        expert=expert,
        topic="Sesión pasada",
        language="es",
        starts_at=starts_at,
        time_zone=zone,
        duration_minutes=minutes,
        room=room,
    )


def test_scheduling_checks_time_length_and_who(network):
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    base = {
        "topic": "Tema",
        "description": "",
        "language": "es",
        "starts_at": tomorrow,
        "time_zone": "America/Lima",
        "duration_minutes": 60,
    }
    with pytest.raises(PermissionDenied):
        expert_services.office_hour_create(actor=network["official"], **base)
    for change, field in [
        ({"starts_at": timezone.now() - datetime.timedelta(hours=1)}, "starts_at"),
        ({"duration_minutes": 500}, "duration_minutes"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"language": "xx"}, "language"),
        ({"topic": "  "}, "topic"),
    ]:
        with pytest.raises(ValidationError) as error:
            expert_services.office_hour_create(actor=network["patricia"], **{**base, **change})
        assert field in error.value.message_dict
    assert not OfficeHour.objects.exists()
    session = expert_services.office_hour_create(actor=network["patricia"], **base)
    assert session.room.space == ExpertProfile.objects.get(user=network["patricia"]).office_space


def test_the_room_opens_at_the_start_time_and_only_for_subscribers(network):
    session = _session(network["patricia"])
    expert_services.office_hour_subscribe(user=network["official"], session=session)
    role = access.office_hour_role
    before = session.starts_at - datetime.timedelta(minutes=1)
    during = session.starts_at + datetime.timedelta(minutes=1)
    after = session.ends_at + datetime.timedelta(minutes=1)
    assert role(user=network["official"], session=session, now=before) is None
    assert role(user=network["patricia"], session=session, now=before) is None
    assert role(user=network["official"], session=session, now=during) == "member"
    assert role(user=network["patricia"], session=session, now=during) == "moderator"
    assert role(user=network["other"], session=session, now=during) is None
    assert role(user=network["other"], session=session, now=after) == "reader"
    assert role(user=network["official"], session=session, now=after) == "reader"
    # Writing follows: refused before the start.
    with pytest.raises(services.ChatError):
        _say(network["official"], session.room)


def test_subscribers_write_while_the_session_is_open_and_the_transcript_stays(network, client):
    session = _session(network["patricia"], starts_in=-datetime.timedelta(minutes=10))
    OfficeHourSubscription.objects.create(session=session, user=network["official"])
    queued = OfficeHourQuestion.objects.create(
        session=session, author=network["official"], body="¿Plazos?", body_html="<p>¿Plazos?</p>"
    )
    _say(network["official"], session.room, "Hola, ¿se escucha?")
    _say(network["patricia"], session.room, "Los plazos: **diez días**")
    with pytest.raises(services.ChatError):
        _say(network["other"], session.room, "Yo también")
    expert_services.office_hour_question_answered(actor=network["patricia"], question=queued)
    queued.refresh_from_db()
    assert queued.answer_seq == 2
    # The session ends: the transcript is read-only and readable by every signed-in person.
    session.starts_at = timezone.now() - datetime.timedelta(hours=2)
    session.save()
    with pytest.raises(services.ChatError):
        _say(network["patricia"], session.room, "Tarde")
    client.force_login(network["other"])
    page = client.get(reverse("forum:office_hour", args=[session.pk])).content.decode()
    assert "<strong>diez días</strong>" in page
    assert "¿Plazos?" in page
    assert 'id="chat-form"' not in page
    assert Message.objects.filter(room=session.room).count() == 2


def test_the_session_page_hides_the_room_until_the_start(network, client):
    session = _session(network["patricia"])
    expert_services.office_hour_subscribe(user=network["official"], session=session)
    client.force_login(network["official"])
    page = client.get(reverse("forum:office_hour", args=[session.pk])).content.decode()
    assert 'id="chat"' not in page
    assert "opens here at the start time" in page
    assert client.get(reverse("forum:room", args=[session.room.slug])).status_code == 302


@pytest.mark.django_db(transaction=True)
async def test_the_websocket_is_refused_before_the_start(network):
    from channels.db import database_sync_to_async

    from tests.forum.conftest import open_socket

    session = await database_sync_to_async(_session)(network["patricia"])
    await database_sync_to_async(expert_services.office_hour_subscribe)(
        user=network["official"], session=session
    )
    communicator, connected = await open_socket(network["official"], session.room.slug)
    assert not connected
    await communicator.disconnect()


def test_questions_ahead_subscribe_vote_and_are_kept_once(network):
    session = _session(network["patricia"])
    token = uuid.uuid4()
    question = expert_services.office_hour_question_add(
        user=network["official"], session=session, body="¿Plazos?", token=token
    )
    again = expert_services.office_hour_question_add(
        user=network["official"], session=session, body="¿Plazos?", token=token
    )
    assert question.pk == again.pk
    assert expert_selectors.is_subscribed(user=network["official"], session=session)
    with pytest.raises(ValidationError):
        expert_services.office_hour_vote(user=network["official"], question=question)
    with pytest.raises(PermissionDenied):
        expert_services.office_hour_vote(user=network["other"], question=question)
    expert_services.office_hour_subscribe(user=network["other"], session=session)
    # A double click votes once; taking the vote back twice takes it back once.
    for _twice in range(2):
        assert expert_services.office_hour_vote(user=network["other"], question=question)
    question.refresh_from_db()
    assert question.vote_count == 1
    for _twice in range(2):
        assert not expert_services.office_hour_vote(
            user=network["other"], question=question, vote=False
        )
    question.refresh_from_db()
    assert question.vote_count == 0
    with pytest.raises(ValidationError):
        expert_services.office_hour_question_add(
            user=network["other"], session=session, body="x" * 1001
        )
    with pytest.raises(ValidationError):  # not started: nothing to mark answered
        expert_services.office_hour_question_answered(actor=network["patricia"], question=question)
    with pytest.raises(PermissionDenied):
        expert_services.office_hour_question_answered(actor=network["other"], question=question)


def test_the_queue_is_most_voted_first(network):
    session = _session(network["patricia"])
    first = expert_services.office_hour_question_add(
        user=network["official"], session=session, body="Primera"
    )
    second = expert_services.office_hour_question_add(
        user=network["other"], session=session, body="Segunda"
    )
    expert_services.office_hour_vote(user=network["official"], question=second)
    queue = expert_selectors.office_hour_queue(session=session, user=network["official"])
    assert queue == [second, first]
    assert [q.voted for q in queue] == [True, False]


def test_the_calendar_file_is_valid(network, client):
    session = _session(network["patricia"], zone="America/Sao_Paulo")
    client.force_login(network["official"])
    response = client.get(reverse("forum:office_hour_ics", args=[session.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == session.starts_at.replace(microsecond=0)
    assert event.decoded("dtend") == session.ends_at.replace(microsecond=0)
    assert str(event.decoded("dtstart").tzinfo) == "America/Sao_Paulo"
    assert "Protocolos de denuncia" in str(event["summary"])
    assert str(event["uid"]).startswith(f"office-hour-{session.pk}@")
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["America/Sao_Paulo"]


def test_reminders_go_once_the_day_before(network, mailoutbox, django_capture_on_commit_callbacks):
    soon = _session(network["patricia"], starts_in=datetime.timedelta(hours=20))
    later = _session(network["patricia"], starts_in=datetime.timedelta(days=3))
    for session in (soon, later):
        expert_services.office_hour_subscribe(user=network["official"], session=session)
        expert_services.office_hour_subscribe(user=network["other"], session=session)
    with django_capture_on_commit_callbacks(execute=True):
        assert expert_services.office_hour_reminders_send() == 2
    assert expert_services.office_hour_reminders_send() == 0
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [network["official"].email, network["other"].email]
    )
    assert f"/experts/office-hours/{soon.pk}/calendar.ics" in mailoutbox[0].body
    assert (
        OfficeHourSubscription.objects.filter(session=later, reminded_at__isnull=True).count() == 2
    )


def test_office_hours_pages_render_for_everyone(network, client):
    upcoming = _session(network["patricia"])
    past = _session(network["marie"], starts_in=-datetime.timedelta(days=3))
    client.force_login(network["official"])
    with translation.override("es"):
        listing = client.get(reverse("forum:office_hours")).content.decode()
    assert upcoming.topic in listing and past.topic in listing
    response = client.post(
        reverse("forum:office_hour_subscribe", args=[upcoming.pk]), {"action": "subscribe"}
    )
    assert response.status_code == 302
    assert expert_selectors.is_subscribed(user=network["official"], session=upcoming)
    response = client.post(
        reverse("forum:office_hour_ask", args=[upcoming.pk]),
        {"body": "¿Una pregunta?", "token": str(uuid.uuid4())},
    )
    assert OfficeHourQuestion.objects.filter(session=upcoming).count() == 1
    client.force_login(network["patricia"])
    assert client.get(reverse("forum:office_hour_new")).status_code == 200
    client.force_login(network["official"])
    assert client.get(reverse("forum:office_hour_new")).status_code == 403


def test_workshop_members_page_invites_experts(network, client):
    workshop = Space.objects.create(kind="workshop", name="Taller Lima", slug="taller-lima")
    coordinator = _person("Coordina Dora")
    SpaceMembership.objects.create(space=workshop, user=coordinator, role="coordinator")
    SpaceMembership.objects.create(space=workshop, user=network["other"])
    SpaceMembership.objects.create(space=workshop, user=network["patricia"])
    client.force_login(coordinator)
    page = client.get(reverse("forum:members", args=[workshop.slug])).content.decode()
    invite = reverse("forum:expert_invite", args=[workshop.slug])
    # Once per person who is not an expert yet (not Patrícia, not oneself).
    assert page.count(f'action="{invite}"') == 1
    response = client.post(invite, {"user": network["other"].pk})
    assert response.status_code == 302
    invitation = ExpertInvitation.objects.get(user=network["other"])
    client.force_login(network["other"])
    url = reverse("forum:expert_invitation", args=[invitation.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"answer": "accept"})
    assert response.url == reverse("forum:expert_edit")
    assert ExpertProfile.objects.filter(user=network["other"], is_listed=True).exists()
    # Someone else's invitation is not found.
    client.force_login(network["official"])
    assert client.get(url).status_code == 404


def test_question_and_office_hours_spaces_are_not_forums(network, client):
    question = _ask(network, expert=network["patricia"])
    office = ExpertProfile.objects.get(user=network["patricia"]).office_space
    client.force_login(network["official"])
    for space in (question.space, office):
        assert client.get(reverse("forum:space", args=[space.slug])).status_code == 404
    listed = [space.pk for space in selectors.readable_spaces(user=network["official"])]
    assert question.space.pk not in listed and office.pk not in listed
    rooms = [room.pk for room in selectors.readable_rooms(user=network["official"])]
    assert question.room.pk in rooms  # the asker's conversation is in their chat list
    assert [room.pk for room in selectors.readable_rooms(user=network["secretariat"])].count(
        question.room.pk
    ) == 0


def test_the_session_page_shows_the_viewers_time_and_the_sessions_own(network, client):
    import zoneinfo

    session = _session(network["patricia"], zone="America/Sao_Paulo")
    # Minutes that are not :00 ("8 a.m." has none to compare).
    session.starts_at = datetime.datetime(2031, 5, 6, 13, 35, tzinfo=datetime.UTC)
    session.save()
    network["official"].profile.time_zone = "America/Costa_Rica"
    network["official"].profile.save()
    client.force_login(network["official"])
    with translation.override("en"):
        page = client.get(reverse("forum:office_hour", args=[session.pk])).content.decode()
    for zone in ("America/Costa_Rica", "America/Sao_Paulo"):
        local = session.starts_at.astimezone(zoneinfo.ZoneInfo(zone))
        assert f"({zone})" in page
        assert local.strftime("%-I:%M") in page or local.strftime("%H:%M") in page


def test_the_secretariat_reads_a_question_but_does_not_answer_it(network):
    question = _ask(network, expert=network["patricia"])
    assert access.room_role(user=network["secretariat"], room=question.room) == "reader"
    with pytest.raises(services.ChatError) as error:
        _say(network["secretariat"], question.room, "Respondo yo")
    assert error.value.code == "forbidden"
    assert expert_selectors.question_for(user=network["secretariat"], question_id=question.pk) == (
        question,
        "secretariat",
    )
    question.refresh_from_db()
    assert question.status == ExpertQuestion.Status.WAITING


def test_invitations_neither_self_name_nor_undo_a_hidden_profile(network):
    workshop = Space.objects.create(kind="workshop", name="Taller", slug="taller-x")
    coordinator = _person("Coordina Dora")
    SpaceMembership.objects.create(space=workshop, user=coordinator, role="coordinator")
    SpaceMembership.objects.create(space=workshop, user=network["marie"])
    with pytest.raises(PermissionDenied):
        expert_services.expert_invite(actor=coordinator, space=workshop, user=coordinator)
    ExpertProfile.objects.filter(user=network["marie"]).update(is_listed=False)
    with pytest.raises(ValidationError):
        expert_services.expert_invite(actor=coordinator, space=workshop, user=network["marie"])
    assert not ExpertProfile.objects.get(user=network["marie"]).is_listed


def test_hidden_experts_hold_no_office_hours(network):
    session = _session(network["marie"])
    assert session in expert_selectors.upcoming_office_hours()
    ExpertProfile.objects.filter(user=network["marie"]).update(is_listed=False)
    assert session not in expert_selectors.upcoming_office_hours()
    with pytest.raises(PermissionDenied):
        _session(network["marie"])


def test_an_ended_session_shows_its_whole_transcript(network, client):
    session = _session(network["patricia"], starts_in=-datetime.timedelta(minutes=5))
    OfficeHourSubscription.objects.create(session=session, user=network["official"])
    room = Room.objects.get(pk=session.room_id)
    Message.objects.bulk_create(
        Message(
            room=room,
            seq=n,
            author=network["patricia"] if n % 2 else network["official"],
            body=f"Mensaje {n}",
            body_html=f"<p>Mensaje número {n}</p>",
        )
        for n in range(1, 81)
    )
    Room.objects.filter(pk=room.pk).update(last_seq=80)
    session.starts_at = timezone.now() - datetime.timedelta(hours=3)
    session.save()
    client.force_login(network["other"])
    page = client.get(reverse("forum:office_hour", args=[session.pk])).content.decode()
    assert "Mensaje número 1<" in page and "Mensaje número 80<" in page
    assert "chat.js" not in page


def test_the_session_time_is_read_in_the_chosen_zone(network):
    from forum.forms import OfficeHourForm

    def form(when, zone):
        return OfficeHourForm(
            {
                "topic": "Tema",
                "language": "es",
                "starts_at": when,
                "time_zone": zone,
                "duration_minutes": 60,
            }
        )

    with timezone.override("America/New_York"):
        # 02:30 does not exist in New York on 9 March 2031, but it does in Lima.
        lima = form("2031-03-09T02:30", "America/Lima")
        assert lima.is_valid(), lima.errors
        assert lima.cleaned_data["starts_at"].isoformat() == "2031-03-09T02:30:00-05:00"
        gap = form("2031-03-09T02:30", "America/New_York")
        assert not gap.is_valid() and "starts_at" in gap.errors
        twice = form("2031-11-02T01:30", "America/New_York")
        assert not twice.is_valid() and "starts_at" in twice.errors


@pytest.mark.django_db(transaction=True)
async def test_a_question_room_over_the_websocket(network):
    """Outsiders are refused at the handshake; the expert's answer reaches the asker
    live and makes the question answered; the secretariat may only read."""
    from channels.db import database_sync_to_async

    from tests.forum.conftest import open_socket, receive_until

    question = await database_sync_to_async(_ask)(network, expert=network["patricia"])
    slug = question.room.slug
    _outsider, connected = await open_socket(network["other"], slug)
    assert not connected
    _other_expert, connected = await open_socket(network["marie"], slug)
    assert not connected
    asker, connected = await open_socket(network["official"], slug)
    assert connected
    expert, _ = await open_socket(network["patricia"], slug)
    secretariat, connected = await open_socket(network["secretariat"], slug)
    assert connected
    for socket in (asker, expert, secretariat):
        await receive_until(socket, "hello")
    await expert.send_json_to(
        {"type": "message", "client_id": str(uuid.uuid4()), "body": "Mi **respuesta**"}
    )
    received, _ = await receive_until(asker, "message")
    assert received["body_html"] == "<p>Mi <strong>respuesta</strong></p>"
    await secretariat.send_json_to(
        {"type": "message", "client_id": str(uuid.uuid4()), "body": "Yo también"}
    )
    refused, _ = await receive_until(secretariat, "error")
    assert refused["code"] == "forbidden"
    question = await database_sync_to_async(ExpertQuestion.objects.get)(pk=question.pk)
    assert question.status == ExpertQuestion.Status.ANSWERED
    for socket in (asker, expert, secretariat):
        await socket.disconnect()


def test_an_expert_uploads_a_photo_checked_by_its_content(network, client, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PillowImage

    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 40), (10, 80, 160)).save(buffer, "PNG")
    client.force_login(network["patricia"])
    url = reverse("forum:expert_edit")
    data = {"headline": "Inspectora", "bio": "", "seminars": "", "availability": ""}
    fake = SimpleUploadedFile("photo.png", b"<script>alert(1)</script>", "image/png")
    response = client.post(url, {**data, "photo": fake})
    assert response.status_code == 200 and response.context["form"].errors["photo"]
    assert ExpertProfile.objects.get(user=network["patricia"]).photo is None
    photo = SimpleUploadedFile("photo.png", buffer.getvalue(), "image/png")
    response = client.post(url, {**data, "photo": photo})
    assert response.status_code == 302
    profile = ExpertProfile.objects.get(user=network["patricia"])
    assert profile.photo.width == 40 and profile.headline == "Inspectora"
    page = client.get(reverse("forum:expert", args=[network["patricia"].pk])).content.decode()
    assert 'class="expert-header__photo"' in page
