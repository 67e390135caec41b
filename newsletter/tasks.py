"""Background work of the newsletter: thin tasks over newsletter/services.py."""

from django.conf import settings
from django_periodic_tasks import scheduled_task
from django_tasks import task

from newsletter import services


@task()
def send_newsletter_issue(issue_id: int) -> int:
    """Email an issue to its subscribers; each is claimed first (never twice)."""
    return services.deliver_issue(issue_id)


@scheduled_task(cron="0 6 * * *", name="newsletter-compose", timezone=settings.TIME_ZONE)
@task()
def compose_newsletter() -> list[str]:
    return services.newsletter_compose_due()


@task()
def send_visitor_confirmation(subscription_id: int) -> bool:
    """Email a visitor the link that confirms their subscription."""
    return services.visitor_confirmation_send(subscription_id=subscription_id)
