"""config/tasks.py and the scheduler: every periodic job is declared in code with its
schedule; a scheduler tick enqueues a due job once (two schedulers too, on
PostgreSQL); the housekeeping jobs do their work in the worker."""

import datetime
import threading

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_periodic_tasks import schedule_registry
from django_periodic_tasks.models import ScheduledTask
from django_periodic_tasks.scheduler import PeriodicTaskScheduler
from django_periodic_tasks.sync import sync_code_schedules
from django_tasks_db.models import DBTaskResult

from config import tasks
from lms.models import ImportJob

PERIODIC = {
    "body-spaces-sync": ("bodies.tasks.body_spaces_sync", "5 0 * * *"),
    "forum-digests": ("forum.tasks.send_digests", "0 7 * * *"),
    "office-hour-reminders": ("forum.tasks.send_office_hour_reminders", "*/15 * * * *"),
    "newsletter-compose": ("newsletter.tasks.compose_newsletter", "0 6 * * *"),
    "priorities-reminders": ("priorities.tasks.priorities_reminders", "0 8 * * *"),
    "evaluations-invite": ("evaluations.tasks.evaluations_invite", "0 9 * * *"),
    "expert-groups-remind": ("expertgroups.tasks.expert_groups_remind", "0 8 * * *"),
    "funding-deadlines-remind": ("funding.tasks.funding_deadlines_remind", "30 8 * * *"),
    "task-results-prune": ("config.tasks.prune_task_results", "20 3 * * *"),
    "sessions-clear": ("config.tasks.clear_sessions", "30 3 * * *"),
    "import-jobs-prune": ("lms.tasks.import_jobs_prune", "40 3 * * *"),
    "import-jobs-resume": ("lms.tasks.import_jobs_resume", "*/5 * * * *"),
    "live-session-reminders": ("lms.tasks.live_session_reminders", "*/15 * * * *"),
    "notification-email-batches": ("lms.tasks.notification_email_batches", "* * * * *"),
    "video-attendance": ("lms.tasks.video_attendance", "* * * * *"),
}


def test_every_periodic_job_is_declared_with_its_schedule(settings):
    entries = schedule_registry.get_entries()
    declared = {name: (e.task.module_path, e.cron_expression) for name, e in entries.items()}
    assert declared == PERIODIC
    assert {entry.timezone for entry in entries.values()} == {settings.TIME_ZONE}
    # The table in config/tasks.py says the same.
    for name, (_path, cron) in PERIODIC.items():
        assert name in tasks.__doc__ and cron in tasks.__doc__


def _make_due(name: str) -> None:
    sync_code_schedules()
    ScheduledTask.objects.filter(name=name).update(
        next_run_at=timezone.now() - datetime.timedelta(seconds=1)
    )


@pytest.mark.django_db(transaction=True)
def test_a_scheduler_tick_enqueues_a_due_job_once_and_the_worker_runs_it(database_tasks):
    run_worker = database_tasks
    _make_due("sessions-clear")
    expired = Session.objects.create(
        session_key="x" * 32,
        session_data="e30:1",
        expire_date=timezone.now() - datetime.timedelta(days=1),
    )
    scheduler = PeriodicTaskScheduler(interval=1)
    scheduler.tick()
    scheduler.tick()  # due once: the second tick finds it scheduled for tomorrow
    queued = DBTaskResult.objects.filter(task_path="config.tasks.clear_sessions")
    assert queued.count() == 1
    assert ScheduledTask.objects.get(name="sessions-clear").next_run_at > timezone.now()
    assert not DBTaskResult.objects.exclude(task_path="config.tasks.clear_sessions").exists()
    run_worker()
    assert queued.get().status == "SUCCESSFUL"
    assert not Session.objects.filter(pk=expired.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_enqueue_a_due_job_once(database_tasks, monkeypatch):
    """The first scheduler holds the due row while it enqueues; the second, at the
    same moment, skips it (SELECT ... FOR UPDATE SKIP LOCKED)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SKIP LOCKED); the PostgreSQL phase of .ci/run runs it")
    _make_due("newsletter-compose")
    holding, release = threading.Event(), threading.Event()
    real_process = PeriodicTaskScheduler._process_task

    def slow_process(self, st):
        holding.set()
        release.wait(10)
        real_process(self, st)

    monkeypatch.setattr(PeriodicTaskScheduler, "_process_task", slow_process)

    def first():
        try:
            PeriodicTaskScheduler(interval=1).tick()
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert holding.wait(10)
    monkeypatch.setattr(PeriodicTaskScheduler, "_process_task", real_process)
    second = threading.Thread(target=lambda: (PeriodicTaskScheduler(1).tick(), connection.close()))
    second.start()
    second.join(10)
    assert not second.is_alive()  # it skipped the locked row instead of waiting for it
    assert not DBTaskResult.objects.exists()  # and enqueued nothing
    release.set()
    thread.join(10)
    assert DBTaskResult.objects.filter(task_path="newsletter.tasks.compose_newsletter").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_housekeeping_jobs_prune_in_the_worker(database_tasks, secretariat, world):
    run_worker = database_tasks
    now = timezone.now()
    old = now - datetime.timedelta(days=tasks.TASK_RESULTS_DAYS + 1)
    tasks.clear_sessions.enqueue()
    run_worker()
    DBTaskResult.objects.update(finished_at=old)
    fresh = tasks.clear_sessions.enqueue()
    job = ImportJob.objects.create(
        kind=ImportJob.Kind.ENROLMENT,
        created_by=secretariat,
        target_id=world.cohort.pk,
        target_label="x",
        digest="d",
        task_path="lms.tasks.enrolment_import",
        status=ImportJob.Status.DONE,
        finished_at=now - datetime.timedelta(days=ImportJob.RETENTION_DAYS + 1),
    )
    from lms import tasks as lms_tasks

    tasks.prune_task_results.enqueue()
    lms_tasks.import_jobs_prune.enqueue()
    run_worker()
    remaining = set(DBTaskResult.objects.values_list("id", flat=True))
    assert str(fresh.id) in {str(pk) for pk in remaining}
    assert len(remaining) == 3  # the fresh one and the two pruning tasks; the old one is gone
    assert not ImportJob.objects.filter(pk=job.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_load_demo_leaves_nothing_in_the_queue(database_tasks, settings):
    """The demo's background work (notifications, search and reference indexes) runs
    while load_demo runs, under the dummy email backend: with the database queue as
    in ``make run``, nothing is left for the worker, and the demo is complete."""
    import importlib

    from django.apps import apps

    from demo.pages import ensure_site
    from lms.models import Notification
    from newsletter.models import Issue

    # What the migrations made and emptying the database between tests removed.
    importlib.import_module("courses.migrations.0005_annex_i_taxonomy").to_annex_i(apps, None)
    ensure_site()
    DBTaskResult.objects.all().delete()  # the index updates of the pages just put back
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == []
    expert = Notification.objects.filter(kind="expert_question", user__email="expert@example.org")
    assert expert.exists()
    assert Issue.objects.get().status == Issue.Status.SENT
    assert Notification.objects.filter(kind="community_request").exists()
