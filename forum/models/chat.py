"""Chat rooms of a space: their messages, mutes, read markers and open connections."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from forum.models.spaces import Space
from lms.markup import SanitizedHTMLField

RESERVED_ROOM_SLUGS = {"preview"}


def validate_room_slug(value: str) -> None:
    if value in RESERVED_ROOM_SLUGS:
        raise ValidationError(_("This address is reserved; choose another."))


class Room(models.Model):
    space = ParentalKey(Space, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("address"),
        max_length=80,
        unique=True,
        validators=[validate_room_slug],
        help_text=_("The room is at /chat/<address>/."),
    )
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Every signed-up person may read it; only members write."),
    )
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("topic"), FieldPanel("is_public")]

    class Meta:
        verbose_name = _("chat room")
        verbose_name_plural = _("chat rooms")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Message(models.Model):
    """One chat message. ``seq`` numbers a room's messages 1, 2, 3... in commit order.

    Clients see ``seq`` as the message id: with no holes, a client notices any
    message it missed and asks for it.
    """

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="chat_messages"
    )
    client_id = models.UUIDField(default=uuid.uuid4)
    body = models.TextField()
    body_html = SanitizedHTMLField()
    created_at = models.DateTimeField(default=timezone.now)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["room", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="forum_message_seq_once"),
            models.UniqueConstraint(
                fields=["room", "author", "client_id"], name="forum_message_client_id_once"
            ),
        ]

    def __str__(self):
        return f"{self.room_id}#{self.seq}"


class RoomMute(models.Model):
    """A moderator stopped someone from writing in a room until a time."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="mutes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="forum_mute_once")]

    def __str__(self):
        return f"{self.user_id} muted in {self.room_id} until {self.until:%Y-%m-%d %H:%M}"


class RoomRead(models.Model):
    """How far a person has read a room, for unread counts."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_seq = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["room", "user"], name="forum_read_once")]

    def __str__(self):
        return f"{self.user_id} read {self.room_id} to {self.last_read_seq}"


class RoomPresence(models.Model):
    """One open connection to a room, in any server process (refreshed while open)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["room", "last_seen"])]

    def __str__(self):
        return f"{self.user_id} in {self.room_id}"
