"""What the person's calendar shows: their cohorts' live sessions and deadlines
(here), and what the apps above lms give through the ``rial_calendar_entries``
hook (office hours, community meetings, events); the month grid and the agenda."""

import calendar as month_calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from courses.models import LessonPage
from lms.calendar import HOOK, CalendarEntry
from lms.models import CalendarFeed, Cohort, CohortGroup, Enrolment, ScheduledItem, User
from lms.selectors.learning import CURRENT
from lms.selectors.schedule import ScheduleEntry, cohort_schedule, schedule_entry
from lms.selectors.tutoring import cohort_for_staff

AGENDA_DAYS = 60
FEED_PAST_DAYS = 30
FEED_FUTURE_DAYS = 365


def _course_entry(cohort: Cohort, item: ScheduleEntry) -> CalendarEntry:
    lesson_url = item.lesson.get_url() or ""
    return CalendarEntry(
        uid=f"cohort-{cohort.pk}-{item.block_id}",
        title=item.title,
        starts_at=item.starts_at,
        ends_at=item.ends_at or item.starts_at,
        time_zone=cohort.time_zone,
        url=lesson_url,
        description=f"{cohort.course.title} · {cohort.name}",
        location=item.join_url if item.kind == ScheduledItem.Kind.LIVE_SESSION else "",
        kind=item.kind,
        ics_url=reverse(
            "lms:calendar_item_ics", kwargs={"cohort_id": cohort.pk, "block_id": item.block_id}
        ),
    )


def _current_cohorts(user: User) -> list[Cohort]:
    """The cohorts the person learns in (current enrolments) or tutors a group of."""
    learning = Enrolment.objects.filter(user=user, status__in=CURRENT).values("cohort_id")
    tutoring = CohortGroup.objects.filter(tutor=user).values("cohort_id")
    return list(
        Cohort.objects.filter(Q(pk__in=learning) | Q(pk__in=tutoring))
        .select_related("course")
        .order_by("starts_on", "pk")
    )


def course_entries(
    *, user: User, start: datetime.datetime, end: datetime.datetime
) -> list[CalendarEntry]:
    """The live sessions and deadlines of the person's current cohorts within [start, end)
    (the course's lessons read once per course, however many cohorts share it)."""
    entries = []
    lessons_of: dict[int, list[LessonPage]] = {}
    for cohort in _current_cohorts(user):
        if cohort.course_id not in lessons_of:
            lessons_of[cohort.course_id] = list(
                LessonPage.objects.descendant_of(cohort.course).live().order_by("path")
            )
        for item in cohort_schedule(cohort=cohort, lessons=lessons_of[cohort.course_id]):
            ends_at = item.ends_at or item.starts_at
            if item.starts_at < end and ends_at >= start:
                entries.append(_course_entry(cohort, item))
    return entries


def course_entry(*, user: User, cohort_id: int, block_id: str) -> CalendarEntry | None:
    """One session or deadline of a cohort the person learns in, or tutors or manages
    (``cohort_for_staff``: the secretariat, the cohort's own tutors; not the tutors of
    another cohort of the course, who would read its join link)."""
    cohort = (
        Cohort.objects.select_related("course")
        .filter(pk=cohort_id, enrolments__user=user, enrolments__status__in=CURRENT)
        .first()
    ) or cohort_for_staff(user=user, cohort_id=cohort_id)
    if cohort is None:
        return None
    item = schedule_entry(cohort=cohort, block_id=block_id)
    return _course_entry(cohort, item) if item is not None else None


def entries_between(
    *, user: User, start: datetime.datetime, end: datetime.datetime
) -> list[CalendarEntry]:
    """Everything of the person's that overlaps [start, end), in date order."""
    entries = course_entries(user=user, start=start, end=end)
    for hook in hooks.get_hooks(HOOK):
        entries.extend(hook(user, start, end))
    return sorted(entries, key=lambda entry: (entry.starts_at, entry.title, entry.uid))


def by_day(entries: list[CalendarEntry], zone) -> dict[datetime.date, list[CalendarEntry]]:
    days = defaultdict(list)
    for entry in entries:
        for day in entry.local_days(zone):
            days[day].append(entry)
    return days


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    entries: list = field(default_factory=list)


@dataclass
class Month:
    first: datetime.date
    weeks: list  # of seven Days, Monday first
    previous: datetime.date
    next: datetime.date
    entries: list


def parse_month(value: str | None, today: datetime.date) -> datetime.date:
    """``YYYY-MM`` as the month's first day; this month when absent or wrong."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return today.replace(day=1)


def _midnight(day: datetime.date, zone) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)


def month_view(*, user: User, first: datetime.date) -> Month:
    """The month's grid, weeks Monday first, each day with the person's entries (in the
    active zone: the person's)."""
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    dates = month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start, end = dates[0][0], dates[-1][-1] + datetime.timedelta(days=1)
    entries = entries_between(user=user, start=_midnight(start, zone), end=_midnight(end, zone))
    days = by_day(entries, zone)
    weeks = [
        [Day(day, day.month == first.month, day == today, days.get(day, [])) for day in week]
        for week in dates
    ]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return Month(first, weeks, previous, following, entries)


def agenda(*, user: User, days: int = AGENDA_DAYS) -> list[tuple[datetime.date, list]]:
    """The person's next ``days`` days, grouped by day (in their zone), empty days left out."""
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    now = timezone.now()
    end = _midnight(today + datetime.timedelta(days=days), zone)
    entries = [
        entry for entry in entries_between(user=user, start=now, end=end) if entry.ends_at >= now
    ]
    grouped = by_day(entries, zone)
    return [
        (day, grouped[day])
        for day in sorted(grouped)
        if today <= day < today + datetime.timedelta(days=days)
    ]


def feed_owner(*, token: str) -> User | None:
    """Whose feed the secret address is (an active person), or nobody."""
    feed = (
        CalendarFeed.objects.select_related("user__profile")
        .filter(token=token, user__is_active=True)
        .first()
    )
    return feed.user if feed else None


def feed_entries(*, user: User) -> list[CalendarEntry]:
    now = timezone.now()
    return entries_between(
        user=user,
        start=now - datetime.timedelta(days=FEED_PAST_DAYS),
        end=now + datetime.timedelta(days=FEED_FUTURE_DAYS),
    )
