"""Entering a session's video room through the platform, and ending it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms import video
from lms.selectors.video import video_owner
from lms.services.video import video_room_end, video_room_join


def _owner(request, key):
    owner = video_owner(key=key, user=request.user)
    if owner is None:
        raise Http404
    return owner


def _unavailable(request, owner):
    return render(request, "lms/video_unavailable.html", {"owner": owner}, status=503)


@login_required
@never_cache
def join(request, key):
    """A link on the session's page: checks the person may attend, creates the meeting
    when needed, counts them in and sends their browser to the server."""
    owner = _owner(request, key)
    if not owner.may_join:
        raise PermissionDenied(_("This session's room is for its participants."))
    if not video.configured():
        if owner.link:
            return redirect(owner.link)
        raise Http404
    try:
        url = video_room_join(
            user=request.user,
            owner=owner,
            logout_url=request.build_absolute_uri(owner.page_url),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(owner.page_url)
    except video.VideoError:
        return _unavailable(request, owner)
    return redirect(url)


@login_required
@require_POST
def end(request, key):
    owner = _owner(request, key)
    if not video.configured():
        raise Http404
    try:
        video_room_end(user=request.user, owner=owner)
    except video.VideoError:
        return _unavailable(request, owner)
    messages.success(request, _("The room is closed for everyone."))
    return redirect(owner.page_url)
