"""The person's calendar: month and agenda views in their zone, only what is theirs
(course sessions and deadlines, office hours, community meetings, events), the private
feed and its reset, a calendar file per course session or deadline."""

import datetime
import uuid
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from icalendar import Calendar
from wagtail import hooks

from events.models import Event, EventRegistration
from forum.models import OfficeHour, OfficeHourSubscription, Room, SpaceEvent, SpaceMembership
from lms.calendar import HOOK
from lms.middleware import SESSION_KEY
from lms.models import CalendarFeed, Cohort, CohortGroup, Enrolment, Notification, ScheduledItem
from lms.selectors.schedule import cohort_schedule
from lms.services.schedule import cohort_schedule_create, live_session_reminders_send
from lms.tasks import live_session_reminders
from lms.templatetags.lms_tags import machine_time
from tests.course_fixtures import build_course
from tests.factories import ProfileFactory, SpaceFactory, UserFactory

pytestmark = pytest.mark.django_db

MADRID = zoneinfo.ZoneInfo("Europe/Madrid")


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(f"lms:{name}", kwargs=kwargs)


def sign_in(client, user, zone="Europe/Madrid"):
    """Signed in with the profile's zone in the session, as the sign-in does."""
    user.profile.time_zone = zone
    user.profile.save()
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = zone
    session.save()
    return client


def office_hour(expert, topic, starts_at, *, subscribers=()):
    space = SpaceFactory(kind="experts")
    room = Room.objects.create(space=space, name=topic, slug=f"oh-{uuid.uuid4().hex[:8]}")
    session = OfficeHour.objects.create(
        space=space,
        expert=expert,
        topic=topic,
        language="es",
        starts_at=starts_at,
        time_zone="America/Sao_Paulo",
        duration_minutes=60,
        room=room,
    )
    for user in subscribers:
        OfficeHourSubscription.objects.create(session=session, user=user)
    return session


def meeting(title, starts_at, *, members=()):
    space = SpaceFactory(kind="community")
    for user in members:
        SpaceMembership.objects.create(space=space, user=user)
    return SpaceEvent.objects.create(
        space=space,
        kind=SpaceEvent.Kind.MEETING,
        title=title,
        starts_at=starts_at,
        time_zone="America/Lima",
        duration_minutes=90,
    )


def event(slug, starts_at, *, registered=()):
    item = Event.objects.create(
        title=f"Taller {slug}",
        slug=slug,
        kind=Event.Kind.WORKSHOP,
        format=Event.Format.IN_PERSON,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=8),
        time_zone="America/Bogota",
        host_country="CO",
        city="Bogotá",
    )
    for user in registered:
        EventRegistration.objects.create(event=item, user=user)
    return item


@pytest.fixture
def two_people():
    """Lucía (in a cohort) and Roberto (in another course's cohort), each with an office
    hour, a community meeting and an event of their own, all in the coming days."""
    mine = build_course()
    theirs = build_course(slug="otro-curso")
    lesson = theirs.lesson_a
    lesson.body = [
        {**block, "value": {**block["value"], "title": "Sesión ajena"}}
        if block["type"] == "live_session"
        else block
        for block in lesson.body.raw_data
    ]
    lesson.save_revision().publish()
    expert = ProfileFactory(user__full_name="Patrícia Alves").user
    soon = (timezone.now() + datetime.timedelta(days=2)).replace(microsecond=0)
    return {
        "me": mine.learner,
        "other": theirs.learner,
        "world": mine,
        "other_world": theirs,
        "office_hour": office_hour(expert, "Protocolos propios", soon, subscribers=[mine.learner]),
        "other_office_hour": office_hour(
            expert, "Protocolos ajenos", soon, subscribers=[theirs.learner]
        ),
        "meeting": meeting("Reunión propia", soon, members=[mine.learner]),
        "other_meeting": meeting("Reunión ajena", soon, members=[theirs.learner]),
        "event": event("propio", soon, registered=[mine.learner]),
        "other_event": event("ajeno", soon, registered=[theirs.learner]),
        "soon": soon,
    }


def the_session(world):
    return next(
        entry for entry in cohort_schedule(cohort=world.cohort) if entry.kind == "live_session"
    )


