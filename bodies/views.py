"""Pages of the network's bodies: the list, a body, a meeting and the secretariat's
pages to prepare and record it. Views are thin: selectors read, services write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bodies import forms, selectors, services
from bodies.models import AgendaItem, Agreement, Seat
from expertgroups import selectors as expertgroups
from lms.calendar import absolute, calendar_file, ics_response
from lms.forms import add_service_errors
from lms.selectors.video import video_panel


def _access(request, slug) -> selectors.BodyAccess:
    access = selectors.body_access(user=request.user, slug=slug)
    if access is None:
        raise Http404
    return access


def _manager(request, slug) -> selectors.BodyAccess:
    access = _access(request, slug)
    if not access.can_manage:
        raise PermissionDenied(_("Only the Technical Secretariat does this."))
    return access


def _meeting(access, pk):
    meeting = selectors.meeting_for(access=access, pk=pk)
    if meeting is None:
        raise Http404
    return meeting


def _error_message(request, error) -> None:
    messages.error(request, " ".join(getattr(error, "messages", [str(error)])))


def _saved(request, form, write, done: str) -> bool:
    """Call the service with the form's data once the form is valid; show its
    refusals on the form. True when saved (the message ``done`` is shown)."""
    if not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, done)
    return True


def _form_page(request, *, make_form, write, done: str, back: str, template: str, context: dict):
    """A secretariat's form page: ``make_form(data)`` builds the form (``None``: empty);
    once it and the service accept what was sent, go ``back``; else show it again."""
    form = make_form(None)
    if request.method == "POST":
        form = make_form(request.POST)
        if _saved(request, form, write, done):
            return redirect(back)
    return render(request, template, {**context, "form": form})


def index(request):
    bodies = Paginator(selectors.bodies_for(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "bodies/index.html", {"bodies": bodies, "page_obj": bodies})


def body(request, slug):
    access = _access(request, slug)
    page = selectors.body_page(
        access=access,
        past_page=request.GET.get("page"),
        agreements_page=request.GET.get("agreements"),
    )
    return render(
        request,
        "bodies/body.html",
        {
            "page": page,
            # An ad-hoc group: the question it answers.
            "consultation": expertgroups.for_group(user=request.user, body=access.body),
        },
    )


def _video(access, item):
    owner = selectors.meeting_video_owner(access=access, meeting=item)
    return video_panel(owner=owner) if owner is not None else None


def meeting(request, slug, pk):
    access = _access(request, slug)
    item = _meeting(access, pk)
    page = selectors.meeting_page(access=access, meeting=item)
    return render(
        request,
        "bodies/meeting.html",
        {
            "page": page,
            "body": access.body,
            "meeting": item,
            "video": _video(access, item),
            "comment_form": forms.CommentForm() if access.can_comment(page.minutes) else None,
            "statuses": Agreement.Status.choices,
            # Questions this meeting put to ad-hoc groups of experts.
            "consultations": expertgroups.for_meeting(user=request.user, meeting=item),
            "can_convene": expertgroups.can_convene(request.user, access.body),
            "followed": {
                a.pk
                for a in page.carried + page.agreements
                if a.is_open and access.can_follow_up(a)
            },
        },
    )


def meeting_ics(request, slug, pk):
    access = _access(request, slug)
    item = _meeting(access, pk)
    entries = absolute(
        [selectors.meeting_entry(item, with_link=access.can_see_members_area)], request
    )
    return ics_response(calendar_file(entries), f"{access.body.slug}-{item.pk}.ics")


def _meeting_form_page(request, access, item=None):
    form = forms.MeetingForm(body=access.body, meeting=item)
    if request.method == "POST":
        form = forms.MeetingForm(request.POST, body=access.body, meeting=item)
        if form.is_valid():
            try:
                if item is None:
                    item = services.meeting_create(
                        actor=request.user, body=access.body, **form.cleaned_data
                    )
                    messages.success(request, _("Meeting created: now its agenda."))
                else:
                    services.meeting_update(actor=request.user, meeting=item, **form.cleaned_data)
                    messages.success(request, _("Meeting saved."))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("bodies:meeting", slug=access.body.slug, pk=item.pk)
    return render(
        request,
        "bodies/meeting_form.html",
        {"form": form, "body": access.body, "meeting": item},
    )


@login_required
def meeting_new(request, slug):
    return _meeting_form_page(request, _manager(request, slug))


@login_required
def meeting_edit(request, slug, pk):
    access = _manager(request, slug)
    return _meeting_form_page(request, access, _meeting(access, pk))


@login_required
def agenda(request, slug, pk):
    access = _manager(request, slug)
    item = _meeting(access, pk)
    form = forms.AgendaItemForm()
    if request.method == "POST":
        action = request.POST.get("action", "add")
        if action == "add":
            form = forms.AgendaItemForm(request.POST)
            if _saved(
                request,
                form,
                lambda data: services.agenda_item_add(actor=request.user, meeting=item, **data),
                _("Item added to the agenda."),
            ):
                return redirect("bodies:agenda", slug=slug, pk=pk)
        else:
            row = AgendaItem.objects.filter(meeting=item, pk=request.POST.get("item") or 0).first()
            if row is None or action not in ("up", "down", "remove"):
                raise Http404
            try:
                if action == "remove":
                    services.agenda_item_remove(actor=request.user, item=row)
                else:
                    services.agenda_item_move(actor=request.user, item=row, up=action == "up")
            except ValidationError as error:
                _error_message(request, error)
            return redirect("bodies:agenda", slug=slug, pk=pk)
    return render(
        request,
        "bodies/agenda.html",
        {
            "body": access.body,
            "meeting": item,
            "items": list(item.agenda_items.all()),
            "form": form,
        },
    )


@login_required
def agenda_item(request, slug, pk, item_pk):
    access = _manager(request, slug)
    item = _meeting(access, pk)
    row = AgendaItem.objects.filter(meeting=item, pk=item_pk).first()
    if row is None:
        raise Http404
    initial = {name: getattr(row, name) for name in forms.AgendaItemForm.base_fields}
    return _form_page(
        request,
        make_form=lambda data: forms.AgendaItemForm(data, initial=initial),
        write=lambda data: services.agenda_item_update(actor=request.user, item=row, **data),
        done=_("Agenda item saved."),
        back=reverse("bodies:agenda", kwargs={"slug": slug, "pk": pk}),
        template="bodies/agenda_item_form.html",
        context={"body": access.body, "meeting": item, "item": row},
    )


@login_required
def attendance(request, slug, pk):
    access = _manager(request, slug)
    item = _meeting(access, pk)
    rows = selectors.attendance_rows(meeting=item)
    return _form_page(
        request,
        make_form=lambda data: forms.AttendanceForm(data, rows=rows),
        write=lambda data: services.attendance_record(
            actor=request.user,
            meeting=item,
            statuses={name.removeprefix("seat_"): value for name, value in data.items()},
        ),
        done=_("Attendance recorded."),
        back=_meeting_url(slug, pk),
        template="bodies/attendance.html",
        context={"body": access.body, "meeting": item, "quorum": selectors.quorum_of(rows)},
    )


@login_required
def minutes(request, slug, pk):
    access = _manager(request, slug)
    item = _meeting(access, pk)
    current = getattr(item, "minutes", None)
    if current is not None and current.status == current.Status.APPROVED:
        messages.error(request, services.locked_message())
        return redirect("bodies:meeting", slug=slug, pk=pk)
    return _form_page(
        request,
        make_form=lambda data: forms.MinutesForm(
            data, initial={"text": current.text if current else ""}
        ),
        write=lambda data: services.minutes_save(actor=request.user, meeting=item, **data),
        done=_("Minutes saved."),
        back=_meeting_url(slug, pk),
        template="bodies/minutes_form.html",
        context={"body": access.body, "meeting": item, "minutes": current},
    )


@login_required
@require_POST
def minutes_action(request, slug, pk):
    access = _access(request, slug)
    item = _meeting(access, pk)
    current = getattr(item, "minutes", None)
    if not access.can_see_minutes(current):
        raise Http404
    action = request.POST.get("action")
    try:
        if action == "circulate":
            services.minutes_circulate(actor=request.user, minutes=current)
            messages.success(request, _("The minutes are circulated to the members."))
        elif action == "approve":
            services.minutes_approve(actor=request.user, minutes=current)
            messages.success(request, _("The minutes are approved."))
        elif action == "comment":
            form = forms.CommentForm(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    [message for errors in form.errors.values() for message in errors]
                )
            services.minutes_comment_add(
                actor=request.user, minutes=current, text=form.cleaned_data["text"]
            )
            messages.success(request, _("Your comment is saved."))
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        _error_message(request, error)
    return redirect("bodies:meeting", slug=slug, pk=pk)


@login_required
def agreement_new(request, slug, pk):
    access = _manager(request, slug)
    item = _meeting(access, pk)
    seats = selectors.in_order(Seat.objects.filter(body=access.body, is_active=True))
    return _form_page(
        request,
        make_form=lambda data: forms.AgreementForm(data, seats=seats),
        write=lambda data: services.agreement_add(
            actor=request.user,
            meeting=item,
            text=data["text"],
            owner_seat_id=data["owner"] or None,
            due_on=data["due_on"],
        ),
        done=_("Agreement recorded."),
        back=_meeting_url(slug, pk),
        template="bodies/agreement_form.html",
        context={"body": access.body, "meeting": item},
    )


@login_required
@require_POST
def agreement_action(request, slug, pk):
    access = _access(request, slug)
    agreement = selectors.agreement_for(access=access, pk=pk)
    if agreement is None:
        raise Http404
    action = request.POST.get("action")
    try:
        if action == "status":
            form = forms.StatusForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose a status."))
            services.agreement_status_set(
                actor=request.user, agreement=agreement, status=form.cleaned_data["status"]
            )
            messages.success(request, _("Status saved."))
        elif action == "note":
            form = forms.NoteForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Write the note."))
            services.agreement_note_add(
                actor=request.user, agreement=agreement, text=form.cleaned_data["text"]
            )
            messages.success(request, _("Follow-up note saved."))
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as error:
        _error_message(request, error)
    # Back to the meeting page it was changed from (one of this body's), else its own.
    back = selectors.meeting_for(access=access, pk=_int(request.POST.get("back")))
    meeting_pk = back.pk if back is not None else agreement.meeting_id
    return redirect(f"{_meeting_url(slug, meeting_pk)}#agreement-{agreement.pk}")


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _meeting_url(slug, pk) -> str:
    return reverse("bodies:meeting", kwargs={"slug": slug, "pk": pk})
