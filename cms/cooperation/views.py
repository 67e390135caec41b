"""Pages of the bilateral cooperation calls."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.cooperation import forms, services
from cms.cooperation.models import CRITERIA, Call, Proposal, Score
from lms.markup import render_markdown


def _current_call():
    """The call open today; if none is, the latest."""
    today = timezone.localdate()
    open_now = Call.objects.filter(opens_on__lte=today, closes_on__gte=today)
    return open_now.order_by("-year").first() or Call.objects.order_by("-year").first()


def _proposals():
    return Proposal.objects.select_related("call", "programme").prefetch_related(
        "beneficiaries", "themes__area", Prefetch("scores", queryset=Score.objects.all())
    )


def call(request):
    current = _current_call()
    selected = _proposals().filter(status=Proposal.Status.SELECTED).order_by("-call__year", "pk")
    user = request.user
    return render(
        request,
        "cms/cooperation/call.html",
        {
            "call": current,
            "rules_html": render_markdown(current.rules) if current else "",
            "criteria": CRITERIA,
            "selected": list(selected[:100]),
            "can_propose": current is not None
            and current.is_open()
            and user.is_authenticated
            and (user.has_role("focal_point") or user.is_secretariat),
        },
    )


@login_required
def propose(request):
    current = _current_call()
    if current is None or not current.is_open():
        raise Http404
    if not (request.user.has_role("focal_point") or request.user.is_secretariat):
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
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                messages.success(
                    request, _("Proposal sent: the providing ministry is asked to confirm.")
                )
                return redirect("cms:proposal", pk=proposal.pk)
    return render(request, "cms/cooperation/propose.html", {"form": form, "call": current})


def _country(user):
    return getattr(getattr(user, "profile", None), "country", "") or ""


def _can_see(user, proposal) -> bool:
    if proposal.status == Proposal.Status.SELECTED:
        return True
    if not user.is_authenticated:
        return False
    if user.is_secretariat or proposal.submitted_by_id == user.pk:
        return True
    parties = {proposal.providing_country, *(b.country for b in proposal.beneficiaries.all())}
    return user.has_role("focal_point") and _country(user) in parties


@login_required
def proposals(request):
    user = request.user
    items = _proposals()
    if not user.is_secretariat:
        # The same rule as a proposal's page: its author, and the focal points of
        # the ministries that take part.
        mine = Q(submitted_by=user)
        if user.has_role("focal_point") and _country(user):
            country = _country(user)
            mine |= Q(providing_country=country) | Q(beneficiaries__country=country)
        items = items.filter(mine).distinct()
    return render(
        request,
        "cms/cooperation/proposals.html",
        {"proposals": list(items.order_by("-call__year", "-created_at")[:200])},
    )


def proposal(request, pk):
    item = _proposals().filter(pk=pk).first()
    if item is None or not _can_see(request.user, item):
        raise Http404
    user = request.user
    scores = {score.criterion: score.value for score in item.scores.all()}
    return render(
        request,
        "cms/cooperation/proposal.html",
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
            and user.has_role("focal_point")
            and _country(user) == item.providing_country,
            "report_form": forms.ReportForm(
                initial={"results": item.results, "kinds": item.results_kinds.split(",")}
            )
            if item.status == Proposal.Status.SELECTED
            and user.is_authenticated
            and _can_report(user, item)
            else None,
        },
    )


def _can_report(user, item) -> bool:
    parties = {item.providing_country, *(b.country for b in item.beneficiaries.all())}
    return user.is_secretariat or (user.has_role("focal_point") and _country(user) in parties)


@login_required
@require_POST
def proposal_action(request, pk):
    item = _proposals().filter(pk=pk).first()
    if item is None or not _can_see(request.user, item):
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
    return redirect("cms:proposal", pk=pk)
