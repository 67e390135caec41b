"""Direct messages: conversations of two to eight people, blocks and reports.

A conversation is a space of kind ``direct`` with one room: the chat (its socket,
threads, reactions, edits, search) works in it as in any room, under the rule
``forum.access.direct_room_role``.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from forum.models import DirectBlock, DirectReport, Room, Space, SpaceMembership
from forum.selectors.direct import MAX_PEOPLE, refusal
from forum.services.sockets import chat_access_changed
from lms.models import User
from lms.selectors.people import secretariat_people
from lms.services.notifications import notifications_fan_out

MAX_REASON = 2000


def _pair_slug(first: int, second: int) -> str:
    low, high = sorted((first, second))
    return f"dm-{low}-{high}"


def direct_conversation_open(*, actor: User, people: list[User]) -> Room:
    """The conversation of the person with these people: the one they already have
    with a single person, or a new one (a group of up to eight, the person included).
    Refused (ValidationError) for anyone they may not write to."""
    others = {person.pk: person for person in people if person.pk != actor.pk}
    if not others:
        raise ValidationError(_("Choose who to write to."))
    if len(others) > MAX_PEOPLE - 1:
        raise ValidationError(_("A conversation has at most %(n)s people.") % {"n": MAX_PEOPLE})
    for other in others.values():
        why = refusal(user=actor, other=other)
        if why:
            raise ValidationError(why)
    if (
        len(others) > 1
        and DirectBlock.objects.filter(blocker_id__in=others, blocked_id__in=others).exists()
    ):
        # A group must not bring together someone and a person who blocked them.
        raise ValidationError(_("Someone you chose blocked another of them: write to them apart."))
    everyone = [actor, *others.values()]
    name = ", ".join(person.get_full_name() for person in everyone)[:200]
    if len(others) == 1:
        slug = _pair_slug(actor.pk, next(iter(others)))
        existing = Room.objects.filter(slug=slug).first()
        if existing is not None:
            return existing
    else:
        slug = f"dm-g-{uuid.uuid4().hex[:12]}"
    try:
        with transaction.atomic():
            space = Space.objects.create(kind=Space.Kind.DIRECT, name=name, slug=slug)
            SpaceMembership.objects.bulk_create(
                [SpaceMembership(space=space, user=person) for person in everyone]
            )
            return Room.objects.create(space=space, name=name[:120], slug=slug)
    except IntegrityError:
        # The same pair opened it at the same moment: theirs.
        return Room.objects.get(slug=slug)


@transaction.atomic
def direct_block(*, actor: User, person: User) -> None:
    """The person may no longer start conversations with the actor; their one-to-one
    conversation becomes read-only for both (open sockets are told)."""
    if person.pk == actor.pk:
        raise ValidationError(_("You cannot block yourself."))
    DirectBlock.objects.get_or_create(blocker=actor, blocked=person)
    # Their one-to-one and the groups they share change: check their sockets again.
    chat_access_changed(users=[actor, person])


@transaction.atomic
def direct_unblock(*, actor: User, person: User) -> None:
    DirectBlock.objects.filter(blocker=actor, blocked=person).delete()
    chat_access_changed(users=[actor, person])


@transaction.atomic
def direct_leave(*, actor: User, room: Room) -> None:
    """Leave a group conversation (a one-to-one conversation is blocked, not left)."""
    # Locked: two people leaving a group of three at once leave one, not nobody.
    memberships = SpaceMembership.objects.filter(space_id=room.space_id)
    if len(list(memberships.select_for_update())) <= 2:
        raise ValidationError(_("Block the person instead: a conversation of two stays."))
    memberships.filter(user=actor).delete()
    chat_access_changed(users=[actor], room=room)


def direct_report(*, actor: User, room: Room, reason: str) -> DirectReport:
    """Report a conversation the person is in to the secretariat, who may then read it
    and is told by the worker (``direct_report_notify``)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say what happened."))
    if len(reason) > MAX_REASON:
        raise ValidationError(_("At most %(n)s characters.") % {"n": MAX_REASON})
    if not SpaceMembership.objects.filter(space_id=room.space_id, user=actor).exists():
        raise ValidationError(_("You can report only conversations you are in."))
    with transaction.atomic():
        report = DirectReport.objects.create(space_id=room.space_id, by=actor, reason=reason)
        from forum.tasks import notify_direct_report

        transaction.on_commit(lambda: notify_direct_report.enqueue(report.pk))
    return report


def direct_report_notify(*, report_id: int) -> int:
    """Tell everyone of the secretariat about a report (a task's work), each in their
    language, by email too; how many were told (a second run tells nobody again)."""
    report = DirectReport.objects.filter(pk=report_id).select_related("by", "space").first()
    if report is None:
        return 0
    room = Room.objects.filter(space_id=report.space_id).first()
    if room is None:
        return 0
    url = reverse("forum:direct", kwargs={"slug": room.slug})

    def write(_person):
        return {
            "title": _("%(name)s reported a conversation") % {"name": report.by.get_full_name()},
            "body": report.reason[:300],
            "url": url,
        }

    return notifications_fan_out(
        people=secretariat_people(),
        kind="direct_report",
        key=f"direct-report:{report.pk}",
        write=write,
        email=True,
    )


DIRECT_MESSAGE = "direct_message"


def direct_message_notify(*, message_id: int) -> int:
    """Tell the others of a conversation that a message waits for them (a task's work):
    one notification per person until they have read the conversation again, none for
    someone who is looking at it now. How many were told."""
    from forum.models import Message, RoomPresence, RoomRead

    message = (
        Message.objects.filter(pk=message_id, deleted_at__isnull=True)
        .select_related("room__space", "author")
        .first()
    )
    if message is None or message.room.space.kind != Space.Kind.DIRECT:
        return 0
    room = message.room
    present = set(RoomPresence.objects.filter(room=room).values_list("user_id", flat=True))
    reads = dict(RoomRead.objects.filter(room=room).values_list("user_id", "last_read_seq"))
    people = [
        membership.user
        for membership in SpaceMembership.objects.filter(space_id=room.space_id)
        .exclude(user_id=message.author_id)
        .select_related("user")
        if membership.user.is_active and membership.user_id not in present
    ]
    told = 0
    url = reverse("forum:direct", kwargs={"slug": room.slug})
    for person in people:
        # One per stretch of unread messages: the key names how far they had read.
        key = f"direct:{room.pk}:{reads.get(person.pk, 0)}"
        told += notifications_fan_out(
            people=[person],
            kind=DIRECT_MESSAGE,
            key=key,
            # No text of the message: it may be edited or deleted before anyone reads
            # this, and a direct message is private (the email says only who wrote).
            write=lambda _person: {
                "title": _("%(name)s wrote to you") % {"name": message.author.get_full_name()},
                "url": url,
            },
            email=True,
        )
    return told
