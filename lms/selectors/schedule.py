"""A cohort's live sessions and deadlines, dated for that cohort.

The course says when, relative to a cohort's start; the cohort's rows
(``ScheduledItem``, written when the cohort was created or when someone moved
one) say the date for that cohort. A session the course gained after the
cohort was created has no row yet: its date is computed from the course.
"""

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from courses.caching import cache_delete_many, remembered
from courses.models import CoursePage, LessonPage
from lms.models import Cohort, ScheduledItem

KINDS = {"live_session", "assignment"}
CACHE_SECONDS = 24 * 3600


class Dated(NamedTuple):
    """A cohort's date for one session or deadline (a ``ScheduledItem``, as cached)."""

    starts_at: datetime.datetime
    original_starts_at: datetime.datetime | None
    moved_at: datetime.datetime | None
    pk: int | None = None  # the row's, naming a live session's video room


def _key(cohort_id: int) -> str:
    # v2: the rows carry their pk (entries cached before have none).
    return f"rial:schedule:v2:{cohort_id}"


def cohort_dates(cohort_id: int) -> dict[str, Dated]:
    """The cohort's dated rows by block id: cached (a lesson with a live session
    is read by the whole cohort), forgotten when one is written."""

    def read() -> dict[str, Dated]:
        return {
            block_id: Dated(starts_at, original, moved_at, pk)
            for block_id, starts_at, original, moved_at, pk in ScheduledItem.objects.filter(
                cohort_id=cohort_id
            ).values_list("block_id", "starts_at", "original_starts_at", "moved_at", "pk")
        }

    return remembered(_key(cohort_id), read, CACHE_SECONDS)


def cohort_dates_forget(cohort_id: int) -> None:
    cache_delete_many([_key(cohort_id)])


@dataclass
class ScheduleEntry:
    block_id: str
    kind: str  # "live_session" or "deadline"
    title: str
    lesson: LessonPage
    starts_at: datetime.datetime
    minutes: int | None = None
    join_url: str = ""
    recording_url: str = ""
    dated: Dated | None = None  # the cohort's own row, when it has one

    @property
    def ends_at(self) -> datetime.datetime | None:
        if self.minutes is None:
            return None
        return self.starts_at + datetime.timedelta(minutes=self.minutes)

    @property
    def moved(self) -> bool:
        return self.dated is not None and self.dated.moved_at is not None

    @property
    def original_starts_at(self) -> datetime.datetime | None:
        return self.dated.original_starts_at if self.moved else None

    def with_date(self, dated: Dated | None) -> "ScheduleEntry":
        if dated is not None:
            self.dated = dated
            self.starts_at = dated.starts_at
        return self


def deadline_for(*, cohort: Cohort, due_week: int) -> datetime.datetime:
    """An assignment due "at the end of week N": the last minute of that week, in the
    cohort's zone."""
    return cohort.week_start_at(due_week + 1) - datetime.timedelta(minutes=1)


def course_dates(*, cohort: Cohort, lesson: LessonPage) -> list[ScheduleEntry]:
    """The lesson's sessions and deadlines as the course dates them for this cohort
    (none in an open, self-paced track)."""
    entries = []
    if cohort.is_open:
        return entries
    for block_id, kind, value in lesson.blocks_of(KINDS):
        if kind == "live_session":
            starts_at = value.starts_for(starts_on=cohort.starts_on, time_zone=cohort.time_zone)
            if starts_at is None:
                continue
            entries.append(
                ScheduleEntry(
                    block_id=block_id,
                    kind=ScheduledItem.Kind.LIVE_SESSION,
                    title=value["title"],
                    lesson=lesson,
                    starts_at=starts_at,
                    minutes=value.get("minutes") or 60,
                    join_url=value.get("join_url") or "",
                    recording_url=value.get("recording_url") or "",
                )
            )
        elif value.get("due_week"):
            entries.append(
                ScheduleEntry(
                    block_id=block_id,
                    kind=ScheduledItem.Kind.DEADLINE,
                    title=value["title"],
                    lesson=lesson,
                    starts_at=deadline_for(cohort=cohort, due_week=int(value["due_week"])),
                )
            )
    return entries


def _course_lessons(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).live().order_by("path"))


def cohort_schedule(
    *, cohort: Cohort, lessons: list[LessonPage] | None = None
) -> list[ScheduleEntry]:
    """Every live session and deadline of the cohort, in date order (at most one
    query when ``lessons``, the course's live lessons, are given)."""
    if lessons is None:
        lessons = _course_lessons(cohort.course)
    dates = cohort_dates(cohort.pk)
    entries = [
        entry.with_date(dates.get(entry.block_id))
        for lesson in lessons
        for entry in course_dates(cohort=cohort, lesson=lesson)
    ]
    return sorted(entries, key=lambda entry: (entry.starts_at, entry.title))


def lesson_schedule(*, cohort: Cohort, lesson: LessonPage) -> dict[str, ScheduleEntry]:
    """The lesson's sessions and deadlines for this cohort, by block id (from the
    cache once the cohort's dates were read)."""
    entries = course_dates(cohort=cohort, lesson=lesson)
    if not entries:
        return {}
    dates = cohort_dates(cohort.pk)
    return {entry.block_id: entry.with_date(dates.get(entry.block_id)) for entry in entries}


def schedule_entry(*, cohort: Cohort, block_id: str) -> ScheduleEntry | None:
    """One entry of the cohort's schedule (views get the cohort from
    ``tutoring.cohort_for_staff``, which checks the person manages or tutors it)."""
    for entry in cohort_schedule(cohort=cohort):
        if entry.block_id == block_id:
            return entry
    return None
