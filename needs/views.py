"""Pages of the needs: the list (and the ones nobody answered), a need with its
suggestions and what came of it, stating and editing a need, and the one-step
proposal and question made from a suggestion."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cooperation.forms import ProposalForm
from cooperation.models import Proposal
from cooperation.selectors import current_call
from forum.forms import AskForm
from forum.selectors.experts import askable_experts
from lms.forms import add_service_errors
from needs import forms, selectors, services
from needs.models import Need
from needs.suggestions import grouped, suggestions_for
from portfolio.selectors import programme_for


def _need(request, pk) -> Need:
    need = selectors.need_for(user=request.user, pk=pk)
    if need is None:
        raise Http404
    return need


def _acting(request, pk) -> Need:
    """The need, for who may turn its suggestions into a proposal or a question."""
    need = _need(request, pk)
    if not selectors.can_act(user=request.user, need=need):
        raise PermissionDenied(_("The focal points of the need's ministry act on it."))
    return need


@login_required
def index(request):
    form = forms.FilterForm(request.GET or None)
    form.is_valid()  # the valid filters apply even when another is not
    data = getattr(form, "cleaned_data", {})
    filters = selectors.Filters(
        theme=data.get("theme"), country=data.get("country", ""), status=data.get("status", "")
    )
    page = Paginator(selectors.needs_for(user=request.user, filters=filters), selectors.PER_PAGE)
    page = page.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "needs/index.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": filters.active(),
            "waiting": filters.status == Need.Status.OPEN,
            "can_state": selectors.can_state(user=request.user),
            "ministry": selectors.ministry_of(request.user),
        },
    )


@login_required
def new(request):
    user = request.user
    if not selectors.can_state(user=user):
        raise PermissionDenied(_("The focal points of the ministries state their needs."))
    form = forms.NeedForm(for_ministry=user.is_secretariat)
    if request.method == "POST":
        form = forms.NeedForm(request.POST, for_ministry=user.is_secretariat)
        if form.is_valid():
            try:
                need = services.need_create(actor=user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Need saved: see what the network can offer."))
                return redirect("needs:need", pk=need.pk)
    return render(request, "needs/form.html", {"form": form, "need": None})


@login_required
def edit(request, pk):
    need = _need(request, pk)
    if not selectors.can_edit(user=request.user, need=need):
        raise PermissionDenied(_("The focal points of the need's ministry change it."))
    initial = {
        "theme": need.theme,
        "title": need.title,
        "description": need.description,
        "urgency": need.urgency,
        "help_kinds": need.help_codes,
    }
    form = forms.NeedForm(initial=initial)
    if request.method == "POST":
        form = forms.NeedForm(request.POST)
        if form.is_valid():
            try:
                services.need_update(actor=request.user, need=need, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Need saved."))
                return redirect("needs:need", pk=need.pk)
    return render(request, "needs/form.html", {"form": form, "need": need})


@login_required
def need(request, pk):
    item = _need(request, pk)
    user = request.user
    return render(
        request,
        "needs/need.html",
        {
            "need": item,
            "outcomes": selectors.outcomes(need=item),
            "suggestions": grouped(suggestions_for(need=item, user=user)),
            "can_edit": selectors.can_edit(user=user, need=item),
            "answered_form": forms.AnsweredForm()
            if user.is_secretariat and item.status == Need.Status.OPEN
            else None,
        },
    )


@login_required
@require_POST
def action(request, pk):
    item = _need(request, pk)
    verb = request.POST.get("action")
    try:
        if verb == "close":
            services.need_close(actor=request.user, need=item)
            messages.success(request, _("Need closed."))
        elif verb == "reopen":
            services.need_reopen(actor=request.user, need=item)
            messages.success(request, _("Need reopened."))
        elif verb == "answered":
            services.need_mark_answered(
                actor=request.user, need=item, note=request.POST.get("note", "")
            )
            messages.success(request, _("Need marked as answered."))
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("needs:need", pk=pk)


def _pk(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def propose(request, pk):
    """Cooperation's proposal form, filled in from the need (and the programme
    suggested): sending it submits the proposal and records it on the need."""
    need = _acting(request, pk)
    call = current_call()
    if call is None or not call.is_open():
        messages.error(request, _("The cooperation call is not open."))
        return redirect("needs:need", pk=need.pk)
    programme = None
    if programme_id := _pk(request.GET.get("programme")):
        programme = programme_for(user=request.user, pk=programme_id)
        if programme is not None and not programme.is_published:
            programme = None
    initial = {
        "beneficiaries": [need.country],
        "topic": need.title,
        "themes": [need.theme],
        "objectives": need.description,
        "format": Proposal.Format.EXPERT_VISIT
        if Need.Help.EXPERT_VISIT in need.help_codes
        else Proposal.Format.VISIT_PROVIDER,
    }
    if programme is not None:
        initial["providing_country"] = programme.country
        initial["programme"] = programme
    form = ProposalForm(initial=initial)
    if request.method == "POST":
        form = ProposalForm(request.POST)
        if form.is_valid():
            try:
                proposal = services.need_propose(
                    actor=request.user, need=need, call=call, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Proposal sent: the providing ministry is asked to confirm.")
                )
                return redirect("cooperation:proposal", pk=proposal.pk)
    return render(
        request,
        "needs/propose.html",
        {"form": form, "need": need, "call": call, "programme": programme},
    )


@login_required
def ask(request, pk):
    """The question form to experts, filled in from the need: one expert (suggested)
    or every expert of the need's theme; sending it asks and records it on the need."""
    need = _acting(request, pk)
    expert = None
    if expert_id := _pk(request.GET.get("expert")):
        expert = askable_experts().filter(pk=expert_id).first()
    initial = {"theme": need.theme, "title": need.title, "body": need.description}
    if expert is not None:
        initial["expert"] = expert
    form = AskForm(initial=initial)
    if request.method == "POST":
        form = AskForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                question = services.need_ask(
                    actor=request.user,
                    need=need,
                    title=data["title"],
                    body=data["body"],
                    token=data["token"],
                    expert=data.get("expert"),
                    theme=data.get("theme"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your question is sent. You will be notified when an expert answers."),
                )
                return redirect("forum:question", question_id=question.pk)
    return render(request, "needs/ask.html", {"form": form, "need": need, "expert": expert})
