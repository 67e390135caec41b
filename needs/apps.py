from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    """Needs and technical assistance: a ministry's focal point says what its ministry
    needs (a theme of the ILO taxonomy, the kind of help); the platform suggests
    programmes, experts, cooperation calls and (through ``rial_need_suggestions``)
    anything another app offers; a suggestion becomes a cooperation proposal or a
    question to experts in one step, and the need records what came of it."""

    name = "needs"
    verbose_name = _("Needs and technical assistance")
