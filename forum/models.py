"""Spaces where groups keep talking, and their chat rooms.

A space is a cohort, the follow-up of a workshop, a community of practice, an
expert's office hours, or the whole network. Its members come from where it
comes from (a cohort's enrolments and tutors) or are listed (SpaceMembership);
its rooms inherit them.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from lms.choices import SpokenLanguage
from lms.markup import SanitizedHTMLField, render_markdown
from lms.models.learning import private_storage_factory


class Space(ClusterableModel):
    class Kind(models.TextChoices):
        COHORT = "cohort", _("Course cohort")
        WORKSHOP = "workshop", _("Workshop follow-up")
        COMMUNITY = "community", _("Community of practice")
        OFFICE_HOURS = "office_hours", _("Expert office hours")
        NETWORK = "network", _("The whole network")
        QUESTION = "question", _("Question to experts")

    class JoinPolicy(models.TextChoices):
        LISTED = "listed", _("Coordinators add members")
        REQUEST = "request", _("People ask to join; a coordinator approves")

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
    purpose = models.TextField(
        _("purpose"), blank=True, help_text=_("Why the community exists (Markdown).")
    )
    purpose_html = SanitizedHTMLField(blank=True)
    areas_of_action = models.TextField(
        _("areas of action"), blank=True, help_text=_("One per line.")
    )
    join_policy = models.CharField(
        _("joining"), max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.LISTED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("readable_by_all"),
        FieldPanel("purpose"),
        FieldPanel("areas_of_action"),
        FieldPanel("join_policy"),
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

    def clean(self):
        super().clean()
        if self.kind == self.Kind.COMMUNITY and self.readable_by_all:
            # Its roster, forum and announcements are for its members.
            raise ValidationError(
                {"readable_by_all": _("A community of practice is for its members only.")}
            )

    def save(self, *args, **kwargs):
        self.purpose_html = render_markdown(self.purpose) if self.purpose else ""
        super().save(*args, **kwargs)

    @property
    def areas_of_action_list(self) -> list[str]:
        return [line.strip() for line in self.areas_of_action.splitlines() if line.strip()]


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
    # The member decides which ways to reach them the other members see.
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    show_email = models.BooleanField(_("show my email address to the members"), default=False)
    show_phone = models.BooleanField(_("show my telephone to the members"), default=False)

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


# --- Communities of practice ----------------------------------------------------------------


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


# --- Experts network ------------------------------------------------------------------------


class ExpertProfile(models.Model):
    """Someone the network asks: granted by the secretariat, or accepted after an
    invitation from a workshop they led. Name, institution, country and
    languages come from the person's profile (lms)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile"
    )
    headline = models.CharField(
        _("headline"),
        max_length=200,
        blank=True,
        help_text=_("For example: Labour inspector, specialist in gender-based violence at work"),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    bio = models.TextField(_("short bio"), max_length=3000, blank=True)
    bio_html = SanitizedHTMLField(blank=True)
    themes = models.ManyToManyField(
        "courses.Theme", related_name="experts", blank=True, verbose_name=_("themes")
    )
    workshops = models.ManyToManyField(
        Space,
        related_name="expert_leaders",
        blank=True,
        limit_choices_to={"kind": "workshop"},
        verbose_name=_("workshops led"),
    )
    seminars = models.TextField(
        _("other workshops and seminars led"), blank=True, help_text=_("One per line.")
    )
    availability = models.CharField(
        _("availability"),
        max_length=300,
        blank=True,
        help_text=_("For example: answers within two working days; office hours every month."),
    )
    accepts_questions = models.BooleanField(_("accepts questions"), default=True)
    is_listed = models.BooleanField(_("listed in the directory"), default=True)
    office_space = models.OneToOneField(
        Space,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="office_expert",
        editable=False,
    )
    invited_from = models.ForeignKey(
        Space, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    granted_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self):
        return str(self.user)

    @property
    def seminar_list(self) -> list[str]:
        return [line.strip() for line in self.seminars.splitlines() if line.strip()]


class ExpertInvitation(models.Model):
    """A workshop's coordinator invites someone who led it to join the experts."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="expert_invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    accepted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="forum_expert_invite_once")
        ]

    def __str__(self):
        return f"{self.user_id} invited from {self.space_id}"


class ExpertQuestion(models.Model):
    """An official's question to one expert or to the experts of a theme.

    It lives in a private space of its own (kind "question") with one chat
    room: the asker is a member, the experts it went to moderate it.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    MAX_BODY = 4000

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_questions"
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions_received",
        verbose_name=_("expert"),
    )
    theme = models.ForeignKey(
        "courses.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("theme"),
    )
    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(_("details"), max_length=MAX_BODY)
    body_html = SanitizedHTMLField()
    token = models.UUIDField(default=uuid.uuid4, editable=False)
    space = models.OneToOneField(
        Space, on_delete=models.CASCADE, related_name="expert_question", editable=False
    )
    room = models.OneToOneField(
        Room, on_delete=models.CASCADE, related_name="expert_question", editable=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    first_answer_at = models.DateTimeField(null=True, blank=True)
    helpful_message = models.ForeignKey(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    published_topic = models.ForeignKey(
        Topic, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("question to experts")
        verbose_name_plural = _("questions to experts")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["asker", "token"], name="forum_question_token_once")
        ]

    def __str__(self):
        return self.title


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
