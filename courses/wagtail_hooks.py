from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses import search
from courses.models import Area, Theme


@hooks.register("rial_search_providers")
def search_providers():
    return [search.provider()]


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "folder-open-inverse"
    menu_label = _("Areas")
    list_display = ["name", "code", "sort_order"]
    search_fields = ["name_es", "name_en", "name_pt", "name_fr", "code"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "area", "code"]
    list_filter = ["area"]
    search_fields = ["name_es", "name_en", "name_pt", "name_fr", "code"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (AreaViewSet, ThemeViewSet)
    menu_icon = "tag"
    menu_label = _("Labour administration")
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)
