from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    """The yearly bilateral cooperation calls: proposals, scoring, results."""

    name = "cooperation"
    verbose_name = _("Bilateral cooperation")
