"""The cooperation calls in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cooperation.models import Call


class CallViewSet(SnippetViewSet):
    """The yearly bilateral cooperation calls (proposals are handled on the site)."""

    model = Call
    icon = "tasks"
    menu_label = _("Cooperation calls")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["title", "year", "opens_on", "closes_on"]


register_snippet(CallViewSet)
