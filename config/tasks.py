"""The project's housekeeping, and the list of every periodic job: thin tasks run
by ``manage.py db_worker``; the periodic ones are enqueued by ``manage.py
run_scheduler`` (one scheduler; a second one would enqueue nothing twice: due
jobs are locked). Each app declares its own jobs in its ``tasks`` module.

Every periodic job of the project, with its schedule (time zone: TIME_ZONE):

==========================  =============  ==================  ==================================
name                        cron           task                what
==========================  =============  ==================  ==================================
body-spaces-sync            5 0 * * *      bodies.tasks        bodies' spaces follow the terms
forum-digests               0 7 * * *      forum.tasks         daily and weekly digests
office-hour-reminders       */15 * * * *   forum.tasks         reminders the day before
newsletter-compose          0 6 * * *      newsletter.tasks    the next draft, every 2 weeks
priorities-reminders        0 8 * * *      priorities.tasks    unanswered questionnaire, 7 d / 1 d
evaluations-invite          0 9 * * *      evaluations.tasks   participants of what ended, once
expert-groups-remind        0 8 * * *      expertgroups.tasks  opinion not signed, 7 d / 1 d
funding-deadlines-remind    30 8 * * *     funding.tasks       followed calls closing, 7 d / 1 d
task-results-prune          20 3 * * *     config.tasks        finished task results > 14 d
sessions-clear              30 3 * * *     config.tasks        expired sessions
import-jobs-prune           40 3 * * *     lms.tasks           finished imports > 30 days
import-jobs-resume          */5 * * * *    lms.tasks           imports whose worker stopped
live-session-reminders      */15 * * * *   lms.tasks           live sessions of the next 24 h
notification-email-batches  * * * * *      lms.tasks           unread mentions, messages > 10 min
video-attendance            * * * * *      lms.tasks           who left the video rooms (BBB)
==========================  =============  ==================  ==================================
"""

from django.conf import settings
from django.core.management import call_command
from django_periodic_tasks import scheduled_task
from django_tasks import task

# How long finished task results (django-tasks-db) are kept, in days.
TASK_RESULTS_DAYS = 14


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
