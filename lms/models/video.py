"""Video rooms on the BigBlueButton server and who attended them.

A room belongs to a session of a higher app (a community's event, a virtual
dialogue, a body's meeting), named by an owner key such as ``forum.spaceevent:12``;
lms does not import those apps, it asks them through the ``rial_video_owners`` hook
(``lms.selectors.video``). The room's row is made on the first join.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _token() -> str:
    return secrets.token_urlsafe(12)


class VideoRoom(models.Model):
    owner_key = models.CharField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    meeting_id = models.CharField(max_length=64, unique=True, default=_token)
    moderator_pw = models.CharField(max_length=64, default=_token)
    attendee_pw = models.CharField(max_length=64, default=_token)
    created_at = models.DateTimeField(default=timezone.now)
    # The last time the platform created the meeting on the server.
    started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("video room")
        verbose_name_plural = _("video rooms")

    def __str__(self):
        return self.name


class Attendance(models.Model):
    """One stay in a room: from the join to the moment the server no longer lists the
    person (``lms.services.video.video_attendance_sync``)."""

    room = models.ForeignKey(VideoRoom, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="video_attendances"
    )
    moderator = models.BooleanField(default=False)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    seconds = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["joined_at", "pk"]
        indexes = [models.Index(fields=["left_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "user"],
                condition=models.Q(left_at__isnull=True),
                name="lms_attendance_open_once",
            )
        ]

    def __str__(self):
        return f"{self.user_id} in {self.room_id} at {self.joined_at:%Y-%m-%d %H:%M}"
