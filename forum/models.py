"""Spaces where groups keep talking, and their chat rooms.

A space is a cohort, the follow-up of a workshop, a community of practice, an
expert's office hours, or the whole network. Its members come from where it
comes from (a cohort's enrolments and tutors) or are listed (SpaceMembership);
its rooms inherit them.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from lms.markup import SanitizedHTMLField
from lms.models.learning import private_storage_factory


class Space(ClusterableModel):
    class Kind(models.TextChoices):
        COHORT = "cohort", _("Course cohort")
        WORKSHOP = "workshop", _("Workshop follow-up")
        COMMUNITY = "community", _("Community of practice")
        OFFICE_HOURS = "office_hours", _("Expert office hours")
        NETWORK = "network", _("The whole network")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    cohort = models.OneToOneField(
        "lms.Cohort",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="space",
        verbose_name=_("cohort"),
        help_text=_("A cohort's space: its learners are members and its tutors moderate."),
    )
    readable_by_all = models.BooleanField(
        _("open for reading to every signed-up person"), default=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("readable_by_all"),
        InlinePanel("memberships", label=_("Members")),
        InlinePanel("rooms", label=_("Chat rooms")),
        InlinePanel("categories", label=_("Forum categories")),
    ]

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SpaceMembership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")
        COORDINATOR = "coordinator", _("Coordinator")

    space = ParentalKey(Space, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="space_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["space", "user"], name="forum_member_once")]

    def __str__(self):
        return f"{self.user} @ {self.space}"


class SpaceHold(models.Model):
    """A moderator put someone on hold in a space: they read, they do not post or chat.

    Kept apart from memberships: holding a cohort's learner must not make them
    a listed member who outlives their enrolment.
    """

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="holds")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    until = models.DateTimeField(_("on hold until"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["space", "user"], name="forum_hold_once")]

    def __str__(self):
        return f"{self.user_id} on hold in {self.space_id} until {self.until:%Y-%m-%d}"


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


# --- Forums ---------------------------------------------------------------------------------


class Category(models.Model):
    """A part of a space's forum (e.g. "Questions", "Experiences", "Announcements")."""

    space = ParentalKey(Space, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["space", "slug"], name="forum_category_slug_once")
        ]

    def __str__(self):
        return self.name


class Topic(models.Model):
    """A conversation in a space's forum: a title, a first post and its replies.

    Counters and the last post are kept on the row so that lists of topics
    cost the same whatever the number of posts.
    """

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="topics")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="topics")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_topics"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_posted_at = models.DateTimeField(default=timezone.now)
    last_post_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    post_count = models.PositiveIntegerField(default=0)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_question = models.BooleanField(_("question"), default=False)
    is_announcement = models.BooleanField(_("announcement"), default=False)
    accepted_post = models.ForeignKey(
        "forum.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        indexes = [
            models.Index(fields=["space", "-is_pinned", "-last_posted_at"]),
            models.Index(fields=["category", "-last_posted_at"]),
        ]

    def __str__(self):
        return self.title

    @property
    def reply_count(self) -> int:
        return max(0, self.post_count - 1)

    @property
    def is_answered(self) -> bool:
        return self.accepted_post_id is not None


class Post(models.Model):
    """A post in a topic; ``number`` is its place (1 is the topic's first post)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_posts"
    )
    body = models.TextField(_("text"))
    body_html = SanitizedHTMLField()
    token = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["topic", "number"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "number"], name="forum_post_number_once"),
            models.UniqueConstraint(fields=["author", "token"], name="forum_post_token_once"),
        ]

    def __str__(self):
        return f"{self.topic_id}#{self.number}"


class PostRevision(models.Model):
    """What a post said before an edit; moderators read the history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.post_id} @ {self.created_at:%Y-%m-%d %H:%M}"


def attachment_path(instance, filename):
    return f"forum/{instance.post.topic.space_id}/{uuid.uuid4().hex}/{filename}"


class Attachment(models.Model):
    """A document or image attached to a post, served only to people who may read it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        upload_to=attachment_path,
        storage=private_storage_factory,
        max_length=300,
    )
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    is_image = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class Mention(models.Model):
    """Someone named in a post with @; notified once, even if the post is edited."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="forum_mention_once")]

    def __str__(self):
        return f"@{self.user_id} in {self.post_id}"


class TopicRead(models.Model):
    """How far a person has read a topic (the number of the last post seen)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "user"], name="forum_topic_read_once")
        ]

    def __str__(self):
        return f"{self.user_id} read {self.topic_id} to {self.last_read_number}"


class Subscription(models.Model):
    """How closely a person follows a space, a category or a topic."""

    class Level(models.TextChoices):
        WATCHING = "watching", _("Watching: every new post")
        NORMAL = "normal", _("Normal: replies to me and mentions")
        MUTED = "muted", _("Muted: nothing")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    space = models.ForeignKey(Space, on_delete=models.CASCADE, null=True, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, related_name="+")
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.WATCHING)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(space__isnull=False, category__isnull=True, topic__isnull=True)
                    | models.Q(space__isnull=True, category__isnull=False, topic__isnull=True)
                    | models.Q(space__isnull=True, category__isnull=True, topic__isnull=False)
                ),
                name="forum_subscription_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "space"],
                name="forum_sub_space_once",
                condition=models.Q(space__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                name="forum_sub_category_once",
                condition=models.Q(category__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "topic"],
                name="forum_sub_topic_once",
                condition=models.Q(topic__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.level}"


class Flag(models.Model):
    """A member tells the moderators that a post breaks the rules."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        OFFENSIVE = "offensive", _("Offensive or disrespectful")
        OFF_TOPIC = "off_topic", _("Off topic")
        OTHER = "other", _("Something else")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    note = models.CharField(_("note for the moderators"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="forum_flag_once")]

    def __str__(self):
        return f"{self.reason} on {self.post_id}"


class DigestPreference(models.Model):
    """How often a person gets the email digest of their spaces."""

    class Frequency(models.TextChoices):
        NEVER = "never", _("Never")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    frequency = models.CharField(
        _("email digest"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY
    )

    def __str__(self):
        return f"{self.user_id} {self.frequency}"


class DigestDelivery(models.Model):
    """One digest sent to one person for one period: never twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=20)  # "daily:2026-12-02", "weekly:2026-W49"
    since = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "period"], name="forum_digest_once")]

    def __str__(self):
        return f"{self.user_id} {self.period}"


class AnnouncementDelivery(models.Model):
    """An announcement emailed to one member: never twice, whatever happens."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["topic", "user"], name="forum_announcement_once")
        ]

    def __str__(self):
        return f"{self.topic_id} -> {self.user_id}"
