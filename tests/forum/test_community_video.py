"""A community's dialogue in a video room (lms.video through forum's owner hook),
against the fake BigBlueButton server: who may join and as what, attendance read
from the server, recordings on the page, no server configured, a server down."""

import datetime
import urllib.parse
import urllib.request

import pytest
from django.utils import timezone

from forum.models import SpaceEvent, SpaceMembership
from lms.models import Attendance, VideoRoom
from lms.services.video import GRACE, video_attendance_sync
from lms.tasks import video_attendance
from tests.forum import community_fixtures
from tests.forum.community_fixtures import an_event, person
from tests.mfa import mfa_force_login
from tests.processes import free_port

pytestmark = pytest.mark.django_db
network = community_fixtures.network


def page_url(event):
    return f"/en/communities/{event.space.slug}/events/{event.pk}/"


def join_url(event):
    return f"/en/video/forum.spaceevent:{event.pk}/join/"


@pytest.fixture
def live_dialogue(network):
    return an_event(
        network,
        starts_at=timezone.now() - datetime.timedelta(minutes=5),
        duration_minutes=90,
        link="https://meet.example.org/dialogo-190",
    )


def _join(client, user, event):
    client.force_login(user)
    return client.get(join_url(event))


def _params(response):
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(response["Location"]).query))


def test_a_member_joins_as_attendee_and_the_coordinator_as_moderator(
    client, network, live_dialogue, fake_bbb
):
    response = _join(client, network["shows"], live_dialogue)
    assert response.status_code == 302
    assert response["Location"].startswith(fake_bbb.url + "api/join?")
    params = _params(response)
    assert params["role"] == "VIEWER"
    assert params["fullName"] == "Camila Fuentes Gómez"
    assert params["userID"] == str(network["shows"].pk)
    room = VideoRoom.objects.get(owner_key=f"forum.spaceevent:{live_dialogue.pk}")
    assert params["password"] == room.attendee_pw
    assert fake_bbb.meetings[room.meeting_id].name == live_dialogue.title
    assert fake_bbb.meetings[room.meeting_id].meta == {
        "rial-owner": f"forum.spaceevent:{live_dialogue.pk}"
    }

    response = _join(client, network["coordinator"], live_dialogue)
    params = _params(response)
    assert params["role"] == "MODERATOR"
    assert params["password"] == room.moderator_pw
    rows = Attendance.objects.filter(room=room).order_by("pk")
    assert [(row.user, row.moderator, row.left_at) for row in rows] == [
        (network["shows"], False, None),
        (network["coordinator"], True, None),
    ]


def test_joining_twice_keeps_one_open_stay(client, network, live_dialogue, fake_bbb):
    _join(client, network["shows"], live_dialogue)
    _join(client, network["shows"], live_dialogue)
    assert Attendance.objects.filter(user=network["shows"]).count() == 1


def test_someone_outside_the_community_may_not_join(client, network, live_dialogue, fake_bbb):
    response = _join(client, network["outsider"], live_dialogue)
    assert response.status_code == 403
    assert not Attendance.objects.exists()
    assert fake_bbb.calls == []


def test_an_unknown_session_is_not_found(client, network, fake_bbb):
    client.force_login(network["shows"])
    for key in ["forum.spaceevent:999999", "forum.nothing:1", "rubbish"]:
        assert client.get(f"/en/video/{key}/join/").status_code == 404


def test_the_room_opens_15_minutes_before_and_closes_at_the_end(client, network, fake_bbb):
    early = an_event(network, starts_at=timezone.now() + datetime.timedelta(hours=2))
    response = _join(client, network["shows"], early)
    assert response.status_code == 302 and response["Location"] == page_url(early)
    page = client.get(page_url(early)).content.decode()
    assert "The room opens 15 minutes before the session starts." in page
    assert fake_bbb.calls == []
    soon = an_event(network, starts_at=timezone.now() + datetime.timedelta(minutes=10))
    assert _join(client, network["shows"], soon)["Location"].startswith(fake_bbb.url)
    past = an_event(network)
    assert _join(client, network["shows"], past)["Location"] == page_url(past)


def test_the_page_offers_the_platform_room_and_no_outside_link(
    client, network, live_dialogue, fake_bbb
):
    client.force_login(network["shows"])
    page = client.get(page_url(live_dialogue)).content.decode()
    assert f'href="{join_url(live_dialogue)}"' in page
    assert "meet.example.org" not in page
    assert "Attendance" not in page  # for whoever runs the session


def test_without_a_server_the_plain_link_works_as_before(client, network, live_dialogue):
    client.force_login(network["shows"])
    page = client.get(page_url(live_dialogue)).content.decode()
    assert 'href="https://meet.example.org/dialogo-190"' in page
    assert "/video/" not in page
    # The platform's address, if someone kept it, goes to the link.
    response = client.get(join_url(live_dialogue))
    assert response.status_code == 302
    assert response["Location"] == "https://meet.example.org/dialogo-190"
    assert not VideoRoom.objects.exists()


