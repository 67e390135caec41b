import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    """Where a piece of work done in the worker is (an import, a zip of certificates)."""

    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Stopped by an error")


class ImportJob(models.Model):
    """A list of people imported in the background, with its progress.

    The request checks every line and saves the checked lines here; a task in
    the worker (``lms.tasks``, ``forum.tasks``) works through them a batch at a
    time, and the person who started it follows the counters on its progress
    page. Counters, errors and the position are this model's own (not the task
    queue's), so the page survives a reload and a restarted worker resumes where
    the last committed batch ended. Finished jobs are pruned after
    ``RETENTION_DAYS`` by a periodic task.
    """

    RETENTION_DAYS = 30
    MAX_ERRORS = 500  # kept to show; ``error_count`` counts them all

    class Kind(models.TextChoices):
        ENROLMENT = "enrolment", _("Enrolment from a CSV file")
        MEMBERS = "members", _("Members added to a space")

    Status = JobStatus

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    # What it imports into (a cohort, a space: their pk and name) and where its
    # links lead (URL names and kwargs, reversed in the reader's language).
    target_id = models.PositiveIntegerField()
    target_label = models.CharField(max_length=200)
    links = models.JSONField(default=dict)
    # The language its messages are written in (the starter's, at the time).
    language = models.CharField(max_length=5, default=settings.LANGUAGE_CODE)
    # The form that started it (a double click sends the same token) and the
    # content (the same file sent again while the first is running).
    token = models.UUIDField(default=uuid.uuid4)
    digest = models.CharField(max_length=64)
    task_path = models.CharField(max_length=200)
    task_result_id = models.CharField(max_length=64, blank=True)
    # The checked lines still to do ([line number, ...fields]); emptied at the end.
    rows = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    created_accounts = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    already = models.PositiveIntegerField(default=0)
    invitations_sent = models.PositiveIntegerField(default=0)
    notices_sent = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # [[line, message], ...]
    # Emails of the last committed batch not yet known to be sent: a run that
    # stops while sending leaves them here and the next run reports them
    # instead of sending them again (at most one email per person).
    outbox = models.JSONField(default=list)
    # The run that owns the job; a resumed run takes it over.
    runner = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["created_by", "token"], name="lms_import_once_per_form")
        ]
        indexes = [models.Index(fields=["status", "finished_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target_label}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, self.done * 100 // self.total)
