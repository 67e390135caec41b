from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from forum.models import Space
from forum.services import space_ensure_for_cohort


@hooks.register("rial_cohort_created")
def cohort_space(cohort):
    space_ensure_for_cohort(cohort=cohort)


@hooks.register("rial_cohort_questions")
def cohort_questions(cohort):
    """Questions in the cohort's forum still waiting for an answer, for its tutors."""
    from forum.selectors.forums import waiting_questions

    return waiting_questions(cohort=cohort)


class SpaceViewSet(SnippetViewSet):
    """The secretariat creates spaces, lists their members and opens rooms."""

    model = Space
    icon = "group"
    menu_label = _("Spaces and rooms")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]


register_snippet(SpaceViewSet)
