"""The person's calendar: month and agenda views, the private subscription feed,
and a calendar file per course session or deadline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.calendar import absolute, calendar_file, ics_response
from lms.selectors import calendar as selectors
from lms.selectors.people import person_language
from lms.services.calendar import calendar_feed_ensure, calendar_feed_reset


def _ics(content: bytes, filename: str, *, attachment: bool = True) -> HttpResponse:
    response = ics_response(content, filename, attachment=attachment)
    response["Cache-Control"] = "private, no-store"
    return response


def _context(request, view: str) -> dict:
    feed = calendar_feed_ensure(user=request.user)
    return {
        "view": view,
        "feed_url": request.build_absolute_uri(
            reverse("calendar_feed", kwargs={"token": feed.token})
        ),
        "zone": timezone.get_current_timezone_name(),
    }


@login_required
@never_cache
def month(request):
    first = selectors.parse_month(request.GET.get("month"), timezone.localdate())
    return render(
        request,
        "lms/calendar_month.html",
        {
            **_context(request, "month"),
            "month": selectors.month_view(user=request.user, first=first),
        },
    )


@login_required
@never_cache
def agenda(request):
    return render(
        request,
        "lms/calendar_agenda.html",
        {
            **_context(request, "agenda"),
            "days": selectors.agenda(user=request.user),
            "agenda_days": selectors.AGENDA_DAYS,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def feed_reset(request):
    calendar_feed_reset(user=request.user)
    messages.success(
        request,
        _("Your calendar has a new private address: the old one no longer works."),
    )
    view = "lms:calendar_agenda" if request.POST.get("view") == "agenda" else "lms:calendar"
    return redirect(view)


@login_required
def item_ics(request, cohort_id: int, block_id: str):
    entry = selectors.course_entry(user=request.user, cohort_id=cohort_id, block_id=block_id)
    if entry is None:
        raise Http404
    return _ics(calendar_file(absolute([entry], request)), f"{entry.uid}.ics")


@never_cache
def feed(request, token: str):
    """The private feed: no sign-in, the secret address is the key."""
    user = selectors.feed_owner(token=token)
    if user is None:
        raise Http404
    with translation.override(person_language(user)):
        entries = absolute(selectors.feed_entries(user=user), request)
        name = _("RIAL Campus: %(name)s") % {"name": user.get_full_name()}
        content = calendar_file(entries, name=name)
    return _ics(content, "rial-campus.ics", attachment=False)
