from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses import search
from courses.models import Area, TaxonomyChange, Theme


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


class WrittenByMigrationsPolicy(ModelPermissionPolicy):
    """Taxonomy changes are written by the data migration that changed the table:
    people read them (and may delete them), nobody adds or edits one."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(TaxonomyChange, WrittenByMigrationsPolicy(TaxonomyChange))


class TaxonomyChangeViewSet(SnippetViewSet):
    """Which records a change of the table moved, and which lost a theme nobody mapped."""

    model = TaxonomyChange
    icon = "history"
    menu_label = _("Taxonomy changes")
    list_display = ["record", "record_type", "old_theme", "new_theme", "outcome", "at"]
    list_filter = ["outcome", "record_type"]
    search_fields = ["record", "old_theme", "new_theme"]
    inspect_view_enabled = True
    copy_view_enabled = False


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (AreaViewSet, ThemeViewSet, TaxonomyChangeViewSet)
    menu_icon = "tag"
    menu_label = _("Labour administration")
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)
