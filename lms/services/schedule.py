"""Writes of a cohort's schedule: dated when the cohort is created, moved for one cohort."""

import datetime
import zoneinfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from courses.models import LessonPage
from lms.models import Cohort, Enrolment, Profile, ScheduledItem, User
from lms.selectors.schedule import (
    ScheduleEntry,
    cohort_dates_forget,
    course_dates,
    lesson_schedule,
    schedule_entry,
)
from lms.services.notifications import notifications_fan_out


def _row(cohort: Cohort, entry: ScheduleEntry) -> ScheduledItem:
    return ScheduledItem(
        cohort=cohort,
        lesson=entry.lesson,
        block_id=entry.block_id,
        kind=entry.kind,
        starts_at=entry.starts_at,
        minutes=entry.minutes,
    )


@transaction.atomic
def cohort_schedule_create(*, cohort: Cohort) -> int:
    """Date the course's live sessions and deadlines for this cohort; how many rows
    were new. Safe to run again: dates a cohort already has are kept."""
    dated = set(ScheduledItem.objects.filter(cohort=cohort).values_list("block_id", flat=True))
    missing = [
        entry
        for lesson in LessonPage.objects.descendant_of(cohort.course).live().order_by("path")
        for entry in course_dates(cohort=cohort, lesson=lesson)
        if entry.block_id not in dated
    ]
    ScheduledItem.objects.bulk_create(
        [_row(cohort, entry) for entry in missing], ignore_conflicts=True
    )
    _forget(cohort.pk)
    return len(missing)


def _forget(cohort_id: int) -> None:
    """Forget the cached dates now and once more after the commit (a request that
    read the old rows meanwhile must not keep them)."""
    cohort_dates_forget(cohort_id)
    transaction.on_commit(lambda: cohort_dates_forget(cohort_id))


def may_move(*, actor: User, cohort: Cohort) -> bool:
    """The secretariat, or a tutor of one of the cohort's groups."""
    if not (actor and actor.is_authenticated):
        return False
    return actor.is_secretariat or cohort.groups.filter(tutor=actor).exists()


@transaction.atomic
def schedule_move(
    *, actor: User, cohort: Cohort, block_id: str, starts_at: datetime.datetime, now=None
) -> ScheduledItem:
    """Move one live session or deadline of this cohort (others keep the course's
    dates). Its learners are told by the worker, each in their language."""
    if not may_move(actor=actor, cohort=cohort):
        raise PermissionDenied(_("Only the secretariat or the cohort's tutors move its dates."))
    entry = schedule_entry(cohort=cohort, block_id=block_id)
    if entry is None:
        raise ValidationError(_("This session or deadline is not in the cohort's schedule."))
    now = now or timezone.now()
    if timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": _("Give a date and time.")})
    if starts_at <= now:
        raise ValidationError({"starts_at": _("Choose a date and time that has not passed.")})
    item = (
        ScheduledItem.objects.select_for_update().filter(cohort=cohort, block_id=block_id).first()
    )
    if item is None:  # a session the course gained after the cohort was dated
        item = _row(cohort, entry)
        item.save()
    if item.starts_at == starts_at:
        return item
    if item.original_starts_at is None:
        item.original_starts_at = item.starts_at
    item.starts_at = starts_at
    item.moved_at = now
    item.moved_by = actor
    item.save(update_fields=["starts_at", "original_starts_at", "moved_at", "moved_by"])
    _forget(cohort.pk)
    key = f"schedule:{item.pk}:{int(now.timestamp())}"
    from lms.tasks import schedule_change_notify

    transaction.on_commit(lambda: schedule_change_notify.enqueue(item.pk, key))
    return item


def schedule_change_notify(*, item_id: int, key: str) -> int:
    """Tell the cohort's active learners a session or deadline moved (a task's work),
    each in their language and time zone; a second run tells nobody twice."""
    item = ScheduledItem.objects.select_related("cohort", "lesson").filter(pk=item_id).first()
    if item is None:
        return 0
    title = _title(item)
    people = _learners(item)

    def write(zone: str, when: str) -> dict:
        # Translated here: ``write`` runs in each person's language.
        if item.kind == ScheduledItem.Kind.LIVE_SESSION:
            text = _("The live session “%(title)s” moved to %(when)s.")
        else:
            text = _("The deadline of “%(title)s” moved to %(when)s.")
        return {
            "title": text % {"title": title, "when": when},
            "body": _("Your cohort's calendar shows the new date (%(zone)s).") % {"zone": zone},
        }

    return _tell(item, people, kind="schedule", key=key, write=write)


def _tell(item: ScheduledItem, people: list[User], *, kind: str, key: str, write) -> int:
    """Notify ``people`` about the item (in-app and by email), each in their language;
    ``write(zone, when)`` gives the title and body, ``when`` the item's date and time
    in the person's zone."""
    zones = dict(Profile.objects.filter(user__in=people).values_list("user_id", "time_zone"))
    url = item.lesson.url or ""

    def fields(person: User) -> dict:
        zone = zones.get(person.pk) or item.cohort.time_zone
        local = timezone.localtime(item.starts_at, zoneinfo.ZoneInfo(zone))
        # One clock for everyone (24 h, as the chat and the calendar print it).
        when = f"{formats.date_format(local, 'DATE_FORMAT')}, {local:%H:%M}"
        return {**write(zone, when), "url": url}

    return notifications_fan_out(people=people, kind=kind, key=key, write=fields, email=True)


REMINDER_AHEAD = datetime.timedelta(hours=24)


def reminder_key(item: ScheduledItem) -> str:
    """Once per session and date: a session moved to another date is reminded again."""
    return f"live-reminder:{item.pk}:{int(item.starts_at.timestamp())}"


def live_session_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind the active learners of each cohort whose live session starts within the
    next 24 hours (in-app and by email, in their language and zone); how many were
    told. A task's work, run every 15 minutes: nobody is reminded twice."""
    now = now or timezone.now()
    items = ScheduledItem.objects.filter(
        kind=ScheduledItem.Kind.LIVE_SESSION,
        starts_at__gt=now,
        starts_at__lte=now + REMINDER_AHEAD,
    ).select_related("cohort", "lesson")
    told = 0
    for item in items:
        people = _learners(item, not_told=reminder_key(item))
        if people:
            told += _remind(item, people)
    return told


def _learners(item: ScheduledItem, *, not_told: str = "") -> list[User]:
    """The item's cohort's active learners (with an active account), but those who
    already have the notification ``not_told``."""
    people = User.objects.filter(
        enrolments__cohort=item.cohort,
        enrolments__status=Enrolment.Status.ACTIVE,
        is_active=True,
    )
    if not_told:
        people = people.exclude(notifications__key=not_told)
    return list(people.distinct())


def _title(item: ScheduledItem) -> str:
    """The session's or assignment's title, from its lesson (not the whole schedule)."""
    entry = lesson_schedule(cohort=item.cohort, lesson=item.lesson).get(item.block_id)
    return entry.title if entry else item.lesson.title


def _remind(item: ScheduledItem, people: list[User]) -> int:
    title = _title(item)

    def write(zone: str, when: str) -> dict:
        return {
            "title": _("Reminder: the live session “%(title)s” starts on %(when)s.")
            % {"title": title, "when": when},
            "body": _("Time in %(zone)s. Join from the lesson page.") % {"zone": zone},
        }

    return _tell(item, people, kind="live_reminder", key=reminder_key(item), write=write)
