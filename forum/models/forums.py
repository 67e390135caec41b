"""A space's forum: categories, topics, posts and what hangs on a post."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from courses.translations import TranslationsWidget, in_reader_language, translations_field
from forum.models.files import SharedFile
from forum.models.spaces import Space
from lms.markup import SanitizedHTMLField
from lms.models.learning import private_storage_factory


class Category(models.Model):
    """A part of a space's forum (e.g. "Questions", "Experiences", "Announcements")."""

    space = ParentalKey(Space, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=120)
    name_translations = translations_field(_("name in other languages"))
    slug = models.SlugField(_("address"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_translations", widget=TranslationsWidget),
        FieldPanel("slug"),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["space", "slug"], name="forum_category_slug_once")
        ]

    def __str__(self):
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the reader's language when it has been translated."""
        return in_reader_language(self.name, self.name_translations)


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


class Attachment(SharedFile):
    """A document or image attached to a post, served only to people who may read it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        upload_to=attachment_path,
        storage=private_storage_factory,
        max_length=300,
    )


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
