"""Communities of practice: the page, joining and leaving, the roster and its export,
contact choices, events and their documents.

Views check shapes with forms and leave every decision to the services and
selectors in ``forum.services.communities`` and ``forum.selectors.communities``;
permission errors become 403 pages, validation errors stay on the form.
"""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from forum import forms_communities as forms
from forum.selectors import communities as selectors
from forum.selectors.calendar import community_meeting_entry
from forum.selectors.video import space_event_video_owner
from forum.services import communities as services
from lms.calendar import absolute, calendar_file, ics_response
from lms.forms import add_service_errors
from lms.http import private_file_response
from lms.selectors.video import video_panel


def _community(request, slug):
    space = selectors.community_by_slug(slug=slug)
    if space is None:
        raise Http404
    return space, selectors.community_access(user=request.user, space=space)


def _require_members(access) -> None:
    if not access.can_see_members_area:
        raise PermissionDenied(_("The roster of a community is for its members."))


def _require_manager(access) -> None:
    if not access.can_manage:
        raise PermissionDenied(_("Only the coordinators of the community can do this."))


def _back(space):
    return redirect("forum:community", slug=space.slug)


# --- the community ---------------------------------------------------------------------------


@login_required
def index(request):
    return render(
        request,
        "forum/community_index.html",
        {"communities": list(selectors.communities_for(user=request.user))},
    )


