"""Experts' office hours: sessions, their subscribers, questions sent ahead and votes."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.models.chat import Room
from forum.models.spaces import Space
from lms.choices import SpokenLanguage
from lms.markup import SanitizedHTMLField


class OfficeHour(models.Model):
    """A session an expert holds: its room opens to subscribers at the start time;
    afterwards the room, the questions and their answers stay as the transcript."""

    MIN_MINUTES, MAX_MINUTES = 15, 240

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="office_hours")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_hours"
    )
    topic = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    description_html = SanitizedHTMLField(blank=True)
    language = models.CharField(_("language"), max_length=5, choices=SpokenLanguage.choices)
    starts_at = models.DateTimeField(_("starts"))
    time_zone = models.CharField(_("time zone"), max_length=64)
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=60)
    # Kept on the row (set on save) so lists split coming and past sessions in SQL.
    ends_at = models.DateTimeField(editable=False)
    room = models.OneToOneField(
        Room, on_delete=models.CASCADE, related_name="office_hour", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("office hours session")
        verbose_name_plural = _("office hours sessions")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["ends_at"])]

    def __str__(self):
        return self.topic

    def save(self, *args, **kwargs):
        self.ends_at = self.starts_at + datetime.timedelta(minutes=self.duration_minutes)
        super().save(*args, **kwargs)

    def state(self, now=None) -> str:
        """upcoming, open or ended."""
        now = now or timezone.now()
        if now < self.starts_at:
            return "upcoming"
        if now < self.ends_at:
            return "open"
        return "ended"


class OfficeHourSubscription(models.Model):
    session = models.ForeignKey(OfficeHour, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_hour_subscriptions"
    )
    created_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="forum_office_sub_once")
        ]

    def __str__(self):
        return f"{self.user_id} -> {self.session_id}"


class OfficeHourQuestion(models.Model):
    """A question sent ahead of a session; others vote it up; the expert marks it answered."""

    MAX_BODY = 1000

    session = models.ForeignKey(OfficeHour, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("your question"), max_length=MAX_BODY)
    body_html = SanitizedHTMLField()
    token = models.UUIDField(default=uuid.uuid4, editable=False)
    vote_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer_seq = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-vote_count", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["author", "token"], name="forum_office_q_token_once")
        ]

    def __str__(self):
        return self.body[:60]


class OfficeHourVote(models.Model):
    question = models.ForeignKey(OfficeHourQuestion, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="forum_office_vote_once")
        ]

    def __str__(self):
        return f"{self.user_id} +1 {self.question_id}"
