"""A body's virtual meeting in a video room (bodies through lms.video), against the
fake BigBlueButton server: members join as attendees, the secretariat as moderator,
others may not; without a server the link stays."""

import datetime
import urllib.parse

import pytest
from django.utils import timezone

from bodies.models import Meeting
from tests.bodies.helpers import make_body, make_meeting, make_member
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    body = make_body(slug="red")
    item = make_meeting(body)
    Meeting.objects.filter(pk=item.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=1),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    item.refresh_from_db()
    return item


def _role(response):
    query = urllib.parse.urlsplit(response["Location"]).query
    return dict(urllib.parse.parse_qsl(query))["role"]


def test_members_join_as_attendees_and_the_secretariat_moderates(
    client, meeting, fake_bbb, secretariat
):
    join = f"/en/video/bodies.meeting:{meeting.pk}/join/"
    member = make_member(meeting.body).user
    client.force_login(ProfileFactory().user)
    assert client.get(join).status_code == 404  # a private body they do not see
    client.force_login(member)
    page = client.get(f"/en/bodies/red/meetings/{meeting.pk}/").content.decode()
    assert f'href="{join}"' in page and "meet.example.org" not in page
    assert _role(client.get(join)) == "VIEWER"
    mfa_force_login(client, secretariat)
    assert _role(client.get(join)) == "MODERATOR"


def test_without_a_server_the_link_stays(client, meeting):
    client.force_login(make_member(meeting.body).user)
    page = client.get(f"/en/bodies/red/meetings/{meeting.pk}/").content.decode()
    assert 'href="https://meet.example.org/x"' in page
    assert "/video/" not in page
