"""The documentation centre in the Wagtail admin: publications, repositories, instruments."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from library.models import Instrument, Publication, Repository


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
