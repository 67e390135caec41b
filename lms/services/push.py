"""Web Push to the installed app (RFC 8030, payloads encrypted per RFC 8291, VAPID per RFC 8292).

A person turns push on in a browser from the notification preferences: the
browser subscribes with the campus's public VAPID key and the page posts what
it got (``push_subscription_save``). When a notification is written for a
person who has an installed app and wants its kind group on the push channel
(``lms.notification_kinds``; mentions and direct messages by default), the
worker pushes it to each of their apps (``notification_pushes_send``): title,
text and address, in the language it was written in. Each notification is
claimed (``pushed_at``) before it goes, so nobody is pushed it twice; one the
person read before the worker got to it is not pushed. An app the push service
says is gone (404, 410) is forgotten.

The keys come from the environment (``WEB_PUSH_VAPID_PUBLIC_KEY``,
``WEB_PUSH_VAPID_PRIVATE_KEY``; ``manage.py vapid_keys`` makes a pair). Without
them push is off: nothing is enqueued and the preferences page says so.
"""

import base64
import binascii
import json
import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from py_vapid import Vapid02
from pywebpush import WebPushException, webpush

from lms.models import Notification, PushSubscription, User
from lms.notification_kinds import Channel
from lms.selectors.notifications import channel_enabled_for
from lms.services.delivery import FieldLedger, deliver_once

logger = logging.getLogger(__name__)

# A person's installed apps; the oldest is forgotten when a new one is added past this.
MAX_SUBSCRIPTIONS = 10
# What a push carries at most of a notification's text (push services take about 4 KB).
BODY_CHARACTERS = 300
GONE = (404, 410)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def vapid_keys_generate() -> tuple[str, str]:
    """A new VAPID key pair: (public, private), base64url as the settings take them."""
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    private = key.private_numbers().private_value.to_bytes(32, "big")
    return _b64url(public), _b64url(private)


def push_configured() -> bool:
    """Whether this server can push (both VAPID keys are set)."""
    return bool(settings.WEB_PUSH_VAPID_PUBLIC_KEY and settings.WEB_PUSH_VAPID_PRIVATE_KEY)


def _vapid() -> Vapid02:
    return Vapid02.from_raw(settings.WEB_PUSH_VAPID_PRIVATE_KEY.encode())


# --- subscriptions ------------------------------------------------------------------------


def _endpoint_allowed(endpoint: str) -> bool:
    """A browser's push service: https on one of ``WEB_PUSH_SERVICE_HOSTS`` (or a
    name under one). Never another host: the worker posts to it (tests may allow
    a local push service)."""
    try:
        parts = urlsplit(endpoint)
        host = (parts.hostname or "").lower()
    except ValueError:
        return False
    if settings.WEB_PUSH_ALLOW_LOCAL_ENDPOINTS:
        return parts.scheme in ("http", "https") and bool(host)
    if parts.scheme != "https" or not host or parts.username or parts.password:
        return False
    if parts.port not in (None, 443):
        return False
    return any(
        host == allowed or host.endswith("." + allowed)
        for allowed in (name.lower().strip(".") for name in settings.WEB_PUSH_SERVICE_HOSTS)
    )


def _key_bytes(text: str, length: int) -> bytes | None:
    try:
        data = _b64url_decode(text.strip())
    except (binascii.Error, ValueError):
        return None
    return data if len(data) == length else None


def device_label(user_agent: str) -> str:
    """ "Firefox on Android" from a browser's User-Agent, to tell a person's apps apart."""
    browsers = (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"))
    browser = next((name for marker, name in browsers if marker in user_agent), "")
    if not browser and "Safari/" in user_agent:
        browser = "Safari"
    systems = (
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    )
    system = next((name for marker, name in systems if marker in user_agent), "")
    return " · ".join(name for name in (browser, system) if name)


@transaction.atomic
def push_subscription_save(
    *, user: User, endpoint: str, p256dh: str, auth: str, user_agent: str = ""
) -> PushSubscription:
    """Keep an app's subscription for this person (again: updated, not doubled).

    Refuses, with a message a person can read, what a browser never sends: an
    address that is not a push service's, keys of the wrong size.
    """
    if not push_configured():
        raise ValidationError(_("Push notifications are not set up on this server."))
    endpoint = (endpoint or "").strip()
    if len(endpoint) > 1000 or not _endpoint_allowed(endpoint):
        raise ValidationError(_("This is not the address of a push service."))
    public = _key_bytes(p256dh or "", 65)
    if public is None or public[0] != 4 or _key_bytes(auth or "", 16) is None:
        raise ValidationError(_("The browser's push keys are not valid."))
    fields = {"user": user, "p256dh": p256dh.strip(), "auth": auth.strip()}
    device = device_label(user_agent)
    if device:
        fields["device"] = device
    subscription, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint, defaults=fields
    )
    keep = PushSubscription.objects.filter(user=user).order_by("-created_at", "-pk")
    stale = list(keep.values_list("pk", flat=True)[MAX_SUBSCRIPTIONS:])
    PushSubscription.objects.filter(pk__in=stale).delete()
    return subscription


