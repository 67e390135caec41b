"""Who may do what in a space, its rooms and its forum: the forum's access rules, in one place.

Roles in a space, from most to least: coordinator, moderator, member, reader
(reads only) and none. The membership rule, written once here and used by
every read and write: a person belongs to a space when listed in it
(``SpaceMembership``), when enrolled (active or completed) in its cohort, or
when tutoring a group of its cohort (a tutor moderates); the secretariat
moderates every space; an open space (``readable_by_all``) is read by every
signed-up person, and in an open forum (the network's, ``KindRules.open_forum``)
its readers post too. Rooms follow the rule their space's kind declares
(``Space.RULES``): the space's roles, an office-hours session's, or a
question's.

``access_space``, ``access_topic``, ``access_post`` and ``access_attachment``
fetch an object and check that the person may read it in one call, in the
manner of Zulip's ``access_stream_by_id``: what does not exist and what the
person may not see get the same answer (Http404), so no page tells an outsider
that a space, a topic or a post exists. What a reader may then do (post,
moderate, manage members) is asked of the returned ``SpaceAccess``.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.prepared import PreparedModels, PreparedValues
from forum.models import (
    Attachment,
    Category,
    ChatFile,
    DirectBlock,
    DirectReport,
    ExpertQuestion,
    Message,
    OfficeHour,
    OfficeHourSubscription,
    Post,
    Room,
    RoomMute,
    RoomRead,
    Space,
    SpaceHold,
    SpaceMembership,
    Subscription,
    Topic,
    TopicRead,
)
from lms.choices import Role
from lms.models import CohortGroup, Enrolment, Profile, User
from lms.selectors.people import secretariat_people

# Roles in a space: SpaceMembership.Role's, and a reader who is no member.
COORDINATOR = SpaceMembership.Role.COORDINATOR.value
MODERATOR = SpaceMembership.Role.MODERATOR.value
MEMBER = SpaceMembership.Role.MEMBER.value
READER = "reader"
WRITERS = {MEMBER, MODERATOR, COORDINATOR}
MODERATORS = {MODERATOR, COORDINATOR}
# Enrolments that make a learner a member of their cohort's space.
CURRENT_ENROLMENT = [Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED]


# --- The membership rule ----------------------------------------------------------------------


_ASK = object()


def _role_from_facts(user: User, space, facts: dict) -> str | None:
    """``space_role`` from the person's facts read by a prepared query (topic, room)."""
    return space_role(
        user=user,
        space=space,
        membership=facts["person_membership"],
        tutoring=bool(facts["person_tutors"]),
        enrolled=bool(facts["person_enrolled"]),
    )


def space_role(
    *, user: User, space: Space, membership=_ASK, tutoring=_ASK, enrolled=_ASK
) -> str | None:
    """coordinator, moderator, member, reader (read only) or None (no access).

    ``membership``: the person's membership role in the space when the caller
    fetched it already (None: not a member); ``tutoring`` and ``enrolled``:
    whether they tutor a group of, or are enrolled in, the space's cohort, when
    the caller fetched that already (``_person_in_space``).
    """
    if user is None or not user.is_authenticated:
        return None
    if membership is _ASK:
        membership = (
            SpaceMembership.objects.filter(space=space, user=user)
            .values_list("role", flat=True)
            .first()
        )
    if membership in MODERATORS:
        return membership
    if user.is_secretariat:
        return MODERATOR
    if space.cohort_id:
        if tutoring is _ASK:
            tutoring = CohortGroup.objects.filter(cohort_id=space.cohort_id, tutor=user).exists()
        if tutoring:
            return MODERATOR
        if enrolled is _ASK:
            enrolled = Enrolment.objects.filter(
                cohort_id=space.cohort_id, user=user, status__in=CURRENT_ENROLMENT
            ).exists()
        if enrolled:
            return MEMBER
    if membership:
        return membership
    if space.readable_by_all:
        return READER
    return None


