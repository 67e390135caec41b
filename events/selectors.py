"""Reads about events."""

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventRegistration
from lms.calendar import CalendarEntry
from lms.selectors.video import VideoOwner, owner_key


def _published():
    return Event.objects.filter(is_published=True)


def upcoming(*, user=None, kind: str = ""):
    events = _published().filter(ends_at__gt=timezone.now())
    if kind:
        events = events.filter(kind=kind)
    events = events.annotate(registered_count=Count("registrations"))
    if user is not None and user.is_authenticated:
        events = events.annotate(
            registered=Exists(EventRegistration.objects.filter(event=OuterRef("pk"), user=user))
        )
    return events.order_by("starts_at")


def past(*, kind: str = ""):
    events = _published().filter(ends_at__lte=timezone.now())
    if kind:
        events = events.filter(kind=kind)
    return events.select_related("results_document").order_by("-starts_at")


def event(*, slug: str, user) -> Event | None:
    item = (
        Event.objects.select_related("results_document", "follow_up_space")
        .prefetch_related("documents__document", "photos__image")
        .filter(slug=slug)
        .first()
    )
    if item is None or not (item.is_published or (user.is_authenticated and user.is_secretariat)):
        return None
    return item


def participants(*, event: Event):
    return (
        EventRegistration.objects.filter(event=event)
        .select_related("user__profile")
        .order_by("user__full_name", "pk")
    )


def is_registered(*, user, event: Event) -> bool:
    return (
        user.is_authenticated and EventRegistration.objects.filter(event=event, user=user).exists()
    )


def event_entry(event: Event) -> CalendarEntry:
    """An event as a calendar entry (its page and calendar file as paths)."""
    return CalendarEntry(
        uid=f"event-{event.pk}",
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        time_zone=event.time_zone,
        url=reverse("events:event", kwargs={"slug": event.slug}),
        description=event.objective,
        location=", ".join(part for part in [event.city, event.get_host_country_display()] if part),
        kind="event",
        ics_url=reverse("events:event_ics", kwargs={"slug": event.slug}),
    )


def calendar_entries(*, user, start, end) -> list:
    """The published events the person registered for, for their calendar (lms)."""
    events = _published().filter(registrations__user=user, starts_at__lt=end, ends_at__gt=start)
    return [event_entry(event) for event in events]


# Video rooms (lms asks through the ``rial_video_owners`` hook): a virtual or hybrid
# event's room is for the people registered and the secretariat, who moderates.
EVENT_VIDEO = "events.event"


def event_video_owner(*, event: Event, user) -> VideoOwner | None:
    """The room of a virtual or hybrid event as this person sees it (None in person)."""
    if event.format == Event.Format.IN_PERSON:
        return None
    secretariat = user.is_authenticated and user.is_secretariat
    return VideoOwner(
        key=owner_key(EVENT_VIDEO, event.pk),
        title=event.title,
        page_url=reverse("events:event", kwargs={"slug": event.slug}),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        link=event.link,
        may_join=secretariat or is_registered(user=user, event=event),
        moderator=secretariat,
    )


def _video_owner(*, pk: int, user) -> VideoOwner | None:
    item = Event.objects.filter(pk=pk).first()
    if item is None or not (item.is_published or (user.is_authenticated and user.is_secretariat)):
        return None
    return event_video_owner(event=item, user=user)


def video_owners() -> dict:
    return {EVENT_VIDEO: _video_owner}
