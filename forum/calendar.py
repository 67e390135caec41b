"""Calendar files (.ics, RFC 5545) for sessions and events, made with ``icalendar``."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.utils import timezone
from icalendar import Calendar, Event, vText


@dataclass
class CalendarEntry:
    uid: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    time_zone: str
    url: str = ""
    description: str = ""
    location: str = ""


def calendar_file(entries: list[CalendarEntry], *, name: str = "RIAL Campus") -> bytes:
    """One VCALENDAR with a VEVENT per entry, times in each entry's own zone
    (with its VTIMEZONE), so calendars show the right hour wherever they are."""
    calendar = Calendar()
    calendar.add("prodid", "-//RIAL Campus//rial-campus//ES")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(datetime.UTC)
    for entry in entries:
        try:
            zone = zoneinfo.ZoneInfo(entry.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = datetime.UTC
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.starts_at.astimezone(zone))
        event.add("dtend", entry.ends_at.astimezone(zone))
        event.add("summary", entry.title)
        if entry.description:
            event.add("description", entry.description)
        if entry.url:
            event.add("url", entry.url)
        if entry.location:
            event["location"] = vText(entry.location)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
