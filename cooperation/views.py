"""Pages of the bilateral cooperation calls."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cooperation import forms, selectors, services
from cooperation.models import CRITERIA, Proposal
from evaluations import selectors as evaluations
from lms.choices import Role
from lms.forms import add_service_errors
from lms.markup import render_markdown


def call(request):
    current = selectors.current_call()
    selected = selectors.selected()
    user = request.user
    return render(
        request,
        "cooperation/call.html",
        {
            "call": current,
            "rules_html": render_markdown(current.rules()) if current else "",
            "criteria": CRITERIA,
            "selected": list(selected[:100]),
            "can_propose": current is not None
            and current.is_open()
            and user.is_authenticated
            and (user.has_role(Role.FOCAL_POINT) or user.is_secretariat),
        },
    )


@login_required
def propose(request):
    current = selectors.current_call()
    if current is None or not current.is_open():
        raise Http404
    if not (request.user.has_role(Role.FOCAL_POINT) or request.user.is_secretariat):
        raise PermissionDenied(_("The focal points of the ministries submit proposals."))
    form = forms.ProposalForm()
    if request.method == "POST":
        form = forms.ProposalForm(request.POST)
        if form.is_valid():
            try:
                proposal = services.proposal_submit(
                    user=request.user, call=current, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Proposal sent: the providing ministry is asked to confirm.")
                )
                return redirect("cooperation:proposal", pk=proposal.pk)
    return render(request, "cooperation/propose.html", {"form": form, "call": current})


@login_required
def proposals(request):
    items = selectors.proposals_for(user=request.user)
    return render(
        request,
        "cooperation/proposals.html",
        {"proposals": list(items[:200])},
    )


def proposal(request, pk):
    item = selectors.proposal_for(user=request.user, pk=pk)
    if item is None:
        raise Http404
    user = request.user
    scores = {score.criterion: score.value for score in item.scores.all()}
    return render(
        request,
        "cooperation/proposal.html",
        {
            "proposal": item,
            "objectives_html": render_markdown(item.objectives),
            "results_html": render_markdown(item.results) if item.results else "",
            "scores": [(label, scores.get(code)) for code, label in CRITERIA],
            "score_form": forms.ScoreForm(initial=scores)
            if user.is_authenticated and user.is_secretariat
            else None,
            "can_confirm": item.status == Proposal.Status.SUBMITTED
            and user.is_authenticated
            and user.has_role(Role.FOCAL_POINT)
            and selectors.country_of(user) == item.providing_country,
            "report_form": forms.ReportForm(
                initial={"results": item.results, "kinds": item.results_kinds.split(",")}
            )
            if item.status == Proposal.Status.SELECTED
            and user.is_authenticated
            and selectors.can_report(user=user, proposal=item)
            else None,
            "evaluation_prompt": evaluations.prompt_for(user=user, subject=item)
            if user.is_authenticated
            and item.status == Proposal.Status.SELECTED
            and item.ends_on <= timezone.localdate()
            else None,
            "evaluation_url": reverse("evaluations:proposal", kwargs={"pk": item.pk}),
        },
    )


@login_required
@require_POST
def proposal_action(request, pk):
    item = selectors.proposal_for(user=request.user, pk=pk)
    if item is None:
        raise Http404
    action = request.POST.get("action")
    try:
        if action == "confirm":
            services.proposal_confirm(user=request.user, proposal=item)
            messages.success(request, _("Confirmed: your ministry will provide the activity."))
        elif action == "score":
            services.proposal_score(actor=request.user, proposal=item, scores=request.POST)
            messages.success(request, _("Scores saved."))
        elif action in ("select", "not_select"):
            services.proposal_select(actor=request.user, proposal=item, selected=action == "select")
            messages.success(request, _("Decision recorded."))
        elif action == "report":
            services.proposal_report(
                user=request.user,
                proposal=item,
                results=request.POST.get("results", ""),
                kinds=request.POST.getlist("kinds"),
            )
            messages.success(request, _("Results saved."))
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("cooperation:proposal", pk=pk)
