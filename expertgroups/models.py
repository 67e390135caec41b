"""A question a body puts to an ad-hoc group of experts, and the group's signed opinion.

The group is a ``bodies.Body`` of kind ad hoc, made when the secretariat convenes it:
it has a private space (forum and chat room) whose members are the experts who
accepted (``bodies.services`` keeps them in step). The opinion is written by the
group, sent for signature (its text is then fixed and fingerprinted), signed by every
member, and published by the secretariat to the documentation centre
(``library.Publication``). ``Step`` records who did what and when; nothing of it is
edited or removed.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.choices import InterfaceLanguage
from lms.markup import SanitizedHTMLField


def fingerprint(text: str) -> str:
    """What a signature signs: the SHA-256 of the opinion's text."""
    return hashlib.sha256(text.encode()).hexdigest()


class Consultation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("The group is working")
        SIGNING = "signing", _("Opinion out for signature")
        DELIVERED = "delivered", _("Opinion delivered")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    asked_by = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        related_name="consultations_asked",
        verbose_name=_("body that asks"),
    )
    meeting = models.ForeignKey(
        "bodies.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("meeting that asked"),
    )
    group = models.OneToOneField(
        "bodies.Body",
        on_delete=models.PROTECT,
        related_name="consultation",
        verbose_name=_("ad-hoc group"),
    )
    question = models.CharField(_("question"), max_length=500)
    terms = models.TextField(_("terms of reference"))
    terms_html = SanitizedHTMLField(blank=True)
    deadline = models.DateField(_("deadline for the opinion"))
    themes = models.ManyToManyField(
        "courses.Theme", related_name="consultations", blank=True, verbose_name=_("themes")
    )
    language = models.CharField(
        _("language of the opinion"),
        max_length=5,
        choices=InterfaceLanguage.choices,
        default="es",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opinion = models.TextField(_("opinion"), blank=True)
    opinion_html = SanitizedHTMLField(blank=True)
    opinion_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opinion_updated_at = models.DateTimeField(null=True, blank=True)
    # The fingerprint of the text sent for signature (empty while it is being written).
    signed_text = models.CharField(max_length=64, blank=True)
    publication = models.OneToOneField(
        "library.Publication",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation",
    )
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("question to an ad-hoc group")
        verbose_name_plural = _("questions to ad-hoc groups")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.question

    @property
    def is_overdue(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.SIGNING) and (
            self.deadline < timezone.localdate()
        )


class Invitation(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_invitations"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"], name="expertgroups_invited_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id}: {self.status}"


class Signature(models.Model):
    """A member signed this text (its fingerprint). A signature of an earlier text
    stays, but counts no more once the text changed."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="signatures"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.CharField(max_length=64)
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user", "text"], name="expertgroups_signed_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} @ {self.signed_at:%Y-%m-%d}"


class Step(models.Model):
    """Who did what to the question and when: written by the services, never edited."""

    class Kind(models.TextChoices):
        CONVENED = "convened", _("Group convened")
        INVITED = "invited", _("Expert invited")
        ACCEPTED = "accepted", _("Invitation accepted")
        DECLINED = "declined", _("Invitation declined")
        SENT = "sent", _("Opinion sent for signature")
        SIGNED = "signed", _("Opinion signed")
        REOPENED = "reopened", _("Opinion reopened for changes")
        DELIVERED = "delivered", _("Opinion delivered and published")
        WITHDRAWN = "withdrawn", _("Question withdrawn")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.kind} by {self.actor_id}"
