"""Background work of the ad-hoc groups: thin tasks over services, run by
``manage.py db_worker``; the periodic one is enqueued by ``manage.py run_scheduler``."""

from django.conf import settings
from django_periodic_tasks import scheduled_task
from django_tasks import task

from expertgroups import services


@task()
def invitations_notify(consultation_id: int) -> int:
    return services.invitations_notify(consultation_id=consultation_id)


@task()
def signatures_notify(consultation_id: int, sent_by: int | None = None) -> int:
    return services.signatures_notify(consultation_id=consultation_id, sent_by=sent_by)


@task()
def consultation_delivered_notify(consultation_id: int) -> int:
    return services.consultation_delivered_notify(consultation_id=consultation_id)


@scheduled_task(cron="0 8 * * *", name="expert-groups-remind", timezone=settings.TIME_ZONE)
@task()
def expert_groups_remind() -> int:
    """A week and a day before an opinion is due, its members who have not signed it
    are reminded."""
    return services.deadlines_remind()