def _person_in_space(user, now, space: str = "space_id", cohort: str = "space__cohort_id") -> dict:
    """Annotations that bring, with a row of a space (or of something in one), what
    ``space_role`` and the hold need about the person (``user``: their id), for a
    ``PreparedValues`` query: whether a hold runs at ``now`` (``person_held``), not
    until when (its row has no dates)."""
    space_id, cohort_id = OuterRef(space), OuterRef(cohort)
    return {
        "person_membership": Subquery(
            SpaceMembership.objects.filter(space_id=space_id, user=user).values("role")[:1]
        ),
        "person_held": Exists(
            SpaceHold.objects.filter(space_id=space_id, user=user, until__gt=now)
        ),
        "person_tutors": Exists(CohortGroup.objects.filter(cohort_id=cohort_id, tutor=user)),
        "person_enrolled": Exists(
            Enrolment.objects.filter(cohort_id=cohort_id, user=user, status__in=CURRENT_ENROLMENT)
        ),
    }


def _role_from_annotations(user: User, space: Space, row) -> str | None:
    """``space_role`` with the facts ``find_room`` put on the room (``_person_in_space``)."""
    return space_role(
        user=user,
        space=space,
        membership=row.person_membership,
        tutoring=row.person_tutors,
        enrolled=row.person_enrolled,
    )


def held_until(*, user: User, space: Space):
    """Until when a moderator holds this person in the space (None: not held)."""
    if not user.is_authenticated:
        return None
    return (
        SpaceHold.objects.filter(space=space, user=user, until__gt=timezone.now())
        .values_list("until", flat=True)
        .first()
    )


def readable_spaces_filter(user: User, prefix: str = "") -> Q:
    """A Q on Space (or on a model with ``space`` when prefix="space__") for this person.

    Everything for the secretariat: callers test ``user.is_secretariat`` first
    when they OR this with more (an empty Q ORed with X is just X).
    """
    if user.is_secretariat:
        return Q()
    return taking_part_filter(user, prefix) | Q(**{f"{prefix}readable_by_all": True})


def taking_part_filter(user: User, prefix: str = "") -> Q:
    """A Q on Space (or on a model with ``space`` when prefix="space__"): the person
    takes part in it (listed, enrolled in its cohort, or tutoring it), whoever they are."""
    cohort = OuterRef(f"{prefix}cohort_id")
    space_id = OuterRef(f"{prefix}pk" if prefix == "" else f"{prefix}id")
    enrolled = Enrolment.objects.filter(cohort_id=cohort, user=user, status__in=CURRENT_ENROLMENT)
    tutoring = CohortGroup.objects.filter(cohort_id=cohort, tutor=user)
    member = SpaceMembership.objects.filter(space_id=space_id, user=user)
    return Q(Exists(member)) | Q(Exists(enrolled)) | Q(Exists(tutoring))


def space_people(*, space: Space):
    """Everyone who takes part in the space (listed members, cohort learners and tutors)."""
    users = User.objects.filter(space_memberships__space=space)
    if space.cohort_id:
        users = (
            users
            | User.objects.filter(
                enrolments__cohort_id=space.cohort_id,
                enrolments__status__in=CURRENT_ENROLMENT,
            )
            | User.objects.filter(tutored_groups__cohort_id=space.cohort_id)
        )
    return users.distinct().order_by("full_name", "email")


def space_moderators(*, space: Space):
    """Who moderates: listed moderators and coordinators, and a cohort's tutors."""
    users = User.objects.filter(
        space_memberships__space=space, space_memberships__role__in=MODERATORS
    )
    if space.cohort_id:
        users = users | User.objects.filter(tutored_groups__cohort_id=space.cohort_id)
    return users.filter(is_active=True).distinct()


