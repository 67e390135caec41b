"""The biweekly newsletter: composed from what is new, edited by the secretariat,
sent in each subscriber's language, one delivery row per person so that a send
interrupted halfway resumes without a second copy for anyone."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("es", "en", "pt", "fr")


def _in(obj, prefix: str, language: str | None = None) -> str:
    language = (language or get_language() or "es")[:2]
    if language not in LANGUAGES:
        language = "en"
    return getattr(obj, f"{prefix}_{language}") or getattr(obj, f"{prefix}_es") or ""


class Subscription(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="newsletter"
    )
    subscribed = models.BooleanField(default=True)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user_id} {'on' if self.subscribed else 'off'}"


class VisitorSubscription(models.Model):
    """Someone without an account who asked for the newsletter by email.

    Pending until the signed link sent to the address is followed (double
    opt-in); one row per address, whatever the number of requests."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        ACTIVE = "active", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(unique=True)  # stored lower-case
    language = models.CharField(max_length=2, default="es")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.pk} {self.status}"


class Issue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    number = models.PositiveIntegerField(unique=True)
    since = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    intro_es = models.TextField(blank=True)
    intro_en = models.TextField(blank=True)
    intro_pt = models.TextField(blank=True)
    intro_fr = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"#{self.number}"

    def intro(self, language=None) -> str:
        return _in(self, "intro", language)


class Item(models.Model):
    class Section(models.TextChoices):
        PROGRAMMES = "programmes", _("New in the portfolio")
        DOCUMENTS = "documents", _("New documents")
        EVENTS = "events", _("Coming events")
        CALLS = "calls", _("Course calls")
        FUNDING = "funding", _("New funding calls")
        ANSWERS = "answers", _("Answered questions")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(max_length=12, choices=Section.choices)
    url = models.CharField(max_length=500)  # a path on the site, or an address
    title_es = models.CharField(max_length=300)
    title_en = models.CharField(max_length=300)
    title_pt = models.CharField(max_length=300)
    title_fr = models.CharField(max_length=300)
    include = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title_es

    def title(self, language=None) -> str:
        return _in(self, "title", language)


class Delivery(models.Model):
    """One issue for one person: claimed before the email goes, so never twice."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "user"], name="newsletter_delivery_once")
        ]

    def __str__(self):
        return f"{self.issue_id} -> {self.user_id}"


class VisitorDelivery(models.Model):
    """One issue for one visitor subscriber, claimed like ``Delivery``."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="visitor_deliveries")
    subscriber = models.ForeignKey(VisitorSubscription, on_delete=models.CASCADE, related_name="+")
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_visitor_delivery_once"
            )
        ]

    def __str__(self):
        return f"{self.issue_id} -> visitor {self.subscriber_id}"
