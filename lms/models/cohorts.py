"""Calls for enrolment, cohorts, their groups and tutors, enrolments."""

import datetime
import unicodedata
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.people import validate_time_zone


def normalise_institution(name: str) -> str:
    """Compare institution names without case, accents or extra spaces."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


class EnrolmentCall(models.Model):
    """The secretariat invites officials to apply for one course in one language."""

    class Eligibility(models.TextChoices):
        ANYONE = "anyone", _("Anyone with an account")
        LISTED = "listed", _("Only the listed countries or institutions")

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("course"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("applications close"))
    seats = models.PositiveIntegerField(_("seats"))
    eligibility = models.CharField(
        _("who may apply"), max_length=10, choices=Eligibility.choices, default=Eligibility.ANYONE
    )
    eligible_countries = models.JSONField(_("countries"), default=list, blank=True)
    eligible_institutions = models.TextField(
        _("institutions"), blank=True, help_text=_("One per line.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("call for enrolment")
        verbose_name_plural = _("calls for enrolment")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="lms_call_closes_after_opening",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The call must close after it opens.")})

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def institution_list(self) -> list[str]:
        return [line.strip() for line in self.eligible_institutions.splitlines() if line.strip()]

    def admits(self, profile) -> bool:
        """Whether a person with this profile may apply."""
        if self.eligibility == self.Eligibility.ANYONE:
            return True
        if profile is None:
            return False
        if profile.country and profile.country in (self.eligible_countries or []):
            return True
        wanted = {normalise_institution(name) for name in self.institution_list()}
        return bool(profile.institution) and normalise_institution(profile.institution) in wanted


class Cohort(models.Model):
    """People taking one course together, from one start date.

    A tutored cohort follows the course week by week with a tutor. An open track
    is the same course offered self-paced beside them: anyone signed in enrols,
    every module is open, only auto-graded activities count, and it ends in a
    certificate of participation.
    """

    class Kind(models.TextChoices):
        TUTORED = "tutored", _("Tutored cohort")
        OPEN = "open", _("Open, self-paced track")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TUTORED)
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        related_name="cohorts",
        verbose_name=_("course"),
    )
    call = models.OneToOneField(
        EnrolmentCall,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cohort",
        verbose_name=_("call for enrolment"),
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("start date"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text=_("Modules open at midnight in this time zone."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["course"], condition=models.Q(kind="open"), name="lms_one_open_track"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_open(self) -> bool:
        return self.kind == self.Kind.OPEN

    @property
    def language(self) -> str:
        return self.course.locale.language_code

    @property
    def weeks(self) -> int:
        return self.course.duration_weeks

    @property
    def ends_on(self) -> datetime.date:
        return self.starts_on + datetime.timedelta(days=7 * self.weeks - 1)

    def week_starts_on(self, week: int) -> datetime.date:
        return self.starts_on + datetime.timedelta(days=7 * (week - 1))

    def week_start_at(self, week: int) -> datetime.datetime:
        """Midnight at the start of the cohort's week ``week`` (1-based), aware."""
        return datetime.datetime.combine(
            self.week_starts_on(week), datetime.time.min, tzinfo=zoneinfo.ZoneInfo(self.time_zone)
        )

    def current_week(self, now: datetime.datetime | None = None) -> int:
        """The cohort's week now: 0 before it starts, weeks+1 after it ends."""
        now = now or timezone.now()
        today = now.astimezone(zoneinfo.ZoneInfo(self.time_zone)).date()
        if today < self.starts_on:
            return 0
        week = (today - self.starts_on).days // 7 + 1
        return min(week, self.weeks + 1)


class CohortGroup(models.Model):
    """Part of a cohort followed by one tutor."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="groups", verbose_name=_("cohort")
    )
    name = models.CharField(_("name"), max_length=100)
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tutored_groups",
        verbose_name=_("tutor"),
    )

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "name"], name="lms_group_name_once")
        ]

    def __str__(self):
        return f"{self.cohort}: {self.name}"


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("cohort")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("learner"),
    )
    group = models.ForeignKey(
        CohortGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("group"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    last_lesson = models.ForeignKey(
        "courses.LessonPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last lesson"),
    )
    last_reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["cohort", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "user"], name="lms_enrolled_once")]
        indexes = [models.Index(fields=["cohort", "last_activity_at"])]

    def __str__(self):
        return f"{self.user} @ {self.cohort}"

    @property
    def is_current(self) -> bool:
        return self.status in {self.Status.ACTIVE, self.Status.COMPLETED}


class Application(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    call = models.ForeignKey(
        EnrolmentCall,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("call for enrolment"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    motivation = models.TextField(_("motivation"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="lms_apply_once")]

    def __str__(self):
        return f"{self.user} → {self.call}"


class ModuleRelease(models.Model):
    """The secretariat opened a module for a cohort before its week."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="releases")
    module = models.ForeignKey("courses.ModulePage", on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("early module opening")
        verbose_name_plural = _("early module openings")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "module"], name="lms_module_released_once")
        ]

    def __str__(self):
        return f"{self.cohort}: {self.module_id}"
