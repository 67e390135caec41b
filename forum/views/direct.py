"""Direct messages: the person's conversations, starting one, a conversation's page
(its room, live through /ws/chat/<room>/), blocking, reporting and leaving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum.access import find_room, room_access_found
from forum.models import Space
from forum.selectors import direct as selectors
from forum.services import direct as services
from forum.views.chat import room_context
from lms.models import User


@login_required
def inbox(request):
    return render(
        request,
        "forum/direct/inbox.html",
        {
            "conversations": selectors.conversations(user=request.user),
            "blocked": selectors.blocked_people(user=request.user),
        },
    )


@login_required
def new(request):
    """Find people to write to (GET ?q=); open a conversation with those chosen (POST)."""
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("to") if i.isdigit()]
        people = list(User.objects.filter(pk__in=ids[: selectors.MAX_PEOPLE]))
        if not people:
            messages.error(request, _("Choose who to write to."))
            return redirect("forum:direct_new")
        try:
            room = services.direct_conversation_open(actor=request.user, people=people)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("forum:direct_new")
        return redirect("forum:direct", slug=room.slug)
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "forum/direct/new.html",
        {
            "query": query,
            "found": selectors.people_to_write_to(user=request.user, query=query),
            "max_others": selectors.MAX_PEOPLE - 1,
        },
    )


def _conversation(request, slug):
    room = find_room(user=request.user, slug=slug)
    if room is None or room.space.kind != Space.Kind.DIRECT:
        raise Http404
    access = room_access_found(user=request.user, room=room)
    if access is None or not access.can_read:
        raise Http404  # the same answer for missing and not one's own
    return access


@login_required
def conversation(request, slug):
    access = _conversation(request, slug)
    room = access.room
    people = selectors.conversation_people(room=room)
    context = room_context(request, access)
    others = [person for person in people if person.pk != request.user.pk]
    member = len(others) < len(people)
    context.update(
        {
            "title": selectors.conversation_title(room=room, user=request.user, people=people),
            "people": people,
            "member": member,
            "one_to_one": member and len(others) == 1,
            "other": others[0] if len(others) == 1 else None,
            "blocked_ids": {p.pk for p in selectors.blocked_people(user=request.user)},
            "readonly_note": _("You can read this conversation but not write in it."),
        }
    )
    return render(request, "forum/direct/conversation.html", context)


@login_required
@require_POST
def block(request, slug):
    access = _conversation(request, slug)
    person = User.objects.filter(pk=request.POST.get("person") or 0).first()
    people = {p.pk for p in selectors.conversation_people(room=access.room)}
    if person is None or person.pk not in people:
        raise Http404
    try:
        if request.POST.get("action") == "unblock":
            services.direct_unblock(actor=request.user, person=person)
            messages.success(
                request, _("%(name)s is no longer blocked.") % {"name": person.get_full_name()}
            )
        else:
            services.direct_block(actor=request.user, person=person)
            messages.success(
                request,
                _("%(name)s can no longer write to you.") % {"name": person.get_full_name()},
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("forum:direct", slug=slug)


@login_required
def report(request, slug):
    access = _conversation(request, slug)
    error = ""
    if request.method == "POST":
        try:
            services.direct_report(
                actor=request.user, room=access.room, reason=request.POST.get("reason", "")
            )
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request, _("Thank you. The secretariat will look at this conversation.")
            )
            return redirect("forum:direct", slug=slug)
    return render(
        request,
        "forum/direct/report.html",
        {
            "room": access.room,
            "title": selectors.conversation_title(room=access.room, user=request.user),
            "error": error,
            "reason": request.POST.get("reason", ""),
            "max_reason": services.MAX_REASON,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def leave(request, slug):
    access = _conversation(request, slug)
    try:
        services.direct_leave(actor=request.user, room=access.room)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("forum:direct", slug=slug)
    messages.success(request, _("You left the conversation."))
    return redirect("forum:direct_inbox")
