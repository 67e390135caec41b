"""A signed-in person's counts in the header (unread notifications, and what
higher apps add: unread chat messages, new forum topics), read in one cached
call per request.

Every page shows them, so they cost no query on most requests: they are
computed at most once per ``HEADER_COUNTS_SECONDS`` and forgotten as soon as
one of them changes (``header_counts_forget``, called by the services that
notify, mark read, post or read). A cache that fails costs the queries, never
the request.
"""

from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Count
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail import hooks

from courses.caching import cache_delete_many, remembered
from lms.models import Notification, User

HEADER_COUNTS_SECONDS = 30


def _key(user_id: int) -> str:
    return f"rial:header-counts:{user_id}"


def unread_notification_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def header_counts(*, user: User, more: Callable[[User], dict[str, int]] | None = None) -> dict:
    """{"notifications": n, **more(user)}, from the cache when it has them."""
    if not user.is_authenticated:
        return {"notifications": 0, **(more(user) if more else {})}

    def make():
        counts = {"notifications": unread_notification_count(user=user)}
        if more is not None:
            counts.update(more(user))
        return counts

    return remembered(_key(user.pk), make, HEADER_COUNTS_SECONDS)


def _forget(keys: list[str]) -> None:
    cache_delete_many(keys)


def header_counts_forget(*user_ids: int) -> None:
    """Their counts are computed again on their next page: at once, and again after
    the commit (a page made meanwhile may have counted the rows before it)."""
    keys = [_key(user_id) for user_id in user_ids]
    if keys:
        _forget(keys)
        transaction.on_commit(lambda: _forget(keys))


def unread_notification_counts(*, user_ids: Iterable[int]) -> dict[int, int]:
    """Unread notifications of each of these people (one query; absent means none)."""
    rows = (
        Notification.objects.filter(user_id__in=list(user_ids), read_at__isnull=True)
        .values("user_id")
        .annotate(unread=Count("id"))
    )
    return {row["user_id"]: row["unread"] for row in rows}


def notification_counts_changed(*user_ids: int) -> None:
    """These people's unread notifications changed: their header counts are forgotten
    and, after the commit, the ``rial_notifications_changed`` hook tells the pages
    they have open (forum: their chat sockets show the new count)."""
    if not user_ids:
        return
    header_counts_forget(*user_ids)
    people = sorted(set(user_ids))

    def tell():
        for hook in hooks.get_hooks("rial_notifications_changed"):
            hook(user_ids=people)

    transaction.on_commit(tell)


@receiver(post_save, sender=Notification)
@receiver(post_delete, sender=Notification)
def _notification_changed(sender, instance, **kwargs):
    # Services also tell after bulk writes, which send no signal.
    notification_counts_changed(instance.user_id)
