"""Background work of the funding directory: thin tasks over funding/services.py, run by
``manage.py db_worker``; the periodic one is enqueued by ``manage.py run_scheduler``."""

from django.conf import settings
from django_periodic_tasks import scheduled_task
from django_tasks import task

from funding import services


@task()
def suggestion_notify(what: str, pk: int) -> int:
    return services.suggestion_notify(what=what, pk=pk)


@task()
def call_published_notify(call_id: int) -> int:
    return services.call_published_notify(call_id=call_id)


@scheduled_task(cron="30 8 * * *", name="funding-deadlines-remind", timezone=settings.TIME_ZONE)
@task()
def funding_deadlines_remind() -> int:
    """A week and a day before a call closes, the followers of its themes are reminded."""
    return services.deadlines_remind()
