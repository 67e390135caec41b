from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.notification_kinds import Channel, KindGroup, batched_kinds


class Notification(models.Model):
    """Something a person should know, shown in their notifications and often emailed.

    Written in the recipient's language when created.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(max_length=500, blank=True)
    # A no-login link that stops emails like this one (shown in the email only).
    unsubscribe_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # What the notification is about ("post:12:reply"), for notifications sent
    # to many people by a task: a task run again creates none twice.
    key = models.CharField(max_length=100, blank=True)
    # Claimed before its email goes: nobody gets the same email twice.
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Claimed before it is pushed to the person's installed apps, once.
    pushed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            # What the batched emails look for every minute: unread mentions and
            # direct messages whose email has not gone (a small part of the table).
            models.Index(
                fields=["created_at"],
                condition=Q(
                    kind__in=batched_kinds(), read_at__isnull=True, emailed_at__isnull=True
                ),
                name="lms_notification_email_waits",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~Q(key=""), name="lms_notification_key_once"
            )
        ]

    def __str__(self):
        return self.title


class NotificationPreference(models.Model):
    """Whether a person wants a group of notifications on a channel.

    Only what the person changed is stored; without a row the default of
    ``lms.notification_kinds.DEFAULTS`` holds. The campus channel is always on.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    group = models.CharField(max_length=40, choices=KindGroup.choices)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    enabled = models.BooleanField()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "group", "channel"], name="lms_notification_preference_once"
            )
        ]

    def __str__(self):
        return f"{self.group}/{self.channel}: {self.enabled}"


class PushSubscription(models.Model):
    """One installed app (a browser on a device) that receives a person's pushes.

    What the browser's ``PushManager.subscribe()`` returned: the push service's
    address for this app and the keys its pushes are encrypted with (RFC 8291).
    Removed when the push service says the app is gone (404/410) or the person
    turns it off.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=50)
    # The browser and system it was made on ("Firefox on Android"), to tell devices apart.
    device = models.CharField(_("device"), max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_pushed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("push subscription")
        verbose_name_plural = _("push subscriptions")
        ordering = ["-created_at"]

    def __str__(self):
        return self.device or self.endpoint[:60]
