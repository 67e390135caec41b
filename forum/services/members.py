"""Members of a space: a list imported by a coordinator (checked here, added by the
worker), invitations for new accounts, removal."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from forum.access import space_access
from forum.models import JoinRequest, Space, SpaceMembership
from forum.services.sockets import chat_access_changed
from lms.models import ImportJob, User
from lms.services.jobs import Step, import_job_run, import_job_start
from lms.services.notifications import in_language_of
from lms.services.people import accounts_ensure


@dataclass
class MembersImport:
    """The check of a list: its problems (line, message), or the job that adds
    everyone in it (counters on the job, filled by the worker)."""

    errors: list[tuple[int, str]] = field(default_factory=list)
    job: ImportJob | None = None


def _parse_people(text: str, result: MembersImport) -> list[list]:
    import csv
    import io

    from django.core.validators import validate_email

    rows = []
    seen = set()
    for number, row in enumerate(csv.reader(io.StringIO(text.strip())), start=1):
        cells = [cell.strip() for cell in row]
        if not cells or not any(cells):
            continue
        email = cells[0].lower()
        name = cells[1] if len(cells) > 1 else ""
        if number == 1 and email in {"email", "correo", "e-mail", "courriel"}:
            continue
        try:
            validate_email(email)
        except ValidationError:
            result.errors.append(
                (number, _("“%(value)s” is not an email address.") % {"value": cells[0]})
            )
            continue
        if email in seen:
            continue
        seen.add(email)
        rows.append([number, email, name[:200]])
    if not rows and not result.errors:
        result.errors.append((0, _("The list has nobody in it.")))
    return rows


def space_members_import(*, actor: User, space: Space, text: str, token=None) -> MembersImport:
    """Check a list (``email[,name]`` per line) and start adding everyone to the space.

    People without an account get one and an invitation to set their password.
    Every line is checked first: if one is wrong, nobody is added. Otherwise the
    lines go to a job the worker works through (``space_members_import_run``);
    the same form sent twice makes one job.
    """
    access = space_access(user=actor, space=space)
    if not access.can_manage_members:
        raise PermissionDenied(_("Only the secretariat and coordinators add members."))
    result = MembersImport()
    rows = _parse_people(text, result)
    if result.errors:
        return result
    members = ["forum:members", {"slug": space.slug}]
    result.job = import_job_start(
        actor=actor,
        kind=ImportJob.Kind.MEMBERS,
        target_id=space.pk,
        target_label=space.name,
        links={"back": members, "again": members},
        rows=rows,
        task_path="forum.tasks.members_import",
        token=token,
    )
    return result


def _members_step(job: ImportJob, batch: list) -> Step:
    """Add one batch of checked lines to the space (in the worker), in bulk."""
    space = Space.objects.get(pk=job.target_id)
    step = Step()
    users, created = accounts_ensure(people=[(email, name, {}) for _line, email, name in batch])
    step.created_accounts = len(created)
    ids = [user.pk for user in users.values()]
    members = set(
        SpaceMembership.objects.filter(space=space, user__in=ids).values_list("user_id", flat=True)
    )
    added = [pk for pk in ids if pk not in members]
    SpaceMembership.objects.bulk_create(
        [SpaceMembership(space=space, user_id=pk) for pk in added], ignore_conflicts=True
    )
    # A reader of an open space who becomes a member writes without reconnecting.
    chat_access_changed(space=space, users=added)
    # Added by a coordinator: their requests to join, if any, are answered.
    JoinRequest.objects.filter(space=space, user__in=ids, status=JoinRequest.Status.PENDING).update(
        status=JoinRequest.Status.APPROVED, decided_by=job.created_by_id, decided_at=timezone.now()
    )
    for line, email, _name in batch:
        if users[email].pk in members:
            step.already += 1
            continue
        step.added += 1
        if email in created:
            step.emails.append([line, "invitation", users[email].pk, email])
    return step


def space_invitation_email(user: User, space: Space):
    """The invitation of a new account to a space, in the person's language."""
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string

    from lms.services.people import invitation_link

    with in_language_of(user):
        language = translation.get_language()
        body = render_to_string(
            "forum/email/invitation.txt",
            {"user": user, "space": space, "link": invitation_link(user, language)},
        )
        return EmailMessage(
            subject="[RIAL Campus] "
            + _("You are invited to “%(space)s”") % {"space": space.display_name},
            body=body,
            to=[user.email],
        )


def _members_emails(job: ImportJob, outbox: list) -> list:
    space = Space.objects.get(pk=job.target_id)
    users = User.objects.select_related("profile").in_bulk([entry[2] for entry in outbox])
    return [
        (entry, space_invitation_email(users[entry[2]], space))
        for entry in outbox
        if entry[2] in users
    ]


def space_members_import_run(*, job_id: int) -> ImportJob | None:
    """Add the lines of an import job to its space (the worker's part; safe to run again)."""
    return import_job_run(job_id=job_id, step=_members_step, emails=_members_emails)


@transaction.atomic
def space_member_remove(*, actor: User, space: Space, user: User) -> None:
    access = space_access(user=actor, space=space)
    if not access.can_manage_members:
        raise PermissionDenied(_("Only the secretariat and coordinators remove members."))
    SpaceMembership.objects.filter(space=space, user=user).delete()
    # Their open chat sockets in the space's rooms close (or become read-only).
    chat_access_changed(space=space, users=[user])
