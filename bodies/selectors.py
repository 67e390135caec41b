"""Reads about the network's bodies, and who may see or do what in them.

Who sees a body: the secretariat (every body), its current members (theirs), and
anyone when the body is public. The same answer (None, a 404) for a body that does
not exist and one the person may not see. Inside a body the members' area (drafts
and circulated minutes for the members, comments, attendance, agreements and their
follow-up) is for the secretariat and the current members; visitors of a public body
see its meetings, their agendas and the approved minutes.
"""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bodies.models import (
    Agreement,
    AgreementNote,
    Attendance,
    Body,
    Decision,
    Meeting,
    Member,
    Minutes,
    MinutesComment,
    Seat,
)
from forum.selectors.communities import add_months
from lms.calendar import CalendarEntry
from lms.models import User
from lms.selectors.video import VideoOwner, owner_key

MEETINGS_SHOWN = 50
PAST_MEETINGS_PER_PAGE = 20
AGREEMENTS_PER_PAGE = 50


@dataclass
class BodyAccess:
    body: Body
    is_secretariat: bool
    seat_ids: frozenset[int]  # the seats the person holds today
    is_member: bool  # a current member (with or without a seat)

    @property
    def can_manage(self) -> bool:
        """Writes meetings, agenda, attendance, minutes and agreements."""
        return self.is_secretariat

    @property
    def can_see_members_area(self) -> bool:
        return self.is_secretariat or self.is_member

    def can_see_minutes(self, minutes: Minutes | None) -> bool:
        """Drafts: the secretariat. Circulated: and the members. Approved: whoever
        sees the body (visitors only of a public body, since they see no other)."""
        if minutes is None:
            return False
        if minutes.status == Minutes.Status.DRAFT:
            return self.is_secretariat
        if minutes.status == Minutes.Status.CIRCULATED:
            return self.can_see_members_area
        return True

    def can_comment(self, minutes: Minutes | None) -> bool:
        return (
            minutes is not None
            and minutes.status == Minutes.Status.CIRCULATED
            and self.can_see_members_area
        )

    def can_follow_up(self, agreement: Agreement) -> bool:
        """The secretariat, and the members holding the seat that owns it."""
        return self.is_secretariat or (
            agreement.owner_seat_id is not None and agreement.owner_seat_id in self.seat_ids
        )


def _current_memberships(user: User, body_ids=None):
    if not user.is_authenticated:
        return Member.objects.none()
    members = Member.objects.current().filter(user=user)
    if body_ids is not None:
        members = members.filter(body_id__in=body_ids)
    return members


def current_body_ids(user: User) -> set[int]:
    """The bodies the person is a current member of (one query; none when signed out).
    Other apps ask this, e.g. whether someone sits on the body that approves a plan."""
    return set(_current_memberships(user).values_list("body_id", flat=True))


def access_for(*, user: User, body: Body) -> BodyAccess | None:
    """What the person may do in this body; None if they may not see it (one query)."""
    is_secretariat = user.is_authenticated and user.is_secretariat
    rows = list(_current_memberships(user, [body.pk]).values_list("seat_id", flat=True))
    is_member = bool(rows)
    if not (is_secretariat or is_member or body.is_public):
        return None
    return BodyAccess(
        body=body,
        is_secretariat=is_secretariat,
        seat_ids=frozenset(seat for seat in rows if seat is not None),
        is_member=is_member,
    )


def body_access(*, user: User, slug: str) -> BodyAccess | None:
    """The body and the person's access; None when missing or not theirs to see."""
    body = Body.objects.select_related("space").filter(slug=slug).first()
    if body is None:
        return None
    return access_for(user=user, body=body)


def bodies_for(*, user: User):
    """The bodies the person sees: all for the secretariat; theirs and the public ones."""
    bodies = Body.objects.select_related("space")
    if user.is_authenticated and user.is_secretariat:
        return bodies.order_by("name")
    visible = Q(is_public=True)
    if user.is_authenticated:
        visible |= Q(pk__in=_current_memberships(user).values("body_id"))
    return bodies.filter(visible).order_by("name")


# --- cadence ---------------------------------------------------------------------------------


@dataclass
class Cadence:
    months: int
    last: Meeting | None
    next: Meeting | None
    due_by: datetime.datetime | None
    overdue: bool  # due date passed and nothing scheduled
    next_is_late: bool


