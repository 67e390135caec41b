"""Background work of the priorities questionnaire: thin tasks over services."""

from django.conf import settings
from django_periodic_tasks import scheduled_task
from django_tasks import task

from priorities import services


@task()
def questionnaire_send(sending_id: int) -> None:
    services.sending_run(sending_id=sending_id)


@scheduled_task(cron="0 8 * * *", name="priorities-reminders", timezone=settings.TIME_ZONE)
@task()
def priorities_reminders() -> int:
    """Ministries that have not answered are reminded 7 days and 1 day before the close."""
    return services.reminders_send()
