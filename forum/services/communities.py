"""Writes about communities of practice: joining and leaving, contact choices, events
and their documents, and the roster export.

Every function takes keyword arguments, checks permission first, writes in one
transaction and tells people (notifications, emails) only after it commits.
Text people type is rendered through ``lms.markup`` and nowhere else.
"""

import csv
import io
import re
import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from forum.models import JoinRequest, Space, SpaceEvent, SpaceEventDocument, SpaceMembership
from forum.selectors.communities import MAX_EVENT_MINUTES, community_access, coordinators, roster
from forum.selectors.nav import nav_counts_forget
from forum.services.sockets import chat_access_changed
from forum.services.topics import DOCUMENT_TYPES, IMAGE_TYPES
from lms.markup import MarkupTooLong, render_markdown
from lms.models import User
from lms.selectors.reports import csv_safe
from lms.services.notifications import in_language_of, notification_create, notifications_fan_out
from lms.uploads import check_image_pixels, content_matches, upload_extension

# Notification titles, translated in each recipient's language when sent.
REQUESTED = gettext_noop("%(name)s asks to join %(space)s")
APPROVED = gettext_noop("Welcome to %(space)s: your request was approved")
DECLINED = gettext_noop("Your request to join %(space)s was declined")
NEW_EVENT = gettext_noop("%(space)s: %(title)s")

MAX_MESSAGE = 1000
MAX_REASON = 500
MAX_DESCRIPTION = 10_000
MIN_EVENT_MINUTES = 15
MAX_DOCUMENTS = 20
PHONE = re.compile(r"^\+?[0-9 ()./-]{5,30}(\s*(ext\.?|x)\s*[0-9]{1,6})?$", re.IGNORECASE)
# Agendas, minutes, presentations and photos: PDF, Office, OpenDocument, images (no plain text).
EVENT_DOCUMENT_TYPES = {
    **{ext: magic for ext, magic in DOCUMENT_TYPES.items() if magic is not None},
    **IMAGE_TYPES,
}


# --- checks -------------------------------------------------------------------------------


def _require_community(space: Space) -> None:
    if space.kind != Space.Kind.COMMUNITY:
        raise ValidationError(_("This space is not a community of practice."))


def _require_manager(*, actor: User, space: Space):
    access = community_access(user=actor, space=space)
    if not access.can_manage:
        raise PermissionDenied(_("Only the coordinators of the community can do this."))
    return access


def _markdown(text: str, field: str, limit: int = MAX_DESCRIPTION) -> str:
    text = text or ""
    if len(text) > limit:
        raise ValidationError(
            {
                field: _("At most %(n)s characters; this text has %(length)s.")
                % {"n": limit, "length": len(text)}
            }
        )
    if not text.strip():
        return ""
    try:
        return render_markdown(text)
    except MarkupTooLong as error:
        raise ValidationError({field: _("The text is too long.")}) from error


def _tell(
    user: User, *, kind: str, title: str, params: dict, link: tuple, body: str = "", email: bool
) -> None:
    """An in-app notification (and an email if asked), in the person's language.

    ``link`` is a URL name and its kwargs, reversed in that language too.
    """
    with in_language_of(user):
        notification_create(
            user=user,
            kind=kind,
            title=_(title) % params,
            body=body,
            url=reverse(link[0], kwargs=link[1]),
            email=email,
        )


# --- joining and leaving ----------------------------------------------------------------------