def push_subscription_delete(*, user: User, endpoint: str = "", pk: int | None = None) -> int:
    """Forget one of the person's apps (by its address, or its row); how many."""
    mine = PushSubscription.objects.filter(user=user)
    if pk is not None:
        return mine.filter(pk=pk).delete()[0]
    return mine.filter(endpoint=endpoint).delete()[0] if endpoint else 0


# --- sending ------------------------------------------------------------------------------


def pushes_wanted(*, user_ids: Iterable[int], kind: str) -> set[int]:
    """Who among these people should get a push for this kind: push is set up, they
    have an installed app and want the kind's group pushed (two queries at most)."""
    ids = set(user_ids)
    if not ids or not push_configured():
        return set()
    with_app = set(
        PushSubscription.objects.filter(user_id__in=ids).values_list("user_id", flat=True)
    )
    return channel_enabled_for(user_ids=with_app, kind=kind, channel=Channel.PUSH)


def pushes_enqueue(notification_ids: list[int]) -> None:
    """Push these notifications from the worker, after the transaction commits."""
    if not notification_ids:
        return
    from lms.tasks import send_notification_pushes

    ids = list(notification_ids)
    transaction.on_commit(lambda: send_notification_pushes.enqueue(ids))


def push_payload(notification: Notification) -> str:
    """What the service worker shows: the notification as written, in its language."""
    body = " ".join(notification.body.split())
    if len(body) > BODY_CHARACTERS:
        body = body[: BODY_CHARACTERS - 1] + "…"
    return json.dumps(
        {
            "title": notification.title,
            "body": body,
            "url": notification.url,
            "kind": notification.kind,
            # The same thing told twice replaces the first on the device.
            "tag": notification.key or f"notification:{notification.pk}",
            "created": notification.created_at.isoformat(),
        },
        ensure_ascii=False,
    )


class _PushFailed(Exception):
    """No app of the person took the push (and not because they are all gone)."""


def _push_to_apps(notification: Notification, *, vapid: Vapid02, session: requests.Session) -> None:
    data = push_payload(notification)
    apps = list(notification.user.push_subscriptions.all())  # prefetched
    delivered, failures = [], []
    for app in apps:
        try:
            webpush(
                {"endpoint": app.endpoint, "keys": {"p256dh": app.p256dh, "auth": app.auth}},
                data=data,
                vapid_private_key=vapid,
                vapid_claims={"sub": settings.WEB_PUSH_SUBJECT},
                ttl=settings.WEB_PUSH_TTL_SECONDS,
                timeout=settings.WEB_PUSH_TIMEOUT_SECONDS,
                headers={"Urgency": "high"},
                requests_session=session,
            )
        except WebPushException as error:
            status = getattr(error.response, "status_code", None)
            if status in GONE:  # uninstalled, or the person revoked the permission
                app.delete()
                continue
            failures.append(f"{app.pk}: {status or error}")
        except requests.RequestException as error:
            failures.append(f"{app.pk}: {type(error).__name__}")
        else:
            delivered.append(app.pk)
    if delivered:
        PushSubscription.objects.filter(pk__in=delivered).update(last_pushed_at=timezone.now())
    elif failures:
        raise _PushFailed("; ".join(failures))


def notification_pushes_send(*, notification_ids: list[int]) -> tuple[int, int]:
    """Push these notifications to their people's apps (a task's work); (sent, failed).

    Each is claimed first (a second run pushes nothing twice). One still unread
    goes to every app of its person; a push that no app took gives its claim
    back for a later run and does not stop the others.
    """
    if not push_configured():
        return 0, 0
    notifications = (
        Notification.objects.filter(
            pk__in=notification_ids,
            pushed_at__isnull=True,
            read_at__isnull=True,
            user__is_active=True,
        )
        .select_related("user")
        .prefetch_related("user__push_subscriptions")
        .order_by("pk")
    )
    vapid = _vapid()
    with requests.Session() as session:
        done = deliver_once(
            notifications,
            ledger=FieldLedger(Notification, "pushed_at"),
            send=lambda notification: _push_to_apps(notification, vapid=vapid, session=session),
            keep_going=True,
            what="Push of a notification",
        )
    return done.sent, done.failed
