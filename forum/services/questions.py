"""Questions to experts: a private conversation (a space of kind "question" with one
room) between an official and one expert or the experts of a theme; answered,
closed, and published with the asker's consent.

Keyword-only arguments, one transaction, permission first; notifications and
emails go out only after the transaction commits.
"""

import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from courses.models import Theme
from forum.models import (
    Category,
    ExpertQuestion,
    Message,
    Post,
    Room,
    Space,
    SpaceMembership,
    Topic,
)
from forum.selectors import experts as selectors
from forum.selectors.nav import nav_counts_forget
from forum.services.sockets import chat_access_changed
from forum.services.text import form_token, markdown_field
from lms.models import User
from lms.services.notifications import in_language_of, notification_create, notifications_fan_out

QUESTION_RECEIVED = "expert_question"
QUESTION_ANSWERED = "expert_answer"
QUESTION_MAX_TITLE = 200


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
    token = form_token(token)
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
    body_html = markdown_field(body, "body")
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
        selectors.directory_changed()  # the expert's record of answers (an update sends no signal)
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
