"""Background work of evaluations: thin tasks over services."""

from django.conf import settings
from django_periodic_tasks import scheduled_task
from django_tasks import task

from evaluations import services


@scheduled_task(cron="0 9 * * *", name="evaluations-invite", timezone=settings.TIME_ZONE)
@task()
def evaluations_invite() -> int:
    """Participants of what ended are invited to evaluate it, once."""
    return services.invitations_send()
