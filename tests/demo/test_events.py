"""The demo's events: a workshop's page and its follow-up space tell the same story."""

import pytest
from django.urls import reverse
from django.utils import translation

from demo.accounts import ensure_people
from demo.events import ensure_events
from demo.spaces import SPACES, ensure_spaces
from events.models import Event, EventRegistration
from lms.models import User
from tests.factories import UserFactory


@pytest.fixture
def demo_events(db):
    ensure_people()
    for spec in SPACES["spaces"]:  # the learners the demo cohort would bring
        for line in spec["members"] + spec["room"]["messages"]:
            email = line.get("email") or line["author"]
            if not User.objects.filter(email=email).exists():
                UserFactory(email=email)
    ensure_spaces()
    ensure_events()


def test_a_workshop_counts_the_people_of_its_follow_up_space(demo_events, client):
    workshops = Event.objects.exclude(follow_up_space=None)
    assert workshops.exists()
    for event in workshops:
        members = set(event.follow_up_space.memberships.values_list("user_id", flat=True))
        assert set(event.registrations.values_list("user_id", flat=True)) == members
        with translation.override("en"):
            html = client.get(reverse("events:event", kwargs={"slug": event.slug})).content
        assert f"<dt>Participants</dt><dd>{len(members)}</dd>" in html.decode()


def test_a_demo_loaded_before_gets_the_registrations(demo_events):
    event = Event.objects.exclude(follow_up_space=None).first()
    EventRegistration.objects.filter(event=event).delete()
    ensure_events()
    assert event.registrations.count() == event.follow_up_space.memberships.count() > 0
