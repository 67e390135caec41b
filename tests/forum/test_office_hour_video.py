"""An office hour's video room (forum's owner ``forum.officehour``), against the fake
BigBlueButton server: the subscribers join as attendees, the expert and the
secretariat as moderators, anyone else is refused; without a server the office hour
is its chat room only."""

import datetime
import urllib.parse

import pytest
from django.utils import timezone

from forum import services
from forum.models import OfficeHour
from lms.models import Attendance, VideoRoom
from tests.forum import expert_fixtures
from tests.mfa import mfa_force_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
network = expert_fixtures.network


@pytest.fixture
def session(network):
    """Patrícia's office hour, the official subscribed, started 5 minutes ago."""
    item = services.office_hour_create(
        actor=network["patricia"],
        topic="Protocolos de denuncia",
        description="",
        language="es",
        starts_at=timezone.now() + datetime.timedelta(days=1),
        time_zone="America/Bogota",
        duration_minutes=60,
    )
    services.office_hour_subscribe(user=network["official"], session=item)
    now = timezone.now()
    OfficeHour.objects.filter(pk=item.pk).update(
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(minutes=55),
    )
    return OfficeHour.objects.get(pk=item.pk)


def page_url(session):
    return f"/en/experts/office-hours/{session.pk}/"


def join_url(session):
    return f"/en/video/forum.officehour:{session.pk}/join/"


def _role(response):
    query = urllib.parse.urlsplit(response["Location"]).query
    return dict(urllib.parse.parse_qsl(query))["role"]


def test_without_a_server_there_is_no_video_room(client, network, session):
    client.force_login(network["official"])
    html = client.get(page_url(session)).content.decode()
    assert "Join the video room" not in html
    assert client.get(join_url(session)).status_code == 404  # no plain link to send to


def test_subscribers_join_as_attendees_and_the_expert_and_secretariat_moderate(
    client, network, session, fake_bbb
):
    client.force_login(network["official"])
    html = client.get(page_url(session)).content.decode()
    assert "Join the video room" in html and f'href="{join_url(session)}"' in html
    assert _role(client.get(join_url(session))) == "VIEWER"
    client.force_login(network["patricia"])
    assert "Join the video room" in client.get(page_url(session)).content.decode()
    assert _role(client.get(join_url(session))) == "MODERATOR"
    mfa_force_login(client, network["secretariat"])
    assert _role(client.get(join_url(session))) == "MODERATOR"
    room = VideoRoom.objects.get(owner_key=f"forum.officehour:{session.pk}")
    assert fake_bbb.meetings[room.meeting_id].name == "Protocolos de denuncia"
    assert Attendance.objects.filter(room=room).count() == 3


def test_someone_not_subscribed_is_refused(client, network, session, fake_bbb):
    client.force_login(network["other"])
    assert "Join the video room" not in client.get(page_url(session)).content.decode()
    assert client.get(join_url(session)).status_code == 403
    assert fake_bbb.calls == []


def test_the_expert_sees_the_attendance_and_everyone_in_it_the_recordings(
    client, network, session, fake_bbb
):
    client.force_login(network["official"])
    client.get(join_url(session))
    room = VideoRoom.objects.get(owner_key=f"forum.officehour:{session.pk}")
    fake_bbb.record(room.meeting_id, minutes=50)
    past = timezone.now() - datetime.timedelta(hours=1)
    OfficeHour.objects.filter(pk=session.pk).update(
        starts_at=past - datetime.timedelta(hours=1), ends_at=past
    )
    html = client.get(page_url(session)).content.decode()
    assert "(50 minutes)" in html and "Attendance" not in html
    client.force_login(network["patricia"])
    html = client.get(page_url(session)).content.decode()
    assert "Attendance" in html and network["official"].get_full_name() in html
