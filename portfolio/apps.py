from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    """The ministries' programmes: submission, review, translation, search, interest."""

    name = "portfolio"
    verbose_name = _("Portfolio of programmes")
