"""Imports that run in the worker, a batch of lines at a time, with their progress.

The request checks every line (nothing is saved if one is wrong) and calls
``import_job_start`` with the checked lines; a task calls ``import_job_run``
with the app's own ``step`` (the writes of one batch, in bulk) and ``emails``
(the messages that batch asks for). Each batch commits its writes together
with the job's counters and position, so a worker killed halfway leaves a job
that a second run (``import_jobs_resume``, periodic) continues from the last
committed batch. Emails go after their batch commits; the batch's list of
emails is saved with it and cleared once they are sent, so a run that stops
while sending never sends them again: the next run reports them instead.
"""

import datetime
import hashlib
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from lms.models import ImportJob, User

logger = logging.getLogger(__name__)
BATCH = 200  # lines per batch: one transaction, a few queries
BATCHES_PER_TASK = 10  # then the rest goes to a new task
EMAILS_PER_CHECKPOINT = 25  # emails sent between two records of how far it got
STALE_AFTER = datetime.timedelta(minutes=10)


@dataclass
class Step:
    """What one batch did, and the emails it asks for ([line, kind, id, address])."""

    created_accounts: int = 0
    added: int = 0
    already: int = 0
    errors: list = field(default_factory=list)
    emails: list = field(default_factory=list)


def _digest(kind: str, target_id: int, rows: list) -> str:
    data = json.dumps([kind, target_id, rows], sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def form_token(value) -> uuid.UUID:
    """The token of the form that starts a job (a double click sends it twice);
    a new one if it is missing or garbled."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return uuid.uuid4()


def _enqueue(job_id: int, task_path: str) -> None:
    result = import_string(task_path).enqueue(job_id)
    ImportJob.objects.filter(pk=job_id).update(task_result_id=str(result.id)[:64])


def import_job_start(
    *,
    actor: User,
    kind: str,
    target_id: int,
    target_label: str,
    links: dict,
    rows: list,
    task_path: str,
    token=None,
) -> ImportJob:
    """Save the checked lines and queue the task that works through them.

    The same form sent twice (its token), or the same lines sent again while a
    job for them waits or runs, gives back the job already there.
    """
    token = form_token(token)
    existing = ImportJob.objects.filter(created_by=actor, token=token).first()
    if existing is not None:
        return existing
    digest = _digest(kind, target_id, rows)
    existing = ImportJob.objects.filter(
        created_by=actor,
        kind=kind,
        target_id=target_id,
        digest=digest,
        status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING],
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(
                kind=kind,
                created_by=actor,
                target_id=target_id,
                target_label=target_label[:200],
                links=links,
                language=translation.get_language() or settings.LANGUAGE_CODE,
                token=token,
                digest=digest,
                task_path=task_path,
                rows=rows,
                total=len(rows),
            )
            transaction.on_commit(lambda: _enqueue(job.pk, task_path))
    except IntegrityError:
        # The same form at the same moment: the other request made the job.
        return ImportJob.objects.get(created_by=actor, token=token)
    return job


def _add_errors(job: ImportJob, errors: list) -> None:
    job.error_count += len(errors)
    room = ImportJob.MAX_ERRORS - len(job.errors)
    if room > 0:
        job.errors = job.errors + [[int(line), str(message)] for line, message in errors[:room]]


COUNTERS = ["done", "created_accounts", "added", "already", "error_count", "errors", "outbox"]


def _claim(job_id: int, runner: uuid.UUID) -> ImportJob | None:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.is_finished:
            return None
        if job.outbox:
            # A run stopped while sending these: they may have gone, so they do
            # not go again; the person sees which.
            with translation.override(job.language):
                _add_errors(
                    job,
                    [
                        (
                            line,
                            _(
                                "The import was interrupted while the email to %(email)s was "
                                "being sent: it may not have arrived, and was not sent again."
                            )
                            % {"email": address},
                        )
                        for line, _kind, _id, address in job.outbox
                    ],
                )
            job.outbox = []
        now = timezone.now()
        job.status = ImportJob.Status.RUNNING
        job.runner = runner
        job.started_at = job.started_at or now
        job.heartbeat_at = now
        job.save()
    return job


def _locked(job_id: int) -> ImportJob:
    return ImportJob.objects.select_for_update().defer("rows").get(pk=job_id)


def _record(job_id: int, runner: uuid.UUID, sent: dict, errors: list, outbox: list) -> bool:
    """Count what was sent and what failed; ``outbox`` is what is left to send.
    False if another run has taken the job over (it has reported these)."""
    with transaction.atomic():
        job = _locked(job_id)
        if job.runner != runner:
            return False
        job.invitations_sent += sent.get("invitation", 0)
        job.notices_sent += sent.get("notice", 0)
        _add_errors(job, errors)
        job.outbox = outbox
        job.heartbeat_at = timezone.now()
        job.save(
            update_fields=[
                "invitations_sent",
                "notices_sent",
                "error_count",
                "errors",
                "outbox",
                "heartbeat_at",
            ]
        )
    return True


def _send(
    job: ImportJob,
    runner: uuid.UUID,
    emails: Callable[[ImportJob, list], list[tuple[list, EmailMessage]]],
) -> None:
    """Send the emails of the batch just committed; count each one sent or failed.

    Every ``EMAILS_PER_CHECKPOINT`` emails the job records how far it got, so a
    run killed while sending leaves at most that many emails in doubt.
    """
    if not job.outbox:
        return
    messages = emails(job, job.outbox)
    sent: dict[str, int] = {}
    errors = []
    connection = get_connection()
    try:
        for position, (entry, message) in enumerate(messages, start=1):
            message.connection = connection
            try:
                message.send()
            except Exception as error:
                logger.warning("Import %s: email to %s failed: %s", job.pk, entry[3], error)
                with translation.override(job.language):
                    errors.append(
                        (
                            entry[0],
                            _("The email to %(email)s could not be sent (%(error)s).")
                            % {"email": entry[3], "error": error.__class__.__name__},
                        )
                    )
            else:
                sent[entry[1]] = sent.get(entry[1], 0) + 1
            if position % EMAILS_PER_CHECKPOINT == 0 and position < len(messages):
                left = [entry for entry, _message in messages[position:]]
                if not _record(job.pk, runner, sent, errors, left):
                    return
                sent, errors = {}, []
    finally:
        connection.close()
    _record(job.pk, runner, sent, errors, [])


def _finish(job_id: int, runner: uuid.UUID, status: str, error: str = "") -> None:
    with transaction.atomic():
        job = _locked(job_id)
        if job.runner != runner or job.is_finished:
            return
        if error:
            _add_errors(job, [(0, error)])
        job.status = status
        job.finished_at = timezone.now()
        job.heartbeat_at = job.finished_at
        job.rows = []  # the addresses were only needed to do the work
        job.save()


def import_job_run(
    *,
    job_id: int,
    step: Callable[[ImportJob, list], Step],
    emails: Callable[[ImportJob, list], list[tuple[list, EmailMessage]]],
) -> ImportJob | None:
    """Work through a job's lines (a task's work), ``BATCH`` lines at a time.

    After ``BATCHES_PER_TASK`` batches the rest goes to a new task, so a long
    import takes turns with the other work of the queue. Safe to run again: it
    goes on from the last committed batch, and a run that finds another run
    took the job over stops.
    """
    runner = uuid.uuid4()
    job = _claim(job_id, runner)
    if job is None:
        return None
    rows = job.rows
    batches = 0
    try:
        while True:
            if batches == BATCHES_PER_TASK and job.done < len(rows):
                _enqueue(job_id, job.task_path)  # the rest, in a task of its own
                return job
            with transaction.atomic():
                job = _locked(job_id)
                if job.runner != runner or job.is_finished:
                    return job
                batch = rows[job.done : job.done + BATCH]
                if not batch:
                    break
                with translation.override(job.language):
                    result = step(job, batch)
                job.done += len(batch)
                job.created_accounts += result.created_accounts
                job.added += result.added
                job.already += result.already
                _add_errors(job, result.errors)
                job.outbox = result.emails
                job.heartbeat_at = timezone.now()
                job.save(update_fields=[*COUNTERS, "heartbeat_at"])
            _send(job, runner, emails)
            batches += 1
    except Exception:
        logger.exception("Import %s stopped", job_id)
        with translation.override(job.language):
            message = _(
                "The import stopped because of an unexpected error; the lines before it "
                "were done. The Technical Secretariat has the details."
            )
        _finish(job_id, runner, ImportJob.Status.FAILED, message)
        raise
    _finish(job_id, runner, ImportJob.Status.DONE)
    return ImportJob.objects.get(pk=job_id)


def _task_waiting(job: ImportJob) -> bool:
    """Whether the job's task is still in the queue, waiting for a worker."""
    from django_tasks import TaskResultStatus

    if not job.task_result_id:
        return False
    try:
        result = import_string(job.task_path).get_result(job.task_result_id)
    except Exception:  # pruned, or a backend that keeps no results
        return False
    return result.status == TaskResultStatus.READY


def import_jobs_resume(*, now: datetime.datetime | None = None) -> int:
    """Queue again the jobs whose run stopped (a worker killed or restarted halfway):
    nothing heard from them for ``STALE_AFTER`` and their task no longer waiting."""
    now = now or timezone.now()
    limit = now - STALE_AFTER
    stale = ImportJob.objects.filter(
        status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
    ).filter(Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, created_at__lt=limit))
    resumed = 0
    for job in stale.defer("rows"):
        if _task_waiting(job):
            continue
        # Heard from now: not queued again before this run has had its chance.
        ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=now)
        _enqueue(job.pk, job.task_path)
        resumed += 1
    return resumed


def import_jobs_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete finished jobs older than ``ImportJob.RETENTION_DAYS``."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=ImportJob.RETENTION_DAYS)
    deleted, _per_model = ImportJob.objects.filter(
        status__in=[ImportJob.Status.DONE, ImportJob.Status.FAILED], finished_at__lt=limit
    ).delete()
    return deleted
