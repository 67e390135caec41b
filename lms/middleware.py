import zoneinfo
from types import SimpleNamespace

from channels.auth import AuthMiddleware
from channels.db import database_sync_to_async
from channels.sessions import CookieMiddleware, SessionMiddleware
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import urlencode

from lms.mfa import Hold, hold_for

SESSION_KEY = "rial_time_zone"


def remember_time_zone(request, zone: str | None) -> None:
    """Keep the person's time zone in the session so no request has to query it."""
    if zone:
        request.session[SESSION_KEY] = zone
    else:
        request.session.pop(SESSION_KEY, None)


class UserTimezoneMiddleware:
    """Show dates in the signed-in person's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if zone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            # The zone is this request's: the thread's next work (another request,
            # a test, a task run in-process) must not inherit it.
            timezone.deactivate()


# --- Two-factor sign-in ---------------------------------------------------------------
#
# The rule (lms/mfa.py decides; these middlewares hold):
#
# 1. Whoever has an authenticator app must have passed it in this session. allauth
#    asks for the code only inside its own sign-in flow; a session opened another
#    way (Wagtail's /admin/login/ form, ``force_login``, a session opened before
#    the app was set up) carries no "mfa" record, and such a person is held on
#    the code page (allauth's ``mfa_reauthenticate``) until a code is accepted.
# 2. The secretariat, staff and superusers must have an authenticator app. Until
#    they have one they are held on the setup pages, whatever the session.
#
# A held person can still reach only what it takes to get out of the hold: the
# code page (rule 1); the two-factor page and the setup page, the password
# confirmation allauth asks before setting up, and the email pages (allauth
# refuses to set up two-factor sign-in while an address is unconfirmed) (rule 2;
# the recovery codes come with the setup, which ends the hold); and in both cases
# signing out, the language switch, /healthz and static files. Everything else,
# the Wagtail admin at /admin/ included, redirects to the page of the hold.
# Chat sockets of a held session are refused (MfaAuthMiddleware).

_OPEN_ALWAYS = frozenset({"account_logout", "set_language", "healthz"})
_OPEN_WHILE = {
    "verify": frozenset({"mfa_reauthenticate"}),
    "setup": frozenset(
        {
            "mfa_index",
            "mfa_activate_totp",
            "account_reauthenticate",
            "account_email",
            "account_confirm_email",
        }
    ),
}


def _url_name(request) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


class MfaRequiredMiddleware:
    """Hold signed-in people on the two-factor pages until they pass (see the rule above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path_info.startswith(settings.STATIC_URL)
        ):
            hold = hold_for(request, user)
            # Templates of the setup pages say why the person is there.
            request.rial_mfa_hold = hold
            if hold is not None:
                name = _url_name(request)
                if name not in _OPEN_ALWAYS and name not in _OPEN_WHILE[hold.value]:
                    return self._redirect(request, hold)
        return self.get_response(request)

    @staticmethod
    def _redirect(request, hold):
        if hold is Hold.SETUP:
            return redirect(reverse("mfa_activate_totp"))
        # Back to the page asked for once the code is accepted (GET only: a
        # form posted from a session that had not passed is not replayed).
        url = reverse("mfa_reauthenticate")
        if request.method == "GET":
            url += "?" + urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
        return redirect(url)


class MfaAuthMiddleware(AuthMiddleware):
    """channels' ``AuthMiddleware``, for which a held session is not signed in.

    The chat consumer then refuses the socket as it refuses anyone signed out.
    The rule is read in the same trip to a worker thread as the user (and the
    same database connection): a socket costs no extra hop.
    """

    async def resolve_scope(self, scope):
        scope["user"]._wrapped = await _socket_user(scope)


@database_sync_to_async
def _socket_user(scope):
    request = SimpleNamespace(session=scope["session"])
    user = get_user(request)
    if user.is_authenticated and hold_for(request, user) is not None:
        return AnonymousUser()
    return user


def MfaAuthMiddlewareStack(inner):
    """``channels.auth.AuthMiddlewareStack`` with ``MfaAuthMiddleware`` (config/asgi.py)."""
    return CookieMiddleware(SessionMiddleware(MfaAuthMiddleware(inner)))