def cadence(*, body: Body, now=None) -> Cadence:
    """When the body must meet next, at the cadence it declares (two queries)."""
    now = now or timezone.now()
    meetings = Meeting.objects.filter(body=body)
    last = meetings.filter(starts_at__lte=now).order_by("-starts_at").first()
    upcoming = meetings.filter(starts_at__gt=now).order_by("starts_at").first()
    months = body.cadence_months
    due_by = add_months(last.starts_at, months) if last is not None else None
    return Cadence(
        months=months,
        last=last,
        next=upcoming,
        due_by=due_by,
        overdue=upcoming is None and (due_by is None or due_by < now),
        next_is_late=upcoming is not None and due_by is not None and upcoming.starts_at > due_by,
    )


def space_cadence(space, now=None) -> Cadence | None:
    """The cadence of the body this space is: its months between meetings and its
    last and next meetings (forum asks through the ``rial_space_cadence`` hook, so a
    body's community counts the body's meetings); None when the space is no body's."""
    body = Body.objects.filter(space_id=space.pk).first()
    return cadence(body=body, now=now) if body is not None else None


# --- the body page ---------------------------------------------------------------------------


@dataclass
class SeatRow:
    seat: Seat
    members: list[Member] = field(default_factory=list)


@dataclass
class BodyPage:
    access: BodyAccess
    seats_by_constituency: list[tuple[str, list[SeatRow]]]
    secretariat_members: list[Member]
    cadence: Cadence
    upcoming: list[Meeting]
    past: Page  # of meetings, latest first
    open_agreements: Page | None  # None: not for this person
    room_slug: str
    past_terms: list[Member]  # the rotation: terms that ended, latest first


PAST_TERMS_SHOWN = 50


def _past_terms(body: Body, today) -> list[Member]:
    return list(
        Member.objects.filter(body=body, ends_on__lt=today)
        .select_related("user", "seat")
        .order_by("-ends_on", "pk")[:PAST_TERMS_SHOWN]
    )


def _seat_rows(body: Body, today) -> tuple[list[tuple[str, list[SeatRow]]], list[Member]]:
    seats = list(Seat.objects.filter(body=body, is_active=True))
    members = list(Member.objects.current(today).filter(body=body).select_related("user"))
    rows = {seat.pk: SeatRow(seat=seat) for seat in seats}
    secretariat = []
    for member in members:
        if member.seat_id in rows:
            rows[member.seat_id].members.append(member)
        elif member.seat_id is None:
            secretariat.append(member)
    grouped = []
    for code, label in Seat.Constituency.choices:
        group = [row for row in rows.values() if row.seat.constituency == code]
        if group:
            grouped.append((label, group))
    return grouped, secretariat


def open_agreements(*, body: Body, before: datetime.datetime | None = None):
    """The body's agreements not yet done or dropped (of meetings before ``before``)."""
    agreements = Agreement.objects.filter(body=body, status__in=Agreement.OPEN)
    if before is not None:
        agreements = agreements.filter(meeting__starts_at__lt=before)
    return agreements.select_related("meeting", "owner_seat", "status_changed_by").order_by(
        F("due_on").asc(nulls_last=True), "meeting__starts_at", "pk"
    )


def _room_slug(body: Body) -> str:
    if body.space_id is None:
        return ""
    from forum.models import Room

    room = Room.objects.filter(space_id=body.space_id).order_by("name").only("slug").first()
    return room.slug if room is not None else ""


def body_page(*, access: BodyAccess, past_page=1, agreements_page=1) -> BodyPage:
    """Everything the body page shows this person (a fixed number of queries); the
    past meetings and the open agreements a page at a time."""
    body = access.body
    now = timezone.now()
    today = timezone.localdate()
    seats, secretariat = _seat_rows(body, today)
    meetings = Meeting.objects.filter(body=body).select_related("minutes")
    upcoming = list(meetings.filter(ends_at__gt=now).order_by("starts_at")[:MEETINGS_SHOWN])
    past = Paginator(
        meetings.filter(ends_at__lte=now).order_by("-starts_at", "-pk"), PAST_MEETINGS_PER_PAGE
    ).get_page(past_page)
    for meeting in upcoming + list(past):
        # Visitors see a meeting's minutes only once approved; members once circulated.
        minutes = getattr(meeting, "minutes", None)
        meeting.visible_minutes = minutes if access.can_see_minutes(minutes) else None
    return BodyPage(
        access=access,
        seats_by_constituency=seats,
        secretariat_members=secretariat,
        cadence=cadence(body=body, now=now),
        upcoming=upcoming,
        past=past,
        open_agreements=Paginator(open_agreements(body=body), AGREEMENTS_PER_PAGE).get_page(
            agreements_page
        )
        if access.can_see_members_area
        else None,
        room_slug=_room_slug(body) if access.can_see_members_area else "",
        past_terms=_past_terms(body, today) if access.can_see_members_area else [],
    )


