"""Existing cohorts keep their dates: each gets a row per live session and deadline of
its course, dated as the course dated them when this migration ran (fixed dates for
live sessions, the end of the week for assignments), so a course later redefined
relative to a cohort's start does not move them."""

import datetime
import zoneinfo

from django.db import migrations


def _aware(day: str, time: str, zone: str) -> datetime.datetime:
    return datetime.datetime.combine(
        datetime.date.fromisoformat(day),
        datetime.time.fromisoformat(time),
        tzinfo=zoneinfo.ZoneInfo(zone or "UTC"),
    )


def date_cohorts(apps, schema_editor):
    Cohort = apps.get_model("lms", "Cohort")
    ScheduledItem = apps.get_model("lms", "ScheduledItem")
    Page = apps.get_model("wagtailcore", "Page")
    LessonPage = apps.get_model("courses", "LessonPage")
    for cohort in Cohort.objects.all().iterator():
        course = Page.objects.filter(pk=cohort.course_id).first()
        if course is None:
            continue
        zone = zoneinfo.ZoneInfo(cohort.time_zone or "UTC")
        rows = []
        lessons = LessonPage.objects.filter(path__startswith=course.path, live=True)
        for lesson in lessons.order_by("path"):
            for raw in lesson.body.raw_data:
                kind, value, block_id = raw.get("type"), raw.get("value") or {}, raw.get("id")
                if not block_id:
                    continue
                if kind == "live_session" and value.get("date") and value.get("time"):
                    starts_at = _aware(value["date"], value["time"], value.get("time_zone"))
                    rows.append(
                        ScheduledItem(
                            cohort=cohort,
                            lesson_id=lesson.pk,
                            block_id=block_id,
                            kind="live_session",
                            starts_at=starts_at,
                            minutes=value.get("minutes") or 60,
                        )
                    )
                elif kind == "assignment" and value.get("due_week"):
                    week_after = cohort.starts_on + datetime.timedelta(
                        days=7 * int(value["due_week"])
                    )
                    due = datetime.datetime.combine(
                        week_after, datetime.time.min, tzinfo=zone
                    ) - datetime.timedelta(minutes=1)
                    rows.append(
                        ScheduledItem(
                            cohort=cohort,
                            lesson_id=lesson.pk,
                            block_id=block_id,
                            kind="deadline",
                            starts_at=due,
                        )
                    )
        ScheduledItem.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0006_cohort_schedule"),
        ("courses", "0004_cohort_schedule"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(date_cohorts, migrations.RunPython.noop)]
