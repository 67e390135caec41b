from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.cooperation.models import Call
from cms.events.models import Event
from cms.library.models import Instrument, Publication, Repository


class PublicationViewSet(SnippetViewSet):
    model = Publication
    icon = "doc-full"
    menu_label = _("Documentation centre")
    list_display = ["title", "kind", "language", "date", "status"]
    list_filter = ["kind", "language", "status"]
    search_fields = ["title", "summary"]


class RepositoryViewSet(SnippetViewSet):
    model = Repository
    icon = "folder-open-inverse"
    menu_label = _("Repositories")
    list_display = ["name", "slug"]


class InstrumentViewSet(SnippetViewSet):
    model = Instrument
    icon = "doc-full-inverse"
    menu_label = _("Legal instruments")
    list_display = ["title", "country", "kind", "date", "repository"]
    list_filter = ["repository", "country", "kind"]
    search_fields = ["title", "summary"]


class LibraryViewSetGroup(SnippetViewSetGroup):
    items = (PublicationViewSet, RepositoryViewSet, InstrumentViewSet)
    menu_icon = "doc-full"
    menu_label = _("Documents")
    menu_name = "library"
    menu_order = 310


register_snippet(LibraryViewSetGroup)


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


class CallViewSet(SnippetViewSet):
    """The yearly bilateral cooperation calls (proposals are handled on the site)."""

    model = Call
    icon = "tasks"
    menu_label = _("Cooperation calls")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["title", "year", "opens_on", "closes_on"]


register_snippet(CallViewSet)
