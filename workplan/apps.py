from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    """The network's work plan for a period: priority lines, actions, their budget."""

    name = "workplan"
    verbose_name = _("Work plan")

    def ready(self):
        from django.apps import apps

        from workplan import signals

        signals.connect(apps)
