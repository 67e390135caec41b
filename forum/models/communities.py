"""Communities of practice: requests to join, events and their documents."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.models.spaces import Space
from lms.markup import SanitizedHTMLField
from lms.models.learning import private_storage_factory


class JoinRequest(models.Model):
    """Someone asks to join a community; a coordinator approves or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a coordinator")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("message to the coordinators"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["space", "user"],
                condition=models.Q(status="pending"),
                name="forum_join_request_pending_once",
            )
        ]

    def __str__(self):
        return f"{self.user_id} -> {self.space_id} ({self.status})"


class SpaceEvent(models.Model):
    """A community's virtual dialogue or meeting, with the documents that came of it."""

    class Kind(models.TextChoices):
        VIRTUAL_DIALOGUE = "dialogue", _("Virtual dialogue")
        MEETING = "meeting", _("Meeting")

    MAX_DIALOGUE_MINUTES = 240  # a virtual dialogue lasts a few hours at most

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    description_html = SanitizedHTMLField(blank=True)
    starts_at = models.DateTimeField(_("starts"))
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=120)
    link = models.URLField(_("link to join"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_html = SanitizedHTMLField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("community event")
        verbose_name_plural = _("community events")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    def clean(self):
        super().clean()
        if (
            self.kind == self.Kind.VIRTUAL_DIALOGUE
            and self.duration_minutes
            and self.duration_minutes > self.MAX_DIALOGUE_MINUTES
        ):
            raise ValidationError(
                {
                    "duration_minutes": _("A virtual dialogue lasts at most %(hours)s hours.")
                    % {"hours": self.MAX_DIALOGUE_MINUTES // 60}
                }
            )


def event_document_path(instance, filename):
    return f"forum/{instance.event.space_id}/events/{uuid.uuid4().hex}/{filename}"


class SpaceEventDocument(models.Model):
    """An agenda, a presentation or the outcome document of a community event."""

    event = models.ForeignKey(SpaceEvent, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=event_document_path, storage=private_storage_factory, max_length=300
    )
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title
