"""Pages of the pilot projects: the list with its filters, a pilot and what its
keepers do on it, registering and editing one, its uploaded documents."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.forms import add_service_errors
from lms.http import private_file_response
from pilots import forms, selectors, services
from pilots.models import Milestone

PER_PAGE = 20


def _pilot(request, pk):
    item = selectors.pilot_for(user=request.user, pk=pk)
    if item is None:
        raise Http404
    return item


@login_required
def index(request):
    filter_form = forms.FilterForm(request.GET or None)
    filters = filter_form.filters()
    page = Paginator(selectors.pilots_for(user=request.user, filters=filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.labelled(page.object_list)
    return render(
        request,
        "pilots/index.html",
        {
            "page_obj": page,
            "filter_form": filter_form,
            "filtered": filters.active,
            "can_register": selectors.can_register(request.user),
        },
    )


@login_required
def new(request):
    if not selectors.can_register(request.user):
        raise PermissionDenied(_("The focal points of the ministries register pilots."))
    initial = {"leading_country": selectors.ministry_of(request.user)}
    if request.GET.get("origin"):
        initial["origin"] = request.GET["origin"]
    form = forms.NewPilotForm(initial=initial)
    if request.method == "POST":
        form = forms.NewPilotForm(request.POST)
        if form.is_valid():
            try:
                pilot = services.pilot_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The pilot is registered."))
                return redirect("pilots:pilot", pk=pilot.pk)
    return render(request, "pilots/form.html", {"form": form, "pilot": None})


@login_required
def edit(request, pk):
    pilot = _pilot(request, pk)
    if not selectors.can_edit(request.user, pilot):
        raise PermissionDenied
    form = forms.PilotForm(
        initial={
            "title": pilot.title,
            "objective": pilot.objective,
            "leading_country": pilot.leading_country,
            "partners": [partner.country for partner in pilot.partners.all()],
            "theme": pilot.theme,
            "experts": list(pilot.experts.all()),
            "starts_on": pilot.starts_on,
            "ends_on": pilot.ends_on,
            "currency": pilot.currency,
            "funding_sought": pilot.funding_sought,
            "funding_obtained": pilot.funding_obtained,
            "funding_source": pilot.funding_source,
        }
    )
    if request.method == "POST":
        form = forms.PilotForm(request.POST)
        if form.is_valid():
            try:
                services.pilot_update(actor=request.user, pilot=pilot, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The pilot is saved."))
                return redirect("pilots:pilot", pk=pilot.pk)
    return render(request, "pilots/form.html", {"form": form, "pilot": pilot})


@login_required
def pilot(request, pk):
    item = _pilot(request, pk)
    user = request.user
    editable = selectors.can_edit(user, item)
    milestones = [
        (milestone, milestone.status(), milestone.status_label())
        for milestone in item.milestones.all()
    ]
    status = selectors.status_of(item)
    return render(
        request,
        "pilots/pilot.html",
        {
            "pilot": item,
            "status": status,
            "status_text": selectors.status_label(status),
            "milestones": milestones,
            "states": Milestone.State.choices,
            "can_edit": editable,
            "follows_as_partner": selectors.follows_as_partner(user, item),
            "following": selectors.is_following(user, item),
            "milestone_form": forms.MilestoneForm(prefix="milestone") if editable else None,
            "results_form": forms.ResultsForm(initial={"results": item.results})
            if editable
            else None,
            "document_form": forms.DocumentForm(prefix="document") if editable else None,
        },
    )


def _done(request, pk, error=None, success=""):
    if error is not None:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    elif success:
        messages.success(request, success)
    return redirect("pilots:pilot", pk=pk)


@login_required
@require_POST
def follow(request, pk):
    item = _pilot(request, pk)
    if request.POST.get("action") == "unfollow":
        services.pilot_unfollow(user=request.user, pilot=item)
        return _done(request, pk, success=_("You no longer follow this pilot."))
    services.pilot_follow(user=request.user, pilot=item)
    return _done(request, pk, success=_("You follow this pilot: its news reach you."))


@login_required
@require_POST
def milestone_add(request, pk):
    item = _pilot(request, pk)
    form = forms.MilestoneForm(request.POST, prefix="milestone")
    if not form.is_valid():
        return _done(request, pk, ValidationError(_("Write the milestone and its date.")))
    try:
        services.milestone_add(actor=request.user, pilot=item, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        return _done(request, pk, error)
    return _done(request, pk, success=_("Milestone added."))


def _milestone(item, milestone_id) -> Milestone:
    milestone = next((m for m in item.milestones.all() if m.pk == milestone_id), None)
    if milestone is None:
        raise Http404
    milestone.pilot = item
    return milestone


@login_required
@require_POST
def milestone_state(request, pk, milestone_id):
    item = _pilot(request, pk)
    milestone = _milestone(item, milestone_id)
    try:
        if request.POST.get("action") == "remove":
            services.milestone_remove(actor=request.user, milestone=milestone)
            return _done(request, pk, success=_("Milestone removed."))
        services.milestone_set_state(
            actor=request.user, milestone=milestone, state=request.POST.get("state", "")
        )
    except (ValidationError, PermissionDenied) as error:
        return _done(request, pk, error)
    return _done(request, pk, success=_("Milestone updated; the followers are told."))


@login_required
@require_POST
def results(request, pk):
    item = _pilot(request, pk)
    try:
        services.pilot_report_results(
            actor=request.user, pilot=item, results=request.POST.get("results", "")
        )
    except (ValidationError, PermissionDenied) as error:
        return _done(request, pk, error)
    return _done(request, pk, success=_("Results saved; the followers are told."))


@login_required
@require_POST
def document_add(request, pk):
    item = _pilot(request, pk)
    form = forms.DocumentForm(request.POST, request.FILES, prefix="document")
    if not form.is_valid():
        return _done(request, pk, ValidationError(next(iter(form.errors.values()))))
    try:
        services.document_add(
            actor=request.user,
            pilot=item,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            publication=form.cleaned_data["publication"],
        )
    except (ValidationError, PermissionDenied) as error:
        return _done(request, pk, error)
    return _done(request, pk, success=_("Document added."))


@login_required
@require_POST
def document_remove(request, pk, document_id):
    item = _pilot(request, pk)
    document = next((d for d in item.documents.all() if d.pk == document_id), None)
    if document is None:
        raise Http404
    document.pilot = item
    try:
        services.document_remove(actor=request.user, document=document)
    except PermissionDenied as error:
        return _done(request, pk, error)
    return _done(request, pk, success=_("Document removed."))


@login_required
def document(request, pk, document_id):
    item = selectors.document_for(user=request.user, pilot_id=pk, document_id=document_id)
    if item is None:
        raise Http404
    name = item.file.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return private_file_response(
        request,
        item.file,
        filename=name,
        content_type=content_type,
        inline=content_type.startswith("image/"),
    )
