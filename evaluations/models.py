"""Evaluations of what the network did: one per event and one per cooperation activity.

Who answered (``Completion``) is kept apart from what was answered (``Response``: a
random key, no person, no time), so results can be read without telling whose
they are; nothing is shown until ``MIN_RESPONDENTS`` people answered
(evaluations.selectors). This protects answers from the people who read results,
not from someone with the database itself: both rows are written in one transaction,
so their order on disk (and PostgreSQL's transaction ids) could pair them.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Evaluation(models.Model):
    event = models.OneToOneField(
        "events.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation",
        verbose_name=_("event"),
    )
    proposal = models.OneToOneField(
        "cooperation.Proposal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation",
        verbose_name=_("cooperation activity"),
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    invited = models.PositiveIntegerField(_("people invited"), default=0)
    invited_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False, proposal__isnull=True)
                | Q(event__isnull=True, proposal__isnull=False),
                name="evaluations_of_one_thing",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="evaluations_closes_after"
            ),
        ]

    def __str__(self):
        return str(self.event or self.proposal)

    @property
    def subject(self):
        return self.event or self.proposal

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on


class Completion(models.Model):
    """That a person answered (once); never linked to the answers."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="completions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "user"], name="evaluations_answer_once")
        ]

    def __str__(self):
        return f"{self.evaluation_id}: {self.user_id}"


class Response(models.Model):
    """One person's answers, with no link to who gave them nor when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="responses")
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), validators=SCALE)
    usefulness = models.PositiveSmallIntegerField(_("usefulness"), validators=SCALE)
    will_apply = models.TextField(_("what you will apply"), blank=True)
    improve = models.TextField(_("what should be improved"), blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1, satisfaction__lte=5, usefulness__gte=1)
                & Q(usefulness__lte=5),
                name="evaluations_scale_1_to_5",
            )
        ]

    def __str__(self):
        return str(self.evaluation_id)
