"""The experts network: profiles, invitations from workshops, questions to experts."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.models.chat import Message, Room
from forum.models.forums import Topic
from forum.models.spaces import Space
from lms.markup import SanitizedHTMLField


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
    accepts_direct_messages = models.BooleanField(
        _("accepts direct messages"),
        default=True,
        help_text=_("When off, people who write to you are pointed to your office hours."),
    )
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
