"""Chat pages: the list of rooms and a room (live through /ws/chat/<room>/)."""

import datetime
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, formats
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from forum import selectors, services
from forum.access import find_room, room_access, room_access_found
from forum.models import RoomMute, Space
from forum.selectors.forums import handle as forum_handle
from lms.http import is_offline_copy
from lms.markup import MarkupTooLong, render_markdown
from lms.models import User

INITIAL_MESSAGES = 50
# What the installable app keeps of a room for reading offline (lms.selectors.offline).
OFFLINE_MESSAGES = 100
_FIND = object()


def _access(request, slug, room=_FIND):
    if room is _FIND:
        access = room_access(user=request.user, slug=slug)
    else:
        access = room_access_found(user=request.user, room=room) if room is not None else None
    if access is None:
        raise Http404
    if not access.can_read:
        if access.room.space.kind == Space.Kind.DIRECT:
            raise Http404  # a private conversation: not even whether it exists
        raise PermissionDenied(_("This room is for the members of its space."))
    return access


def chat_strings() -> dict:
    """What the room's script says, in the page's language."""
    from lms.choices import ACTOR_TYPE_SHORT, ActorType, Role

    return {
        "connecting": _("Connecting…"),
        "connected": _("Connected: new messages appear as they are sent."),
        "reconnecting": _("Connection lost. Reconnecting… Your messages are kept and sent then."),
        "offline": _("You are offline. Your messages will be sent when you are back."),
        "sending": _("sending…"),
        # A message written offline, kept in the browser until the connection returns.
        "queued": _("will be sent"),
        "typing": _("%(name)s is writing…"),
        "deleted": _("This message was deleted by a moderator."),
        "deleted_by_author": _("This message was deleted by its author."),
        "delete": _("Delete"),
        "edit_message": _("Edit"),
        "save": _("Save"),
        "cancel": _("Cancel"),
        "edited": _("(edited)"),
        "reply": _("Reply in thread"),
        "replies_one": _("1 reply"),
        "replies_many": _("%(n)s replies"),
        "react": _("Add a reaction"),
        "reaction_label": _("Reaction %(emoji)s: %(n)s"),
        "thread": _("Thread"),
        "close": _("Close"),
        "thread_empty": _("No reply yet."),
        "mention_list": _("People to mention"),
        "jump": _("Jump to the latest messages"),
        "pin": _("Pin"),
        "unpin": _("Unpin"),
        "pinned": _("Pinned"),
        "files_sending": _("Sending the files…"),
        "jump_new": _("%(n)s new: jump to the latest"),
        "nobody": _("Nobody else right now."),
        "empty_preview": _("Nothing to preview yet."),
        "preview": _("Preview"),
        "edit": _("Back to editing"),
        "helpful": _("Mark as the answer that helped"),
        "roles": {code: str(label) for code, label in Role.choices},
        "voices": {
            code: {"short": str(ACTOR_TYPE_SHORT[code]), "full": str(label)}
            for code, label in ActorType.choices
        },
        "day_periods": day_periods(),
    }


def day_periods() -> dict:
    """Django's words for the format characters a, A and P, in the page's language.

    The script formats live messages' times with the same format string as the
    server (``data-time-format``), so it needs the same words.
    """

    def word(hour, char):
        return dateformat.format(datetime.datetime(2000, 1, 1, hour, 0), char)

    return {
        "am": word(1, "a"),
        "pm": word(13, "a"),
        "AM": word(1, "A"),
        "PM": word(13, "A"),
        "midnight": word(0, "P"),
        "noon": word(12, "P"),
    }


@login_required
def chat_index(request):
    # Direct messages have their own list (/messages/).
    rooms = list(selectors.readable_rooms(user=request.user).exclude(space__kind=Space.Kind.DIRECT))
    return render(request, "forum/chat_index.html", {"rooms": rooms})


HISTORY_RESULTS = 30