def space_readers(*, space: Space):
    """Everyone who may read the space, as one queryset (for notifying many at once)."""
    if space.readable_by_all:
        return User.objects.filter(is_active=True)
    who = Q(space_memberships__space=space) | Q(pk__in=secretariat_people().values("pk"))
    if space.cohort_id:
        who |= Q(
            enrolments__cohort_id=space.cohort_id, enrolments__status__in=CURRENT_ENROLMENT
        ) | Q(tutored_groups__cohort_id=space.cohort_id)
    return User.objects.filter(who, is_active=True).distinct()


# --- A space ----------------------------------------------------------------------------------


class SpaceAccess:
    """A person's role in a space and what it lets them do.

    ``can_*`` answer yes or no (for pages); ``require_*`` raise the refusal a
    person reads (for services and views).
    """

    def __init__(self, space: Space, user: User, role: str | None, held_until=None):
        self.space = space
        self.user = user
        self.role = role
        self.held_until = held_until if held_until and held_until > timezone.now() else None

    @property
    def can_read(self) -> bool:
        return self.role is not None

    @property
    def can_post(self) -> bool:
        """Its members post; in an open forum (``KindRules.open_forum``) its readers too."""
        if self.held_until is not None:
            return False
        return self.role in WRITERS or (self.role == READER and self.space.rules.open_forum)

    @property
    def can_moderate(self) -> bool:
        return self.role in MODERATORS

    @property
    def can_manage_members(self) -> bool:
        if self.space.rules.members_kept_elsewhere:
            return False  # a body's space: its members are the body's (bodies admin)
        return self.user.is_secretariat or self.role == COORDINATOR

    @property
    def can_announce(self) -> bool:
        return self.role in MODERATORS

    @property
    def can_see_members(self) -> bool:
        """Readers of an open space see the conversation, not who belongs to it."""
        return self.can_read and self.role != READER

    def can_accept(self, topic: Topic) -> bool:
        if not topic.is_question:
            return False
        if topic.author_id == self.user.pk or self.can_moderate:
            return True
        return self.user.has_role(Role.EXPERT)

    def can_hold(self, person: User, role: str | None) -> bool:
        """Moderators hold members (not readers, not other moderators, not themselves);
        in an open forum, its readers too: they post."""
        if not self.can_moderate or person.pk == self.user.pk:
            return False
        return role == MEMBER or (role == READER and self.space.rules.open_forum)

    def can_remove(self, person: User, listed: bool) -> bool:
        """Listed members only: a cohort's people belong through their enrolment."""
        return self.can_manage_members and listed and person.pk != self.user.pk

    def can_flag(self, post: Post) -> bool:
        return self.can_read and post.author_id != self.user.pk and post.deleted_at is None

    def can_reply(self, topic: Topic) -> bool:
        """Open topics take replies from people who post; locked ones from moderators."""
        if topic.deleted_at is not None or not self.can_post:
            return False
        return not topic.is_locked or self.can_moderate

    def can_edit(self, post: Post) -> bool:
        if post.deleted_at is not None:
            return False
        return self.can_moderate or (post.author_id == self.user.pk and self.can_post)

    def can_delete(self, post: Post, topic: Topic) -> bool:
        """Authors delete their posts, but not a first post that has replies (it takes
        the whole topic along): that is for moderators."""
        if self.can_moderate:
            return True
        if post.author_id != self.user.pk:
            return False
        return post.number > 1 or topic.post_count == 1

    def require_read(self) -> None:
        if not self.can_read:
            raise PermissionDenied(_("This space is for its members."))

    def require_post(self) -> None:
        self.require_read()
        if self.held_until is not None:
            with translation.override(translation.get_language()):
                until = timezone.localtime(self.held_until).strftime("%Y-%m-%d %H:%M")
            raise PermissionDenied(
                _("A moderator has put you on hold in this space until %(time)s.") % {"time": until}
            )
        if not self.can_post:
            raise PermissionDenied(_("You can read this space; only its members write in it."))

    def require_reply(self, topic: Topic) -> None:
        if self.can_reply(topic):
            return
        if topic.deleted_at is not None:
            raise ValidationError(_("This topic was deleted."))
        raise PermissionDenied(_("This topic is locked: it takes no more replies."))

    def require_moderate(self) -> None:
        if not self.can_moderate:
            raise PermissionDenied(_("Only the moderators of this space can do this."))


