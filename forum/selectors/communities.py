"""Reads about communities of practice, filtered by what the acting person may see.

A community is a space of kind "community". Its page (purpose, areas of
action, steering committee, events) is open to every signed-in person, so that
focal points find it and ask to join. What belongs to the members stays with
the members (and the secretariat): the roster with its contact data, the
events' documents and joining links, the forum and the chat room.

Contact data follow each member's choice everywhere, coordinators and the CSV
export included: an address or a telephone appears only if its owner chose to
show it. Every list costs the same number of queries whatever its length.
"""

import calendar
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from forum.access import COORDINATOR, MODERATORS
from forum.models import (
    JoinRequest,
    Room,
    Space,
    SpaceEvent,
    SpaceEventDocument,
    SpaceMembership,
    Topic,
)
from lms.choices import Country
from lms.models import User
from lms.models.people import nameless

MEETING_EVERY_MONTHS = 6  # a community meets at least every six months, unless...
# ...it is one of the network's bodies, which declares its own cadence: the apps above
# answer ``hook(space) -> months or None`` (bodies/wagtail_hooks.py).
CADENCE_HOOK = "rial_space_cadence"
MAX_EVENT_MINUTES = 3 * 24 * 60  # a meeting lasts three days at most
PAST_EVENTS = 12  # past events shown on the community page
ROSTER_PER_PAGE = 100
RECENT_DECISIONS = 20


@dataclass
class CommunityAccess:
    """A person's place in a community and what it lets them do.

    ``can_manage`` matches ``SpaceAccess.can_manage_members`` (``forum.access``):
    the secretariat, or a coordinator of the space.
    """

    space: Space
    user: User
    membership: SpaceMembership | None
    is_secretariat: bool
    pending: JoinRequest | None = None

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def is_coordinator(self) -> bool:
        return self.membership is not None and self.membership.role == COORDINATOR

    @property
    def can_manage(self) -> bool:
        return self.is_secretariat or self.is_coordinator

    @property
    def can_announce(self) -> bool:
        """As in the forum: coordinators, moderators and the secretariat."""
        return self.is_secretariat or (
            self.membership is not None and self.membership.role in MODERATORS
        )

    @property
    def can_see_members_area(self) -> bool:
        """Roster, documents, joining links, forum and chat."""
        return self.is_member or self.is_secretariat

    @property
    def can_request(self) -> bool:
        return (
            not self.is_member
            and self.pending is None
            and self.space.join_policy == Space.JoinPolicy.REQUEST
        )


def community_by_slug(*, slug: str) -> Space | None:
    return Space.objects.filter(slug=slug, kind=Space.Kind.COMMUNITY).first()


def community_access(*, user: User, space: Space) -> CommunityAccess:
    """Two queries at most: the person's membership and their pending request."""
    if not user.is_authenticated:
        return CommunityAccess(space=space, user=user, membership=None, is_secretariat=False)
    membership = SpaceMembership.objects.filter(space=space, user=user).first()
    pending = None
    if membership is None:
        pending = JoinRequest.objects.filter(
            space=space, user=user, status=JoinRequest.Status.PENDING
        ).first()
    return CommunityAccess(
        space=space,
        user=user,
        membership=membership,
        is_secretariat=user.is_secretariat,
        pending=pending,
    )