# --- a meeting -------------------------------------------------------------------------------


def meeting_for(*, access: BodyAccess, pk: int) -> Meeting | None:
    return (
        Meeting.objects.filter(body=access.body, pk=pk)
        .select_related("body", "minutes__approved_by", "minutes__written_by")
        .first()
    )


@dataclass
class AttendanceRow:
    seat: Seat
    status: str  # "" when not recorded
    label: str


@dataclass
class Quorum:
    seats: int
    counted: int  # present or represented
    recorded: bool = True  # False: no seat's attendance is recorded yet

    @property
    def reached(self) -> bool:
        return self.seats > 0 and self.counted * 2 > self.seats


@dataclass
class MeetingPage:
    access: BodyAccess
    meeting: Meeting
    agenda: list
    carried: list[Agreement]  # all the open agreements of earlier meetings, never cut
    attendance: list[AttendanceRow]
    quorum: Quorum
    minutes: Minutes | None  # only when this person may read them
    minutes_changed_at: datetime.datetime | None  # last withdrawn for changes, if ever
    comments: list[MinutesComment]
    agreements: list[Agreement]
    room_slug: str


def in_order(seats) -> list[Seat]:
    """Seats by constituency (government, workers, employers, observers), then name."""
    order = {code: n for n, code in enumerate(Seat.Constituency.values)}
    return sorted(seats, key=lambda seat: (order.get(seat.constituency, 99), str(seat), seat.pk))


def _is_approved(meeting: Meeting) -> bool:
    minutes = getattr(meeting, "minutes", None)
    return minutes is not None and minutes.status == Minutes.Status.APPROVED


def attendance_seats(meeting: Meeting):
    """The seats whose attendance counts at this meeting: the active ones and those
    recorded there (a seat retired later still counts where it sat); once the minutes
    are approved, only those recorded, so later changes to the seats do not rewrite it."""
    recorded = Q(pk__in=Attendance.objects.filter(meeting=meeting).values("seat_id"))
    seats = Seat.objects.filter(body_id=meeting.body_id)
    if _is_approved(meeting):
        return seats.filter(recorded)
    return seats.filter(Q(is_active=True) | recorded)


def attendance_rows(*, meeting: Meeting) -> list[AttendanceRow]:
    seats = in_order(attendance_seats(meeting))
    recorded = dict(Attendance.objects.filter(meeting=meeting).values_list("seat_id", "status"))
    labels = dict(Attendance.Status.choices)
    return [
        AttendanceRow(
            seat=seat,
            status=recorded.get(seat.pk, ""),
            label=str(labels.get(recorded.get(seat.pk, ""), _("Not recorded"))),
        )
        for seat in seats
    ]


def quorum_of(rows: list[AttendanceRow]) -> Quorum:
    """More than half of the current seats present or represented."""
    counted = sum(
        1
        for row in rows
        if row.status in (Attendance.Status.PRESENT, Attendance.Status.REPRESENTED)
    )
    return Quorum(seats=len(rows), counted=counted, recorded=any(row.status for row in rows))


def _agreements_with_notes(agreements):
    return agreements.select_related("owner_seat", "status_changed_by").prefetch_related(
        Prefetch("notes", queryset=AgreementNote.objects.select_related("author"))
    )


