"""Office hours: scheduling, the room that opens at the start, questions sent ahead and
their votes, the calendar file, reminders and transcripts."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from forum import access, services
from forum.models import (
    ExpertProfile,
    Message,
    OfficeHour,
    OfficeHourQuestion,
    OfficeHourSubscription,
    Room,
)
from forum.selectors import experts as expert_selectors
from tests.forum import expert_fixtures
from tests.forum.expert_fixtures import say

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
network = expert_fixtures.network  # the fixture, shared by the expert tests


def _session(expert, *, starts_in=datetime.timedelta(days=2), minutes=60, zone="America/Bogota"):
    """A session; past ones are created directly (the service only schedules the future)."""
    starts_at = timezone.now() + starts_in
    if starts_at > timezone.now():
        return services.office_hour_create(
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
        services.office_hour_create(actor=network["official"], **base)
    for change, field in [
        ({"starts_at": timezone.now() - datetime.timedelta(hours=1)}, "starts_at"),
        ({"duration_minutes": 500}, "duration_minutes"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"language": "xx"}, "language"),
        ({"topic": "  "}, "topic"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.office_hour_create(actor=network["patricia"], **{**base, **change})
        assert field in error.value.message_dict
    assert not OfficeHour.objects.exists()
    session = services.office_hour_create(actor=network["patricia"], **base)
    assert session.room.space == ExpertProfile.objects.get(user=network["patricia"]).office_space


def test_the_room_opens_at_the_start_time_and_only_for_subscribers(network):
    session = _session(network["patricia"])
    services.office_hour_subscribe(user=network["official"], session=session)
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
        say(network["official"], session.room)


def test_subscribers_write_while_the_session_is_open_and_the_transcript_stays(network, client):
    session = _session(network["patricia"], starts_in=-datetime.timedelta(minutes=10))
    OfficeHourSubscription.objects.create(session=session, user=network["official"])
    queued = OfficeHourQuestion.objects.create(
        session=session, author=network["official"], body="¿Plazos?", body_html="<p>¿Plazos?</p>"
    )
    say(network["official"], session.room, "Hola, ¿se escucha?")
    say(network["patricia"], session.room, "Los plazos: **diez días**")
    with pytest.raises(services.ChatError):
        say(network["other"], session.room, "Yo también")
    services.office_hour_question_answered(actor=network["patricia"], question=queued)
    queued.refresh_from_db()
    assert queued.answer_seq == 2
    # The session ends: the transcript is read-only and readable by every signed-in person.
    session.starts_at = timezone.now() - datetime.timedelta(hours=2)
    session.save()
    with pytest.raises(services.ChatError):
        say(network["patricia"], session.room, "Tarde")
    client.force_login(network["other"])
    page = client.get(reverse("forum:office_hour", args=[session.pk])).content.decode()
    assert "<strong>diez días</strong>" in page
    assert "¿Plazos?" in page
    assert 'id="chat-form"' not in page
    assert Message.objects.filter(room=session.room).count() == 2


def test_the_session_page_hides_the_room_until_the_start(network, client):
    session = _session(network["patricia"])
    services.office_hour_subscribe(user=network["official"], session=session)
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
    await database_sync_to_async(services.office_hour_subscribe)(
        user=network["official"], session=session
    )
    communicator, connected = await open_socket(network["official"], session.room.slug)
    assert not connected
    await communicator.disconnect()


def test_questions_ahead_subscribe_vote_and_are_kept_once(network):
    session = _session(network["patricia"])
    token = uuid.uuid4()
    question = services.office_hour_question_add(
        user=network["official"], session=session, body="¿Plazos?", token=token
    )
    again = services.office_hour_question_add(
        user=network["official"], session=session, body="¿Plazos?", token=token
    )
    assert question.pk == again.pk
    assert expert_selectors.is_subscribed(user=network["official"], session=session)
    with pytest.raises(ValidationError):
        services.office_hour_vote(user=network["official"], question=question)
    with pytest.raises(PermissionDenied):
        services.office_hour_vote(user=network["other"], question=question)
    services.office_hour_subscribe(user=network["other"], session=session)
    # A double click votes once; taking the vote back twice takes it back once.
    for _twice in range(2):
        assert services.office_hour_vote(user=network["other"], question=question)
    question.refresh_from_db()
    assert question.vote_count == 1
    for _twice in range(2):
        assert not services.office_hour_vote(user=network["other"], question=question, vote=False)
    question.refresh_from_db()
    assert question.vote_count == 0
    with pytest.raises(ValidationError):
        services.office_hour_question_add(user=network["other"], session=session, body="x" * 1001)
    with pytest.raises(ValidationError):  # not started: nothing to mark answered
        services.office_hour_question_answered(actor=network["patricia"], question=question)
    with pytest.raises(PermissionDenied):
        services.office_hour_question_answered(actor=network["other"], question=question)


def test_the_queue_is_most_voted_first(network):
    session = _session(network["patricia"])
    first = services.office_hour_question_add(
        user=network["official"], session=session, body="Primera"
    )
    second = services.office_hour_question_add(
        user=network["other"], session=session, body="Segunda"
    )
    services.office_hour_vote(user=network["official"], question=second)
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
        services.office_hour_subscribe(user=network["official"], session=session)
        services.office_hour_subscribe(user=network["other"], session=session)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.office_hour_reminders_send() == 2
    assert services.office_hour_reminders_send() == 0
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


def test_the_directory_s_short_list_is_the_next_three_sessions_with_their_subscription(
    network, django_assert_num_queries
):
    """The directory's short list runs SQL compiled once (``next_office_hours``): it gives
    what the ORM's query gives, ``subscribed`` included, hidden experts and ended
    sessions left out."""
    ended = _session(network["patricia"], starts_in=-datetime.timedelta(hours=3))
    soon = [
        _session(network["patricia"], starts_in=datetime.timedelta(days=days)) for days in (1, 3)
    ]
    hidden = _session(network["marie"], starts_in=datetime.timedelta(hours=30))
    later = _session(network["patricia"], starts_in=datetime.timedelta(days=5))
    _session(network["patricia"], starts_in=datetime.timedelta(days=9))
    ExpertProfile.objects.filter(user=network["marie"]).update(is_listed=False)
    OfficeHourSubscription.objects.create(session=soon[1], user=network["official"])

    def short(user):
        return expert_selectors.next_office_hours(user=user)

    with django_assert_num_queries(1):
        found = short(network["official"])
    assert found == [*soon, later] and ended not in found and hidden not in found
    assert [session.subscribed for session in found] == [False, True, False]
    assert found[0].expert == network["patricia"]  # with the expert, no other query
    assert found[0].expert.profile.user_id == network["patricia"].pk
    full = expert_selectors.upcoming_office_hours(user=network["official"], limit=3)
    assert [(s.pk, s.subscribed, s.starts_at, s.ends_at) for s in full] == [
        (s.pk, s.subscribed, s.starts_at, s.ends_at) for s in found
    ]
    assert [session.subscribed for session in short(network["patricia"])] == [False] * 3