def _community_page(request, space, join_form=None, status=200):
    page = selectors.community_page(user=request.user, space=space)
    return render(
        request,
        "forum/community.html",
        {
            "space": space,
            "page": page,
            "access": page.access,
            "join_form": join_form or forms.JoinRequestForm(),
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
def community(request, slug):
    space = selectors.community_by_slug(slug=slug)
    if space is None:
        raise Http404
    return _community_page(request, space)


@login_required
@require_POST
def join(request, slug):
    """Ask to join (or, with ``action=withdraw``, take the request back)."""
    space, access = _community(request, slug)
    if request.POST.get("action") == "withdraw":
        if access.pending is None:
            raise Http404
        services.join_request_withdraw(user=request.user, join_request=access.pending)
        messages.success(request, _("Your request was withdrawn."))
        return _back(space)
    form = forms.JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            services.join_request_create(
                user=request.user, space=space, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # Already a member, already asked: the page says where things stand.
                messages.error(request, " ".join(error.messages))
                return _back(space)
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your request was sent. A coordinator will answer it soon.")
            )
            return _back(space)
    return _community_page(request, space, join_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request, slug):
    space, access = _community(request, slug)
    if not access.is_member:
        return _back(space)
    error = None
    if request.method == "POST":
        try:
            services.community_leave(user=request.user, space=space)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("You left %(space)s.") % {"space": space.display_name})
            return _back(space)
    return render(
        request,
        "forum/community_leave.html",
        {"space": space, "access": access, "error": error},
        status=400 if error else 200,
    )


# --- joining requests ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def requests(request, slug):
    space, access = _community(request, slug)
    _require_manager(access)
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            join_request = selectors.join_request_for(access=access, request_id=data["request"])
            if join_request is None:
                raise Http404
            approve = data["decision"] == "approve"
            try:
                services.join_request_decide(
                    actor=request.user,
                    join_request=join_request,
                    approve=approve,
                    reason=data["reason"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                name = join_request.user.get_full_name()
                messages.success(
                    request,
                    (
                        _("%(name)s is now a member.")
                        if approve
                        else _("The request of %(name)s was declined.")
                    )
                    % {"name": name},
                )
            return redirect("forum:community_requests", slug=space.slug)
        messages.error(request, _("That answer could not be read; try again."))
    pending, decided = selectors.join_requests(access=access)
    return render(
        request,
        "forum/community_requests.html",
        {"space": space, "access": access, "pending": pending, "decided": decided},
    )


# --- the roster -------------------------------------------------------------------------------


@login_required
def roster(request, slug):
    space, access = _community(request, slug)
    _require_members(access)
    rows = Paginator(selectors.roster_queryset(access=access), selectors.ROSTER_PER_PAGE)
    page_obj = rows.get_page(request.GET.get("page"))
    return render(
        request,
        "forum/community_roster.html",
        {
            "space": space,
            "access": access,
            "page_obj": page_obj,
            "people": selectors.roster_people(access=access, rows=page_obj.object_list),
        },
    )


@login_required
def roster_csv(request, slug):
    space, access = _community(request, slug)
    _require_manager(access)
    text = services.community_roster_csv(actor=request.user, space=space)
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{space.slug}-roster-{day}.csv"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def contact(request, slug):
    space, access = _community(request, slug)
    if not access.is_member:
        raise PermissionDenied(_("Only members have a place in the roster."))
    membership = access.membership
    form = forms.ContactForm(
        request.POST or None,
        initial={
            "phone": membership.phone,
            "show_email": membership.show_email,
            "show_phone": membership.show_phone,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_contact_update(user=request.user, space=space, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your contact choices are saved."))
            return redirect("forum:community_roster", slug=space.slug)
    return render(
        request,
        "forum/community_contact.html",
        {"space": space, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


# --- events ------------------------------------------------------------------------------------


def _profile_time_zone(user) -> str:
    profile = getattr(user, "profile", None)
    return getattr(profile, "time_zone", "") or ""


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request, slug):
    space, access = _community(request, slug)
    _require_manager(access)
    form = forms.EventForm(request.POST or None, time_zone=_profile_time_zone(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.space_event_create(
                actor=request.user, space=space, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is in the community's calendar."))
            return redirect("forum:community_event", slug=space.slug, event_id=event.pk)
    return render(
        request,
        "forum/community_event_form.html",
        {"space": space, "access": access, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def event_ics(request, slug, event_id):
    space, _access = _community(request, slug)
    item = selectors.community_event(space=space, event_id=event_id)
    if item is None:
        raise Http404
    entry = community_meeting_entry(item)
    return ics_response(calendar_file(absolute([entry], request)), f"{space.slug}-{item.pk}.ics")


@login_required
@require_http_methods(["GET", "POST"])
def event(request, slug, event_id):
    space, access = _community(request, slug)
    item = selectors.community_event(space=space, event_id=event_id)
    if item is None:
        raise Http404
    outcome_form = document_form = None
    status = 200
    if access.can_manage:
        outcome_form = forms.OutcomeForm(initial={"outcome": item.outcome})
        document_form = forms.DocumentForm()
    if request.method == "POST":
        _require_manager(access)
        action = request.POST.get("action")
        if action == "outcome":
            outcome_form = forms.OutcomeForm(request.POST)
            if outcome_form.is_valid():
                try:
                    services.space_event_update_outcome(
                        actor=request.user, event=item, outcome=outcome_form.cleaned_data["outcome"]
                    )
                except ValidationError as error:
                    add_service_errors(outcome_form, error)
                else:
                    messages.success(request, _("The outcome is saved."))
                    return redirect("forum:community_event", slug=space.slug, event_id=item.pk)
        elif action == "document":
            document_form = forms.DocumentForm(request.POST, request.FILES)
            if document_form.is_valid():
                try:
                    services.space_event_document_add(
                        actor=request.user,
                        event=item,
                        upload=document_form.cleaned_data["file"],
                        title=document_form.cleaned_data["title"],
                    )
                except ValidationError as error:
                    add_service_errors(document_form, error)
                else:
                    messages.success(request, _("The document is attached."))
                    return redirect("forum:community_event", slug=space.slug, event_id=item.pk)
        else:
            raise Http404
        status = 400
    return render(
        request,
        "forum/community_event.html",
        {
            "space": space,
            "access": access,
            "event": item,
            "documents": list(item.documents.all()),
            "outcome_form": outcome_form,
            "document_form": document_form,
            "video": video_panel(owner=space_event_video_owner(event=item, access=access)),
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
def document(request, document_id):
    item = selectors.event_document_for(user=request.user, document_id=document_id)
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
