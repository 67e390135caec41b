"""The priorities questionnaire.

Before a work plan, the secretariat sends a questionnaire to the focal points of
every ministry. Each ministry (a country) gives one answer, shared by its focal
points: a draft they can come back to, then submitted. The answer ranks up to
``MAX_CHOICES`` themes of the ILO taxonomy in order of priority and answers a few
open questions. Results rank the themes by a Borda score and feed the next plan.

Dates: a questionnaire opens at the start of ``opens_on`` and closes at the end of
``closes_on``, both in the secretariat's zone (``settings.TIME_ZONE``), whatever
the zone of the person answering.
"""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from lms.choices import Country
from lms.markup import SanitizedHTMLField, render_markdown
from lms.models.jobs import JobStatus

MAX_CHOICES = 5
# Days before the closing date on which ministries that have not submitted are reminded.
REMINDER_DAYS = (7, 1)
# The open questions every questionnaire asks (field name, label).
OPEN_QUESTIONS = (
    ("challenges", _("The main challenges of your ministry")),
    ("can_offer", _("Cooperation your ministry can offer")),
    ("needs", _("Cooperation your ministry needs")),
    ("comments", _("Comments")),
)


def secretariat_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


class Questionnaire(models.Model):
    title = models.CharField(_("title"), max_length=250)
    period = models.CharField(
        _("planning period"), max_length=20, help_text=_("The work plan it prepares: 2025-2027.")
    )
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    introduction_html = SanitizedHTMLField(editable=False, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(
        _("closes on"),
        help_text=_("Answers are accepted until the end of this day, Technical Secretariat time."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("period"), FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("introduction"),
    ]

    class Meta:
        verbose_name = _("priorities questionnaire")
        verbose_name_plural = _("priorities questionnaires")
        ordering = ["-closes_on", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.introduction_html = render_markdown(self.introduction) if self.introduction else ""
        if kwargs.get("update_fields") is not None and "introduction" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "introduction_html"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The questionnaire closes after it opens.")})
        self._clean_answered()

    def _clean_answered(self):
        """Once closed, its dates and period stay (moving the close would reopen it);
        once a ministry has submitted, it still may close later, nothing else."""
        before = Questionnaire.objects.filter(pk=self.pk).first() if self.pk else None
        if before is None:
            return
        changed = {
            name
            for name in ("period", "opens_on", "closes_on")
            if getattr(self, name) != getattr(before, name)
        }
        if not changed:
            return
        if before.is_closed():
            raise ValidationError(
                {
                    name: _("The questionnaire has closed: its dates and period stay as they are.")
                    for name in changed
                }
            )
        if not before.answers.filter(status=Answer.Status.SUBMITTED).exists():
            return
        refused = changed - {"closes_on"}
        if self.closes_on and self.closes_on < before.closes_on:
            refused.add("closes_on")
        if refused:
            raise ValidationError(
                {
                    name: _(
                        "Ministries have submitted their answers: only a later closing date "
                        "can be set."
                    )
                    for name in refused
                }
            )

    @property
    def opens_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.opens_on, datetime.time(), tzinfo=secretariat_zone())

    @property
    def closes_at(self) -> datetime.datetime:
        """The first moment it no longer accepts answers: the end of ``closes_on``."""
        day = self.closes_on + datetime.timedelta(days=1)
        return datetime.datetime.combine(day, datetime.time(), tzinfo=secretariat_zone())

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def is_closed(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.closes_at


class Answer(models.Model):
    """One ministry's answer, shared by its focal points."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    # Deleting a questionnaire would delete the ministries' answers: refused.
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="answers"
    )
    country = models.CharField(_("ministry"), max_length=2, choices=Country.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    challenges = models.TextField(_("main challenges"), blank=True)
    can_offer = models.TextField(_("cooperation it can offer"), blank=True)
    needs = models.TextField(_("cooperation it needs"), blank=True)
    comments = models.TextField(_("comments"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reopened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["country"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "country"], name="priorities_answer_once_per_ministry"
            )
        ]

    def __str__(self):
        return f"{self.questionnaire_id}: {self.country}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Choice(models.Model):
    """A theme an answer names, at its rank (1 = the first priority)."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="choices")
    theme = models.ForeignKey("courses.Theme", on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "rank"], name="priorities_choice_rank_once"),
            models.UniqueConstraint(
                fields=["answer", "theme"], name="priorities_choice_theme_once"
            ),
        ]

    def __str__(self):
        return f"{self.rank}: {self.theme_id}"


class Sending(models.Model):
    """The questionnaire sent to every ministry's focal points, by the worker."""

    Status = JobStatus

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sendings"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    token = models.UUIDField(default=uuid.uuid4)
    created_at = models.DateTimeField(default=timezone.now)
    # When it last moved (started, or a batch told): a sending that has not moved
    # for ``STALE_AFTER`` stopped (a worker killed or restarted).
    progressed_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    STALE_AFTER = datetime.timedelta(minutes=15)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requested_by", "token"], name="priorities_sending_once_per_form"
            )
        ]

    def __str__(self):
        return f"{self.questionnaire_id}: {self.get_status_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def is_stale(self, now: datetime.datetime | None = None) -> bool:
        """Waiting or running, but it has not moved for ``STALE_AFTER``: it stopped."""
        if self.is_finished:
            return False
        return self.progressed_at < (now or timezone.now()) - self.STALE_AFTER

    @property
    def shown_status(self) -> str:
        """The status as the pages tell it: a stale sending stopped (failed)."""
        return self.Status.FAILED if self.is_stale() else self.status

    @property
    def shown_status_display(self) -> str:
        return str(self.Status(self.shown_status).label)

    @property
    def has_stopped(self) -> bool:
        """Nothing more will happen: finished, failed or stale (the page stops following)."""
        return self.is_finished or self.is_stale()

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return 0 if not self.total else min(100, self.done * 100 // self.total)


class Reminder(models.Model):
    """A reminder sent (once) ``days_before`` the closing date."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="reminders"
    )
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)
    ministries = models.PositiveIntegerField(default=0)
    people = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "days_before"], name="priorities_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.questionnaire_id}: {self.days_before}"
