"""Background work of lms: thin tasks over services, run by ``manage.py db_worker``.

Tasks take ids, never objects, and are safe to run again (each service says
how). The periodic ones are enqueued by ``manage.py run_scheduler``.
"""

from django.conf import settings
from django_periodic_tasks import scheduled_task
from django_tasks import task

from lms.services import (
    certificates,
    enrolment,
    jobs,
    learning,
    notifications,
    push,
    schedule,
    video,
)
from lms.services.enrolment_import import enrolment_import_run


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Email these notifications, each claimed first: nobody gets one twice."""
    sent, failed = notifications.notification_emails_send(notification_ids=notification_ids)
    if failed:
        # Recorded as a failed task; the ones that failed can be sent by a new run.
        raise RuntimeError(f"{failed} of {len(notification_ids)} emails could not be sent")
    return sent


@task()
def send_notification_pushes(notification_ids: list[int]) -> int:
    """Push these notifications to their people's installed apps, each claimed first."""
    sent, failed = push.notification_pushes_send(notification_ids=notification_ids)
    if failed:
        # Recorded as a failed task; their claims are given back for a later run.
        raise RuntimeError(f"{failed} of {len(notification_ids)} pushes could not be delivered")
    return sent


@task()
def applications_notify(application_ids: list[int]) -> int:
    return enrolment.applications_notify(application_ids=application_ids)


@task()
def reminders_notify(enrolment_ids: list[int], tutor_id: int, key: str) -> int:
    return learning.reminders_notify(enrolment_ids=enrolment_ids, tutor_id=tutor_id, key=key)


@task()
def enrolment_import(job_id: int) -> None:
    enrolment_import_run(job_id=job_id)


@task()
def certificate_archive_build(archive_id: int) -> None:
    certificates.certificate_archive_build(archive_id=archive_id)


@scheduled_task(cron="*/5 * * * *", name="import-jobs-resume", timezone=settings.TIME_ZONE)
@task()
def import_jobs_resume() -> int:
    """Imports whose worker stopped halfway go on where they were."""
    return jobs.import_jobs_resume()


@scheduled_task(cron="40 3 * * *", name="import-jobs-prune", timezone=settings.TIME_ZONE)
@task()
def import_jobs_prune() -> int:
    """Finished imports and certificate archives older than their retention period are
    deleted (the archives with their files)."""
    return jobs.import_jobs_prune() + certificates.certificate_archives_prune()


@task()
def schedule_change_notify(item_id: int, key: str) -> int:
    return schedule.schedule_change_notify(item_id=item_id, key=key)


@scheduled_task(cron="*/15 * * * *", name="live-session-reminders", timezone=settings.TIME_ZONE)
@task()
def live_session_reminders() -> int:
    """Learners are reminded of their cohort's live sessions in the next 24 hours, once."""
    return schedule.live_session_reminders_send()


@scheduled_task(cron="* * * * *", name="notification-email-batches", timezone=settings.TIME_ZONE)
@task()
def notification_email_batches() -> int:
    """Mentions and direct messages left unread for a while are emailed, one email a person."""
    sent, failed = notifications.notification_batches_send()
    if failed:
        raise RuntimeError(f"{failed} batched emails could not be sent")  # their claims given back
    return sent


@scheduled_task(cron="* * * * *", name="video-attendance", timezone=settings.TIME_ZONE)
@task()
def video_attendance() -> int:
    """Departures from the video rooms, read from the server while someone is in one
    (nothing to do, and no call, when nobody is)."""
    return video.video_attendance_sync()
