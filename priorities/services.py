"""Writes about priorities questionnaires: a ministry's answer (draft, submit,
reopen), sending the questionnaire to every focal point, and the reminders.

Every check comes before any write: a refused answer leaves nothing behind.
"""

import datetime
import logging
import uuid
from collections.abc import Sequence
from itertools import batched

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from courses.models import Theme
from lms.models import User
from lms.services.notifications import notifications_fan_out
from priorities import selectors
from priorities.models import (
    MAX_CHOICES,
    OPEN_QUESTIONS,
    REMINDER_DAYS,
    Answer,
    Choice,
    Questionnaire,
    Reminder,
    Sending,
    secretariat_zone,
)

logger = logging.getLogger(__name__)

KIND_INVITATION = "priorities_invitation"
KIND_REMINDER = "priorities_reminder"
SEND_BATCH = 25  # focal points told between two records of how far it got
MAX_TEXT = 5000


def _require_ministry(actor: User) -> str:
    country = selectors.ministry_of(actor)
    if not country:
        raise PermissionDenied(_("Only the focal points of the ministries answer."))
    return country


def _check(questionnaire: Questionnaire, themes: Sequence[Theme], texts: dict, submit: bool):
    errors = {}
    refused = selectors.answering_refused(questionnaire)
    if refused:
        errors["__all__"] = refused
    themes = list(themes)
    if len(themes) > MAX_CHOICES:
        errors["themes"] = _("Choose at most %(n)s themes.") % {"n": MAX_CHOICES}
    elif len({theme.pk for theme in themes}) != len(themes):
        errors["themes"] = _("Choose each theme once.")
    elif submit and not themes:
        errors["themes"] = _("Choose at least one theme before submitting.")
    for name, _label in OPEN_QUESTIONS:
        if len(texts.get(name, "")) > MAX_TEXT:
            errors[name] = _("At most %(n)s characters.") % {"n": MAX_TEXT}
    if errors:
        raise ValidationError(errors)
    return themes


def _locked_answer(questionnaire: Questionnaire, country: str, actor: User) -> Answer:
    """The ministry's answer, locked; made (as an empty draft) if not begun."""
    answer = (
        Answer.objects.select_for_update()
        .filter(questionnaire=questionnaire, country=country)
        .first()
    )
    if answer is not None:
        return answer
    try:
        with transaction.atomic():
            Answer.objects.create(questionnaire=questionnaire, country=country, updated_by=actor)
    except IntegrityError:
        pass  # another focal point of the ministry began it at the same moment
    return Answer.objects.select_for_update().get(questionnaire=questionnaire, country=country)


@transaction.atomic
def answer_save(
    *,
    actor: User,
    questionnaire: Questionnaire,
    themes: Sequence[Theme],
    texts: dict[str, str],
    submit: bool = False,
    to_confirm: bool = False,
) -> Answer:
    """Save the ministry's answer as a draft, or submit it (``submit``).

    ``themes`` are in order of priority (the first is the first priority). Any focal
    point of the ministry may save it; after submitting it is read-only (submitting
    again changes nothing) until the secretariat reopens it. ``to_confirm``: checked
    as for submitting, saved as a draft (the confirmation page submits it).
    """
    country = _require_ministry(actor)
    texts = {name: (texts.get(name) or "").strip() for name, _label in OPEN_QUESTIONS}
    themes = _check(questionnaire, themes, texts, submit or to_confirm)
    answer = _locked_answer(questionnaire, country, actor)
    if answer.is_submitted:
        if submit:
            return answer  # the same submit sent twice
        raise ValidationError(
            _("Your ministry's answer is submitted; the Technical Secretariat can reopen it.")
        )
    now = timezone.now()
    for name, text in texts.items():
        setattr(answer, name, text)
    answer.updated_by, answer.updated_at = actor, now
    if submit:
        answer.status = Answer.Status.SUBMITTED
        answer.submitted_by, answer.submitted_at = actor, now
    answer.save()
    answer.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(answer=answer, theme=theme, rank=rank) for rank, theme in enumerate(themes, start=1)
    )
    return answer


def answer_version(answer: Answer) -> str:
    """What the confirmation page shows, as a token: the draft's last save."""
    return answer.updated_at.isoformat()


def _same_version(answer: Answer, version: str) -> bool:
    try:
        seen = datetime.datetime.fromisoformat(version)
    except (TypeError, ValueError):
        return False
    return timezone.is_aware(seen) and seen == answer.updated_at