def test_forum_events_and_bodies_give_their_entries_through_the_hook():
    modules = {hook.__module__ for hook in hooks.get_hooks(HOOK)}
    assert modules == {"forum.wagtail_hooks", "events.wagtail_hooks", "bodies.wagtail_hooks"}


def test_the_month_shows_only_the_persons_items_in_their_zone(client, two_people):
    sign_in(client, two_people["me"])
    session = the_session(two_people["world"])
    for moment in (session.starts_at, two_people["soon"]):
        month = moment.astimezone(MADRID).strftime("%Y-%m")
        page = client.get(en("calendar"), {"month": month}).content.decode()
        if moment == session.starts_at:
            # 10:00 in Bogotá is shown at Madrid's hour.
            assert f'datetime="{machine_time(session.starts_at)}"' in page
            assert "Sesión en vivo" in page
            assert reverse_ics(two_people["world"], session) in page
        else:
            assert "Protocolos propios" in page
            assert "Reunión propia" in page
            assert "Taller propio" in page
            assert f'datetime="{machine_time(two_people["soon"])}"' in page
        for theirs in ("Sesión ajena", "Protocolos ajenos", "Reunión ajena", "Taller ajeno"):
            assert theirs not in page
    office = two_people["office_hour"]
    assert f"/en/experts/office-hours/{office.pk}/calendar.ics" in page
    assert "/en/events/propio/calendar.ics" in page


def reverse_ics(world, session):
    return en("calendar_item_ics", cohort_id=world.cohort.pk, block_id=session.block_id)


def test_month_navigation_monday_first_and_today(client, user):
    sign_in(client, user)
    page = client.get(en("calendar"), {"month": "2027-01"}).content.decode()
    assert '<h2 id="month-title">January 2027</h2>' in page
    assert 'href="?month=2026-12"' in page and 'href="?month=2027-02"' in page
    headers = page.split("<thead>")[1].split("</thead>")[0]
    assert headers.index("Monday") < headers.index("Tuesday") < headers.index("Sunday")
    # 1 January 2027 is a Friday: the grid starts on Monday 28 December 2026.
    assert page.index('datetime="2026-12-28"') < page.index('datetime="2027-01-01"')
    assert 'aria-current="date"' not in page
    this_month = client.get(en("calendar")).content.decode()
    today = timezone.localtime(timezone.now(), MADRID).date()
    assert 'aria-current="date"' in this_month
    cell = this_month.split('aria-current="date"')[1]
    assert cell.index(f'datetime="{today.isoformat()}"') < 200
    # A wrong month is this month.
    assert (
        client.get(en("calendar"), {"month": "2027-13"})
        .content.decode()
        .count('aria-current="date"')
        == 1
    )


def test_the_agenda_lists_the_next_sixty_days_by_day(client, two_people):
    me = two_people["me"]
    sign_in(client, me)
    later = timezone.now() + datetime.timedelta(days=70)
    event("lejano", later, registered=[me])
    event("pasado", timezone.now() - datetime.timedelta(days=3), registered=[me])
    page = client.get(en("calendar_agenda")).content.decode()
    assert "The next 60 days" in page
    assert "Taller propio" in page and "Protocolos propios" in page and "Reunión propia" in page
    assert "Sesión en vivo" in page  # three days after the cohort's start (today)
    assert "Taller lejano" not in page and "Taller pasado" not in page
    for theirs in ("Sesión ajena", "Protocolos ajenos", "Reunión ajena", "Taller ajeno"):
        assert theirs not in page
    soon_day = two_people["soon"].astimezone(MADRID).date()
    heading = f'<h3 id="day-{soon_day:%Y%m%d}">'
    assert page.count(heading) == 1
    section = page.split(heading)[1].split("</section>")[0]
    assert "Taller propio" in section and "Protocolos propios" in section


