from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The performance report of a work plan's period, written from what the platform
    recorded: for the ministers (full, with the budget, CSV and PDF in four languages)
    and a public summary."""

    name = "reports"
    verbose_name = _("Performance reports")
