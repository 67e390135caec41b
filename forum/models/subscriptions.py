"""Who follows what, and the emails sent once each (digests, announcements)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forum.models.forums import Category, Topic
from forum.models.spaces import Space


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
