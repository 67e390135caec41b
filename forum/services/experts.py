"""Writes about the experts network: profiles, questions to experts, office hours.

Keyword-only arguments, one transaction, permission first; notifications and
emails go out only after the transaction commits.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from courses.models import Theme
from forum.models import (
    Category,
    ExpertInvitation,
    ExpertProfile,
    ExpertQuestion,
    Message,
    OfficeHour,
    OfficeHourQuestion,
    OfficeHourSubscription,
    OfficeHourVote,
    Post,
    Room,
    Space,
    SpaceMembership,
    Topic,
)
from forum.selectors import experts as selectors
from forum.selectors.nav import nav_counts_forget
from forum.services.forums import IMAGE_TYPES
from forum.services.sockets import chat_access_changed
from lms.choices import Role, SpokenLanguage
from lms.markup import MarkupTooLong, render_markdown
from lms.models import RoleGrant, User, validate_time_zone
from lms.services.notifications import (
    absolute_url,
    in_language_of,
    notification_create,
    notifications_fan_out,
)

QUESTION_RECEIVED = "expert_question"
QUESTION_ANSWERED = "expert_answer"
EXPERT_INVITED = "expert_invitation"
OFFICE_HOUR_REMINDER = "office_hour_reminder"
REMINDER_HOURS = 24
PHOTO_TYPES = {".jpg", ".jpeg", ".png", ".webp"}
QUESTION_MAX_TITLE = 200


def _markdown(text: str, field: str):
    try:
        return render_markdown(text)
    except MarkupTooLong as error:
        raise ValidationError({field: _("The text is too long.")}) from error


def _unique_slug(model, base: str, field: str = "slug", max_length: int = 80) -> str:
    base = (slugify(base) or "x")[: max_length - 9].strip("-") or "x"
    slug = base
    while model.objects.filter(**{field: slug}).exists():
        slug = f"{base}-{uuid.uuid4().hex[:6]}"
    return slug


# --- Profiles -------------------------------------------------------------------------------


def _office_space(profile: ExpertProfile) -> Space:
    """The expert's own space, where their office hours and transcripts live."""
    if profile.office_space_id:
        return profile.office_space
    user = profile.user
    space = Space.objects.create(
        kind=Space.Kind.OFFICE_HOURS,
        name=_("Office hours: %(name)s") % {"name": user.get_full_name()},
        slug=_unique_slug(Space, f"office-hours-{user.get_full_name()}"),
        readable_by_all=True,
    )
    SpaceMembership.objects.create(space=space, user=user, role=SpaceMembership.Role.COORDINATOR)
    profile.office_space = space
    profile.save(update_fields=["office_space"])
    return space


def _make_expert(
    *, user: User, by: User | None, invited_from: Space | None = None, relist: bool = False
):
    profile, _created = ExpertProfile.objects.get_or_create(
        user=user, defaults={"granted_by": by, "invited_from": invited_from}
    )
    if relist and not profile.is_listed:
        # Only the secretariat brings back a profile it hid.
        profile.is_listed = True
        profile.save(update_fields=["is_listed"])
    RoleGrant.objects.get_or_create(
        user=user, role=Role.EXPERT, defaults={"granted_by": by, "granted_at": timezone.now()}
    )
    user.__dict__.pop("roles", None)
    _office_space(profile)
    if invited_from is not None:
        profile.workshops.add(invited_from)
    return profile


