"""Writes about the network's bodies: their space (forum and chat room), meetings,
agenda, attendance, minutes, comments, agreements and their follow-up.

Every service checks the person's rights, then every field, before it writes:
a refused request leaves nothing behind. Decisions (minutes circulated and
approved, an agreement's status) are kept in ``Decision`` with who and when.
Approved minutes are the record: nothing of the meeting they record (minutes,
attendance, agenda, agreements made there) changes after approval.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bodies import selectors
from bodies.models import (
    AgendaItem,
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
from forum import services as forum_services
from forum.models import Room, Space, SpaceMembership
from lms.markup import render_field
from lms.models import User

MAX_TEXT = 20_000


def _require_secretariat(actor: User) -> None:
    if not (actor.is_authenticated and actor.is_secretariat):
        raise PermissionDenied(_("Only the Technical Secretariat does this."))


def _is_current_member(actor: User, body: Body) -> bool:
    return (
        actor.is_authenticated and Member.objects.current().filter(user=actor, body=body).exists()
    )


def _markdown(text: str, errors: dict, name: str, *, required: bool = True) -> str:
    return render_field(text, errors, name, limit=MAX_TEXT, required=required)


def _url(value: str, errors: dict, name: str) -> str:
    value = (value or "").strip()
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            errors[name] = _("Enter a web address (https://…).")
    return value


def _locked(meeting: Meeting) -> bool:
    """Whether the meeting's record is closed (its minutes are approved)."""
    return Minutes.objects.filter(meeting=meeting, status=Minutes.Status.APPROVED).exists()


def locked_message() -> str:
    return _(
        "The minutes of this meeting are approved: its record no longer changes. "
        "A correction is a new version, approved by the body."
    )


def _refuse_if_locked(meeting: Meeting) -> None:
    if _locked(meeting):
        raise ValidationError(locked_message())


def _lock_meeting(meeting_id: int) -> Meeting:
    """Lock the meeting's row: every writer of its record (approval included) takes
    this lock first, so nothing changes the record while the minutes are approved.
    Check ``_refuse_if_locked`` after it, not before."""
    return Meeting.objects.select_for_update().get(pk=meeting_id)


# --- the body's space ------------------------------------------------------------------------

# Who leads the body moderates its space; the others take part as members.
_LEADS = {Member.Role.CHAIR, Member.Role.VICE_CHAIR, Member.Role.SECRETARIAT}


def owns_space(body: Body) -> bool:
    """Whether the body's space is its own (made for it), not one the secretariat chose."""
    return body.space_id is not None and body.space.kind == Space.Kind.BODY


@transaction.atomic
def body_space_ensure(*, body: Body) -> Space:
    """Every body has its space, as communities do: the one the secretariat chose, or
    else a private one of its own (a forum and a chat room) made now, whose members are
    the body's current members. Called when a body is created or edited (the admin's
    hooks, the demo); a body's own space follows its name."""
    body = Body.objects.select_for_update(of=("self",)).select_related("space").get(pk=body.pk)
    if body.space_id is None:
        body.space = forum_services.body_space_create(name=body.name, slug_base=body.slug)
        body.save(update_fields=["space"])
    elif owns_space(body) and body.space.name != body.name:
        body.space.name = body.name
        body.space.save(update_fields=["name"])
    body_space_members_sync(body=body)
    body_spaces_orphaned_close()  # the space it had, if the secretariat chose another
    return body.space


def _space_roles(body: Body) -> dict[int, str]:
    """The body's current members (active accounts) and their role in its space."""
    roles: dict[int, str] = {}
    members = Member.objects.current().filter(body=body, user__is_active=True)
    for user_id, role in members.values_list("user_id", "role"):
        if role in _LEADS:
            roles[user_id] = SpaceMembership.Role.MODERATOR
        else:
            roles.setdefault(user_id, SpaceMembership.Role.MEMBER)
    return roles


