from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The Wagtail site: home and standard pages, navigation, blocks, error views."""

    name = "cms"
    verbose_name = _("Pages")

    def ready(self):
        from cms import signal_handlers  # noqa: F401