@transaction.atomic
def expert_grant(*, actor: User, user: User) -> ExpertProfile:
    """The secretariat makes someone an expert: role, profile, office-hours space."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat names experts."))
    if not user.is_active:
        raise ValidationError(_("This account is not active."))
    return _make_expert(user=user, by=actor, relist=True)


def expert_profile_update(
    *,
    actor: User,
    profile: ExpertProfile,
    headline: str,
    bio: str,
    themes,
    workshops,
    seminars: str,
    availability: str,
    accepts_questions: bool,
    is_listed: bool | None = None,
    photo=None,
) -> ExpertProfile:
    """The expert edits their profile; the secretariat may edit it and hide it."""
    if actor.pk != profile.user_id and not actor.is_secretariat:
        raise PermissionDenied(_("You can only edit your own profile."))
    with transaction.atomic():
        profile.headline = headline.strip()
        profile.bio = bio
        profile.bio_html = _markdown(bio, "bio") if bio.strip() else ""
        profile.seminars = seminars
        profile.availability = availability.strip()
        profile.accepts_questions = accepts_questions
        if is_listed is not None and actor.is_secretariat:
            profile.is_listed = is_listed
        if photo is not None:
            profile.photo = _save_photo(photo, profile.user)
        profile.save()
        profile.themes.set(themes)
        profile.workshops.set([space for space in workshops if space.kind == Space.Kind.WORKSHOP])
    return profile


def _save_photo(upload, user: User):
    from wagtail.images import get_image_model

    from lms.uploads import check_image_pixels, content_matches, upload_extension

    if upload.size > 5 * 1024 * 1024:
        raise ValidationError({"photo": _("The photo is larger than 5 MB.")})
    extension = upload_extension(upload)
    if extension not in PHOTO_TYPES or not content_matches(upload, IMAGE_TYPES[extension]):
        raise ValidationError({"photo": _("Send a JPEG, PNG or WebP picture.")})
    check_image_pixels(upload, field="photo")
    image_model = get_image_model()
    return image_model.objects.create(title=user.get_full_name(), file=upload)


@transaction.atomic
def expert_invite(*, actor: User, space: Space, user: User) -> ExpertInvitation:
    """A workshop's coordinator invites someone who led it to join the experts."""
    if space.kind != Space.Kind.WORKSHOP:
        raise ValidationError(_("Only a workshop's space invites its experts."))
    is_coordinator = SpaceMembership.objects.filter(
        space=space, user=actor, role=SpaceMembership.Role.COORDINATOR
    ).exists()
    if not (is_coordinator or actor.is_secretariat):
        raise PermissionDenied(_("Only the workshop's coordinators invite experts."))
    if user.pk == actor.pk and not actor.is_secretariat:
        raise PermissionDenied(_("You cannot invite yourself."))
    if not SpaceMembership.objects.filter(space=space, user=user).exists():
        raise ValidationError(_("Invite someone who took part in the workshop."))
    if ExpertProfile.objects.filter(user=user).exists():
        # Listed already, or hidden by the secretariat: not for an invitation to undo.
        raise ValidationError(
            _("%(name)s already has an expert profile.") % {"name": user.get_full_name()}
        )
    invitation, created = ExpertInvitation.objects.get_or_create(
        space=space, user=user, defaults={"invited_by": actor}
    )
    if not created and invitation.answered_at is None:
        raise ValidationError(_("%(name)s was already invited.") % {"name": user.get_full_name()})
    if not created:
        invitation.answered_at = None
        invitation.accepted = False
        invitation.invited_by = actor
        invitation.created_at = timezone.now()
        invitation.save()
    with in_language_of(user):
        notification_create(
            user=user,
            kind=EXPERT_INVITED,
            title=_("You are invited to join the RIAL experts network (%(workshop)s)")
            % {"workshop": space.name},
            body=_(
                "You led this workshop. As an expert, officials can ask you questions and "
                "you can hold office hours."
            ),
            url=reverse("forum:expert_invitation", kwargs={"invitation_id": invitation.pk}),
            email=True,
        )
    return invitation


@transaction.atomic
def expert_invitation_answer(
    *, actor: User, invitation: ExpertInvitation, accept: bool
) -> ExpertProfile | None:
    if invitation.user_id != actor.pk:
        raise PermissionDenied(_("This invitation is for someone else."))
    if invitation.answered_at is not None:
        raise ValidationError(_("You already answered this invitation."))
    invitation.answered_at = timezone.now()
    invitation.accepted = accept
    invitation.save(update_fields=["answered_at", "accepted"])
    if not accept:
        return None
    return _make_expert(user=actor, by=invitation.invited_by, invited_from=invitation.space)


