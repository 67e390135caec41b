"""What of the forum goes in the person's calendar (lms asks through the
``rial_calendar_entries`` hook): office hours they subscribed to or hold, and the
meetings and virtual dialogues of the spaces they belong to."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from forum.models import OfficeHour, SpaceEvent
from forum.selectors.communities import MAX_EVENT_MINUTES
from lms.calendar import CalendarEntry


def office_hour_entry(session: OfficeHour) -> CalendarEntry:
    """A session as a calendar entry (its page and calendar file as paths)."""
    return CalendarEntry(
        uid=f"office-hour-{session.pk}",
        title=_("Office hours with %(name)s: %(topic)s")
        % {"name": session.expert.get_full_name(), "topic": session.topic},
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        time_zone=session.time_zone,
        url=reverse("forum:office_hour", kwargs={"session_id": session.pk}),
        description=session.description,
        kind="office_hour",
        ics_url=reverse("forum:office_hour_ics", kwargs={"session_id": session.pk}),
    )


def office_hour_entries(*, user, start, end) -> list[CalendarEntry]:
    sessions = (
        OfficeHour.objects.filter(Q(subscriptions__user=user) | Q(expert=user))
        .filter(starts_at__lt=end, ends_at__gt=start)
        .select_related("expert")
        .distinct()
    )
    return [office_hour_entry(session) for session in sessions]


def community_meeting_entry(event: SpaceEvent) -> CalendarEntry:
    """A community's meeting or virtual dialogue as a calendar entry."""
    space = event.space
    return CalendarEntry(
        uid=f"space-event-{event.pk}",
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        time_zone=event.time_zone,
        url=reverse("forum:community_event", kwargs={"slug": space.slug, "event_id": event.pk}),
        description=f"{space.name}: {event.get_kind_display()}\n\n{event.description}",
        location=event.link,
        kind="community_meeting",
        ics_url=reverse(
            "forum:community_event_ics", kwargs={"slug": space.slug, "event_id": event.pk}
        ),
    )


def community_meeting_entries(*, user, start, end) -> list[CalendarEntry]:
    events = SpaceEvent.objects.filter(
        space__memberships__user=user,
        starts_at__lt=end,
        starts_at__gte=start - datetime.timedelta(minutes=MAX_EVENT_MINUTES),
    ).select_related("space")
    return [community_meeting_entry(event) for event in events if event.ends_at > start]


def calendar_entries(*, user, start, end) -> list[CalendarEntry]:
    return office_hour_entries(user=user, start=start, end=end) + community_meeting_entries(
        user=user, start=start, end=end
    )
