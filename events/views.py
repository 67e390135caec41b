"""Event pages: the calendar of upcoming events, past events, an event, .ics files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from evaluations import selectors as evaluations
from events import selectors, services
from events.models import Event
from lms.calendar import absolute, calendar_file, ics_response
from lms.markup import render_markdown
from lms.selectors.video import video_panel
from pilots import selectors as pilots


def _kind(request) -> str:
    kind = request.GET.get("kind", "")
    return kind if kind in Event.Kind.values else ""


def events(request):
    kind = _kind(request)
    return render(
        request,
        "events/index.html",
        {
            "upcoming": list(selectors.upcoming(user=request.user, kind=kind)[:50]),
            "past": Paginator(selectors.past(kind=kind), 20).get_page(request.GET.get("page")),
            "kind": kind,
            "kinds": Event.Kind.choices,
            "query": f"kind={kind}" if kind else "",
        },
    )


def _event(request, slug) -> Event:
    item = selectors.event(slug=slug, user=request.user)
    if item is None:
        raise Http404
    return item


def _video(item, user):
    owner = selectors.event_video_owner(event=item, user=user)
    return video_panel(owner=owner) if owner is not None else None


def event(request, slug):
    item = _event(request, slug)
    user = request.user
    return render(
        request,
        "events/event.html",
        {
            "event": item,
            "agenda_html": render_markdown(item.agenda) if item.agenda else "",
            "registered": selectors.is_registered(user=user, event=item),
            "video": _video(item, user),
            # Who takes part is for the people who take part in the network.
            "participants": list(selectors.participants(event=item))
            if user.is_authenticated
            else [],
            "participant_count": item.registrations.count(),
            "evaluation_prompt": evaluations.prompt_for(user=user, subject=item)
            if user.is_authenticated and item.ends_at <= timezone.now()
            else None,
            "evaluation_url": reverse("evaluations:event", kwargs={"slug": item.slug}),
            "pilots": pilots.for_event(user=user, event=item)
            if item.kind == Event.Kind.WORKSHOP
            else [],
            "can_register_pilot": item.kind == Event.Kind.WORKSHOP
            and item.is_published
            and pilots.can_register(user),
        },
    )


@login_required
@require_POST
def register(request, slug):
    item = _event(request, slug)
    try:
        if request.POST.get("action") == "cancel":
            services.event_unregister(user=request.user, event=item)
            messages.success(request, _("Your registration is cancelled."))
        else:
            services.event_register(user=request.user, event=item)
            messages.success(request, _("You are registered."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("events:event", slug=slug)


@login_required
@require_POST
def follow_up(request, slug):
    item = _event(request, slug)
    if not request.user.is_secretariat:
        raise PermissionDenied
    space = services.event_follow_up_create(actor=request.user, event=item)
    members = space.memberships.count()
    messages.success(
        request,
        ngettext(
            "The follow-up space is ready with %(n)s member.",
            "The follow-up space is ready with %(n)s members.",
            members,
        )
        % {"n": members},
    )
    return redirect("forum:space", slug=space.slug)


def _ics(request, items, filename):
    entries = absolute([selectors.event_entry(item) for item in items], request)
    return ics_response(calendar_file(entries), filename)


def event_ics(request, slug):
    item = _event(request, slug)
    return _ics(request, [item], f"{item.slug}.ics")


def calendar_ics(request):
    """Every upcoming event, to subscribe to in a calendar application."""
    return _ics(
        request,
        selectors.upcoming(kind=_kind(request))[:200],
        "rial-events.ics",
    )