@transaction.atomic
def body_space_members_sync(*, body: Body) -> int:
    """The members of the body's own space are the body's current members, and only
    them: someone whose term starts gains access, someone whose term ended (or whose
    membership was removed) loses it. A space the secretariat chose (a community with
    members of its own) is left as its coordinators keep it. Returns how many people's
    access changed."""
    if not owns_space(body):
        return 0
    return len(forum_services.space_members_set(space=body.space, roles=_space_roles(body)))


def body_spaces_sync(*, body_ids=None, user_id: int | None = None) -> int:
    """``body_space_members_sync`` for these bodies (every body with a space of its own
    when None; with ``user_id``, also those whose space lists that person): after the
    admin changes members, and daily for the terms that start or end by date."""
    bodies = Body.objects.filter(space__kind=Space.Kind.BODY)
    if body_ids is not None or user_id is not None:
        which = Q(pk__in=list(body_ids or []))
        if user_id is not None:
            which |= Q(space__memberships__user_id=user_id)
        bodies = bodies.filter(which)
    changed = 0
    if body_ids is None and user_id is None:
        # A body made before bodies had spaces of their own gets one (and its members).
        for body in Body.objects.filter(space__isnull=True):
            body_space_ensure(body=body)
            changed += 1
    for body in bodies.select_related("space").distinct():
        changed += body_space_members_sync(body=body)
    if body_ids is None and user_id is None:
        changed += body_spaces_orphaned_close()
    return changed


def body_spaces_orphaned_close() -> int:
    """A body's own space that no body has any more (the body was deleted, or the
    secretariat chose another space for it) keeps its conversation, in the admin's
    spaces, but lists nobody. Returns how many people lost access."""
    orphaned = Space.objects.filter(
        kind=Space.Kind.BODY, body__isnull=True, memberships__isnull=False
    ).distinct()
    return sum(len(forum_services.space_members_set(space=space, roles={})) for space in orphaned)


# --- meetings --------------------------------------------------------------------------------


def _has_room(body: Body) -> bool:
    return body.space_id is not None and Room.objects.filter(space_id=body.space_id).exists()


def _title(value: str, errors: dict, name: str = "title", limit: int = 250) -> str:
    value = (value or "").strip()
    if not value:
        errors[name] = _("Fill in this field.")
    elif len(value) > limit:
        errors[name] = _("At most %(n)s characters.") % {"n": limit}
    return value


def _meeting_fields(*, body: Body, title, starts_at, ends_at, format, link, place) -> dict:
    errors = {}
    title = _title(title, errors)
    if not isinstance(starts_at, datetime.datetime) or timezone.is_naive(starts_at):
        errors["starts_at"] = _("Enter a date and time.")
    if not isinstance(ends_at, datetime.datetime) or timezone.is_naive(ends_at):
        errors["ends_at"] = _("Enter a date and time.")
    elif "starts_at" not in errors and ends_at <= starts_at:
        errors["ends_at"] = _("The meeting ends after it starts.")
    if format not in Meeting.Format.values:
        errors["format"] = _("Choose a format.")
    link = _url(link, errors, "link")
    place = (place or "").strip()[:250]
    if format == Meeting.Format.IN_PERSON and not place:
        errors["place"] = _("Say where the meeting takes place.")
    if format == Meeting.Format.VIRTUAL and not link and not _has_room(body):
        errors["link"] = _("Give the link to join: this body has no room of its own.")
    if errors:
        raise ValidationError(errors)
    return {
        "title": title,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "format": format,
        "link": link,
        "place": place if format == Meeting.Format.IN_PERSON else "",
    }


@transaction.atomic
def meeting_create(
    *, actor: User, body: Body, title: str, starts_at, ends_at, format: str, link="", place=""
) -> Meeting:
    _require_secretariat(actor)
    fields = _meeting_fields(
        body=body,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        format=format,
        link=link,
        place=place,
    )
    return Meeting.objects.create(body=body, created_by=actor, **fields)