# --- Questions to experts -------------------------------------------------------------------


def _question_url(question: ExpertQuestion) -> str:
    return reverse("forum:question", kwargs={"question_id": question.pk})


def question_ask(
    *,
    user: User,
    title: str,
    body: str,
    token=None,
    expert: User | None = None,
    theme: Theme | None = None,
) -> ExpertQuestion:
    """Open a private conversation between the asker and one expert, or every expert
    of a theme. Sending the same form twice (same token) opens it once."""
    title = (title or "").strip()
    body = body or ""
    errors = {}
    if not title:
        errors["title"] = _("Write your question.")
    elif len(title) > QUESTION_MAX_TITLE:
        errors["title"] = _("At most %(n)s characters.") % {"n": QUESTION_MAX_TITLE}
    if not body.strip():
        errors["body"] = _("Give the expert the details they need to answer.")
    elif len(body) > ExpertQuestion.MAX_BODY:
        errors["body"] = _("At most %(n)s characters; yours has %(length)s.") % {
            "n": ExpertQuestion.MAX_BODY,
            "length": len(body),
        }
    if (expert is None) == (theme is None):
        errors["expert"] = _("Ask one expert, or the experts of one theme.")
    if errors:
        raise ValidationError(errors)
    try:
        token = uuid.UUID(str(token)) if token else uuid.uuid4()
    except ValueError:
        token = uuid.uuid4()
    existing = ExpertQuestion.objects.filter(asker=user, token=token).first()
    if existing is not None:
        return existing
    if expert is not None:
        experts = list(selectors.askable_experts().filter(pk=expert.pk))
        if not experts:
            raise ValidationError({"expert": _("This expert does not take questions now.")})
    else:
        experts = list(selectors.askable_experts().filter(expert_profile__themes=theme))
    experts = [person for person in experts if person.pk != user.pk]
    if not experts:
        raise ValidationError({"expert": _("No expert takes questions on this theme yet.")})
    body_html = _markdown(body, "body")
    try:
        with transaction.atomic():
            suffix = uuid.uuid4().hex[:10]
            space = Space.objects.create(
                kind=Space.Kind.QUESTION,
                name=Truncator(title).chars(200),
                slug=f"question-{suffix}",
            )
            SpaceMembership.objects.create(space=space, user=user)
            SpaceMembership.objects.bulk_create(
                SpaceMembership(space=space, user=person, role=SpaceMembership.Role.MODERATOR)
                for person in experts
            )
            room = Room.objects.create(
                space=space, name=Truncator(title).chars(120), slug=f"q-{suffix}"
            )
            question = ExpertQuestion.objects.create(
                asker=user,
                expert=expert,
                theme=theme,
                title=title,
                body=body,
                body_html=body_html,
                token=token,
                space=space,
                room=room,
            )
            # Every expert of the theme is told by the worker, not in this request.
            from forum.tasks import question_notify_experts

            transaction.on_commit(lambda: question_notify_experts.enqueue(question.pk))
    except IntegrityError:
        # The same form sent twice at once: the other request created it.
        existing = ExpertQuestion.objects.filter(asker=user, token=token).first()
        if existing is None:
            raise
        return existing
    return question


def question_notify_experts(*, question_id: int) -> int:
    """Tell the question's experts (one, or every expert of its theme) that it is
    waiting for them (a task's work; once each)."""
    question = ExpertQuestion.objects.select_related("asker").filter(pk=question_id).first()
    if question is None:
        return 0
    experts = list(
        User.objects.filter(
            space_memberships__space_id=question.space_id,
            space_memberships__role=SpaceMembership.Role.MODERATOR,
            is_active=True,
        )
    )
    told = notifications_fan_out(
        people=experts,
        kind=QUESTION_RECEIVED,
        key=f"question:{question.pk}",
        write=lambda _person: {
            "title": _("%(name)s asks: %(title)s")
            % {"name": question.asker.get_full_name(), "title": question.title},
            "body": Truncator(question.body).chars(240),
            "url": _question_url(question),
        },
        email=True,
    )
    for expert in experts:
        nav_counts_forget(expert.pk)
    return told


