"""Writes about evaluations: answering one, and inviting the people who may.

An answer is checked whole before anything is saved; a second answer by the same
person is refused (the unique completion), never counted twice. Invitations go once
per evaluation, from the daily job (evaluations.tasks), in each person's language.
"""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cooperation.models import Proposal
from evaluations import selectors
from evaluations.models import Completion, Evaluation, Response
from events.models import Event, EventRegistration
from lms.models import User
from lms.selectors.people import focal_points_of
from lms.services.notifications import notifications_fan_out

logger = logging.getLogger(__name__)

KIND_INVITATION = "evaluation_invitation"
TEXT_MAX = 2000


def evaluation_url(subject) -> str:
    if isinstance(subject, Event):
        return reverse("evaluations:event", kwargs={"slug": subject.slug})
    return reverse("evaluations:proposal", kwargs={"pk": subject.pk})


def _evaluation(subject) -> Evaluation:
    """The subject's evaluation row, made the first time, locked for this transaction."""
    unsaved = selectors.evaluation_of(subject)
    if unsaved.pk is None:
        field = "event" if isinstance(subject, Event) else "proposal"
        Evaluation.objects.get_or_create(
            **{field: subject},
            defaults={"opens_on": unsaved.opens_on, "closes_on": unsaved.closes_on},
        )
        return Evaluation.objects.select_for_update().get(**{field: subject})
    return Evaluation.objects.select_for_update().get(pk=unsaved.pk)


@transaction.atomic
def evaluation_answer(
    *,
    user: User,
    subject,
    satisfaction: int,
    usefulness: int,
    will_apply: str = "",
    improve: str = "",
    today: datetime.date | None = None,
) -> Evaluation:
    """Record one person's answer to the evaluation of ``subject`` (an event or a
    cooperation activity)."""
    if not selectors.may_answer(user=user, subject=subject):
        raise PermissionDenied(_("Only its participants evaluate it."))
    errors = {}
    for name, value in (("satisfaction", satisfaction), ("usefulness", usefulness)):
        if not isinstance(value, int) or not 1 <= value <= 5:
            errors[name] = _("Choose a value from 1 to 5.")
    for name, value in (("will_apply", will_apply), ("improve", improve)):
        if len(value) > TEXT_MAX:
            errors[name] = _("At most %(n)s characters.") % {"n": f"{TEXT_MAX:,}"}
    if errors:
        raise ValidationError(errors)
    evaluation = _evaluation(subject)
    if not selectors.has_ended(subject):
        raise ValidationError(_("The evaluation opens when it has ended."))
    if not evaluation.is_open(today):
        if (today or timezone.localdate()) < evaluation.opens_on:
            raise ValidationError(_("The evaluation opens on the day it ends."))
        raise ValidationError(_("The evaluation is closed."))
    try:
        with transaction.atomic():
            Completion.objects.create(evaluation=evaluation, user=user)
    except IntegrityError:
        raise ValidationError(_("You have already evaluated it: thank you.")) from None
    Response.objects.create(
        evaluation=evaluation,
        satisfaction=satisfaction,
        usefulness=usefulness,
        will_apply=will_apply.strip(),
        improve=improve.strip(),
    )
    return evaluation


def _invitees(subject) -> list[User]:
    if isinstance(subject, Event):
        return list(
            User.objects.filter(
                is_active=True,
                pk__in=EventRegistration.objects.filter(event=subject).values("user_id"),
            ).select_related("profile")
        )
    people = {}
    countries = {subject.providing_country, *(b.country for b in subject.beneficiaries.all())}
    for country in countries:
        for person in focal_points_of(country).select_related("profile"):
            people[person.pk] = person
    if subject.submitted_by_id and subject.submitted_by.is_active:
        people[subject.submitted_by_id] = subject.submitted_by
    return list(people.values())


def _invite(subject, *, now) -> int:
    """Invite the subject's people once: the evaluation row records that they were
    (taken under its lock, so two runs never both start), and the notifications'
    key makes a run that stopped half-way tell only those it had not told."""
    with transaction.atomic():
        evaluation = _evaluation(subject)
        if evaluation.invited_at is not None or not evaluation.is_open(timezone.localdate(now)):
            return 0
        people = _invitees(subject)
        title = getattr(subject, "title", None) or subject.topic

    def write(person) -> dict:  # called in the person's language
        return {
            "title": _("How was “%(title)s”? Tell the network in two minutes") % {"title": title},
            "body": _("Your evaluation is anonymous and open until %(date)s.")
            % {"date": date_format(evaluation.closes_on, "DATE_FORMAT")},
            "url": evaluation_url(subject),
        }

    notifications_fan_out(
        people=people,
        kind=KIND_INVITATION,
        key=f"evaluation:{evaluation.pk}",
        write=write,
        email=True,
    )
    Evaluation.objects.filter(pk=evaluation.pk).update(invited=len(people), invited_at=now)
    return len(people)


def invitations_send(*, now=None) -> int:
    """Invite the participants of every event and the parties of every selected
    cooperation activity that ended within the evaluation's window and were not
    invited yet (the daily job's work); how many people were invited. An evaluation
    that fails is logged and retried the next day; the others go on."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    since = today - datetime.timedelta(days=selectors.EVALUATION_DAYS)
    subjects = list(
        Event.objects.filter(is_published=True, ends_at__lte=now, ends_at__date__gte=since).exclude(
            evaluation__invited_at__isnull=False
        )
    )
    subjects += list(
        Proposal.objects.filter(
            status=Proposal.Status.SELECTED, ends_on__lte=today, ends_on__gte=since
        )
        .exclude(evaluation__invited_at__isnull=False)
        .select_related("submitted_by")
        .prefetch_related("beneficiaries")
    )
    invited = 0
    for subject in subjects:
        try:
            invited += _invite(subject, now=now)
        except Exception:
            logger.exception("Evaluation invitations for %r stopped", subject)
    return invited
