from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Workshops, dialogues and meetings: registration, calendars, follow-up."""

    name = "events"
    verbose_name = _("Events")