def question_message_sent(*, message: Message, room: Room) -> None:
    """Called by the chat service in its transaction: an expert's first message
    answers the question (and tells the asker)."""
    question = ExpertQuestion.objects.select_related("asker").filter(room_id=room.pk).first()
    if question is None or message.author_id == question.asker_id:
        return
    if not SpaceMembership.objects.filter(
        space_id=question.space_id,
        user_id=message.author_id,
        role=SpaceMembership.Role.MODERATOR,
    ).exists():
        return  # only the experts' messages answer (not a reading secretariat's)
    updated = ExpertQuestion.objects.filter(pk=question.pk, first_answer_at__isnull=True).update(
        first_answer_at=message.created_at,
        answered_by=message.author,
        status=ExpertQuestion.Status.ANSWERED,
    )
    if updated:
        asker = question.asker
        with in_language_of(asker):
            notification_create(
                user=asker,
                kind=QUESTION_ANSWERED,
                title=_("%(name)s answered your question: %(title)s")
                % {"name": message.author.get_full_name(), "title": question.title},
                body=Truncator(message.body).chars(240),
                url=_question_url(question),
                email=True,
            )


@transaction.atomic
def question_mark_helpful(*, user: User, question: ExpertQuestion, seq) -> ExpertQuestion:
    """The asker says which answer helped."""
    if question.asker_id != user.pk:
        raise PermissionDenied(_("Only the person who asked marks the answer that helped."))
    if question.status == ExpertQuestion.Status.CLOSED:
        raise ValidationError(_("This question is closed."))
    try:
        seq = int(seq)
    except (TypeError, ValueError) as error:
        raise ValidationError(_("Choose an answer.")) from error
    message = Message.objects.filter(
        room_id=question.room_id, seq=seq, deleted_at__isnull=True
    ).first()
    is_expert = SpaceMembership.objects.filter(
        space_id=question.space_id,
        user_id=getattr(message, "author_id", None),
        role=SpaceMembership.Role.MODERATOR,
    ).exists()
    if message is None or not is_expert:
        raise ValidationError(_("Choose an answer from an expert."))
    question.helpful_message = message
    fields = ["helpful_message"]
    if question.status == ExpertQuestion.Status.WAITING:
        question.status = ExpertQuestion.Status.ANSWERED
        question.first_answer_at = message.created_at
        question.answered_by_id = message.author_id
        fields += ["status", "first_answer_at", "answered_by"]
    question.save(update_fields=fields)
    return question


@transaction.atomic
def question_close(*, user: User, question: ExpertQuestion) -> ExpertQuestion:
    if selectors.question_party(user=user, question=question) is None:
        raise PermissionDenied(_("You cannot close this question."))
    if question.status != ExpertQuestion.Status.CLOSED:
        question.status = ExpertQuestion.Status.CLOSED
        question.closed_at = timezone.now()
        question.save(update_fields=["status", "closed_at"])
        # Nobody writes in a closed question's room: its open sockets become read-only.
        chat_access_changed(room=question.room_id)
    return question


@transaction.atomic
def question_reopen(*, user: User, question: ExpertQuestion) -> ExpertQuestion:
    if selectors.question_party(user=user, question=question) is None:
        raise PermissionDenied(_("You cannot reopen this question."))
    if question.status == ExpertQuestion.Status.CLOSED:
        question.status = (
            ExpertQuestion.Status.ANSWERED
            if question.first_answer_at
            else ExpertQuestion.Status.WAITING
        )
        question.closed_at = None
        question.save(update_fields=["status", "closed_at"])
        chat_access_changed(room=question.room_id)
    return question


