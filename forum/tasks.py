"""Background work of forum: thin tasks over services, run by ``manage.py db_worker``.

Tasks take ids, never objects, and are safe to run again: notifications carry a
key (nobody is told twice), announcement, digest and reminder emails go once
each (``lms.services.delivery.deliver_once``). The periodic ones are enqueued by
``manage.py run_scheduler``.
"""

from django.conf import settings
from django_periodic_tasks import scheduled_task
from django_tasks import task

from forum.services import (
    announcements,
    communities,
    digests,
    members,
    moderation,
    office_hours,
    questions,
    subscriptions,
)


@task()
def notify_post(
    post_id: int, mentioned_ids: list[int], is_new_topic: bool, tell_watchers: bool = True
) -> int:
    return subscriptions.post_notify(
        post_id=post_id,
        mentioned_ids=mentioned_ids,
        is_new_topic=is_new_topic,
        tell_watchers=tell_watchers,
    )


@task()
def notify_chat_mentions(message_id: int) -> int:
    from forum.services.chat import chat_mentions_notify

    return chat_mentions_notify(message_id=message_id)


@task()
def notify_direct_message(message_id: int) -> int:
    from forum.services.direct import direct_message_notify

    return direct_message_notify(message_id=message_id)


@task()
def notify_direct_report(report_id: int) -> int:
    from forum.services.direct import direct_report_notify

    return direct_report_notify(report_id=report_id)


@task()
def send_announcement(topic_id: int) -> int:
    return announcements.announcement_send(topic_id=topic_id)


@task()
def answer_accepted_notify(post_id: int) -> int:
    return subscriptions.answer_notify(post_id=post_id)


@task()
def flag_notify(flag_id: int) -> int:
    return moderation.flag_notify(flag_id=flag_id)


@task()
def members_import(job_id: int) -> None:
    members.space_members_import_run(job_id=job_id)


@task()
def question_notify_experts(question_id: int) -> int:
    return questions.question_notify_experts(question_id=question_id)


@task()
def join_request_notify(request_id: int) -> int:
    return communities.join_request_notify(request_id=request_id)


@task()
def space_event_notify(event_id: int) -> int:
    return communities.space_event_notify(event_id=event_id)


# Digests are due once a day (daily) or once an ISO week (weekly); a run sends
# each person at most one per period, so running daily serves both.
@scheduled_task(cron="0 7 * * *", name="forum-digests", timezone=settings.TIME_ZONE)
@task()
def send_digests() -> int:
    return digests.send_digests()


@scheduled_task(cron="*/15 * * * *", name="office-hour-reminders", timezone=settings.TIME_ZONE)
@task()
def send_office_hour_reminders() -> int:
    return office_hours.office_hour_reminders_send()
