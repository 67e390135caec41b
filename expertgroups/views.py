"""Pages of the questions to ad-hoc expert groups: the list, convening a group, a
question's page (invitation, opinion, signatures, record), writing the opinion, and
the signed opinion as a PDF. Views are thin: selectors read, services write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from expertgroups import forms, selectors, services
from expertgroups.models import Consultation
from lms.forms import add_service_errors


def _access(request, pk) -> selectors.ConsultationAccess:
    access = selectors.access_for(user=request.user, pk=pk)
    if access is None:
        raise Http404
    return access


def _back(pk) -> str:
    return reverse("expertgroups:consultation", kwargs={"pk": pk})


def _refused(request, error) -> None:
    messages.error(request, " ".join(getattr(error, "messages", [str(error)])))


def index(request):
    items = Paginator(selectors.consultations_for(user=request.user), selectors.PER_PAGE)
    page = items.get_page(request.GET.get("page"))
    return render(
        request,
        "expertgroups/index.html",
        {"items": page, "page_obj": page, "can_convene": selectors.can_convene(request.user)},
    )


def _meeting_from(request):
    """The meeting that asks (``?meeting=``), if the secretariat came from one."""
    pk = request.GET.get("meeting") or request.POST.get("meeting") or ""
    if not pk.isdigit():
        return None
    meeting = selectors.asking_meeting(user=request.user, pk=int(pk))
    if meeting is None:
        raise Http404
    return meeting


@login_required
def new(request):
    if not selectors.can_convene(request.user):
        raise PermissionDenied(_("Only the Technical Secretariat does this."))
    meeting = _meeting_from(request)
    experts = selectors.experts_for()
    form = forms.ConveneForm(
        request.POST or None,
        experts=experts,
        meeting=meeting,
        initial={"language": translation.get_language()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.consultation_convene(
                actor=request.user,
                asked_by=data["asked_by"],
                meeting=meeting,
                question=data["question"],
                terms=data["terms"],
                deadline=data["deadline"],
                experts=data["experts"],
                themes=data["themes"],
                language=data["language"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The group is convened and the experts are invited."))
            return redirect(_back(consultation.pk))
    return render(request, "expertgroups/new.html", {"form": form, "meeting": meeting})


def consultation(request, pk):
    access = _access(request, pk)
    page = selectors.consultation_page(access=access)
    invite_form = None
    if access.can_manage and access.consultation.status == Consultation.Status.OPEN:
        invite_form = forms.InviteForm(
            experts=selectors.experts_to_invite(consultation=access.consultation)
        )
    return render(
        request,
        "expertgroups/consultation.html",
        {"page": page, "consultation": access.consultation, "invite_form": invite_form},
    )


@login_required
@require_POST
def invite(request, pk):
    access = _access(request, pk)
    if not access.can_manage:
        raise PermissionDenied(_("Only the Technical Secretariat does this."))
    form = forms.InviteForm(
        request.POST, experts=selectors.experts_to_invite(consultation=access.consultation)
    )
    if not form.is_valid():
        messages.error(request, _("Choose experts listed here who are not invited yet."))
        return redirect(_back(pk))
    try:
        count = services.consultation_invite(
            actor=request.user,
            consultation=access.consultation,
            experts=form.cleaned_data["experts"],
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            translation.ngettext("%(n)s expert invited.", "%(n)s experts invited.", count)
            % {"n": count},
        )
    return redirect(_back(pk))


@login_required
@require_POST
def answer(request, pk):
    access = _access(request, pk)
    if access.invitation is None:
        raise Http404
    if request.POST.get("answer") not in ("accept", "decline"):
        return HttpResponseBadRequest(_("Accept or decline the invitation."))
    accept = request.POST["answer"] == "accept"
    try:
        services.invitation_answer(
            actor=request.user, consultation=access.consultation, accept=accept
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("Welcome to the group: its space and chat room are open to you.")
            if accept
            else _("You declined the invitation. Thank you for answering."),
        )
    return redirect(_back(pk))


@login_required
def opinion(request, pk):
    access = _access(request, pk)
    if not access.sees_group:
        raise Http404
    item = access.consultation
    form = forms.OpinionForm(request.POST or None, initial={"text": item.opinion})
    if request.method == "POST" and form.is_valid():
        try:
            services.opinion_save(
                actor=request.user, consultation=item, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The opinion is saved."))
            return redirect(_back(pk))
    return render(
        request,
        "expertgroups/opinion.html",
        {"form": form, "consultation": item, "can_write": access.can_write},
    )


ACTIONS = {
    "send": (
        services.opinion_send,
        gettext_lazy("The opinion is sent for signature: the members are asked to sign."),
    ),
    "reopen": (services.opinion_reopen, gettext_lazy("The opinion is open for changes again.")),
    "deliver": (
        services.opinion_deliver,
        gettext_lazy(
            "The opinion is published in the documentation centre; the body that asked is told."
        ),
    ),
    "withdraw": (services.consultation_withdraw, gettext_lazy("The question is withdrawn.")),
}


@login_required
@require_POST
def action(request, pk):
    access = _access(request, pk)
    chosen = ACTIONS.get(request.POST.get("action", ""))
    if chosen is None:
        raise Http404
    write, done = chosen
    try:
        write(actor=request.user, consultation=access.consultation)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, str(done))
    return redirect(_back(pk))


@login_required
@require_POST
def sign(request, pk):
    """Sign the text the member read: its fingerprint comes with the button."""
    access = _access(request, pk)
    try:
        services.opinion_sign(
            actor=request.user, consultation=access.consultation, text=request.POST.get("text", "")
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("You signed the opinion."))
    return redirect(_back(pk))


def opinion_pdf(request, pk):
    access = _access(request, pk)
    if not access.sees_opinion or not access.consultation.opinion:
        raise Http404
    from expertgroups.pdf import opinion_pdf as make_pdf

    item = access.consultation
    with translation.override(item.language):
        content = make_pdf(item, selectors.signatories(item))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="opinion-{item.pk}.pdf"'
    return response
