"""Pages of the work plans: the list, a plan, its approval, its budget and CSV."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from reports import selectors as reports
from workplan import selectors, services
from workplan.forms import ApproveForm


def _plan(request, pk):
    plan = selectors.plan_for(user=request.user, pk=pk)
    if plan is None:
        raise Http404
    return plan


def plans(request):
    return render(
        request,
        "workplan/plans.html",
        {
            "plans": selectors.plans_for(user=request.user),
            "can_edit": selectors.can_edit(request.user),
        },
    )


def plan(request, pk):
    item = _plan(request, pk)
    user = request.user
    return render(
        request,
        "workplan/plan.html",
        {
            "plan": item,
            "view": selectors.plan_view(user=user, plan=item),
            "can_see_budget": selectors.can_see_budget(user, item),
            "priorities": selectors.plan_priorities(user=user, plan=item),
            "can_edit": selectors.can_edit(user),
            "can_approve": selectors.can_edit(user) and not item.is_approved,
            "can_read_report": reports.can_read(user, item),
            "report_public": reports.summary_published(item),
        },
    )


@login_required
def approve(request, pk):
    item = _plan(request, pk)
    if not selectors.can_edit(request.user):
        raise PermissionDenied(_("Only the Technical Secretariat edits work plans."))
    if item.is_approved:
        return redirect("workplan:plan", pk=item.pk)
    form = ApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_approve(actor=request.user, plan=item)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The plan is approved: the approval is recorded."))
            return redirect("workplan:plan", pk=item.pk)
    return render(request, "workplan/approve.html", {"plan": item, "form": form})


def _budget(request, pk):
    """The plan and its budget, for those who may see it (404 for the others)."""
    item = _plan(request, pk)
    view = selectors.budget_for(user=request.user, plan=item)
    if view is None:
        raise Http404
    return item, view


@login_required
def budget(request, pk):
    item, view = _budget(request, pk)
    return render(
        request,
        "workplan/budget.html",
        {
            "plan": item,
            "view": view,
            "changes": selectors.changes_for(
                user=request.user, plan=item, page=request.GET.get("page")
            ),
            "can_edit": selectors.can_edit(request.user),
        },
    )


@login_required
def budget_csv(request, pk):
    item, view = _budget(request, pk)
    response = HttpResponse(
        services.budget_csv(budget=view), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="work-plan-{item.period}-budget.csv"'
    return response
