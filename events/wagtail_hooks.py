"""Events in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import Event


class EventViewSet(SnippetViewSet):
    """Workshops, dialogues and meetings: agenda, presentations, photos, results."""

    model = Event
    icon = "date"
    menu_label = _("Events")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["title", "kind", "starts_at", "host_country", "is_published"]
    list_filter = ["kind", "format", "is_published"]
    search_fields = ["title", "objective"]


register_snippet(EventViewSet)
