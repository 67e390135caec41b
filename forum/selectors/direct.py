"""Reads about direct messages: a person's conversations and who they may write to."""

from django.db.models import Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from forum.access import CURRENT_ENROLMENT, direct_blocked, space_people, taking_part_filter
from forum.models import DirectBlock, ExpertProfile, Message, Room, RoomRead, Space, SpaceMembership
from lms.models import Enrolment, User

MAX_PEOPLE = 8  # in one conversation, its author included
SEARCH_RESULTS = 20


def conversations(*, user: User) -> list[Room]:
    """The person's conversations, latest first, each with ``unread``, ``last_at`` and
    ``people`` (the others in it), in three queries however many there are."""
    read = RoomRead.objects.filter(room_id=OuterRef("pk"), user=user).values("last_read_seq")[:1]
    last = Message.objects.filter(room_id=OuterRef("pk")).order_by("-seq").values("created_at")[:1]
    rooms = list(
        Room.objects.filter(
            space__kind=Space.Kind.DIRECT, space__memberships__user=user, last_seq__gt=0
        )
        .select_related("space")
        .annotate(
            unread=F("last_seq") - Coalesce(Subquery(read), Value(0)),
            last_at=Subquery(last),
        )
        .order_by("-last_at", "-pk")
    )
    people = _people_of({room.space_id for room in rooms}, user)
    for room in rooms:
        room.people = people.get(room.space_id, [])
    return rooms


def _people_of(space_ids: set[int], user: User) -> dict[int, list[User]]:
    found: dict[int, list[User]] = {}
    memberships = (
        SpaceMembership.objects.filter(space_id__in=space_ids)
        .exclude(user=user)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    for membership in memberships:
        found.setdefault(membership.space_id, []).append(membership.user)
    return found


def conversation_people(*, room: Room) -> list[User]:
    """Everyone in a conversation, by name."""
    return list(space_people(space=room.space))


def conversation_title(*, room: Room, user: User, people: list[User] | None = None) -> str:
    """The conversation as this person sees it: the names of the others."""
    if people is None:
        people = conversation_people(room=room)
    names = [person.get_full_name() for person in people if person.pk != user.pk]
    return ", ".join(names) or _("Only you")


def share_a_space(first: User, second: User) -> bool:
    """Whether the two take part in one space that is not a private conversation."""
    return (
        Space.objects.exclude(kind__in=Space.kinds(private=True))
        .filter(taking_part_filter(first))
        .filter(taking_part_filter(second))
        .exists()
    )


def _tutor_and_learner(first: User, second: User) -> bool:
    """Whether one tutors a cohort the other is enrolled in (with or without its space)."""
    for tutor, learner in ((first, second), (second, first)):
        if Enrolment.objects.filter(
            user=learner,
            status__in=CURRENT_ENROLMENT,
            cohort__groups__tutor=tutor,
        ).exists():
            return True
    return False


def refusal(*, user: User, other: User) -> str | None:
    """Why this person may not write to the other (None: they may).

    They may when they take part in a space together (a learner and her tutor,
    members of a community), when either is the secretariat, or when the other is an
    expert of the directory who accepts direct messages; never to someone who
    blocked them.
    """
    if other.pk == user.pk or not other.is_active:
        return _("You cannot write to this person.")
    if direct_blocked(user.pk, other.pk):
        return _("You cannot write to this person.")
    expert = ExpertProfile.objects.filter(user=other).first()
    if expert is not None and not expert.accepts_direct_messages and not user.is_secretariat:
        return _(
            "%(name)s does not take direct messages: ask in their office hours or send "
            "them a question."
        ) % {"name": other.get_full_name()}
    if user.is_secretariat or other.is_secretariat:
        return None
    if expert is not None and expert.is_listed:
        return None
    if not share_a_space(user, other) and not _tutor_and_learner(user, other):
        return _("You can write to people you share a course, a workshop or a community with.")
    return None


def people_to_write_to(*, user: User, query: str) -> list[User]:
    """People whose name matches ``query`` who share a space with the person (or experts
    of the directory), to start a conversation with; at most SEARCH_RESULTS."""
    query = query.strip()
    if len(query) < 2:
        return []
    spaces = Space.objects.exclude(kind__in=Space.kinds(private=True)).filter(
        taking_part_filter(user)
    )
    in_my_spaces = (
        Q(space_memberships__space__in=spaces)
        | Q(enrolments__cohort__space__in=spaces, enrolments__status__in=CURRENT_ENROLMENT)
        | Q(tutored_groups__cohort__space__in=spaces)
    )
    listed_expert = Q(expert_profile__is_listed=True)
    blocked_me = DirectBlock.objects.filter(blocker_id=OuterRef("pk"), blocked=user)
    people = User.objects.filter(is_active=True, full_name__icontains=query).exclude(pk=user.pk)
    if not user.is_secretariat:
        people = people.filter(in_my_spaces | listed_expert)
    return list(
        people.exclude(Exists(blocked_me)).distinct().order_by("full_name")[:SEARCH_RESULTS]
    )


def blocked_people(*, user: User) -> list[User]:
    return list(
        User.objects.filter(
            pk__in=DirectBlock.objects.filter(blocker=user).values("blocked_id")
        ).order_by("full_name")
    )
