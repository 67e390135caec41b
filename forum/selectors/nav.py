"""The unread counts in the header, cached briefly per person.

Every page shows them, so they must not cost queries on every request: they
are computed at most once per ``NAV_COUNTS_SECONDS`` and forgotten as soon as
the person reads or writes something.
"""

from django.core.cache import cache

from lms.models import User

NAV_COUNTS_SECONDS = 30


def _key(user_id: int) -> str:
    return f"rial:nav-counts:{user_id}"


def nav_counts(*, user: User) -> dict[str, int]:
    """{"chat": unread chat messages, "forums": new or unread topics}."""
    if not user.is_authenticated:
        return {"chat": 0, "forums": 0}
    counts = cache.get(_key(user.pk))
    if counts is None:
        from forum.selectors.chat import unread_total
        from forum.selectors.forums import forum_unread_total

        counts = {
            "chat": unread_total(user=user),
            "forums": forum_unread_total(user=user),
        }
        cache.set(_key(user.pk), counts, NAV_COUNTS_SECONDS)
    return counts


def nav_counts_forget(user_id: int) -> None:
    cache.delete(_key(user_id))
