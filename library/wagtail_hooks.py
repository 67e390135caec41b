"""The documentation centre in the Wagtail admin: publications, repositories, instruments."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from library import search
from library.models import Instrument, Publication, Repository


@hooks.register("rial_search_providers")
def search_providers():
    return [search.provider()]


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def index_publication(request, instance):
    """The admin edits documents as snippets: keep the search in step."""
    if isinstance(instance, Publication):
        search.publication_index(publication=instance)


@hooks.register("before_delete_snippet")
def unindex_publications(request, instances):
    ids = [item.pk for item in instances if isinstance(item, Publication)]
    if ids:
        search.entries_delete(kind=search.KIND, object_ids=ids)


class PublicationViewSet(SnippetViewSet):
    model = Publication
    icon = "doc-full"
    menu_label = _("Publications")
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
    # Not "Documents": that is Wagtail's own menu of uploaded files, next to it.
    menu_label = _("Documentation centre")
    menu_name = "library"
    menu_order = 310


register_snippet(LibraryViewSetGroup)
