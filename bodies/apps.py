from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    """The network's bodies: seats, members, meetings, minutes and agreements."""

    name = "bodies"
    verbose_name = _("Bodies of the network")
