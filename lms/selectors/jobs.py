"""Reads about imports that run in the background: only their starter (and the
secretariat) sees one."""

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.models import ImportJob, User


def import_jobs_visible(*, user: User) -> QuerySet[ImportJob]:
    jobs = ImportJob.objects.defer("rows", "outbox")
    if not user.is_authenticated:
        return jobs.none()
    return jobs if user.is_secretariat else jobs.filter(created_by=user)


def import_job_for(*, user: User, job_id: int) -> ImportJob | None:
    """The job, if this person started it or is the secretariat; None otherwise."""
    return import_jobs_visible(user=user).filter(pk=job_id).first()


def import_jobs_recent(*, user: User, kind: str, target_id: int, limit: int = 5):
    return import_jobs_visible(user=user).filter(kind=kind, target_id=target_id)[:limit]


def import_job_link(job: ImportJob, name: str) -> str:
    """A link of the job (``back``, ``again``) in the active language; "" if gone."""
    view, kwargs = (job.links or {}).get(name, [None, None])
    if not view:
        return ""
    try:
        return reverse(view, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def import_job_summary(job: ImportJob) -> str:
    """One sentence on where the job is, in the active language."""
    if job.status == ImportJob.Status.QUEUED:
        return _("Waiting for the worker to start.")
    if job.status == ImportJob.Status.RUNNING:
        return _("Working through the lines; the counts below follow it.")
    problems = ngettext("%(count)s problem.", "%(count)s problems.", job.error_count) % {
        "count": job.error_count
    }
    if job.status == ImportJob.Status.FAILED:
        stopped = ngettext(
            "Stopped after %(done)s of %(total)s line.",
            "Stopped after %(done)s of %(total)s lines.",
            job.total,
        )
        return stopped % {"done": job.done, "total": job.total} + " " + problems
    # Each count agrees with its own noun ("1 new account", "2 invitations sent").
    if job.kind == ImportJob.Kind.MEMBERS:
        added = ngettext(
            "%(count)s person added to the space", "%(count)s people added to the space", job.added
        )
        already = ngettext(
            "%(count)s was already a member", "%(count)s were already members", job.already
        )
    else:
        added = ngettext("%(count)s learner enrolled", "%(count)s learners enrolled", job.added)
        already = ngettext(
            "%(count)s was already enrolled", "%(count)s were already enrolled", job.already
        )
    created = ngettext("%(count)s new account", "%(count)s new accounts", job.created_accounts)
    invited = ngettext(
        "%(count)s invitation sent", "%(count)s invitations sent", job.invitations_sent
    )
    text = _("Finished: %(added)s (%(created)s, %(invited)s), %(already)s.") % {
        "added": added % {"count": job.added},
        "created": created % {"count": job.created_accounts},
        "invited": invited % {"count": job.invitations_sent},
        "already": already % {"count": job.already},
    }
    return text + (" " + problems if job.error_count else "")


def import_job_errors(job: ImportJob, since: int = 0) -> list[dict]:
    """The problems kept, from the ``since``-th on, each with its line."""
    return [
        {
            "line": line,
            "text": f"{_('Line %(line)s:') % {'line': line}} {message}" if line else message,
        }
        for line, message in job.errors[max(since, 0) :]
    ]


def import_job_progress(job: ImportJob, since: int = 0) -> dict:
    """What the progress page shows, as JSON for its script (problems from ``since``)."""
    return {
        "status": job.status,
        "finished": job.is_finished,
        "summary": import_job_summary(job),
        "total": job.total,
        "done": job.done,
        "percent": job.percent,
        "created_accounts": job.created_accounts,
        "added": job.added,
        "already": job.already,
        "invitations_sent": job.invitations_sent,
        "notices_sent": job.notices_sent,
        "error_count": job.error_count,
        "errors": import_job_errors(job, since),
    }
