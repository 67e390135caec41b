"""The funding directory in the Wagtail admin and in the site's search."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from funding import search
from funding.models import Funder, FundingCall, Status
from funding.services import call_published_later
from funding.suggestions import need_suggestions
from search.services import entries_delete


@hooks.register("rial_search_providers")
def search_providers():
    return [search.provider()]


# Open calls of a need's theme for its country, on the need's page (needs/suggestions.py).
hooks.register("rial_need_suggestions", need_suggestions)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def index_and_tell(request, instance):
    """The admin edits funders and calls as snippets: keep the search in step, and tell
    the followers of a call published there (once each, as the review page does)."""
    if isinstance(instance, Funder):
        search.funder_calls_index(funder=instance)
    elif isinstance(instance, FundingCall):
        search.call_index(call=instance)
        if instance.status == Status.PUBLISHED and instance.funder.status == Status.PUBLISHED:
            call_published_later(instance)


@hooks.register("before_delete_snippet")
def unindex_calls(request, instances):
    ids = [item.pk for item in instances if isinstance(item, FundingCall)]
    for item in instances:
        if isinstance(item, Funder):
            ids += list(item.calls.values_list("pk", flat=True))
    if ids:
        entries_delete(kind=search.KIND, object_ids=ids)


class FunderViewSet(SnippetViewSet):
    model = Funder
    icon = "site"
    menu_label = _("Funders")
    list_display = ["name", "kind", "region", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "description"]


class FundingCallViewSet(SnippetViewSet):
    model = FundingCall
    icon = "date"
    menu_label = _("Funding calls")
    list_display = ["title", "funder", "deadline", "status"]
    list_filter = ["status", "language"]
    search_fields = ["title", "summary"]


class FundingViewSetGroup(SnippetViewSetGroup):
    items = (FunderViewSet, FundingCallViewSet)
    menu_icon = "site"
    menu_label = _("Funding sources")
    menu_name = "funding"
    menu_order = 320


register_snippet(FundingViewSetGroup)