def room_context(request, access) -> dict:
    """What templates/forum/includes/chat.html needs (also on question and session pages)."""
    room = access.room
    # The installable app's offline copy holds more of the room, and reading it is not
    # the person reading the room.
    offline_copy = is_offline_copy(request)
    limit = OFFLINE_MESSAGES if offline_copy else INITIAL_MESSAGES
    history, has_more = selectors.messages_before(room=room, before=None, limit=limit)
    # A room from find_room knows how far the person read it: no write when nothing is new.
    read_seq = getattr(room, "person_read_seq", _FIND)
    unread = read_seq is _FIND or read_seq is None or (history and history[-1].seq > read_seq)
    if history and request.user.is_authenticated and unread and not offline_copy:
        services.room_mark_read(user=request.user, room=room, seq=history[-1].seq)
    # Where the person left off: the page draws a "new messages" line above it.
    first_unread = None
    if isinstance(read_seq, int) and read_seq:
        first_unread = next(
            (
                m.seq
                for m in history
                if m.seq > read_seq and m.author_id != request.user.pk and not m.reply_to_id
            ),
            None,
        )
    if hasattr(room, "person_muted_until"):
        until = room.person_muted_until
        muted = RoomMute(room=room, user=request.user, until=until) if until else None
    else:
        muted = selectors.is_muted(user=request.user, room=room)
    return {
        "room": room,
        "space": room.space,
        "access": access,
        "history": history,
        "has_more": has_more,
        "last_id": history[-1].seq if history else 0,
        "last_change": room.last_change,
        "first_unread": first_unread,
        "file_accept": ",".join(sorted({*services.IMAGE_TYPES, *services.DOCUMENT_TYPES})),
        "max_files": services.chat.MAX_FILES,
        "present": selectors.present_users(room=room, roles=False),  # names only
        "muted": muted,
        "members": selectors.room_members(room=room) if access.can_moderate else [],
        "client_id": uuid.uuid4(),
        "chat_strings": chat_strings(),
        # How message times are printed (message.html); the script prints live ones alike.
        "time_format": formats.get_format("SHORT_DATETIME_FORMAT"),
    }


@login_required
def room(request, slug):
    # An office-hours session's or a question's room lives on that page (with its
    # queue, its transcript, its status); that page checks access.
    room = find_room(user=request.user, slug=slug)
    if room is not None and room.home_session_id:
        return redirect("forum:office_hour", session_id=room.home_session_id)
    if room is not None and room.home_question_id:
        return redirect("forum:question", question_id=room.home_question_id)
    access = _access(request, slug, room)
    if access.room.space.kind == Space.Kind.DIRECT:
        return redirect("forum:direct", slug=slug)
    context = room_context(request, access)
    context["forum"] = selectors.room_forum(user=request.user, room=access.room, found=True)
    # Searching the room's history (the room is readable: _access checked it).
    query = request.GET.get("q", "").strip()[:200]
    if query:
        from forum.search import message_search

        found = message_search(user=request.user, query=query, room=access.room)
        context.update(query=query, found=found[0:HISTORY_RESULTS], found_count=found.count())
    return render(request, "forum/room.html", context)


@login_required
@require_POST
def room_post(request, slug):
    """Sending without JavaScript: the same service as the WebSocket."""
    access = _access(request, slug)
    reply_to = _seq(request.POST.get("reply_to"))
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        sent = services.chat_message_send(
            user=request.user,
            room=access.room,
            client_id=request.POST.get("client_id", ""),
            body=request.POST.get("body", ""),
            reply_to=reply_to,
            files=request.FILES.getlist("file"),
        )
    except services.ChatError as error:
        if wants_json:  # the room's script sends files this way (a socket carries no file)
            return JsonResponse({"error": error.message, "code": error.code}, status=400)
        messages.error(request, error.message)
        request.session[f"rial_chat_draft:{access.room.pk}"] = request.POST.get("body", "")
    else:
        if wants_json:
            return JsonResponse({"id": sent.message.seq})
    if reply_to is not None:
        return redirect("forum:room_thread", slug=slug, seq=reply_to)
    return redirect("forum:room", slug=slug)


def _seq(value) -> int | None:
    """A message id from a form (None when it is not one)."""
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _back_to(slug, seq) -> str:
    """The room (or the page it lives on) at the message."""
    return f"{reverse('forum:room', kwargs={'slug': slug})}#m-{seq}"


@login_required
def chat_file(request, file_id):
    """A file shared in a chat message, for people who may read its room."""
    import mimetypes

    from forum.access import access_chat_file
    from lms.http import private_file_response

    item = access_chat_file(user=request.user, file_id=file_id)
    content_type = mimetypes.guess_type(item.name)[0] or "application/octet-stream"
    return private_file_response(
        request, item.file, filename=item.name, content_type=content_type, inline=item.is_image
    )


@login_required
def room_people(request, slug):
    """Who to mention: the room's people whose name starts a word with what was typed
    after "@" (the composer's suggestions), as JSON."""
    access = _access(request, slug)
    if not access.can_write:
        raise Http404  # suggestions are for the composer: readers have none
    found = selectors.mention_suggestions(
        room=access.room, user=request.user, typed=request.GET.get("q", "")
    )
    return JsonResponse(
        {"people": [{"name": p.get_full_name(), "handle": forum_handle(p)} for p in found]}
    )