def space_access(*, user: User, space: Space) -> SpaceAccess:
    role = space_role(user=user, space=space)
    return SpaceAccess(space, user, role, held_until(user=user, space=space))


# --- Fetch and check in one call ------------------------------------------------------------


def _readable(user: User, space: Space) -> SpaceAccess:
    access = space_access(user=user, space=space)
    if not access.can_read:
        raise Http404  # the same answer as for a space that does not exist
    return access


def access_space(
    *,
    user: User,
    slug: str | None = None,
    space_id: int | None = None,
    cohort_id: int | None = None,
) -> tuple[Space, SpaceAccess]:
    """A forum space the person may read, by address, id or cohort; Http404 otherwise.

    Spaces without a forum (``KindRules.has_forum``: questions to experts,
    office hours) live on their own pages and are not found here.
    """
    lookups = {"slug": slug, "pk": space_id, "cohort_id": cohort_id}
    lookup = {field: value for field, value in lookups.items() if value is not None}
    if len(lookup) != 1:
        raise TypeError("access_space takes one of slug, space_id and cohort_id")
    space = Space.objects.forums().filter(**lookup).first()
    if space is None:
        raise Http404
    return space, _readable(user, space)


def access_category(*, user: User, category_id: int) -> tuple[Category, SpaceAccess]:
    """A forum category the person may read; Http404 otherwise."""
    category = Category.objects.select_related("space").filter(pk=category_id).first()
    if category is None:
        raise Http404
    return category, _readable(user, category.space)


def access_topic(*, user: User, topic_id: int) -> tuple[Topic, SpaceAccess]:
    """A topic the person may read (a deleted one: moderators only); Http404 otherwise.

    One query for someone signed in (compiled once per process: ``_TOPIC_FOUND``): the
    topic with its space, category and author, the person's membership and hold in its
    space, how far they read it (``topic.read_up_to``, None: never opened) and their
    subscriptions that apply (``topic.subscription_levels``). One more only for
    someone on hold, to say until when.
    """
    if user is None or not user.is_authenticated:
        topic = _topics().filter(pk=topic_id).first()
        if topic is None:
            raise Http404
        access = _readable(user, topic.space)
    else:
        topic = _TOPIC_FOUND.first(user=user.pk, topic=topic_id, now=timezone.now())
        if topic is None:
            raise Http404
        facts = topic.__dict__
        topic.read_up_to = facts["person_read_up_to"]
        topic.subscription_levels = {
            kind: facts[f"person_sub_{kind}"]
            for kind in ("topic", "category", "space")
            if facts[f"person_sub_{kind}"]
        }
        role = _role_from_facts(user, topic.space, facts)
        held = held_until(user=user, space=topic.space) if facts["person_held"] else None
        access = SpaceAccess(topic.space, user, role, held)
        if not access.can_read:
            raise Http404
    if topic.deleted_at is not None and not access.can_moderate:
        raise Http404
    return topic, access


def _person_in_topic(user, now) -> dict:
    subscriptions = Subscription.objects.filter(user=user)
    return {
        **_person_in_space(user, now),
        "person_read_up_to": Subquery(
            TopicRead.objects.filter(topic_id=OuterRef("pk"), user=user).values("last_read_number")[
                :1
            ]
        ),
        "person_sub_topic": Subquery(
            subscriptions.filter(topic_id=OuterRef("pk")).values("level")[:1]
        ),
        "person_sub_category": Subquery(
            subscriptions.filter(category_id=OuterRef("category_id")).values("level")[:1]
        ),
        "person_sub_space": Subquery(
            subscriptions.filter(space_id=OuterRef("space_id")).values("level")[:1]
        ),
    }


def _topics():
    return Topic.objects.select_related("space", "category", "author")


