"""Background work of the bodies: thin tasks over services, run by ``manage.py db_worker``;
the periodic one is enqueued by ``manage.py run_scheduler``."""

from django.conf import settings
from django_periodic_tasks import scheduled_task
from django_tasks import task

from bodies import services


@scheduled_task(cron="5 0 * * *", name="body-spaces-sync", timezone=settings.TIME_ZONE)
@task()
def body_spaces_sync() -> int:
    """Terms start and end by date: just after midnight, whoever's term started today
    gains access to their body's space, and whoever's ended yesterday loses it."""
    return services.body_spaces_sync()
