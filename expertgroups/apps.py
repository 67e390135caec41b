from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertGroupsConfig(AppConfig):
    """Ad-hoc groups of experts: a body puts a question, the secretariat convenes a
    group from the experts directory, the group writes and signs an opinion, which
    is published to the documentation centre and linked from the meeting that asked."""

    name = "expertgroups"
    verbose_name = _("Ad-hoc expert groups")
