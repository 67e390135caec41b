"""The forum's unread counts in the header: unread chat messages and new or unread
topics. Every page shows them, so they are read through the person's cached header
counts (lms/selectors/counts.py, with the notifications: one cache read a page) and
forgotten as soon as the person reads or writes something.
"""

from lms.models import User
from lms.selectors.counts import HEADER_COUNTS_SECONDS, header_counts, header_counts_forget

NAV_COUNTS_SECONDS = HEADER_COUNTS_SECONDS


def _forum_counts(user: User) -> dict[str, int]:
    if not user.is_authenticated:
        return {"chat": 0, "forums": 0}
    from forum.selectors.chat import unread_total
    from forum.selectors.forums import forum_unread_total

    return {"chat": unread_total(user=user), "forums": forum_unread_total(user=user)}


def nav_counts(*, user: User) -> dict[str, int]:
    """{"notifications": unread notifications, "chat": unread chat messages,
    "forums": new or unread topics}, in one cached read."""
    return header_counts(user=user, more=_forum_counts)


def nav_counts_forget(user_id: int) -> None:
    header_counts_forget(user_id)
