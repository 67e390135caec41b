"""Background work of the portfolio: thin tasks over portfolio/services.py."""

from django_tasks import task

from portfolio import services


@task()
def programme_event_notify(event_id: int) -> int:
    return services.programme_event_notify(event_id=event_id)
