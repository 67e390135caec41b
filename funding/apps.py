from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    """Funders and their calls, suggested by focal points and published by the secretariat."""

    name = "funding"
    verbose_name = _("Funding sources")