def test_the_feed_needs_no_sign_in_and_holds_only_the_persons_items(client, two_people):
    me = two_people["me"]
    sign_in(client, me)
    client.get(en("calendar"))
    token = CalendarFeed.objects.get(user=me).token
    client.logout()
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    uids = {str(component["uid"]).split("@")[0] for component in calendar.walk("VEVENT")}
    world = two_people["world"]
    expected = {
        f"office-hour-{two_people['office_hour'].pk}",
        f"space-event-{two_people['meeting'].pk}",
        f"event-{two_people['event'].pk}",
    } | {
        f"cohort-{world.cohort.pk}-{entry.block_id}"
        for entry in cohort_schedule(cohort=world.cohort)
    }
    assert uids == expected
    summaries = {str(component["summary"]) for component in calendar.walk("VEVENT")}
    assert not any("ajen" in summary for summary in summaries)
    # The person's language (Spanish) for titles and addresses.
    assert "Horas de consulta con Patrícia Alves: Protocolos propios" in summaries
    urls = [str(component["url"]) for component in calendar.walk("VEVENT")]
    assert all(url.startswith("http://testserver/es/") for url in urls)


def test_resetting_the_link_makes_the_old_one_stop_at_once(client, user):
    sign_in(client, user)
    page = client.get(en("calendar")).content.decode()
    old = CalendarFeed.objects.get(user=user).token
    assert f"/calendar/{old}.ics" in page
    response = client.post(en("calendar_feed_reset"))
    assert response.status_code == 302
    new = CalendarFeed.objects.get(user=user).token
    assert new != old
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200
    assert f"/calendar/{new}.ics" in client.get(en("calendar")).content.decode()
    # Only by POST, only signed in.
    assert client.get(en("calendar_feed_reset")).status_code == 405
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_a_course_session_has_its_own_calendar_file_for_its_learners_only(client, two_people):
    world = two_people["world"]
    session = the_session(world)
    url = reverse_ics(world, session)
    sign_in(client, two_people["me"])
    response = client.get(url)
    assert response.status_code == 200
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["summary"]) == "Sesión en vivo"
    assert events[0]["dtstart"].dt == session.starts_at
    assert events[0]["dtend"].dt - events[0]["dtstart"].dt == datetime.timedelta(minutes=60)
    sign_in(client, two_people["other"])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_calendar_costs_the_same_for_many_items(
    client, two_people, django_assert_max_num_queries
):
    me = two_people["me"]
    sign_in(client, me)
    expert = UserFactory(full_name="Otro Experto")
    soon = two_people["soon"]
    for n in range(25):
        moment = soon + datetime.timedelta(days=n % 5, hours=n)
        office_hour(expert, f"Sesión {n}", moment, subscribers=[me])
        meeting(f"Reunión {n}", moment, members=[me])
        event(f"taller-{n}", moment, registered=[me])
    client.get(en("calendar"))  # the feed row and the caches
    month = soon.astimezone(MADRID).strftime("%Y-%m")
    with django_assert_max_num_queries(12):
        response = client.get(en("calendar"), {"month": month})
    assert response.content.decode().count("calendar-entry--event") >= 25
    with django_assert_max_num_queries(12):
        response = client.get(en("calendar_agenda"))
    assert response.content.decode().count("calendar-entry--office_hour") >= 25
    token = CalendarFeed.objects.get(user=me).token
    client.logout()
    with django_assert_max_num_queries(7):
        assert client.get(f"/calendar/{token}.ics").status_code == 200


def test_my_learning_and_the_menu_link_the_calendar(client, two_people):
    sign_in(client, two_people["me"])
    page = client.get(en("dashboard")).content.decode()
    assert page.count(f'href="{en("calendar")}"') == 2


def test_a_community_meeting_has_its_calendar_file_linked_from_the_calendar(client, two_people):
    item = two_people["meeting"]
    sign_in(client, two_people["me"])
    with translation.override("en"):
        url = reverse(
            "forum:community_event_ics", kwargs={"slug": item.space.slug, "event_id": item.pk}
        )
    month = two_people["soon"].astimezone(MADRID).strftime("%Y-%m")
    assert url in client.get(en("calendar"), {"month": month}).content.decode()
    [entry] = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert str(entry["summary"]) == "Reunión propia"
    assert str(entry["uid"]).startswith(f"space-event-{item.pk}@")
    assert entry.decoded("dtend") - entry.decoded("dtstart") == datetime.timedelta(minutes=90)


