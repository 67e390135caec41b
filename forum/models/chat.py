"""Chat rooms of a space: their messages, mutes, read markers and open connections."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from forum.models.files import SharedFile
from forum.models.spaces import Space
from lms.markup import SanitizedHTMLField
from lms.models.learning import private_storage_factory

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
    # Numbers the room's changes to messages already sent (edits, deletions,
    # reactions) 1, 2, 3...: a client that reconnects asks for those after the last
    # one it saw (``Message.changed``).
    last_change = models.PositiveBigIntegerField(default=0, editable=False)
    # The messages its moderators pinned, newest first: [{id, author, excerpt}], kept by
    # the service that pins (``chat_message_pin``), shown above the log without a query.
    pins = models.JSONField(default=list, blank=True, editable=False)
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
    message it missed and asks for it. A reply (``reply_to``) belongs to the thread
    of a message of the same room that is not itself a reply; the room shows the
    thread's ``reply_count``. ``changed`` is the room's change number of the last
    edit, deletion or reaction (``Room.last_change``).
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
    reply_to = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    reply_count = models.PositiveIntegerField(default=0)
    edited_at = models.DateTimeField(null=True, blank=True)
    changed = models.PositiveBigIntegerField(default=0)
    # Who gave each reaction, {emoji: [person ids]}, kept by the service that changes
    # ``Reaction`` rows (under the message's lock): the frames and the page read it
    # with the message, without a query per page.
    reactions_given = models.JSONField(default=dict, blank=True)
    # The files shared with it, [{id, name, size, image}], written once when it is
    # sent (``ChatFile`` rows hold the files): read with the message, no query.
    files_given = models.JSONField(default=list, blank=True)
    pinned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["room", "seq"]
        indexes = [models.Index(fields=["room", "changed"], name="forum_message_changed")]
        constraints = [
            models.UniqueConstraint(fields=["room", "seq"], name="forum_message_seq_once"),
            models.UniqueConstraint(
                fields=["room", "author", "client_id"], name="forum_message_client_id_once"
            ),
        ]

    def __str__(self):
        return f"{self.room_id}#{self.seq}"


def chat_file_path(instance, filename):
    return f"chat/{instance.message.room_id}/{uuid.uuid4().hex}/{filename}"


class ChatFile(SharedFile):
    """A document or image shared in a chat message, served only to people who may
    read its room (the forum's attachment rules: types checked by content, sizes)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(
        upload_to=chat_file_path, storage=private_storage_factory, max_length=300
    )


class MessageEdit(models.Model):
    """What a message said before an edit (moderators read a message's earlier versions)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="edits")
    body = models.TextField()
    body_html = SanitizedHTMLField()
    edited_at = models.DateTimeField(default=timezone.now)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["message", "edited_at", "pk"]

    def __str__(self):
        return f"{self.message} before {self.edited_at:%Y-%m-%d %H:%M}"


# The reactions a message may get: a small fixed set, as in Slack's quick reactions.
REACTIONS = ("👍", "❤️", "😄", "🎉", "🙏", "👀")


class Reaction(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    emoji = models.CharField(max_length=8, choices=[(emoji, emoji) for emoji in REACTIONS])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["message", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["message", "user", "emoji"], name="forum_reaction_once")
        ]

    def __str__(self):
        return f"{self.emoji} by {self.user_id} on {self.message_id}"


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


class DirectBlock(models.Model):
    """Someone who may not start direct messages with the person who blocked them (and
    whose one-to-one conversation with them is read-only)."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="direct_blocks"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="forum_block_once")
        ]

    def __str__(self):
        return f"{self.blocker_id} blocked {self.blocked_id}"


class DirectReport(models.Model):
    """A direct conversation reported to the secretariat, who may then read it."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="direct_reports")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("what happened"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"report of {self.space_id} by {self.by_id}"