@transaction.atomic
def answer_submit(*, actor: User, questionnaire: Questionnaire, version: str) -> Answer:
    """Submit the ministry's saved draft as it is (the confirmation page's button).

    ``version`` is the draft the person confirmed (``answer_version``): if another
    focal point saved it since, nothing is submitted and they are asked to read it
    again."""
    country = _require_ministry(actor)
    answer = (
        Answer.objects.select_for_update()
        .filter(questionnaire=questionnaire, country=country)
        .first()
    )
    if answer is None:
        raise ValidationError(_("Save your ministry's answer first."))
    if answer.is_submitted:
        return answer
    if not _same_version(answer, version):
        raise ValidationError(
            _(
                "Another focal point of your ministry changed the answer since you opened "
                "the confirmation: read it again before submitting."
            ),
            code="changed",
        )
    themes = [choice.theme for choice in answer.choices.select_related("theme").order_by("rank")]
    texts = {name: getattr(answer, name) for name, _label in OPEN_QUESTIONS}
    _check(questionnaire, themes, texts, submit=True)
    now = timezone.now()
    answer.status = Answer.Status.SUBMITTED
    answer.submitted_by, answer.submitted_at = actor, now
    answer.updated_by, answer.updated_at = actor, now
    answer.save(
        update_fields=["status", "submitted_by", "submitted_at", "updated_by", "updated_at"]
    )
    return answer