# A topic with what access_topic asks about the person, as one query compiled once.
_TOPIC_FOUND = PreparedModels(
    lambda user, topic, now: _topics().filter(pk=topic).annotate(**_person_in_topic(user, now)),
    user=int,
    topic=int,
    now=datetime.datetime,
)


def access_post(*, user: User, post_id: int) -> tuple[Post, SpaceAccess]:
    """A post the person may read, with its topic (hidden ones: moderators only)."""
    post = Post.objects.select_related("author").filter(pk=post_id).first()
    if post is None:
        raise Http404
    post.topic, access = access_topic(user=user, topic_id=post.topic_id)
    if post.deleted_at is not None and not access.can_moderate:
        raise Http404
    return post, access


def access_attachment(*, user: User, attachment_id: int) -> Attachment:
    """A file of a post the person may read; never one of a deleted post."""
    item = Attachment.objects.filter(pk=attachment_id).first()
    if item is None:
        raise Http404
    item.post, _access = access_post(user=user, post_id=item.post_id)
    if item.post.deleted_at is not None:
        raise Http404
    return item


# --- Rooms ----------------------------------------------------------------------------------


@dataclass
class RoomAccess:
    room: Room
    role: str | None

    @property
    def can_read(self) -> bool:
        return self.role is not None

    @property
    def can_write(self) -> bool:
        return self.role in WRITERS

    @property
    def can_moderate(self) -> bool:
        return self.role in MODERATORS

    def may_edit(self, message, user: User) -> bool:
        """Its author while they may write, or a moderator (a mute is the service's)."""
        return self.can_moderate or (message.author_id == user.pk and self.can_write)

    def may_delete(self, message, user: User) -> bool:
        """Its author while they may read the room, or a moderator."""
        return self.can_moderate or (message.author_id == user.pk and self.can_read)


def find_room(*, user: User, slug: str) -> Room | None:
    """The room at this address with the page a session's or a question's room lives on
    (``home_session_id``, ``home_question_id``) and, for someone signed in, what their
    role in it, their reading and their mute need (``person_*``): one query, compiled
    once per process (``_ROOM_FOUND``); one more to say until when for someone on hold
    or who muted the room."""
    if user is None or not user.is_authenticated:
        return _rooms_at(slug).first()
    now = timezone.now()
    room = _ROOM_FOUND.first(user=user.pk, slug=slug, now=now)
    if room is None:
        return None
    room.person_tutors = bool(room.person_tutors)
    room.person_enrolled = bool(room.person_enrolled)
    room.person_held_until = held_until(user=user, space=room.space) if room.person_held else None
    room.person_muted_until = (
        RoomMute.objects.filter(room=room, user=user, until__gt=now)
        .order_by("-until")
        .values_list("until", flat=True)
        .first()
        if room.person_muted
        else None
    )
    return room


def _rooms_at(slug):
    # One office hour or question per room at most (one-to-one): a LEFT JOIN each.
    return (
        Room.objects.select_related("space")
        .filter(slug=slug)
        .annotate(home_session_id=F("office_hour__id"), home_question_id=F("expert_question__id"))
    )


def _person_in_room(user, now) -> dict:
    return {
        **_person_in_space(user, now),
        "person_read_seq": Subquery(
            RoomRead.objects.filter(room_id=OuterRef("pk"), user=user).values("last_read_seq")[:1]
        ),
        "person_muted": Exists(
            RoomMute.objects.filter(room_id=OuterRef("pk"), user=user, until__gt=now)
        ),
    }


# The room at an address with what find_room asks about the person, compiled once.
_ROOM_FOUND = PreparedModels(
    lambda user, slug, now: _rooms_at(slug).annotate(**_person_in_room(user, now))[:1],
    user=int,
    slug=str,
    now=datetime.datetime,
)


# What find_room asks about the person, as one query compiled once per process.
_ROOM_FACTS = PreparedValues(
    lambda user, room, now: Room.objects.filter(pk=room).values(**_person_in_room(user, now)),
    user=int,
    room=int,
    now=datetime.datetime,
)


