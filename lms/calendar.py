"""The person's calendar: entries from every app, and calendar files (.ics, RFC 5545)
made with ``icalendar``.

lms owns the page; the apps above it (forum, events) hand it their entries through
the ``rial_calendar_entries`` Wagtail hook: ``hook(user, start, end)`` returns the
``CalendarEntry`` list of what is the person's between ``start`` and ``end``.
"""

import dataclasses
import datetime
import zoneinfo
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar, Event, vText

HOOK = "rial_calendar_entries"

# What an entry is, as the page labels it.
KINDS = {
    "live_session": _("Live session"),
    "deadline": _("Deadline"),
    "office_hour": _("Office hours"),
    "community_meeting": _("Community meeting"),
    "event": _("Event"),
    "body_meeting": _("Meeting of a body"),
}


@dataclass
class CalendarEntry:
    uid: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    time_zone: str
    url: str = ""  # the item's page
    description: str = ""
    location: str = ""
    kind: str = ""  # a key of KINDS
    ics_url: str = ""  # the item's own calendar file

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, ""))

    def local_days(self, zone) -> list[datetime.date]:
        """The days (in ``zone``) the entry covers: one for a moment or a session,
        each day of an event that lasts several."""
        first = timezone.localtime(self.starts_at, zone).date()
        last_moment = max(self.starts_at, self.ends_at - datetime.timedelta(microseconds=1))
        last = timezone.localtime(last_moment, zone).date()
        return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def _absolute(entry: CalendarEntry, request, host: str) -> CalendarEntry:
    url = request.build_absolute_uri(entry.url) if entry.url else ""
    return dataclasses.replace(
        entry,
        uid=entry.uid if "@" in entry.uid else f"{entry.uid}@{host}",
        url=url,
        ics_url=request.build_absolute_uri(entry.ics_url) if entry.ics_url else "",
        # Calendar applications that ignore URL still show the link.
        description=f"{entry.description}\n\n{url}".strip(),
        location=entry.location or url,
    )


def absolute(entries: list[CalendarEntry], request) -> list[CalendarEntry]:
    """The entries with full addresses and globally unique ids, for calendar files."""
    host = request.get_host().split(":")[0]
    return [_absolute(entry, request, host) for entry in entries]


def ics_response(content: bytes, filename: str, *, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


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