# --- Reminders before live sessions ---------------------------------------------------------


def test_learners_are_reminded_once_of_a_live_session_within_a_day(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    assert live_session_reminders.name  # declared as a periodic task (every 15 minutes)
    cohort_schedule_create(cohort=world.cohort)
    item = ScheduledItem.objects.get(cohort=world.cohort, kind="live_session")
    english = ProfileFactory(
        user__full_name="Jane English", preferred_language="en", time_zone="Europe/Madrid"
    ).user
    gone = ProfileFactory(user__full_name="Ya No Está").user
    Enrolment.objects.create(cohort=world.cohort, user=english, group=world.group)
    Enrolment.objects.create(
        cohort=world.cohort, user=gone, group=world.group, status=Enrolment.Status.WITHDRAWN
    )
    elsewhere = build_course(slug="otro-curso")  # its session is at the same time
    cohort_schedule_create(cohort=elsewhere.cohort)

    # More than a day ahead: nobody yet.
    assert live_session_reminders_send(now=item.starts_at - datetime.timedelta(hours=25)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        told = live_session_reminders_send(now=item.starts_at - datetime.timedelta(hours=23))
    reminders = {n.user_id: n for n in Notification.objects.filter(kind="live_reminder")}
    # Only the two active learners of this cohort (and the other course's own learner).
    assert set(reminders) == {world.learner.pk, english.pk, elsewhere.learner.pk}
    assert told == 3
    local = item.starts_at.astimezone(MADRID)
    with translation.override("en"):
        day = formats.date_format(local, "DATE_FORMAT")
    assert reminders[english.pk].title == (
        f"Reminder: the live session “Sesión en vivo” starts on {day}, {local:%H:%M}."
    )
    assert "Europe/Madrid" in reminders[english.pk].body
    # Lucía reads it in Spanish, at her own zone's hour (the title's words get translated
    # with the catalogue; the date is already hers).
    zone = world.learner.profile.time_zone or "America/Bogota"
    hers = item.starts_at.astimezone(zoneinfo.ZoneInfo(zone))
    with translation.override("es"):
        day = formats.date_format(hers, "DATE_FORMAT")
    assert f"{day}, {hers:%H:%M}" in reminders[world.learner.pk].title
    assert " de " in day
    assert {message.to[0] for message in mailoutbox} >= {english.email, world.learner.email}
    # Once per session and date: the next runs tell nobody again.
    emails = len(mailoutbox)
    assert live_session_reminders_send(now=item.starts_at - datetime.timedelta(hours=22)) == 0
    assert len(mailoutbox) == emails
    # Moved to another date within the day: reminded again, for the new date.
    item.starts_at += datetime.timedelta(hours=2)
    item.save()
    assert live_session_reminders_send(now=item.starts_at - datetime.timedelta(hours=23)) >= 2
    assert Notification.objects.filter(kind="live_reminder", user=english).count() == 2
    # A session that started is not reminded.
    assert live_session_reminders_send(now=item.starts_at + datetime.timedelta(minutes=1)) == 0


def test_a_tutor_sees_the_sessions_of_their_cohort_and_no_other_cohorts_link(client, two_people):
    world = two_people["world"]
    session = the_session(world)
    tutor = world.tutor
    ProfileFactory(user=tutor)
    sign_in(client, tutor)
    month = session.starts_at.astimezone(MADRID).strftime("%Y-%m")
    page = client.get(en("calendar"), {"month": month}).content.decode()
    assert reverse_ics(world, session) in page  # the session they run
    assert client.get(reverse_ics(world, session)).status_code == 200
    # Another cohort of the same course, tutored by someone else: its join link stays
    # with its own people, even for a tutor of the course.
    other = Cohort.objects.create(
        course=world.course, name="Otra cohorte", starts_on=world.cohort.starts_on
    )
    cohort_schedule_create(cohort=other)
    CohortGroup.objects.create(cohort=other, name="B", tutor=UserFactory())
    url = en("calendar_item_ics", cohort_id=other.pk, block_id=session.block_id)
    assert client.get(url).status_code == 404
