"""Background work of the site and portal apps, and the project's housekeeping:
thin tasks over services, run by ``manage.py db_worker``; the periodic ones are
enqueued by ``manage.py run_scheduler`` (one scheduler; a second one would
enqueue nothing twice: due jobs are locked).

Every periodic job of the project, with its schedule (time zone: TIME_ZONE):

=====================  =============  ==================  ==============================
name                   cron           task                what
=====================  =============  ==================  ==============================
forum-digests          0 7 * * *      forum.tasks         daily and weekly digests
office-hour-reminders  */15 * * * *   forum.tasks         reminders the day before
newsletter-compose     0 6 * * *      cms.tasks           the next draft, every 2 weeks
task-results-prune     20 3 * * *     cms.tasks           finished task results > 14 d
sessions-clear         30 3 * * *     cms.tasks           expired sessions
import-jobs-prune      40 3 * * *     lms.tasks           finished imports > 30 days
import-jobs-resume     */5 * * * *    lms.tasks           imports whose worker stopped
=====================  =============  ==================  ==============================
"""

from django.conf import settings
from django.core.management import call_command
from django_periodic_tasks import scheduled_task
from django_tasks import task

from cms.library import services as library
from cms.newsletter import services as newsletter
from cms.portfolio import services as portfolio

# How long finished task results (django-tasks-db) are kept, in days.
TASK_RESULTS_DAYS = 14


@task()
def send_newsletter_issue(issue_id: int) -> int:
    """Email an issue to its subscribers; each is claimed first (never twice)."""
    return newsletter.deliver_issue(issue_id)


@task()
def publication_suggested_notify(publication_id: int) -> int:
    return library.publication_suggested_notify(publication_id=publication_id)


@task()
def programme_event_notify(event_id: int) -> int:
    return portfolio.programme_event_notify(event_id=event_id)


@scheduled_task(cron="0 6 * * *", name="newsletter-compose", timezone=settings.TIME_ZONE)
@task()
def compose_newsletter() -> list[str]:
    return newsletter.newsletter_compose_due()


@scheduled_task(cron="20 3 * * *", name="task-results-prune", timezone=settings.TIME_ZONE)
@task()
def prune_task_results() -> None:
    call_command(
        "prune_db_task_results", queue_name="*", min_age_days=TASK_RESULTS_DAYS, verbosity=0
    )


@scheduled_task(cron="30 3 * * *", name="sessions-clear", timezone=settings.TIME_ZONE)
@task()
def clear_sessions() -> None:
    call_command("clearsessions", verbosity=0)
