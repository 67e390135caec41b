"""A virtual dialogue's video room (events through lms.video), against the fake
BigBlueButton server: the registered join as attendees, the secretariat moderates,
an in-person event has no room, and without a server the link works as before."""

import datetime
import urllib.parse

import pytest
from django.utils import timezone

from events.models import Event, EventRegistration
from lms.models import Attendance
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(db):
    return Event.objects.create(
        title="Diálogo virtual sobre trabajo en plataformas",
        slug="dialogo-plataformas",
        kind=Event.Kind.DIALOGUE,
        format=Event.Format.VIRTUAL,
        starts_at=timezone.now() - datetime.timedelta(minutes=10),
        ends_at=timezone.now() + datetime.timedelta(hours=2),
        link="https://meet.example.org/plataformas",
    )


def _role(response):
    query = urllib.parse.urlsplit(response["Location"]).query
    return dict(urllib.parse.parse_qsl(query))["role"]


def test_the_registered_join_as_attendees_and_the_secretariat_moderates(
    client, dialogue, fake_bbb, secretariat
):
    join = f"/en/video/events.event:{dialogue.pk}/join/"
    person = ProfileFactory().user
    client.force_login(person)
    assert client.get(join).status_code == 403  # not registered
    EventRegistration.objects.create(event=dialogue, user=person)
    page = client.get(f"/en/events/{dialogue.slug}/").content.decode()
    assert f'href="{join}"' in page and "meet.example.org" not in page
    assert _role(client.get(join)) == "VIEWER"
    mfa_force_login(client, secretariat)
    assert _role(client.get(join)) == "MODERATOR"
    assert Attendance.objects.count() == 2
    page = client.get(f"/en/events/{dialogue.slug}/").content.decode()
    assert "Attendance" in page and person.get_full_name() in page


def test_an_in_person_event_has_no_room(client, dialogue, fake_bbb):
    Event.objects.filter(pk=dialogue.pk).update(format=Event.Format.IN_PERSON)
    person = ProfileFactory().user
    EventRegistration.objects.create(event=dialogue, user=person)
    client.force_login(person)
    assert client.get(f"/en/video/events.event:{dialogue.pk}/join/").status_code == 404
    assert "/video/" not in client.get(f"/en/events/{dialogue.slug}/").content.decode()


def test_without_a_server_the_registered_keep_the_link(client, dialogue):
    person = ProfileFactory().user
    EventRegistration.objects.create(event=dialogue, user=person)
    client.force_login(person)
    page = client.get(f"/en/events/{dialogue.slug}/").content.decode()
    assert 'href="https://meet.example.org/plataformas"' in page
    assert "/video/" not in page