def test_a_server_down_says_so_clearly(client, network, live_dialogue, settings):
    port = free_port()  # nobody listens there
    settings.BBB_URL = f"http://127.0.0.1:{port}/bigbluebutton/"
    settings.BBB_SECRET = "secret"
    response = _join(client, network["shows"], live_dialogue)
    assert response.status_code == 503
    text = response.content.decode()
    assert "The video room cannot be reached" in text
    assert "tell the Technical Secretariat" in text
    assert page_url(live_dialogue) in text
    assert not Attendance.objects.exists()
    # The session's page still works; once it is over, its recordings say they
    # cannot be listed.
    SpaceEvent.objects.filter(pk=live_dialogue.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3)
    )
    client.force_login(network["coordinator"])
    assert VideoRoom.objects.filter(owner_key=f"forum.spaceevent:{live_dialogue.pk}").exists()
    page = client.get(page_url(live_dialogue))
    assert page.status_code == 200
    assert "The recordings cannot be listed right now" in page.content.decode()


def test_attendance_is_read_from_the_server_until_everyone_left(
    client, network, live_dialogue, fake_bbb
):
    member, coordinator = network["shows"], network["coordinator"]
    for who in (member, coordinator):
        location = _join(client, who, live_dialogue)["Location"]
        urllib.request.urlopen(location, timeout=2).close()  # noqa: S310 (the fake, where the browser lands)
    room = VideoRoom.objects.get()
    joined = timezone.now()
    # Just after joining nobody is counted out, even if the server is slow to list them.
    fake_bbb.leave(room.meeting_id, member.pk)
    assert video_attendance_sync(now=joined + GRACE / 2) == 0
    # Later: the member is gone, the coordinator still in.
    later = joined + datetime.timedelta(minutes=40)
    assert video_attendance_sync(now=later) == 1
    stay = Attendance.objects.get(user=member)
    assert stay.left_at == later and 39 * 60 <= stay.seconds <= 40 * 60 + 5
    assert Attendance.objects.get(user=coordinator).left_at is None
    # The meeting is over on the server: the last stay closes (the job does this).
    fake_bbb.leave(room.meeting_id, coordinator.pk)
    Attendance.objects.filter(user=coordinator).update(
        joined_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert video_attendance.enqueue().return_value == 1
    assert not Attendance.objects.filter(left_at__isnull=True).exists()
    calls = len(fake_bbb.calls)
    assert video_attendance_sync() == 0
    assert len(fake_bbb.calls) == calls  # nobody in a room: no call


def test_the_coordinator_sees_attendance_and_everyone_the_recordings(
    client, network, live_dialogue, fake_bbb, django_assert_max_num_queries
):
    people = [network["shows"], network["hides"], network["coordinator"]]
    for who in people:
        _join(client, who, live_dialogue)
    room = VideoRoom.objects.get()
    Attendance.objects.filter(user=network["hides"]).update(left_at=timezone.now(), seconds=25 * 60)
    fake_bbb.record(room.meeting_id, minutes=80)
    fake_bbb.record(room.meeting_id, published=False)
    client.force_login(network["shows"])
    assert "/playback/" not in client.get(page_url(live_dialogue)).content.decode()
    # The session is over: its recordings are listed.
    SpaceEvent.objects.filter(pk=live_dialogue.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3)
    )

    client.force_login(network["coordinator"])
    page = client.get(page_url(live_dialogue)).content.decode()
    assert "Attendance" in page
    for who in people:
        assert who.get_full_name() in page
    assert "25 minutes" in page
    assert "still in the room" in page
    assert page.count("/playback/presentation/") == 1  # the published one
    assert "80 minutes" in page

    client.force_login(network["shows"])
    page = client.get(page_url(live_dialogue)).content.decode()
    assert page.count("/playback/presentation/") == 1
    assert "Attendance" not in page and "Beto Oculto" not in page

    # The recordings are kept a few minutes: a page view asks the server once.
    calls = fake_bbb.calls.count("getRecordings")
    client.get(page_url(live_dialogue))
    assert fake_bbb.calls.count("getRecordings") == calls

    # More people cost no more queries.
    client.force_login(network["coordinator"])
    with django_assert_max_num_queries(25) as few:
        client.get(page_url(live_dialogue))
    for _ in range(8):
        someone = person("Alguien Más")
        SpaceMembership.objects.create(space=network["space"], user=someone)
        Attendance.objects.create(room=room, user=someone, left_at=timezone.now(), seconds=60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(page_url(live_dialogue))


def test_the_coordinator_closes_the_room_for_everyone(client, network, live_dialogue, fake_bbb):
    _join(client, network["shows"], live_dialogue)
    _join(client, network["coordinator"], live_dialogue)
    room = VideoRoom.objects.get()
    page = client.get(page_url(live_dialogue)).content.decode()
    assert "You join as moderator." in page
    assert "Close the room for everyone" in page
    client.force_login(network["shows"])
    assert client.post(f"/en/video/forum.spaceevent:{live_dialogue.pk}/end/").status_code == 403
    client.force_login(network["coordinator"])
    response = client.post(f"/en/video/forum.spaceevent:{live_dialogue.pk}/end/")
    assert response.status_code == 302 and response["Location"] == page_url(live_dialogue)
    assert room.meeting_id not in fake_bbb.meetings
    assert not Attendance.objects.filter(left_at__isnull=True).exists()


def test_the_secretariat_joins_as_moderator(client, network, live_dialogue, fake_bbb, secretariat):
    mfa_force_login(client, secretariat)
    response = client.get(join_url(live_dialogue))
    assert _params(response)["role"] == "MODERATOR"
