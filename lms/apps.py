from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("People and learning")
    default = True

    def ready(self):
        # Connects the allauth signal receivers defined next to the adapter, and
        # those that forget cached two-factor answers and header counts.
        from lms import adapter, mfa  # noqa: F401
        from lms.selectors import counts  # noqa: F401


class RialUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, editing full name and RIAL roles (see lms/wagtail_users.py)."""

    user_viewset = "lms.wagtail_users.RialUserViewSet"
