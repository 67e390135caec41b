"""Writes of the person's private calendar feed."""

from django.db import transaction

from lms.models import CalendarFeed, User
from lms.models.calendar import new_token


@transaction.atomic
def calendar_feed_ensure(*, user: User) -> CalendarFeed:
    """The person's feed, made the first time they open their calendar."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_reset(*, user: User) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_token()
        feed.save(update_fields=["token"])
    return feed
