"""Two-factor sign-in: who must use it, and whether a session has passed it.

allauth's ``mfa`` app asks for the second factor while signing in through its
own login flow, and writes what a session went through in the session
(``account_authentication_methods``: a ``"password"`` record, then an
``"mfa"`` record once a code was accepted). It does not require anyone to set
up an authenticator, and it never looks at sessions opened some other way.
``lms.middleware.MfaRequiredMiddleware`` (HTTP) and ``MfaWebsocketMiddleware``
(chat sockets) apply these rules to every request.
"""

import enum

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

# How long the answer to "has this person an authenticator app?" is kept; any
# change to a person's authenticators forgets it at once (receivers below).
_CACHE_SECONDS = 300


class Hold(enum.Enum):
    """Why a signed-in person may not use the campus yet."""

    #: Must set up an authenticator app first (the secretariat, staff, superusers).
    SETUP = "setup"
    #: Has an authenticator app, but this session has not passed a code.
    VERIFY = "verify"


def mfa_required(user) -> bool:
    """The secretariat and every account that can reach the admin must use a second factor.

    ``is_staff`` and ``is_superuser`` cost no query; ``is_secretariat`` reads the
    roles (once per request: they are cached on the user) and also covers a
    secretariat role granted without the admin flag.
    """
    return bool(user.is_staff or user.is_superuser or user.is_secretariat)


def _cache_key(user_id) -> str:
    return f"rial:mfa:totp:{user_id}"


def has_authenticator_app(user) -> bool:
    """Whether the person has set up an authenticator app (TOTP)."""
    key = _cache_key(user.pk)
    answer = cache.get(key)
    if answer is None:
        totp = Authenticator.Type.TOTP
        answer = Authenticator.objects.filter(user_id=user.pk, type=totp).exists()
        cache.set(key, answer, _CACHE_SECONDS)
    return answer


def session_passed_second_factor(request, user) -> bool:
    """Whether a code (authenticator app or recovery code) was accepted in this session.

    Reads the record allauth keeps: signing in through the two-factor step,
    confirming with a code on the reauthentication page, and setting up an
    authenticator app (``lms.views.mfa``) each add an ``"mfa"`` record for the
    person; signing out empties the session. A session opened without allauth
    (Wagtail's admin login form, ``force_login``) or opened before the person had
    an authenticator has none.
    """
    return any(
        record.get("method") == "mfa" for record in get_authentication_records(request, user)
    )


def hold_for(request, user) -> Hold | None:
    """What a signed-in person must do before using the campus, if anything.

    Everyone who has an authenticator app must have passed it in this session
    (whatever way the session was opened); the secretariat, staff and superusers
    must also have one.
    """
    if session_passed_second_factor(request, user):
        if not mfa_required(user) or has_authenticator_app(user):
            return None
        # Passed once, then removed the authenticator app: set up a new one.
        return Hold.SETUP
    if has_authenticator_app(user):
        return Hold.VERIFY
    if mfa_required(user):
        return Hold.SETUP
    return None


@receiver(post_save, sender=Authenticator)
@receiver(post_delete, sender=Authenticator)
def _forget_cached_answer(sender, instance, **kwargs):
    cache.delete(_cache_key(instance.user_id))