def _person_sending(user, now, client_id) -> dict:
    return {
        **_person_in_room(user, now),
        "person_sent": Exists(
            Message.objects.filter(room_id=OuterRef("pk"), author_id=user, client_id=client_id)
        ),
        # The badge the message frame carries beside the name (``User.voice``).
        "person_voice": Subquery(
            Profile.objects.filter(user_id=user, actor_type_verified_at__isnull=False).values(
                "actor_type"
            )[:1]
        ),
    }


# What a chat message's sending asks about the person, compiled once per process.
_SEND_FACTS = PreparedValues(
    lambda user, room, now, client_id: Room.objects.filter(pk=room).values(
        **_person_sending(user, now, client_id)
    ),
    user=int,
    room=int,
    now=datetime.datetime,
    client_id=uuid.UUID,
)


def room_person_facts(*, user: User, room: Room) -> dict | None:
    """What the person's role in a room (kept by a socket) and their mute need, as they
    are now, in one query compiled once per process (``room_access_for(facts=...)``,
    ``person_muted``). None: no such room."""
    return _ROOM_FACTS.row(user=user.pk, room=room.pk, now=timezone.now())


def room_send_facts(*, user: User, room: Room, client_id: uuid.UUID) -> dict | None:
    """In one query, what sending a message in a room (kept by a socket) needs to know
    about the person now: whether they sent ``client_id`` already (``person_sent``),
    what their role needs (``room_access_for(facts=...)``), whether a mute runs
    (``person_muted``), how far they read (``person_read_seq``) and their verified
    actor type (``person_voice``). None: no such room."""
    return _SEND_FACTS.row(user=user.pk, room=room.pk, now=timezone.now(), client_id=client_id)


def room_access(*, user: User, slug: str) -> RoomAccess | None:
    """The room at this address and the person's role in it (None: no such room)."""
    room = find_room(user=user, slug=slug)
    if room is None:
        return None
    return room_access_found(user=user, room=room)


def room_access_found(*, user: User, room: Room) -> RoomAccess:
    """The person's role in a room ``find_room`` just fetched for them (its facts on the
    person are used: they are as fresh as the room; a room kept longer, as a socket keeps
    it, goes through ``room_access_for``)."""
    return RoomAccess(room=room, role=room_role(user=user, room=room, found=True))


def access_chat_file(*, user: User, file_id: int):
    """A file shared in a chat message the person may read (not deleted); Http404
    otherwise, the same answer for missing and forbidden."""
    item = (
        ChatFile.objects.filter(pk=file_id, message__deleted_at__isnull=True)
        .select_related("message__room__space")
        .first()
    )
    if item is None or not room_access_for(user=user, room=item.message.room).can_read:
        raise Http404
    return item


def room_access_for(*, user: User, room: Room, facts: dict | None = None) -> RoomAccess:
    """The person's role in a room already fetched (``facts``: the person's, just read
    by ``room_send_facts``)."""
    return RoomAccess(room=room, role=room_role(user=user, room=room, facts=facts))


def room_role(
    *, user: User, room: Room, found: bool = False, facts: dict | None = None
) -> str | None:
    """The person's role in the room, by the rule its space's kind declares (``found``:
    the room comes from ``find_room`` in this very request, with the person's facts;
    ``facts``: the person's facts as ``room_send_facts`` just read them)."""
    return ROOM_RULES[room.space.rules.rooms](user=user, room=room, found=found, facts=facts)


def space_room_role(
    *, user: User, room: Room, found: bool = False, facts: dict | None = None
) -> str | None:
    """The person's role in the space, a reader of a public room, a reader while on hold."""
    # A room find_room just fetched brought the person's facts along, or the caller
    # read them just now (no query here).
    known = found and hasattr(room, "person_membership")
    if facts is not None:
        role = _role_from_facts(user, room.space, facts)
    elif known:
        role = _role_from_annotations(user, room.space, room)
    else:
        role = space_role(user=user, space=room.space)
    if role is None and room.is_public and user.is_authenticated:
        return READER
    if role in WRITERS and role not in MODERATORS:
        if facts is not None:
            held = facts["person_held"]
        elif known:
            held = room.person_held_until
        else:
            held = held_until(user=user, space=room.space)
        if held:
            return READER
    return role