def qa_category() -> Category:
    """Where published answers go: a category of the network's public space."""
    space = Space.objects.filter(slug=settings.RIAL_EXPERT_QA_SPACE).first()
    if space is None:
        space = Space.objects.create(
            kind=Space.Kind.NETWORK,
            name="RIAL",
            slug=settings.RIAL_EXPERT_QA_SPACE,
            readable_by_all=True,
        )
    category, _created = Category.objects.get_or_create(
        space=space,
        slug=settings.RIAL_EXPERT_QA_CATEGORY,
        defaults={"name": _("Answered questions"), "position": 90},
    )
    return category


@transaction.atomic
def question_publish(*, user: User, question: ExpertQuestion) -> Topic:
    """With the asker's consent (the asker does it), the question and the answer
    that helped become a public, attributed topic in the network's Q&A."""
    if question.asker_id != user.pk:
        raise PermissionDenied(_("Only the person who asked can publish the question."))
    # Two clicks at once publish once: the second waits here and finds the topic.
    question = (
        ExpertQuestion.objects.select_for_update(of=("self",))
        .select_related("published_topic", "helpful_message__author", "asker")
        .get(pk=question.pk)
    )
    if question.published_topic_id:
        return question.published_topic
    answer = question.helpful_message
    if answer is None or answer.deleted_at is not None:
        raise ValidationError(_("First mark the answer that helped."))
    category = qa_category()
    now = timezone.now()
    topic = Topic.objects.create(
        space=category.space,
        category=category,
        title=question.title,
        author=question.asker,
        created_at=now,
        last_posted_at=now,
        last_post_author=answer.author,
        post_count=2,
        is_question=True,
        answered_at=now,
    )
    Post.objects.create(
        topic=topic,
        number=1,
        author=question.asker,
        body=question.body,
        body_html=question.body_html,
    )
    reply = Post.objects.create(
        topic=topic, number=2, author=answer.author, body=answer.body, body_html=answer.body_html
    )
    topic.accepted_post = reply
    topic.save(update_fields=["accepted_post"])
    question.published_topic = topic
    question.save(update_fields=["published_topic"])
    return topic


# --- Office hours ---------------------------------------------------------------------------


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
    description_html = _markdown(description, "description") if description.strip() else ""
    with transaction.atomic():
        space = _office_space(profile)
        room = Room.objects.create(
            space=space,
            name=Truncator(topic).chars(120),
            slug=_unique_slug(Room, f"oh-{starts_at:%Y%m%d}-{topic}", max_length=60),
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
    try:
        token = uuid.UUID(str(token)) if token else uuid.uuid4()
    except ValueError:
        token = uuid.uuid4()
    existing = OfficeHourQuestion.objects.filter(author=user, token=token).first()
    if existing is not None:
        return existing
    if user.pk != session.expert_id:
        OfficeHourSubscription.objects.get_or_create(session=session, user=user)
    return OfficeHourQuestion.objects.create(
        session=session,
        author=user,
        body=body,
        body_html=_markdown(body, "body"),
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
    """Email each subscriber once, in the day before a session starts.

    Each subscription is claimed (reminded_at set) in its own transaction before
    its email is queued: running this twice, or two processes at once, sends
    one reminder per person.
    """
    now = now or timezone.now()
    due = OfficeHourSubscription.objects.filter(
        reminded_at__isnull=True,
        session__starts_at__gt=now,
        session__starts_at__lte=now + datetime.timedelta(hours=REMINDER_HOURS),
        user__is_active=True,
    ).select_related("session", "session__expert", "user", "user__profile")
    sent = 0
    for subscription in due:
        with transaction.atomic():
            claimed = OfficeHourSubscription.objects.filter(
                pk=subscription.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            session = subscription.session
            user = subscription.user
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
            sent += 1
    return sent
