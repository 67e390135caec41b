"""Events in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events import selectors
from events.models import Event


@hooks.register("rial_calendar_entries")
def calendar_entries(user, start, end):
    """Events the person registered for, for their calendar (lms)."""
    return selectors.calendar_entries(user=user, start=start, end=end)


@hooks.register("rial_video_owners")
def video_owners():
    """Virtual and hybrid events, for their video rooms (lms)."""
    return selectors.video_owners()


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