def join_request_create(*, user: User, space: Space, message: str = "") -> JoinRequest:
    """Ask to join a community that takes requests; its coordinators are told."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Sign in to ask to join."))
    _require_community(space)
    if space.join_policy != Space.JoinPolicy.REQUEST:
        raise PermissionDenied(
            _("The coordinators of this community add its members; write to them.")
        )
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE:
        raise ValidationError(
            {"message": _("At most %(n)s characters, please.") % {"n": MAX_MESSAGE}}
        )
    try:
        with transaction.atomic():
            if SpaceMembership.objects.filter(space=space, user=user).exists():
                raise ValidationError(_("You are already a member of this community."))
            if JoinRequest.objects.filter(
                space=space, user=user, status=JoinRequest.Status.PENDING
            ).exists():
                raise ValidationError(
                    _("You have already asked to join; a coordinator will answer soon.")
                )
            join_request = JoinRequest.objects.create(space=space, user=user, message=message)
            from forum.tasks import join_request_notify

            transaction.on_commit(lambda: join_request_notify.enqueue(join_request.pk))
    except IntegrityError as error:  # the same request sent twice at once
        raise ValidationError(
            _("You have already asked to join; a coordinator will answer soon.")
        ) from error
    return join_request


def join_request_notify(*, request_id: int) -> int:
    """Tell the community's coordinators about a request to join (a task's work; once each)."""
    join_request = JoinRequest.objects.select_related("space", "user").filter(pk=request_id).first()
    if join_request is None or join_request.status != JoinRequest.Status.PENDING:
        return 0
    space = join_request.space
    return notifications_fan_out(
        people=coordinators(space=space),
        kind="community_request",
        key=f"join:{join_request.pk}",
        write=lambda _person: {
            "title": _(REQUESTED)
            % {"name": join_request.user.get_full_name(), "space": space.display_name},
            "body": Truncator(join_request.message).chars(240),
            "url": reverse("forum:community_requests", kwargs={"slug": space.slug}),
        },
        email=True,
    )


def join_request_decide(
    *, actor: User, join_request: JoinRequest, approve: bool, reason: str = ""
) -> JoinRequest:
    """A coordinator (or the secretariat) approves a request, making the person a member,
    or declines it, with a reason the person reads."""
    space = join_request.space
    _require_manager(actor=actor, space=space)
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON:
        raise ValidationError(
            {"reason": _("At most %(n)s characters, please.") % {"n": MAX_REASON}}
        )
    with transaction.atomic():
        locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if locked.status != JoinRequest.Status.PENDING:
            raise ValidationError(_("This request has already been answered."))
        locked.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        if approve:
            SpaceMembership.objects.get_or_create(
                space=space, user_id=locked.user_id, defaults={"role": SpaceMembership.Role.MEMBER}
            )
        if approve:
            chat_access_changed(space=space, users=[locked.user_id])
        transaction.on_commit(lambda: _tell_requester(locked.pk, reason))
        transaction.on_commit(lambda: nav_counts_forget(locked.user_id))
    return locked


def _tell_requester(request_id: int, reason: str) -> None:
    join_request = JoinRequest.objects.select_related("space", "user").get(pk=request_id)
    approved = join_request.status == JoinRequest.Status.APPROVED
    _tell(
        join_request.user,
        kind="community_joined" if approved else "community_declined",
        title=APPROVED if approved else DECLINED,
        params={"space": join_request.space.display_name},
        body="" if approved else reason,
        link=("forum:community", {"slug": join_request.space.slug}),
        email=True,
    )


def join_request_withdraw(*, user: User, join_request: JoinRequest) -> JoinRequest:
    """The person who asked takes their request back while it waits."""
    if join_request.user_id != user.pk:
        raise PermissionDenied(_("Only the person who asked can withdraw the request."))
    with transaction.atomic():
        locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if locked.status != JoinRequest.Status.PENDING:
            raise ValidationError(_("This request has already been answered."))
        locked.status = JoinRequest.Status.WITHDRAWN
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_at"])
    return locked


def community_leave(*, user: User, space: Space) -> None:
    """A member leaves; the last coordinator stays until they name another."""
    _require_community(space)
    with transaction.atomic():
        membership = SpaceMembership.objects.select_for_update().filter(space=space, user=user)
        membership = membership.first()
        if membership is None:
            raise ValidationError(_("You are not a member of this community."))
        if membership.role == SpaceMembership.Role.COORDINATOR:
            # Lock every coordinator: two of the last two cannot leave at the same time.
            others = (
                SpaceMembership.objects.select_for_update()
                .filter(space=space, role=SpaceMembership.Role.COORDINATOR)
                .exclude(pk=membership.pk)
            )
            if not list(others):
                raise ValidationError(
                    _(
                        "You are the last coordinator of this community: ask the secretariat "
                        "to name another coordinator before you leave."
                    )
                )
        membership.delete()
        transaction.on_commit(lambda: nav_counts_forget(user.pk))
        chat_access_changed(space=space, users=[user])


def membership_contact_update(
    *, user: User, space: Space, phone: str, show_email: bool, show_phone: bool
) -> SpaceMembership:
    """A member chooses which ways to reach them the other members see."""
    membership = SpaceMembership.objects.filter(space=space, user=user).first()
    if membership is None:
        raise PermissionDenied(_("Only members have a place in the roster."))
    phone = " ".join((phone or "").split())
    if phone and not PHONE.match(phone):
        raise ValidationError(
            {"phone": _("Write the number with digits, spaces and +, e.g. +56 2 2345 6789.")}
        )
    if show_phone and not phone:
        raise ValidationError({"phone": _("Write your telephone number to show it.")})
    with transaction.atomic():
        membership.phone = phone
        membership.show_email = bool(show_email)
        membership.show_phone = bool(show_phone)
        membership.save(update_fields=["phone", "show_email", "show_phone"])
    return membership


# --- events and their documents ----------------------------------------------------------


def space_event_create(
    *,
    actor: User,
    space: Space,
    kind: str,
    title: str,
    starts_at,
    time_zone: str,
    duration_minutes: int,
    link: str = "",
    description: str = "",
) -> SpaceEvent:
    """A coordinator schedules a virtual dialogue (four hours at most) or a meeting."""
    _require_community(space)
    _require_manager(actor=actor, space=space)
    if time_zone not in zoneinfo.available_timezones():
        raise ValidationError({"time_zone": _("Choose a time zone from the list.")})
    if starts_at is None or timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": _("Give the date and time it starts.")})
    duration = int(duration_minutes or 0)
    if not MIN_EVENT_MINUTES <= duration <= MAX_EVENT_MINUTES:
        raise ValidationError(
            {
                "duration_minutes": _("Between %(min)s minutes and %(days)s days.")
                % {"min": MIN_EVENT_MINUTES, "days": MAX_EVENT_MINUTES // (24 * 60)}
            }
        )
    event = SpaceEvent(
        space=space,
        kind=kind,
        title=(title or "").strip(),
        description=description or "",
        description_html=_markdown(description, "description"),
        starts_at=starts_at,
        time_zone=time_zone,
        duration_minutes=duration,
        link=(link or "").strip(),
        created_by=actor,
    )
    event.full_clean(exclude=["description_html", "outcome_html", "outcome"])
    with transaction.atomic():
        # The same form sent twice (a double click) schedules one event.
        Space.objects.select_for_update().filter(pk=space.pk).first()
        same = SpaceEvent.objects.filter(
            space=space, title=event.title, starts_at=starts_at, kind=kind
        ).first()
        if same is not None:
            return same
        event.save()
        from forum.tasks import space_event_notify

        transaction.on_commit(lambda: space_event_notify.enqueue(event.pk))
    return event


def space_event_notify(*, event_id: int) -> int:
    """An in-app note to every member (the formal email channel is the announcement):
    a task's work, a batch of members at a time, once each."""
    event = SpaceEvent.objects.select_related("space").filter(pk=event_id).first()
    if event is None:
        return 0
    people = User.objects.filter(space_memberships__space=event.space, is_active=True).exclude(
        pk=event.created_by_id
    )
    link = {"slug": event.space.slug, "event_id": event.pk}
    return notifications_fan_out(
        people=people.order_by("pk"),
        kind="community_event",
        key=f"event:{event.pk}",
        write=lambda _person: {
            "title": _(NEW_EVENT) % {"space": event.space.display_name, "title": event.title},
            "url": reverse("forum:community_event", kwargs=link),
        },
    )


