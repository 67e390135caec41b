from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    """Pilot projects: what a ministry tries at home after a workshop, a programme of
    the portfolio or a cooperation activity, with its partners, experts, milestones,
    funding, results and documents, followed by the partners and whoever wishes."""

    name = "pilots"
    verbose_name = _("Pilot projects")