@transaction.atomic
def answer_reopen(*, actor: User, answer: Answer) -> Answer:
    """The secretariat gives a submitted answer back to its ministry as a draft,
    until the questionnaire closes; who and when are recorded."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat reopens an answer."))
    answer = Answer.objects.select_for_update().select_related("questionnaire").get(pk=answer.pk)
    if answer.questionnaire.is_closed():
        raise ValidationError(_("The questionnaire has closed: its answers stay as they are."))
    if not answer.is_submitted:
        return answer
    answer.status = Answer.Status.DRAFT
    answer.reopened_by, answer.reopened_at = actor, timezone.now()
    answer.save(update_fields=["status", "reopened_by", "reopened_at"])
    return answer


def _token(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return uuid.uuid4()


def _enqueue_sending(sending_id: int) -> None:
    from priorities.tasks import questionnaire_send

    questionnaire_send.enqueue(sending_id)


def sending_start(*, actor: User, questionnaire: Questionnaire, token=None) -> Sending:
    """Queue the questionnaire's sending to every focal point (the worker's work).

    The same form sent twice (its token), or a sending already waiting or running,
    gives back that sending (unless it has not moved for ``Sending.STALE_AFTER``).
    Sending again later tells only the focal points not told yet (new ones): the
    notifications carry the questionnaire's key.
    """
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat sends the questionnaire."))
    if questionnaire.is_closed():
        raise ValidationError(_("The questionnaire has closed."))
    token = _token(token)
    existing = Sending.objects.filter(requested_by=actor, token=token).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            Questionnaire.objects.select_for_update().filter(pk=questionnaire.pk).first()
            unfinished = questionnaire.sendings.filter(
                status__in=[Sending.Status.QUEUED, Sending.Status.RUNNING]
            )
            # A run that has not moved for a while stopped (a worker killed or
            # restarted): marked failed (its worker, if alive, stops at its next
            # batch); the new one tells only the people not told yet. A long run
            # that still moves is given back, not doubled.
            now = timezone.now()
            unfinished.filter(progressed_at__lt=now - Sending.STALE_AFTER).update(
                status=Sending.Status.FAILED, finished_at=now
            )
            existing = unfinished.first()
            if existing is not None:
                return existing
            sending = Sending.objects.create(
                questionnaire=questionnaire, requested_by=actor, token=token
            )
            transaction.on_commit(lambda: _enqueue_sending(sending.pk))
    except IntegrityError:
        return Sending.objects.get(requested_by=actor, token=token)
    return sending


def _invitation(questionnaire: Questionnaire):
    def write(person: User) -> dict:
        return {
            "title": _("Priorities questionnaire for the plan %(period)s: your ministry's answer")
            % {"period": questionnaire.period},
            "body": _(
                "The Technical Secretariat asks your ministry to rank its priority themes "
                "for the work plan %(period)s. One answer per ministry, shared by its focal "
                "points; it closes on %(date)s."
            )
            % {"period": questionnaire.period, "date": date_format(questionnaire.closes_on)},
            "url": reverse("priorities:questionnaire", kwargs={"pk": questionnaire.pk}),
        }

    return write


def sending_run(*, sending_id: int) -> Sending | None:
    """Tell every focal point of every ministry (a task's work), a batch at a time,
    counting them in ``done``. Only a waiting sending runs; nobody is told twice
    (each notification carries the questionnaire's key)."""
    with transaction.atomic():
        sending = Sending.objects.select_for_update().filter(pk=sending_id).first()
        if sending is None or sending.status != Sending.Status.QUEUED:
            return sending
        people = list(selectors.focal_points())
        sending.status = Sending.Status.RUNNING
        sending.total, sending.done = len(people), 0
        sending.progressed_at = timezone.now()
        sending.save(update_fields=["status", "total", "done", "progressed_at"])
    questionnaire = sending.questionnaire
    running = Sending.objects.filter(pk=sending_id, status=Sending.Status.RUNNING)
    try:
        done = 0
        for chunk in batched(people, SEND_BATCH, strict=False):
            notifications_fan_out(
                people=chunk,
                kind=KIND_INVITATION,
                key=f"priorities:{questionnaire.pk}:invitation",
                write=_invitation(questionnaire),
                email=True,
            )
            done += len(chunk)
            now = timezone.now()
            # Sent as soon as someone was told: the reminders follow even if it stops.
            Questionnaire.objects.filter(pk=questionnaire.pk, sent_at__isnull=True).update(
                sent_at=now
            )
            if not running.update(done=done, progressed_at=now):
                # Marked failed meanwhile (judged stopped): a new run does the rest.
                return Sending.objects.get(pk=sending_id)
        now = timezone.now()
        running.update(status=Sending.Status.DONE, finished_at=now, done=done, progressed_at=now)
        Questionnaire.objects.filter(pk=questionnaire.pk, sent_at__isnull=True).update(sent_at=now)
    except Exception:
        logger.exception("Sending %s of a priorities questionnaire stopped", sending_id)
        running.update(status=Sending.Status.FAILED, finished_at=timezone.now())
        raise
    return Sending.objects.get(pk=sending_id)


def _reminder(questionnaire: Questionnaire, days: int):
    def write(person: User) -> dict:
        return {
            "title": _(
                "Reminder: your ministry has not submitted its priorities for the plan %(period)s"
            )
            % {"period": questionnaire.period},
            "body": _("The questionnaire closes on %(date)s.")
            % {"date": date_format(questionnaire.closes_on)},
            "url": reverse("priorities:questionnaire", kwargs={"pk": questionnaire.pk}),
        }

    return write


@transaction.atomic
def _remind(questionnaire, due: list[int], days: int, people: list[User], now) -> int:
    """Record the reminders due and tell the people, together: a failure partway
    records nothing, and the notifications' key tells nobody twice on the retry."""
    with transaction.atomic():
        for passed in due:
            Reminder.objects.create(
                questionnaire=questionnaire,
                days_before=passed,
                sent_at=now,
                ministries=len({p.profile.country for p in people}) if passed == days else 0,
                people=len(people) if passed == days else 0,
            )
    return notifications_fan_out(
        people=people,
        kind=KIND_REMINDER,
        key=f"priorities:{questionnaire.pk}:reminder:{days}",
        write=_reminder(questionnaire, days),
        email=True,
    )


def reminders_send(*, now=None) -> int:
    """Remind the focal points of the ministries that have not submitted, ``REMINDER_DAYS``
    days before the close (a periodic task's work); how many people were told.

    Each reminder goes once (recorded in ``Reminder``); a run that missed a day sends
    only the latest reminder due and records the earlier ones as passed. Only
    questionnaires that were sent are reminded of.
    """
    now = now or timezone.now()
    today = timezone.localtime(now, secretariat_zone()).date()
    told = 0
    open_now = Questionnaire.objects.filter(
        sent_at__isnull=False, opens_on__lte=today, closes_on__gte=today
    ).prefetch_related("reminders")
    for questionnaire in open_now:
        recorded = {reminder.days_before for reminder in questionnaire.reminders.all()}
        due = [
            days
            for days in REMINDER_DAYS
            if (questionnaire.closes_on - today).days <= days and days not in recorded
        ]
        if not due:
            continue
        days = min(due)
        answered = set(
            questionnaire.answers.filter(status=Answer.Status.SUBMITTED).values_list(
                "country", flat=True
            )
        )
        people = [
            person
            for person in selectors.focal_points().select_related("profile")
            if person.profile.country not in answered
        ]
        try:
            told += _remind(questionnaire, due, days, people, now)
        except IntegrityError:
            continue  # another run recorded it: it sends them
        except Exception:
            # Nothing recorded, nobody told (it all rolled back): the next run retries.
            logger.exception("Reminders of priorities questionnaire %s stopped", questionnaire.pk)
    return told