def space_event_update_outcome(*, actor: User, event: SpaceEvent, outcome: str) -> SpaceEvent:
    """A coordinator writes what came of the event (Markdown)."""
    _require_manager(actor=actor, space=event.space)
    outcome_html = _markdown(outcome, "outcome")
    with transaction.atomic():
        event.outcome = outcome or ""
        event.outcome_html = outcome_html
        event.save(update_fields=["outcome", "outcome_html"])
    return event


def check_event_document(upload) -> None:
    """Refuse files of the wrong type or size, judging by what they contain."""
    name = upload.name or ""
    extension = upload_extension(upload)
    if extension not in EVENT_DOCUMENT_TYPES:
        raise ValidationError(
            {
                "file": _(
                    "Attach a PDF, Word, Excel, PowerPoint or OpenDocument file, "
                    "or an image (PNG, JPEG, GIF, WebP)."
                )
            }
        )
    limit = settings.RIAL_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {
                "file": _("%(name)s is too large: at most %(mb)s MB.")
                % {"name": name, "mb": limit // (1024 * 1024)}
            }
        )
    if not content_matches(upload, EVENT_DOCUMENT_TYPES[extension]) or (
        extension == ".webp" and upload.read(12)[8:12] != b"WEBP"
    ):
        upload.seek(0)
        raise ValidationError(
            {"file": _("The content of %(name)s does not match its type.") % {"name": name}}
        )
    upload.seek(0)
    if extension in IMAGE_TYPES:
        check_image_pixels(upload, field="file")


def space_event_document_add(
    *, actor: User, event: SpaceEvent, upload, title: str = ""
) -> SpaceEventDocument:
    """A coordinator attaches an agenda, a presentation or the outcome document."""
    _require_manager(actor=actor, space=event.space)
    check_event_document(upload)
    title = (title or "").strip() or (upload.name or "").rsplit(".", 1)[0]
    title = title[:200] or _("Document")
    with transaction.atomic():
        SpaceEvent.objects.select_for_update().filter(pk=event.pk).first()
        if SpaceEventDocument.objects.filter(event=event).count() >= MAX_DOCUMENTS:
            raise ValidationError(
                {"file": _("An event keeps at most %(n)s documents.") % {"n": MAX_DOCUMENTS}}
            )
        document = SpaceEventDocument(event=event, title=title, size=upload.size, uploaded_by=actor)
        document.file.save(upload.name, upload, save=False)
        document.save()
    return document


# --- the roster export -------------------------------------------------------------------------


def community_roster_csv(*, actor: User, space: Space) -> str:
    """The roster as CSV for the coordinators and the secretariat.

    Contact fields appear as each member chose, as on the roster page. Starts
    with a byte-order mark so that spreadsheets read accents right.
    """
    _require_community(space)
    access = _require_manager(actor=actor, space=space)
    roles = dict(SpaceMembership.Role.choices)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("Name"),
            _("Title"),
            _("Ministry"),
            _("Country"),
            _("Role"),
            _("Email"),
            _("Telephone"),
            _("Member since"),
        ]
    )
    for person in roster(access=access):
        writer.writerow(
            [
                csv_safe(person.name),
                csv_safe(person.title),
                csv_safe(person.ministry),
                csv_safe(person.country),
                str(roles.get(person.role, person.role)),
                csv_safe(person.email),
                csv_safe(person.phone),
                timezone.localtime(person.joined_at).date().isoformat(),
            ]
        )
    return "\ufeff" + buffer.getvalue()