def can_read_room_space(*, user: User, room: Room, found: bool = False) -> bool:
    """Whether the person may read the room's space itself (its forum), not only the
    room: a public room's reader who is not in the space may not. ``found``: the room
    comes from ``find_room`` in this very request (no query then)."""
    if found and hasattr(room, "person_membership"):
        return _role_from_annotations(user, room.space, room) is not None
    return space_role(user=user, space=room.space) is not None


def session_room_role(
    *, user: User, room: Room, found: bool = False, facts: dict | None = None
) -> str | None:
    """An office-hours room follows its session (open at the start time, for subscribers)."""
    session = OfficeHour.objects.filter(room=room).first()
    if session is None:
        return space_room_role(user=user, room=room, found=found, facts=facts)
    return office_hour_role(user=user, session=session)


def question_room_role(
    *, user: User, room: Room, found: bool = False, facts: dict | None = None
) -> str | None:
    """A question to experts: the asker writes, its experts moderate, the secretariat
    only reads (to look after the network, not to answer in the experts' name);
    nobody writes once the question is closed."""
    if not user.is_authenticated:
        return None
    role = (
        SpaceMembership.objects.filter(space_id=room.space_id, user=user)
        .values_list("role", flat=True)
        .first()
    )
    if role is None:
        return READER if user.is_secretariat else None
    closed = ExpertQuestion.objects.filter(room=room, status=ExpertQuestion.Status.CLOSED).exists()
    return READER if closed else role


def direct_room_role(
    *, user: User, room: Room, found: bool = False, facts: dict | None = None
) -> str | None:
    """Direct messages: the people listed in the conversation write in it (nobody
    moderates); in a one-to-one conversation between two people of whom one blocked
    the other, both only read; in a group, whoever another of its people blocked.
    The secretariat reads a conversation only once one of its people reported it."""
    if not user.is_authenticated:
        return None
    people = list(
        SpaceMembership.objects.filter(space_id=room.space_id).values_list("user_id", flat=True)
    )
    if user.pk not in people:
        reported = DirectReport.objects.filter(space_id=room.space_id).exists()
        return READER if reported and user.is_secretariat else None
    others = [person for person in people if person != user.pk]
    if len(others) == 1 and direct_blocked(user.pk, others[0]):
        return READER
    # In a group, someone blocked by another of its people only reads.
    if len(others) > 1 and DirectBlock.objects.filter(blocker_id__in=others, blocked=user).exists():
        return READER
    return MEMBER


def direct_blocked(first: int, second: int) -> bool:
    """Whether one of the two people blocked the other."""
    return DirectBlock.objects.filter(
        Q(blocker_id=first, blocked_id=second) | Q(blocker_id=second, blocked_id=first)
    ).exists()


# KindRules.rooms -> the rule of the rooms of spaces of that kind.
ROOM_RULES = {
    "space": space_room_role,
    "session": session_room_role,
    "question": question_room_role,
    "direct": direct_room_role,
}


def office_hour_role(
    *, user: User, session: OfficeHour, now: datetime.datetime | None = None
) -> str | None:
    """The room opens at the start time, for the expert and the subscribers only;
    when the session ends it is the transcript: everyone signed in reads it."""
    if user is None or not user.is_authenticated:
        return None
    state = session.state(now)
    if state == "ended":
        return READER
    if state == "upcoming":
        return None
    if user.pk == session.expert_id:
        return MODERATOR
    if OfficeHourSubscription.objects.filter(session=session, user=user).exists():
        return MEMBER
    if user.is_secretariat:
        return READER
    return None
