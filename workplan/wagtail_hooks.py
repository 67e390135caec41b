"""The work plans in the Wagtail admin: plans with their priority lines, actions with
their links and budget, sources of funds. An approved plan refuses to be deleted."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from workplan import services
from workplan.forms import ActionAdminForm, FunderAdminForm, WorkPlanAdminForm
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


class _RecheckedOnSave:
    """The action's form checks again under the plan's lock when it saves: what it
    refuses then is shown on the form, like what ``clean()`` refuses."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)


class ActionEditView(_RecheckedOnSave, EditView):
    pass


class ActionCreateView(_RecheckedOnSave, CreateView):
    pass


class WorkPlanViewSet(SnippetViewSet):
    model = WorkPlan
    icon = "list-ol"
    menu_label = _("Plans and lines")
    list_display = ["title", Column("period", label=_("period")), "status"]
    edit_handler = ObjectList(WorkPlan.panels, base_form_class=WorkPlanAdminForm)


class ActionViewSet(SnippetViewSet):
    model = Action
    icon = "tasks"
    menu_label = _("Actions and budget")
    list_display = ["title", "line", "kind", "typed_status", "approved_amount", "spent"]
    list_filter = ["kind", "typed_status", "line__plan"]
    search_fields = ["title"]
    edit_handler = ObjectList(Action.panels, base_form_class=ActionAdminForm)
    edit_view_class = ActionEditView
    add_view_class = ActionCreateView

    def get_queryset(self, request):
        return Action.objects.select_related("line__plan", "source")


class FunderViewSet(SnippetViewSet):
    model = Funder
    icon = "pick"
    menu_label = _("Sources of funds")
    list_display = ["name", "kind"]
    edit_handler = ObjectList(Funder.panels, base_form_class=FunderAdminForm)


class WorkPlanViewSetGroup(SnippetViewSetGroup):
    items = (WorkPlanViewSet, ActionViewSet, FunderViewSet)
    menu_icon = "list-ol"
    menu_label = _("Work plan")
    menu_name = "workplan"
    menu_order = 335


register_snippet(WorkPlanViewSetGroup)
