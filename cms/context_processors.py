from django.utils.functional import SimpleLazyObject

from cms.navigation import main_navigation
from lms.choices import Role

NO_COUNTS = {"notifications": 0, "chat": 0, "forums": 0}


def header_counts_for(request) -> dict[str, int]:
    """The person's header counts, read once per request (one cached call)."""
    if not hasattr(request, "_rial_counts"):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            request._rial_counts = NO_COUNTS
        else:
            from forum.selectors import nav_counts

            request._rial_counts = nav_counts(user=user)
    return request._rial_counts


def is_tutor(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return user.is_secretariat or user.has_role(Role.TUTOR)


def site_chrome(request):
    """What the base layout needs on every page, computed only if rendered."""
    return {
        "main_nav": SimpleLazyObject(lambda: main_navigation(request)),
        "unread_notifications": SimpleLazyObject(
            lambda: header_counts_for(request)["notifications"]
        ),
        "is_tutor": SimpleLazyObject(lambda: is_tutor(request)),
        # Unread chat messages and forum topics, per section key (cached briefly).
        "nav_counts": SimpleLazyObject(lambda: header_counts_for(request)),
    }
