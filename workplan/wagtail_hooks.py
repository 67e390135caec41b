"""The work plans in the Wagtail admin: plans with their priority lines, actions with
their links and budget, sources of funds. An approved plan refuses to be deleted."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from workplan import services
from workplan.forms import ActionAdminForm, WorkPlanAdminForm
from workplan.models import Action, Funder, WorkPlan


@hooks.register("before_delete_snippet")
def refuse_deleting_approved(request, instances):
    plans = [item for item in instances if isinstance(item, WorkPlan)]
    actions = [item for item in instances if isinstance(item, Action)]
    if not plans and not actions:
        return None
    try:
        if plans:
            services.plan_delete_check(actor=request.user, plans=plans)
        if actions:
            services.action_delete_check(actor=request.user, actions=actions)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        model = WorkPlan if plans else Action
        return redirect(f"wagtailsnippets_workplan_{model._meta.model_name}:list")
    return None


class WorkPlanViewSet(SnippetViewSet):
    model = WorkPlan
    icon = "list-ol"
    menu_label = _("Plans and lines")
    list_display = ["title", "period", "status"]
    edit_handler = ObjectList(WorkPlan.panels, base_form_class=WorkPlanAdminForm)


class ActionViewSet(SnippetViewSet):
    model = Action
    icon = "tasks"
    menu_label = _("Actions and budget")
    list_display = ["title", "line", "kind", "typed_status", "approved_amount", "spent"]
    list_filter = ["kind", "typed_status", "line__plan"]
    search_fields = ["title"]
    edit_handler = ObjectList(Action.panels, base_form_class=ActionAdminForm)

    def get_queryset(self, request):
        return Action.objects.select_related("line__plan", "source")


class FunderViewSet(SnippetViewSet):
    model = Funder
    icon = "pick"
    menu_label = _("Sources of funds")
    list_display = ["name", "kind"]


class WorkPlanViewSetGroup(SnippetViewSetGroup):
    items = (WorkPlanViewSet, ActionViewSet, FunderViewSet)
    menu_icon = "list-ol"
    menu_label = _("Work plan")
    menu_name = "workplan"
    menu_order = 335


register_snippet(WorkPlanViewSetGroup)