@transaction.atomic
def meeting_update(
    *, actor: User, meeting: Meeting, title: str, starts_at, ends_at, format: str, link="", place=""
) -> Meeting:
    _require_secretariat(actor)
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    _refuse_if_locked(meeting)
    fields = _meeting_fields(
        body=meeting.body,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        format=format,
        link=link,
        place=place,
    )
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=list(fields))
    return meeting


def _agenda_fields(*, title, notes, presenter, document_url) -> dict:
    errors = {}
    title = _title(title, errors)
    notes_html = _markdown(notes, errors, "notes", required=False)
    document_url = _url(document_url, errors, "document_url")
    presenter = (presenter or "").strip()
    if len(presenter) > 200:
        errors["presenter"] = _("At most %(n)s characters.") % {"n": 200}
    if errors:
        raise ValidationError(errors)
    return {
        "title": title,
        "notes": (notes or "").strip(),
        "notes_html": notes_html,
        "presenter": presenter,
        "document_url": document_url,
    }


@transaction.atomic
def agenda_item_add(
    *, actor: User, meeting: Meeting, title: str, notes="", presenter="", document_url=""
) -> AgendaItem:
    _require_secretariat(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _refuse_if_locked(meeting)
    fields = _agenda_fields(
        title=title, notes=notes, presenter=presenter, document_url=document_url
    )
    last = meeting.agenda_items.order_by("-position").values_list("position", flat=True).first()
    return AgendaItem.objects.create(meeting=meeting, position=(last or 0) + 1, **fields)


@transaction.atomic
def agenda_item_update(
    *, actor: User, item: AgendaItem, title: str, notes="", presenter="", document_url=""
) -> AgendaItem:
    _require_secretariat(actor)
    meeting = _lock_meeting(item.meeting_id)
    _refuse_if_locked(meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk, meeting=meeting)
    fields = _agenda_fields(
        title=title, notes=notes, presenter=presenter, document_url=document_url
    )
    for name, value in fields.items():
        setattr(item, name, value)
    item.save(update_fields=list(fields))
    return item


@transaction.atomic
def agenda_item_remove(*, actor: User, item: AgendaItem) -> None:
    _require_secretariat(actor)
    meeting = _lock_meeting(item.meeting_id)
    _refuse_if_locked(meeting)
    AgendaItem.objects.filter(pk=item.pk, meeting=meeting).delete()


@transaction.atomic
def agenda_item_move(*, actor: User, item: AgendaItem, up: bool) -> None:
    """Swap the item with the one before (``up``) or after it."""
    _require_secretariat(actor)
    meeting = _lock_meeting(item.meeting_id)
    _refuse_if_locked(meeting)
    items = list(
        AgendaItem.objects.select_for_update()
        .filter(meeting_id=item.meeting_id)
        .order_by("position", "pk")
    )
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, row in enumerate(items, start=1):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])


# --- attendance ------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, actor: User, meeting: Meeting, statuses: dict) -> int:
    """Record each current seat's attendance (``{seat id: status}``; an empty status
    leaves the seat unrecorded). All or nothing. Returns the seats recorded."""
    _require_secretariat(actor)
    meeting = _lock_meeting(meeting.pk)
    _refuse_if_locked(meeting)
    # The active seats, and those already recorded here (retired since).
    seats = set(selectors.attendance_seats(meeting).values_list("pk", flat=True))
    errors = []
    clean = {}
    for key, status in statuses.items():
        try:
            seat_id = int(key)
        except (TypeError, ValueError):
            seat_id = None
        if seat_id not in seats:
            errors.append(_("A seat that is not this body's."))
            continue
        if status and status not in Attendance.Status.values:
            errors.append(_("Choose present, represented or absent."))
            continue
        clean[seat_id] = status
    if errors:
        raise ValidationError(sorted(set(errors)))
    now = timezone.now()
    Attendance.objects.filter(
        meeting=meeting, seat_id__in=[seat for seat, status in clean.items() if not status]
    ).delete()
    recorded = 0
    for seat_id, status in clean.items():
        if status:
            Attendance.objects.update_or_create(
                meeting=meeting,
                seat_id=seat_id,
                defaults={"status": status, "recorded_by": actor, "recorded_at": now},
            )
            recorded += 1
    return recorded


