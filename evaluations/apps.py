from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    """The short evaluation that follows a workshop (any event) or a cooperation
    activity, answered by its participants or parties; its results feed the
    performance report."""

    name = "evaluations"
    verbose_name = _("Evaluations")