def meeting_page(*, access: BodyAccess, meeting: Meeting) -> MeetingPage:
    """Everything the meeting page shows this person (a fixed number of queries)."""
    members_area = access.can_see_members_area
    minutes = getattr(meeting, "minutes", None)
    visible_minutes = minutes if access.can_see_minutes(minutes) else None
    comments = []
    if visible_minutes is not None and members_area:
        comments = list(
            MinutesComment.objects.filter(minutes=visible_minutes).select_related("author")
        )
    attendance = attendance_rows(meeting=meeting) if members_area else []
    changed_at = None
    if visible_minutes is not None and visible_minutes.status == Minutes.Status.CIRCULATED:
        # The members read again what changed since they first read it.
        changed_at = (
            Decision.objects.filter(meeting=meeting, kind=Decision.Kind.MINUTES_WITHDRAWN)
            .order_by("-at")
            .values_list("at", flat=True)
            .first()
        )
    return MeetingPage(
        access=access,
        meeting=meeting,
        agenda=list(meeting.agenda_items.all()),
        # Every one of them, however many: the secretariat prepares the agenda from
        # this list (two queries whatever its length: the agreements, their notes).
        carried=list(
            _agreements_with_notes(open_agreements(body=access.body, before=meeting.starts_at))
        )
        if members_area
        else [],
        attendance=attendance,
        quorum=quorum_of(attendance),
        minutes=visible_minutes,
        minutes_changed_at=changed_at,
        comments=comments,
        agreements=list(_agreements_with_notes(meeting.agreements.all()))
        if members_area or (minutes is not None and minutes.status == Minutes.Status.APPROVED)
        else [],
        room_slug=_room_slug(access.body)
        if members_area and meeting.format == Meeting.Format.VIRTUAL
        else "",
    )


def agreement_for(*, access: BodyAccess, pk: int) -> Agreement | None:
    if not access.can_see_members_area:
        return None
    return Agreement.objects.filter(body=access.body, pk=pk).select_related("meeting").first()


# --- calendar --------------------------------------------------------------------------------


def meeting_entry(meeting: Meeting, *, with_link: bool) -> CalendarEntry:
    """The meeting for a calendar. The link to join a virtual meeting only
    ``with_link`` (for who may see the members' area): visitors of a public body get
    the time and the page, not the way in."""
    body = meeting.body
    if meeting.format == Meeting.Format.IN_PERSON:
        location = meeting.place
    else:
        location = meeting.link if with_link else ""
    return CalendarEntry(
        uid=f"body-meeting-{meeting.pk}",
        title=f"{meeting.title} · {body.name}",
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        time_zone=body.time_zone,
        url=reverse("bodies:meeting", kwargs={"slug": body.slug, "pk": meeting.pk}),
        location=location,
        kind="body_meeting",
        ics_url=reverse("bodies:meeting_ics", kwargs={"slug": body.slug, "pk": meeting.pk}),
    )


def calendar_entries(*, user: User, start, end) -> list[CalendarEntry]:
    """The meetings of the bodies the person belongs to, for their calendar (lms)."""
    if not user.is_authenticated:
        return []
    meetings = (
        Meeting.objects.filter(
            body_id__in=_current_memberships(user).values("body_id"),
            starts_at__lt=end,
            ends_at__gt=start,
        )
        .select_related("body")
        .order_by("starts_at")
    )
    # Only the bodies the person is a current member of: they may have the link.
    return [meeting_entry(meeting, with_link=True) for meeting in meetings]


# Video rooms (lms asks through the ``rial_video_owners`` hook): a virtual meeting's
# room is for the body's members and the secretariat, who moderates.
MEETING_VIDEO = "bodies.meeting"


def meeting_video_owner(*, access: BodyAccess, meeting: Meeting) -> VideoOwner | None:
    """The room of a virtual meeting as this person sees it (None in person)."""
    if meeting.format != Meeting.Format.VIRTUAL:
        return None
    return VideoOwner(
        key=owner_key(MEETING_VIDEO, meeting.pk),
        title=f"{access.body.name}: {meeting.title}",
        page_url=reverse("bodies:meeting", kwargs={"slug": access.body.slug, "pk": meeting.pk}),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        link=meeting.link,
        may_join=access.can_see_members_area,
        moderator=access.can_manage,
    )


def _video_owner(*, pk: int, user: User) -> VideoOwner | None:
    meeting = Meeting.objects.select_related("body").filter(pk=pk).first()
    access = access_for(user=user, body=meeting.body) if meeting is not None else None
    if access is None:
        return None
    return meeting_video_owner(access=access, meeting=meeting)


def video_owners() -> dict:
    return {MEETING_VIDEO: _video_owner}
