"""Two-factor sign-in in tests: give people an authenticator app, and pass it honestly.

The secretariat, staff and superusers must have an authenticator app and pass
it in every session (lms/mfa.py); the test settings do not turn that off. Tests
give them an app (``totp_enable``) and either sign in through allauth's pages
(``sign_in_through_pages``) or, for the Django test client, ``mfa_force_login``:
``force_login`` followed by the records allauth's sign-in writes in the session
after the password and after an accepted code.
"""

import base64
import hashlib
import hmac
import struct
import time

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.test import RequestFactory
from django.urls import reverse

# A fixed secret, so tests can compute codes (base32, as authenticator apps take it).
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PERIOD = 30
FRESH_SECONDS = 3  # totp_code gives no code with less left to live


def totp_code(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows for ``secret`` (RFC 6238: SHA-1, 6 digits, 30 s).

    Without ``at``, a code with a few seconds left to live: near the end of a step
    this waits for the next one, as a person would, since the server accepts the
    current step only and a busy machine may take a second to post it."""
    if at is None:
        left = PERIOD - time.time() % PERIOD
        if left < FRESH_SECONDS:
            time.sleep(left + 0.05)
        at = time.time()
    counter = int(at // PERIOD)
    key = base64.b32decode(secret.replace(" ", "").upper())
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def next_period_code(secret: str) -> str:
    """Wait for the next 30-second step and return its code (a code is accepted once)."""
    now = time.time()
    time.sleep(PERIOD - now % PERIOD + 0.2)
    return totp_code(secret, at=time.time())


class StepClock:
    """The clock allauth checks codes against in this process, moved on a step at will.

    ``next_step()`` is ``next_period_code`` without the wait: the server (the live
    server's thread, in this process) and ``code()`` both see the time of the
    next 30-second step, as if the test had waited for it, so a code spent in this
    step is followed by the app's next one at once. The server still accepts the
    code of its current step only (no tolerance), and a spent code still is
    refused. A server in another process keeps the real clock: use
    ``next_period_code`` there.
    """

    def __init__(self):
        self.offset = 0.0

    def time(self) -> float:
        return time.time() + self.offset

    def next_step(self) -> None:
        """Move to the start of the next step (0.2 s into it, as ``next_period_code``)."""
        self.offset += PERIOD - self.time() % PERIOD + 0.2

    def code(self, secret: str) -> str:
        """What the app shows now by this clock; near the end of a step, the next step's."""
        if PERIOD - self.time() % PERIOD < FRESH_SECONDS:
            self.next_step()
        return totp_code(secret, at=self.time())

    def install(self, monkeypatch) -> "StepClock":
        """Make allauth's two-factor check read this clock, for the test's duration."""
        from types import SimpleNamespace

        from allauth.mfa.totp.internal import auth

        monkeypatch.setattr(auth, "time", SimpleNamespace(time=self.time))
        return self


def totp_enable(user, secret: str = SECRET) -> list[str]:
    """Give ``user`` an authenticator app with ``secret`` and recovery codes; return the codes."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
    return RecoveryCodes.activate(user).get_unused_codes()


def mfa_force_login(client, user) -> None:
    """``force_login``, then what allauth records when a person signs in with password and code."""
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = user
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    record_authentication(request, user, "password", email=user.email)
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    request.session.save()


def sign_in_through_pages(client, email, password, code, language="en"):
    """Sign in with the Django test client through allauth's two pages; return the last response."""
    from django.utils import translation

    with translation.override(language):
        login_url = reverse("account_login")
        code_url = reverse("mfa_authenticate")
    response = client.post(login_url, {"login": email, "password": password})
    assert response.status_code == 302 and response.url == code_url, response
    return client.post(code_url, {"code": code})


def sign_in(client, user) -> None:
    """``force_login`` for anyone: with the second factor passed when the person has an app."""
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        mfa_force_login(client, user)
    else:
        client.force_login(user)