# --- minutes ---------------------------------------------------------------------------------


@transaction.atomic
def minutes_save(*, actor: User, meeting: Meeting, text: str) -> Minutes:
    """Write or rewrite the minutes. Circulated ones amended after the members'
    comments go back to draft (recorded as a decision) and are circulated again: what
    the members read never changes under them. Approved minutes are refused."""
    _require_secretariat(actor)
    meeting = _lock_meeting(meeting.pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.status == Minutes.Status.APPROVED:
        _refuse_if_locked(meeting)
    errors = {}
    html = _markdown(text, errors, "text")
    if errors:
        raise ValidationError(errors)
    if minutes is None:
        minutes = Minutes(meeting=meeting)
    elif minutes.status == Minutes.Status.CIRCULATED and minutes.text != text.strip():
        minutes.status = Minutes.Status.DRAFT
        _decide(
            actor=actor,
            body_id=meeting.body_id,
            meeting_id=meeting.pk,
            kind=Decision.Kind.MINUTES_WITHDRAWN,
            old=Minutes.Status.CIRCULATED,
            new=Minutes.Status.DRAFT,
        )
    minutes.text = text.strip()
    minutes.text_html = html
    minutes.written_by = actor
    minutes.updated_at = timezone.now()
    minutes.save()
    return minutes


def _decide(*, actor, body_id, kind, old, new, meeting_id=None, agreement_id=None) -> None:
    Decision.objects.create(
        body_id=body_id,
        meeting_id=meeting_id,
        agreement_id=agreement_id,
        kind=kind,
        old_value=old,
        new_value=new,
        actor=actor,
    )


# Each step of the minutes: the fields that say who took it and when, and the decision.
_STEPS = {
    Minutes.Status.CIRCULATED: ("circulated", Decision.Kind.MINUTES_CIRCULATED),
    Minutes.Status.APPROVED: ("approved", Decision.Kind.MINUTES_APPROVED),
}


def _minutes_move(*, actor: User, minutes: Minutes, to: str) -> Minutes:
    """Move the minutes to status ``to``, recording who, when and the decision."""
    by, kind = _STEPS[to]
    old = minutes.status
    minutes.status = to
    setattr(minutes, f"{by}_by", actor)
    setattr(minutes, f"{by}_at", timezone.now())
    minutes.save(update_fields=["status", f"{by}_by", f"{by}_at"])
    _decide(
        actor=actor,
        body_id=minutes.meeting.body_id,
        meeting_id=minutes.meeting_id,
        kind=kind,
        old=old,
        new=to,
    )
    return minutes


def _minutes_locked_for_update(minutes: Minutes) -> Minutes:
    """The meeting's row first (the lock every writer of its record takes), then the
    minutes, read again under it."""
    _lock_meeting(minutes.meeting_id)
    return Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)


@transaction.atomic
def minutes_circulate(*, actor: User, minutes: Minutes) -> Minutes:
    """Draft → circulated: the members read and comment."""
    _require_secretariat(actor)
    minutes = _minutes_locked_for_update(minutes)
    if minutes.status != Minutes.Status.DRAFT:
        raise ValidationError(_("Only a draft is circulated."))
    return _minutes_move(actor=actor, minutes=minutes, to=Minutes.Status.CIRCULATED)


@transaction.atomic
def minutes_approve(*, actor: User, minutes: Minutes) -> Minutes:
    """Circulated → approved (the body approved them; the secretariat records it).
    From then on the minutes, and the meeting's record, are read-only."""
    _require_secretariat(actor)
    minutes = _minutes_locked_for_update(minutes)
    if minutes.status == Minutes.Status.APPROVED:
        raise ValidationError(_("These minutes are already approved."))
    if minutes.status != Minutes.Status.CIRCULATED:
        raise ValidationError(_("Circulate the minutes to the members before approving them."))
    return _minutes_move(actor=actor, minutes=minutes, to=Minutes.Status.APPROVED)


