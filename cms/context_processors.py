from django.utils.functional import SimpleLazyObject

from cms.navigation import main_navigation
from lms.choices import Role


def _unread(request) -> int:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return user.notifications.filter(read_at__isnull=True).count()


def _is_tutor(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return user.is_secretariat or user.has_role(Role.TUTOR)


def _nav_counts(request) -> dict[str, int]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"chat": 0, "forums": 0}
    from forum.selectors import nav_counts

    return nav_counts(user=user)


def site_chrome(request):
    """What the base layout needs on every page, computed only if rendered."""
    return {
        "main_nav": SimpleLazyObject(lambda: main_navigation(request)),
        "unread_notifications": SimpleLazyObject(lambda: _unread(request)),
        "is_tutor": SimpleLazyObject(lambda: _is_tutor(request)),
        # Unread chat messages and forum topics, per section key (cached briefly).
        "nav_counts": SimpleLazyObject(lambda: _nav_counts(request)),
    }
