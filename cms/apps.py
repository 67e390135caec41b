from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site and portal")

    def ready(self):
        from cms import checks, signal_handlers  # noqa: F401
