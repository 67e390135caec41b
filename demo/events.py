"""Demo events: the Bogotá 2022 and Buenos Aires 2023 hemispheric workshops (past,
with agenda, presentations and results), and a virtual dialogue coming up.
Texts and times in demo/data/events.toml."""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from demo.files import read_toml
from events.models import Event, EventDocument, EventRegistration
from forum.models import Space
from library.models import Publication
from lms.models import User

EVENTS = read_toml("events.toml")["events"]
# Keys of an event record that are not fields of Event as they are.
NOT_FIELDS = {
    "starts",
    "ends",
    "in_days",
    "results",
    "follow_up_space",
    "documents",
    "registrations",
}


def _times(spec: dict) -> tuple[datetime.datetime, datetime.datetime]:
    """When the event starts and ends, in its time zone."""
    zone = zoneinfo.ZoneInfo(spec["time_zone"])
    if "in_days" not in spec:
        return spec["starts"].replace(tzinfo=zone), spec["ends"].replace(tzinfo=zone)
    day = timezone.now().astimezone(zone) + datetime.timedelta(days=spec["in_days"])
    return tuple(
        day.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
        for at in (spec["starts"], spec["ends"])
    )


def _register_follow_up_members(event: Event) -> None:
    """The people of a workshop's follow-up space took part in it: they are its
    registrations, as when the secretariat makes the space from the registrations
    (events.services.event_follow_up_create). Otherwise the page counts no participant
    while the space has members."""
    if event.follow_up_space_id is None:
        return
    registered = set(event.registrations.values_list("user_id", flat=True))
    EventRegistration.objects.bulk_create(
        EventRegistration(event=event, user_id=user_id)
        for user_id in event.follow_up_space.memberships.values_list("user_id", flat=True)
        if user_id not in registered
    )


@transaction.atomic
def ensure_events() -> int:
    if Event.objects.exists():
        for event in Event.objects.exclude(follow_up_space=None).select_related("follow_up_space"):
            _register_follow_up_members(event)  # a demo loaded before this was done
        return 0
    results = {
        p.date.year: p.document
        for p in Publication.objects.filter(kind="results").exclude(document=None)
        if p.date
    }
    for spec in EVENTS:
        starts_at, ends_at = _times(spec)
        extra = {}
        if "results" in spec:
            extra["results_document"] = results.get(spec["results"])
        if "follow_up_space" in spec:
            extra["follow_up_space"] = Space.objects.filter(slug=spec["follow_up_space"]).first()
        event = Event.objects.create(
            **{k: v for k, v in spec.items() if k not in NOT_FIELDS},
            starts_at=starts_at,
            ends_at=ends_at,
            **extra,
        )
        for document in spec.get("documents", []):
            EventDocument.objects.create(event=event, **document)
        for email in spec.get("registrations", []):
            user = User.objects.filter(email=email).first()
            if user is not None:
                EventRegistration.objects.create(event=event, user=user)
        _register_follow_up_members(event)
    return len(EVENTS)
