"""Events: the calendar, registration, the follow-up space, .ics files."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from events import selectors, services
from events.models import Event, EventRegistration
from forum.models import Space
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("es"):
        return reverse(f"events:{name}", kwargs=kwargs)


def _event(slug, *, days=10, kind=Event.Kind.WORKSHOP, **extra):
    starts = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    return Event.objects.create(
        title=f"Taller {slug}",
        slug=slug,
        kind=kind,
        format=Event.Format.IN_PERSON,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(days=2),
        time_zone="America/Bogota",
        host_country="CO",
        city="Bogotá",
        **extra,
    )


def test_upcoming_and_past_events(db):
    soon, later = _event("soon", days=3), _event("later", days=30)
    past = _event("past", days=-30)
    _event("hidden", days=5, is_published=False)
    assert list(selectors.upcoming()) == [soon, later]
    assert list(selectors.past()) == [past]
    assert list(selectors.upcoming(kind="dialogue")) == []


def test_registering_once_and_not_after_the_event(db):
    person = ProfileFactory().user
    event = _event("lima")
    for _twice in range(2):
        services.event_register(user=person, event=event)
    assert EventRegistration.objects.filter(event=event).count() == 1
    services.event_unregister(user=person, event=event)
    assert not EventRegistration.objects.exists()
    with pytest.raises(ValidationError):
        services.event_register(user=person, event=_event("over", days=-10))
    with pytest.raises(ValidationError):
        services.event_register(user=person, event=_event("closed", registration_open=False))


def test_the_follow_up_space_is_made_from_the_participants_in_one_action(db, secretariat):
    event = _event("bogota")
    people = [ProfileFactory(user__full_name=f"Persona {n}").user for n in range(3)]
    for person in people[:2]:
        services.event_register(user=person, event=event)
    with pytest.raises(PermissionDenied):
        services.event_follow_up_create(actor=people[0], event=event)
    space = services.event_follow_up_create(actor=secretariat, event=event)
    assert space.kind == Space.Kind.WORKSHOP and space.rooms.count() == 1
    members = set(space.memberships.values_list("user__full_name", "role"))
    assert members == {
        ("Persona 0", "member"),
        ("Persona 1", "member"),
        (secretariat.full_name, "coordinator"),
    }
    services.event_register(user=people[2], event=event)
    assert services.event_follow_up_create(actor=secretariat, event=event) == space
    assert space.memberships.count() == 4  # the newcomer added, nobody twice
    event.refresh_from_db()
    assert event.follow_up_space == space


def test_event_pages_and_registration_through_the_page(db, client):
    event = _event("quito", agenda="**Día 1** <script>x()</script>")
    person = ProfileFactory(user__full_name="Ana Participante", institution="MT Ecuador").user
    page = client.get(url("event", slug="quito")).content.decode()
    assert "<strong>Día 1</strong>" in page and "<script>x()" not in page
    assert "Ana Participante" not in page
    client.force_login(person)
    response = client.post(url("register", slug="quito"), {"action": "register"})
    assert response.status_code == 302
    page = client.get(url("event", slug="quito")).content.decode()
    assert "Ana Participante" in page  # the participants list, for signed-in people
    assert client.get(url("index")).status_code == 200
    client.post(url("register", slug="quito"), {"action": "cancel"})
    assert not EventRegistration.objects.filter(event=event).exists()
    assert client.post(url("follow_up", slug="quito")).status_code == 403


def test_calendar_files_are_valid(db, client):
    event = _event("panama")
    _event("gone", days=-40)
    calendar = Calendar.from_ical(client.get(url("event_ics", slug="panama")).content)
    [entry] = calendar.walk("VEVENT")
    assert entry.decoded("dtstart") == event.starts_at
    assert str(entry.decoded("dtstart").tzinfo) == "America/Bogota"
    assert str(entry["summary"]) == "Taller panama"
    assert "Bogotá" in str(entry["location"])
    feed = Calendar.from_ical(client.get(url("calendar_ics")).content)
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == ["Taller panama"]
    assert event.starts_at.astimezone(zoneinfo.ZoneInfo("America/Bogota"))


def test_the_events_page_costs_the_same_for_many(db, client, django_assert_max_num_queries):
    for n in range(3):
        _event(f"e{n}", days=n + 1)
    with django_assert_max_num_queries(10):
        client.get(url("index"))
    for n in range(3, 25):
        _event(f"e{n}", days=n + 1)
    with django_assert_max_num_queries(10):
        assert "Taller e24" in client.get(url("index")).content.decode()


def test_the_admin_reads_times_in_the_events_time_zone(db, secretariat, client):
    """Whoever types 09:00 for a Bogotá workshop means 09:00 in Bogotá."""
    secretariat.profile.time_zone = "America/New_York"
    secretariat.profile.save()
    mfa_force_login(client, secretariat)
    data = {
        "title": "Taller",
        "slug": "taller-admin",
        "kind": "workshop",
        "format": "in_person",
        "starts_at": "2031-05-06 09:00",
        "ends_at": "2031-05-07 17:00",
        "time_zone": "America/Bogota",
        "host_country": "CO",
        "city": "Bogotá",
        "objective": "",
        "organisers": "",
        "agenda": "",
        "link": "",
        "registration_open": "on",
        "is_published": "on",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    response = client.post("/admin/snippets/events/event/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(slug="taller-admin")
    bogota = zoneinfo.ZoneInfo("America/Bogota")
    assert event.starts_at.astimezone(bogota).hour == 9
    edit = client.get(f"/admin/snippets/events/event/edit/{event.pk}/").content.decode()
    assert "2031-05-06 09:00" in edit


def test_the_follow_up_message_counts_its_members_in_the_singular(client, secretariat):
    _event("lima")
    mfa_force_login(client, secretariat)
    with translation.override("en"):
        follow_up = reverse("events:follow_up", kwargs={"slug": "lima"})
    response = client.post(follow_up, follow=True)
    # Nobody registered: the space holds its coordinator only.
    assert "The follow-up space is ready with 1 member." in response.content.decode()
