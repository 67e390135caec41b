from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrioritiesConfig(AppConfig):
    """The priorities questionnaire: before a work plan, each ministry ranks the themes."""

    name = "priorities"
    verbose_name = _("Priorities questionnaire")