@transaction.atomic
def minutes_comment_add(*, actor: User, minutes: Minutes, text: str) -> MinutesComment:
    """A member of the body (or the secretariat) comments on circulated minutes."""
    _lock_meeting(minutes.meeting_id)  # approval waits, or is seen: status read under it
    minutes = Minutes.objects.select_related("meeting__body").get(pk=minutes.pk)
    body = minutes.meeting.body
    if not (actor.is_authenticated and (actor.is_secretariat or _is_current_member(actor, body))):
        raise PermissionDenied(_("The members of the body comment on its minutes."))
    if minutes.status != Minutes.Status.CIRCULATED:
        raise ValidationError(_("Comments are taken while the minutes are circulated."))
    errors = {}
    html = _markdown(text, errors, "text")
    if errors:
        raise ValidationError(errors)
    return MinutesComment.objects.create(
        minutes=minutes, author=actor, text=text.strip(), text_html=html
    )


# --- agreements ------------------------------------------------------------------------------


@transaction.atomic
def agreement_add(
    *, actor: User, meeting: Meeting, text: str, owner_seat_id=None, due_on=None
) -> Agreement:
    """An agreement reached at the meeting; owner: a seat of the body, or the secretariat."""
    _require_secretariat(actor)
    meeting = _lock_meeting(meeting.pk)
    _refuse_if_locked(meeting)
    errors = {}
    html = _markdown(text, errors, "text")
    seat = None
    if owner_seat_id not in (None, ""):
        try:
            seat = Seat.objects.filter(body_id=meeting.body_id, pk=int(owner_seat_id)).first()
        except (TypeError, ValueError):
            seat = None
        if seat is None:
            errors["owner"] = _("Choose a seat of this body, or the secretariat.")
    if due_on is not None and not isinstance(due_on, datetime.date):
        errors["due_on"] = _("Enter a date.")
    if errors:
        raise ValidationError(errors)
    return Agreement.objects.create(
        meeting=meeting,
        body_id=meeting.body_id,
        text=text.strip(),
        text_html=html,
        owner_seat=seat,
        due_on=due_on,
        created_by=actor,
    )


@transaction.atomic
def agreement_status_set(*, actor: User, agreement: Agreement, status: str) -> Agreement:
    """The secretariat records an agreement's progress (kept in the decisions)."""
    _require_secretariat(actor)
    if status not in Agreement.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status == status:
        return agreement
    old = agreement.status
    agreement.status = status
    agreement.status_changed_by = actor
    agreement.status_changed_at = timezone.now()
    agreement.save(update_fields=["status", "status_changed_by", "status_changed_at"])
    _decide(
        actor=actor,
        body_id=agreement.body_id,
        meeting_id=agreement.meeting_id,
        agreement_id=agreement.pk,
        kind=Decision.Kind.AGREEMENT_STATUS,
        old=old,
        new=status,
    )
    return agreement


@transaction.atomic
def agreement_note_add(*, actor: User, agreement: Agreement, text: str) -> AgreementNote:
    """A dated follow-up note: by the secretariat, or a member holding the owning seat."""
    allowed = actor.is_authenticated and (
        actor.is_secretariat
        or (
            agreement.owner_seat_id is not None
            and Member.objects.current()
            .filter(user=actor, body_id=agreement.body_id, seat_id=agreement.owner_seat_id)
            .exists()
        )
    )
    if not allowed:
        raise PermissionDenied(
            _("The seat that owns the agreement, or the secretariat, follows it up.")
        )
    if not agreement.is_open:
        raise ValidationError(_("This agreement is closed: it takes no more follow-up notes."))
    errors = {}
    html = _markdown(text, errors, "text")
    if errors:
        raise ValidationError(errors)
    return AgreementNote.objects.create(
        agreement=agreement, author=actor, text=text.strip(), text_html=html
    )