@login_required
def room_thread(request, slug, seq):
    """A thread on a page of its own: without JavaScript, from a link, on a phone."""
    access = _access(request, slug)
    found = selectors.thread_messages(room=access.room, seq=seq)
    if found is None:
        raise Http404
    root, replies = found[0], found[1:]
    return render(
        request,
        "forum/thread.html",
        {
            "room": access.room,
            "space": access.room.space,
            "access": access,
            "root": root,
            "replies": replies,
            "client_id": uuid.uuid4(),
            "back": _back_to(slug, root.seq),
        },
    )


@login_required
@require_POST
def room_react(request, slug, seq):
    """Give or take back a reaction (the page's buttons without JavaScript)."""
    access = _access(request, slug)
    try:
        services.chat_message_react(
            actor=request.user,
            room=access.room,
            seq=seq,
            emoji=request.POST.get("emoji", ""),
            on=None,  # the button turns the person's reaction over
        )
    except services.ChatError as error:
        messages.error(request, error.message)
    return redirect(_back_to(slug, seq))


@login_required
def message_edit(request, slug, seq):
    """Edit a message (without JavaScript; the room edits in place over the socket)."""
    access = _access(request, slug)
    message = selectors.message_by_seq(room=access.room, seq=seq)
    if message is None or message.deleted_at is not None:
        raise Http404
    if not access.may_edit(message, request.user):
        raise Http404
    if request.method == "GET" and "application/json" in request.headers.get("Accept", ""):
        # The room's script edits in place: it needs the text as typed (Markdown).
        response = JsonResponse({"id": message.seq, "body": message.body})
        patch_vary_headers(response, ["Accept"])
        return response
    error = ""
    body = message.body
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            services.chat_message_edit(actor=request.user, room=access.room, seq=seq, body=body)
        except services.ChatError as refused:
            error = refused.message
        else:
            messages.success(request, _("Your change is saved."))
            return redirect(_back_to(slug, seq))
    return render(
        request,
        "forum/message_edit.html",
        {
            "room": access.room,
            "space": access.room.space,
            "message": message,
            "body": body,
            "error": error,
            "back": _back_to(slug, seq),
            "max_body": services.MAX_BODY,
        },
        status=400 if error else 200,
    )


@login_required
def message_versions(request, slug, seq):
    """What a message said before each edit: for the room's moderators."""
    access = _access(request, slug)
    if not access.can_moderate:
        raise PermissionDenied(_("Only the room's moderators read earlier versions."))
    found = selectors.message_versions(room=access.room, seq=seq)
    if found is None:
        raise Http404
    message, versions = found
    return render(
        request,
        "forum/message_versions.html",
        {
            "room": access.room,
            "space": access.room.space,
            "message": message,
            "versions": versions,
            "back": _back_to(slug, seq),
        },
    )


@login_required
@require_POST
def room_read(request, slug):
    access = _access(request, slug)
    try:
        seq = int(request.POST.get("seq", "0"))
    except ValueError:
        return JsonResponse({"error": "invalid"}, status=400)
    return JsonResponse(
        {"read": services.room_mark_read(user=request.user, room=access.room, seq=seq)}
    )


@login_required
@require_POST
def room_mute(request, slug):
    access = _access(request, slug)
    target = User.objects.filter(pk=request.POST.get("user") or 0).first()
    try:
        minutes = int(request.POST.get("minutes", "0"))
    except ValueError:
        minutes = 0
    if target is None:
        messages.error(request, _("Choose the person to mute."))
        return redirect("forum:room", slug=slug)
    try:
        if request.POST.get("action") == "unmute":
            services.room_unmute(actor=request.user, room=access.room, user=target)
            messages.success(
                request, _("%(name)s can write again.") % {"name": target.get_full_name()}
            )
        else:
            services.room_mute(
                actor=request.user,
                room=access.room,
                user=target,
                minutes=minutes,
                reason=request.POST.get("reason", ""),
            )
            messages.success(
                request,
                ngettext(
                    "%(name)s is muted in this room for %(minutes)s minute.",
                    "%(name)s is muted in this room for %(minutes)s minutes.",
                    minutes,
                )
                % {"name": target.get_full_name(), "minutes": minutes},
            )
    except services.ChatError as error:
        messages.error(request, error.message)
    return redirect("forum:room", slug=slug)


@login_required
@require_POST
def preview(request):
    """What a message will look like: rendered by lms.markup, as it will be saved."""
    body = request.POST.get("body", "")
    limit = services.MAX_POST if request.POST.get("kind") == "post" else services.MAX_BODY
    if len(body) > limit:
        return JsonResponse(
            {"error": _("A message has at most %(n)s characters.") % {"n": limit}},
            status=400,
        )
    try:
        return JsonResponse({"html": str(render_markdown(body))})
    except MarkupTooLong:
        return JsonResponse({"error": _("The message is too long.")}, status=400)
