"""A cohort's own dates: its live sessions and deadlines.

The course defines them relative to a cohort's start (a live session's week,
weekday and time; an assignment's week). When a cohort is created it gets a
dated row for each (``lms.services.schedule``), so a later cohort has its own
dates, and the secretariat or the cohort's tutor can move one for that cohort
only. A row is keyed by the lesson block's id (the StreamField block id).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledItem(models.Model):
    class Kind(models.TextChoices):
        LIVE_SESSION = "live_session", _("Live session")
        DEADLINE = "deadline", _("Deadline")

    cohort = models.ForeignKey(
        "lms.Cohort", on_delete=models.CASCADE, related_name="schedule", verbose_name=_("cohort")
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("lesson")
    )
    block_id = models.CharField(max_length=64)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("date and time"))
    # Live sessions: how long (a deadline is a moment).
    minutes = models.PositiveIntegerField(null=True, blank=True)
    # Set when someone moved it from the course's date for this cohort.
    original_starts_at = models.DateTimeField(null=True, blank=True)
    moved_at = models.DateTimeField(null=True, blank=True)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("scheduled session or deadline")
        verbose_name_plural = _("schedule")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "block_id"], name="lms_schedule_block_once")
        ]

    def __str__(self):
        return f"{self.cohort} · {self.kind} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def moved(self) -> bool:
        return self.moved_at is not None
