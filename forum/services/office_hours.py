"""Experts' office hours: sessions, subscriptions, questions sent ahead and their
votes, and the reminder emailed the day before (once each, ``lms.services.delivery``).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from forum.models import (
    ExpertProfile,
    OfficeHour,
    OfficeHourQuestion,
    OfficeHourSubscription,
    OfficeHourVote,
    Room,
    Space,
    SpaceMembership,
)
from forum.selectors import experts as selectors
from forum.services.sockets import chat_access_changed
from forum.services.text import form_token, markdown_field, unique_slug
from lms.choices import SpokenLanguage
from lms.models import User, validate_time_zone
from lms.services.delivery import FieldLedger, deliver_once
from lms.services.notifications import absolute_url, in_language_of, notification_create

OFFICE_HOUR_REMINDER = "office_hour_reminder"
REMINDER_HOURS = 24


def office_space_ensure(*, profile: ExpertProfile) -> Space:
    """The expert's own space, where their office hours and transcripts live (created
    the first time; callers hold the transaction)."""
    if profile.office_space_id:
        return profile.office_space
    user = profile.user
    space = Space.objects.create(
        kind=Space.Kind.OFFICE_HOURS,
        name=_("Office hours: %(name)s") % {"name": user.get_full_name()},
        slug=unique_slug(Space, f"office-hours-{user.get_full_name()}"),
        readable_by_all=True,
    )
    SpaceMembership.objects.create(space=space, user=user, role=SpaceMembership.Role.COORDINATOR)
    profile.office_space = space
    profile.save(update_fields=["office_space"])
    return space


def office_hour_create(
    *,
    actor: User,
    topic: str,
    description: str,
    language: str,
    starts_at: datetime.datetime,
    time_zone: str,
    duration_minutes: int,
    expert: User | None = None,
) -> OfficeHour:
    """An expert (or the secretariat for an expert) schedules a session."""
    expert = expert or actor
    if actor.pk != expert.pk and not actor.is_secretariat:
        raise PermissionDenied(_("Only the expert schedules their office hours."))
    profile = (
        ExpertProfile.objects.filter(user=expert, is_listed=True, user__is_active=True)
        .select_related("office_space")
        .first()
    )
    if profile is None:
        raise PermissionDenied(_("Office hours are for experts of the network."))
    errors = {}
    topic = (topic or "").strip()
    if not topic:
        errors["topic"] = _("Say what the session is about.")
    if language not in SpokenLanguage.values:
        errors["language"] = _("Choose one of the listed languages.")
    try:
        validate_time_zone(time_zone)
    except ValidationError as error:
        errors["time_zone"] = error.messages[0]
    if not (OfficeHour.MIN_MINUTES <= (duration_minutes or 0) <= OfficeHour.MAX_MINUTES):
        errors["duration_minutes"] = _("Between %(min)s and %(max)s minutes.") % {
            "min": OfficeHour.MIN_MINUTES,
            "max": OfficeHour.MAX_MINUTES,
        }
    if starts_at is None or timezone.is_naive(starts_at):
        errors["starts_at"] = _("Give the date and time.")
    elif starts_at <= timezone.now():
        errors["starts_at"] = _("Choose a time in the future.")
    if errors:
        raise ValidationError(errors)
    description_html = markdown_field(description, "description") if description.strip() else ""
    with transaction.atomic():
        space = office_space_ensure(profile=profile)
        room = Room.objects.create(
            space=space,
            name=Truncator(topic).chars(120),
            slug=unique_slug(Room, f"oh-{starts_at:%Y%m%d}-{topic}", max_length=60),
            topic=Truncator(topic).chars(300),
        )
        return OfficeHour.objects.create(
            space=space,
            expert=expert,
            topic=topic,
            description=description,
            description_html=description_html,
            language=language,
            starts_at=starts_at,
            time_zone=time_zone,
            duration_minutes=duration_minutes,
            room=room,
        )


def _not_ended(session: OfficeHour) -> None:
    if session.state() == "ended":
        raise ValidationError(_("This session has ended."))


@transaction.atomic
def office_hour_subscribe(*, user: User, session: OfficeHour) -> OfficeHourSubscription:
    _not_ended(session)
    if user.pk == session.expert_id:
        raise ValidationError(_("You hold this session."))
    subscription, _created = OfficeHourSubscription.objects.get_or_create(
        session=session, user=user
    )
    chat_access_changed(room=session.room_id, users=[user])
    return subscription


@transaction.atomic
def office_hour_unsubscribe(*, user: User, session: OfficeHour) -> None:
    _not_ended(session)
    OfficeHourSubscription.objects.filter(session=session, user=user).delete()
    chat_access_changed(room=session.room_id, users=[user])


@transaction.atomic
def office_hour_question_add(
    *, user: User, session: OfficeHour, body: str, token=None
) -> OfficeHourQuestion:
    """A question sent ahead (or during the session); sending it subscribes you."""
    _not_ended(session)
    body = body or ""
    if not body.strip():
        raise ValidationError({"body": _("Write your question.")})
    if len(body) > OfficeHourQuestion.MAX_BODY:
        raise ValidationError(
            {
                "body": _("At most %(n)s characters; yours has %(length)s.")
                % {"n": OfficeHourQuestion.MAX_BODY, "length": len(body)}
            }
        )
    token = form_token(token)
    existing = OfficeHourQuestion.objects.filter(author=user, token=token).first()
    if existing is not None:
        return existing
    if user.pk != session.expert_id:
        OfficeHourSubscription.objects.get_or_create(session=session, user=user)
    return OfficeHourQuestion.objects.create(
        session=session,
        author=user,
        body=body,
        body_html=markdown_field(body, "body"),
        token=token,
    )


@transaction.atomic
def office_hour_vote(*, user: User, question: OfficeHourQuestion, vote: bool = True) -> bool:
    """Vote a question up (``vote=True``) or take the vote back. Saying the same
    twice (a double click) changes nothing. Returns whether the vote stands."""
    session = question.session
    _not_ended(session)
    if question.author_id == user.pk:
        raise ValidationError(_("You cannot vote for your own question."))
    if not OfficeHourSubscription.objects.filter(session=session, user=user).exists():
        raise PermissionDenied(_("Subscribe to the session to vote."))
    # The question row is locked: concurrent votes count one after the other.
    OfficeHourQuestion.objects.select_for_update().filter(pk=question.pk).first()
    exists = OfficeHourVote.objects.filter(question=question, user=user).exists()
    if vote and not exists:
        OfficeHourVote.objects.create(question=question, user=user)
        OfficeHourQuestion.objects.filter(pk=question.pk).update(vote_count=F("vote_count") + 1)
    elif not vote and exists:
        OfficeHourVote.objects.filter(question=question, user=user).delete()
        OfficeHourQuestion.objects.filter(pk=question.pk).update(vote_count=F("vote_count") - 1)
    return vote


@transaction.atomic
def office_hour_question_answered(
    *, actor: User, question: OfficeHourQuestion, answered: bool = True
) -> OfficeHourQuestion:
    """The expert ticks a queued question off, pointing at the latest message as its answer."""
    session = question.session
    if actor.pk != session.expert_id and not actor.is_secretariat:
        raise PermissionDenied(_("Only the expert marks questions answered."))
    if session.state() == "upcoming":
        raise ValidationError(_("The session has not started."))
    if answered:
        question.answered_at = timezone.now()
        question.answer_seq = (
            Room.objects.filter(pk=session.room_id).values_list("last_seq", flat=True).first()
            or None
        )
    else:
        question.answered_at = None
        question.answer_seq = None
    question.save(update_fields=["answered_at", "answer_seq"])
    return question


def office_hour_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind each subscriber once, in the day before a session starts.

    Each subscription is claimed (``reminded_at``) in the same transaction as
    its notification, whose email leaves after commit
    (``lms.services.delivery``): running this twice, or two processes at once,
    sends one reminder per person.
    """
    now = now or timezone.now()
    due = OfficeHourSubscription.objects.filter(
        reminded_at__isnull=True,
        session__starts_at__gt=now,
        session__starts_at__lte=now + datetime.timedelta(hours=REMINDER_HOURS),
        user__is_active=True,
    ).select_related("session", "session__expert", "user", "user__profile")
    return deliver_once(
        due,
        ledger=FieldLedger(OfficeHourSubscription, "reminded_at", now=lambda: now),
        send=_remind,
        together=True,
    ).sent


def _remind(subscription: OfficeHourSubscription) -> None:
    session, user = subscription.session, subscription.user
    with in_language_of(user):
        local = timezone.localtime(session.starts_at, selectors.user_zone(user))
        notification_create(
            user=user,
            kind=OFFICE_HOUR_REMINDER,
            title=_("Office hours with %(name)s: %(topic)s, %(when)s")
            % {
                "name": session.expert.get_full_name(),
                "topic": session.topic,
                "when": local.strftime("%Y-%m-%d %H:%M %Z"),
            },
            body=_("The room opens at the start time. Add it to your calendar: %(ics)s")
            % {
                "ics": absolute_url(
                    reverse("forum:office_hour_ics", kwargs={"session_id": session.pk})
                )
            },
            url=reverse("forum:office_hour", kwargs={"session_id": session.pk}),
            email=True,
        )