def communities_for(*, user: User):
    """Every community, with its number of members, whether the person is a member or has
    asked to join, and the start of its next event (one query)."""
    members = SpaceMembership.objects.filter(space_id=OuterRef("pk"), user=user)
    pending = JoinRequest.objects.filter(
        space_id=OuterRef("pk"), user=user, status=JoinRequest.Status.PENDING
    )
    next_event = (
        SpaceEvent.objects.filter(space_id=OuterRef("pk"), starts_at__gte=timezone.now())
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return (
        Space.objects.filter(kind=Space.Kind.COMMUNITY)
        .annotate(
            member_count=Count("memberships", distinct=True),
            is_member=Exists(members),
            has_pending=Exists(pending),
            next_event_at=Subquery(next_event),
        )
        .order_by("name")
    )


# --- people -------------------------------------------------------------------------------

_PERSON_FIELDS = (
    "pk",
    "user_id",
    "role",
    "joined_at",
    "phone",
    "show_email",
    "show_phone",
    "user__full_name",
    "user__email",
    "user__profile__country",
    "user__profile__institution",
    "user__profile__position",
    "user__profile__actor_type",
    "user__profile__actor_type_verified_at",
)


@dataclass(frozen=True)
class Person:
    """A member as others see them: contact fields are empty unless shown."""

    user_id: int
    name: str
    role: str
    title: str
    ministry: str
    country_code: str
    country: str
    joined_at: datetime.datetime
    email: str = ""
    phone: str = ""
    is_you: bool = False
    # The actor type the secretariat verified ("": none), for the badge by the name.
    voice: str = ""

    @property
    def is_coordinator(self) -> bool:
        return self.role == COORDINATOR


def _country_names() -> dict[str, str]:
    return {code: str(label) for code, label in Country.choices}


def _person(row: dict, countries: dict[str, str], viewer_id: int | None, contact: bool) -> Person:
    code = row["user__profile__country"] or ""
    return Person(
        user_id=row["user_id"],
        name=(row["user__full_name"] or "").strip() or nameless(row["user_id"]),
        role=row["role"],
        title=row["user__profile__position"] or "",
        ministry=row["user__profile__institution"] or "",
        country_code=code,
        country=countries.get(code, ""),
        joined_at=row["joined_at"],
        email=row["user__email"] if contact and row["show_email"] else "",
        phone=row["phone"] if contact and row["show_phone"] else "",
        is_you=row["user_id"] == viewer_id,
        voice=(row["user__profile__actor_type"] or "")
        if row["user__profile__actor_type_verified_at"]
        else "",
    )


def steering_committee(*, space: Space) -> list[Person]:
    """The coordinators, with their ministry and country; no contact data (one query)."""
    rows = (
        SpaceMembership.objects.filter(space=space, role=COORDINATOR)
        .order_by("user__profile__country", "user__full_name")
        .values(*_PERSON_FIELDS)
    )
    countries = _country_names()
    return [_person(row, countries, None, contact=False) for row in rows]


def roster_queryset(*, access: CommunityAccess):
    """The members in the roster's order, as rows of values; nobody for non-members."""
    if not access.can_see_members_area:
        return SpaceMembership.objects.none().values(*_PERSON_FIELDS)
    return (
        SpaceMembership.objects.filter(space=access.space)
        .order_by("user__profile__country", "user__full_name", "pk")
        .values(*_PERSON_FIELDS)
    )


def roster_people(*, access: CommunityAccess, rows) -> list[Person]:
    """Rows of ``roster_queryset`` (a page of them) as people, contact data as each chose."""
    if not access.can_see_members_area:
        return []
    countries = _country_names()
    viewer = access.user.pk
    return [_person(row, countries, viewer, contact=True) for row in rows]


def roster(*, access: CommunityAccess) -> list[Person]:
    """The whole roster for members and the secretariat; an empty list for anyone else."""
    return roster_people(access=access, rows=roster_queryset(access=access))


def member_count(*, space: Space) -> int:
    return SpaceMembership.objects.filter(space=space).count()


# --- join requests --------------------------------------------------------------------------


def pending_request_count(*, space: Space) -> int:
    return JoinRequest.objects.filter(space=space, status=JoinRequest.Status.PENDING).count()


def join_requests(*, access: CommunityAccess) -> tuple[list[JoinRequest], list[JoinRequest]]:
    """Pending requests (oldest first) and the latest decisions, for those who decide."""
    if not access.can_manage:
        return [], []
    base = JoinRequest.objects.filter(space=access.space).select_related(
        "user", "user__profile", "decided_by"
    )
    pending = list(base.filter(status=JoinRequest.Status.PENDING).order_by("created_at"))
    decided = list(
        base.exclude(status=JoinRequest.Status.PENDING).order_by("-decided_at", "-pk")[
            :RECENT_DECISIONS
        ]
    )
    return pending, decided


def join_request_for(*, access: CommunityAccess, request_id: int) -> JoinRequest | None:
    if not access.can_manage:
        return None
    return (
        JoinRequest.objects.filter(space=access.space, pk=request_id)
        .select_related("user", "space")
        .first()
    )


# --- events ---------------------------------------------------------------------------------


def _events(space: Space):
    return SpaceEvent.objects.filter(space=space).prefetch_related(
        Prefetch("documents", queryset=SpaceEventDocument.objects.order_by("pk"))
    )


@dataclass
class Events:
    upcoming: list[SpaceEvent] = field(default_factory=list)  # soonest first, ongoing included
    past: list[SpaceEvent] = field(default_factory=list)  # latest first
    more_past: bool = False


def community_events(*, space: Space, now=None) -> Events:
    """Upcoming and ongoing events, and the latest past ones, with their documents
    (four queries, whatever their number)."""
    now = now or timezone.now()
    window = now - datetime.timedelta(minutes=MAX_EVENT_MINUTES)
    recent = list(_events(space).filter(starts_at__gt=window).order_by("starts_at"))
    upcoming = [event for event in recent if event.ends_at > now]
    ended_recently = [event for event in recent if event.ends_at <= now]
    older = list(_events(space).filter(starts_at__lte=window).order_by("-starts_at")[:PAST_EVENTS])
    past = sorted(ended_recently, key=lambda e: e.starts_at, reverse=True) + older
    return Events(upcoming=upcoming, past=past[:PAST_EVENTS], more_past=len(past) > PAST_EVENTS)


def community_event(*, space: Space, event_id: int) -> SpaceEvent | None:
    return _events(space).filter(pk=event_id).select_related("created_by").first()


def event_document_for(*, user: User, document_id: int) -> SpaceEventDocument | None:
    """The document (None: no such document); PermissionDenied unless this person may
    open it (the members of its community and the secretariat)."""
    document = (
        SpaceEventDocument.objects.select_related("event__space").filter(pk=document_id).first()
    )
    if document is None or document.event.space.kind != Space.Kind.COMMUNITY:
        return None
    access = community_access(user=user, space=document.event.space)
    if not access.can_see_members_area:
        raise PermissionDenied(_("The documents of a community are for its members."))
    return document


# --- meeting at least every six months ----------------------------------------------------


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day ``months`` later (the month's last day when it has fewer days)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def body_cadence(space: Space, now=None):
    """The cadence a body declares for this community (``rial_space_cadence``): an
    object with ``months`` and the body's ``last`` and ``next`` meetings (each with
    ``starts_at``, or None); None when the community is no body's."""
    for hook in hooks.get_hooks(CADENCE_HOOK):
        cadence = hook(space, now=now)
        if cadence is not None:
            return cadence
    return None


@dataclass
class MeetingStatus:
    last: Any  # a meeting event, or the body's meeting: each with ``starts_at``
    next: Any
    due_by: datetime.datetime
    overdue: bool  # due date passed and nothing scheduled
    next_is_late: bool  # the next meeting is scheduled after the due date
    months: int = MEETING_EVERY_MONTHS  # the most months between two meetings


def _latest(*meetings):
    return max((m for m in meetings if m is not None), key=lambda m: m.starts_at, default=None)


def _earliest(*meetings):
    return min((m for m in meetings if m is not None), key=lambda m: m.starts_at, default=None)


def meeting_due(*, space: Space, now=None) -> MeetingStatus:
    """When the community must meet next: six months (or its body's cadence) after its
    last meeting (or after it was created, if it never met). The community's meeting
    events count, and, when it is a body's, the body's meetings. A few queries."""
    now = now or timezone.now()
    meetings = SpaceEvent.objects.filter(space=space, kind=SpaceEvent.Kind.MEETING)
    last = meetings.filter(starts_at__lte=now).order_by("-starts_at").first()
    upcoming = meetings.filter(starts_at__gt=now).order_by("starts_at").first()
    months = MEETING_EVERY_MONTHS
    body = body_cadence(space, now=now)
    if body is not None:
        months = body.months or MEETING_EVERY_MONTHS
        last = _latest(last, body.last)
        upcoming = _earliest(upcoming, body.next)
    since = last.starts_at if last is not None else space.created_at
    due_by = add_months(since, months)
    return MeetingStatus(
        last=last,
        next=upcoming,
        due_by=due_by,
        overdue=upcoming is None and due_by < now,
        next_is_late=upcoming is not None and upcoming.starts_at > due_by,
        months=months,
    )


# --- the community page ----------------------------------------------------------------------


@dataclass
class CommunityPage:
    space: Space
    access: CommunityAccess
    committee: list[Person]
    member_count: int
    events: Events
    meeting: MeetingStatus
    room: Room | None
    announcements: list
    pending_count: int


def community_page(*, user: User, space: Space) -> CommunityPage:
    """Everything the community page shows this person (a fixed number of queries)."""
    access = community_access(user=user, space=space)
    room = None
    announcements = []
    if access.can_see_members_area:
        room = Room.objects.filter(space=space).order_by("name").first()
        announcements = list(
            Topic.objects.filter(space=space, is_announcement=True, deleted_at__isnull=True)
            .select_related("author", "author__profile")
            .order_by("-created_at")[:5]
        )
    return CommunityPage(
        space=space,
        access=access,
        committee=steering_committee(space=space),
        member_count=member_count(space=space),
        events=community_events(space=space),
        meeting=meeting_due(space=space),
        room=room,
        announcements=announcements,
        pending_count=pending_request_count(space=space) if access.can_manage else 0,
    )


def coordinators(*, space: Space):
    """Active coordinators (to tell them of a request)."""
    return User.objects.filter(
        Q(space_memberships__space=space, space_memberships__role=COORDINATOR), is_active=True
    ).distinct()
