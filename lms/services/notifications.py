"""In-app notifications and the emails that go with them, in the recipient's language.

One notification (``notification_create``) is written in the request and its
email goes to the worker. Notifications for many people
(``notifications_fan_out``) are written by a task in the worker, a batch of
people at a time; each carries a key, so a task run twice tells nobody twice,
and each email is claimed on its row before it goes (``lms.services.delivery``),
so nobody gets it twice.

Whether an email goes depends on the person's preference for the kind's group
(``lms.notification_kinds``; ``lms.selectors.notifications.channel_enabled``).
Mentions and direct messages are not emailed at once: a periodic task
(``notification_batches_send``) sends one email listing what is still unread
once the oldest has waited ``NOTIFICATION_EMAIL_DELAY_MINUTES``. A person with
an installed app who wants the kind's group pushed gets a push from the worker
(``lms.services.push``).
"""

import logging
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from datetime import datetime, timedelta
from itertools import batched

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.choices import InterfaceLanguage
from lms.models import Notification, NotificationPreference, Profile, User
from lms.notification_kinds import (
    BATCHED,
    Channel,
    KindGroup,
    batched_kinds,
    group_of,
    kinds_of,
)
from lms.selectors.counts import notification_counts_changed
from lms.selectors.notifications import channel_enabled, channel_enabled_for
from lms.services.delivery import FieldLedger, deliver_once
from lms.services.push import pushes_enqueue, pushes_wanted

logger = logging.getLogger(__name__)

FAN_OUT_BATCH = 200


def language_or_default(language: str | None) -> str:
    return language if language in InterfaceLanguage.values else settings.LANGUAGE_CODE


def recipient_language(user: User) -> str:
    relation = User._meta.get_field("profile")
    if relation.is_cached(user):  # fetched with select_related("profile")
        profile = relation.get_cached_value(user)
        return language_or_default(profile.preferred_language if profile else None)
    language = (
        Profile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    )
    return language_or_default(language)


@contextmanager
def in_language_of(user: User):
    """Write (titles, emails, links) in this person's language."""
    with translation.override(recipient_language(user)):
        yield


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notification_email(notification: Notification) -> EmailMessage:
    """The email of a notification, in its recipient's language."""
    with in_language_of(notification.user):
        body = render_to_string(
            "lms/email/notification.txt",
            {
                "notification": notification,
                "user": notification.user,
                "link": absolute_url(notification.url) if notification.url else "",
            },
        )
        headers = {}
        if notification.unsubscribe_url:
            headers["List-Unsubscribe"] = f"<{notification.unsubscribe_url}>"
        return EmailMessage(
            subject="[RIAL Campus] " + " ".join(notification.title.split()),
            body=body,
            to=[notification.user.email],
            headers=headers,
        )


def notification_emails_send(*, notification_ids: list[int]) -> tuple[int, int]:
    """Email these notifications (a task's work); (sent, failed).

    Each email is claimed on its row before it goes (``lms.services.delivery``):
    a second run, or two workers at once, send nobody the same email twice. A
    failed email gives its claim back (a later run may send it) and does not
    stop the others.
    """
    notifications = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True, user__is_active=True
    ).select_related("user", "user__profile")
    done = deliver_once(
        notifications,
        ledger=FieldLedger(Notification, "emailed_at"),
        send=lambda notification: notification_email(notification).send(),
        keep_going=True,
        what="Email of a notification",
    )
    return done.sent, done.failed


def _enqueue_emails(ids: list[int]) -> None:
    from lms.tasks import send_notification_emails

    for chunk in batched(ids, FAN_OUT_BATCH, strict=False):
        send_notification_emails.enqueue(list(chunk))


@transaction.atomic
def notification_create(
    *,
    user: User,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = False,
    unsubscribe_url: str = "",
) -> Notification:
    """Record a notification; email it after the transaction commits if asked.

    ``unsubscribe_url`` (a link that needs no sign-in) goes in the email and its
    List-Unsubscribe header, not in the campus. No email goes to a person who
    turned email off for the kind's group; a mention or a direct message waits
    for the batch (``notification_batches_send``).
    """
    wanted = email and channel_enabled(user=user, kind=kind, channel=Channel.EMAIL)
    batched_kind = group_of(kind) in BATCHED
    now = timezone.now()
    notification = Notification.objects.create(
        user=user,
        kind=kind,
        title=title[:255],
        body=body,
        url=url[:500],
        unsubscribe_url=unsubscribe_url[:500],
        created_at=now,
        # Nothing to send: marked as done, so the batch does not wait for it.
        emailed_at=now if batched_kind and not wanted else None,
    )
    if wanted and not batched_kind:
        transaction.on_commit(lambda: _enqueue_emails([notification.pk]))
    if pushes_wanted(user_ids=[user.pk], kind=kind):
        pushes_enqueue([notification.pk])
    return notification


def notifications_fan_out(
    *,
    people: Iterable[User],
    kind: str,
    key: str,
    write: Callable[[User], dict],
    email: bool = False,
) -> int:
    """Notify many people (a task's work, not a request's); how many were new.

    ``write(person)`` is called in the person's language and returns the
    ``title`` and optionally ``body``, ``url`` and ``unsubscribe_url``. Rows are
    inserted a batch at a time; ``key`` (what it is about, e.g. "event:12")
    makes a second run create nothing for people already told. The emails go
    out in tasks of their own, a batch of notifications each, to the people
    whose preference for the kind's group lets email through (one query a batch);
    a kind of a batched group (chat mentions, direct messages) waits for
    ``notification_batches_send`` instead, unless it carries its own unsubscribe link.
    """
    created = 0
    batched_kind = group_of(kind) in BATCHED
    for chunk in batched(people, FAN_OUT_BATCH, strict=False):
        chunk_ids = [person.pk for person in chunk]
        languages = dict(
            Profile.objects.filter(user__in=chunk_ids).values_list("user_id", "preferred_language")
        )
        wanted = (
            channel_enabled_for(user_ids=chunk_ids, kind=kind, channel=Channel.EMAIL)
            if email
            else set()
        )
        now = timezone.now()
        rows = []
        at_once = set()  # emailed now; the others of a batched group wait for the batch
        for person in chunk:
            with translation.override(language_or_default(languages.get(person.pk))):
                fields = write(person)
            # A notification with its own unsubscribe link (a forum subscription's)
            # is that feature's email and goes at once, batched group or not.
            if person.pk in wanted and (not batched_kind or fields.get("unsubscribe_url")):
                at_once.add(person.pk)
            rows.append(
                Notification(
                    user=person,
                    kind=kind,
                    key=key,
                    title=str(fields["title"])[:255],
                    body=str(fields.get("body", "")),
                    url=str(fields.get("url", ""))[:500],
                    unsubscribe_url=str(fields.get("unsubscribe_url", ""))[:500],
                    created_at=now,
                    # Nothing to send: marked as done, so the batch does not wait for it.
                    emailed_at=now if batched_kind and person.pk not in wanted else None,
                )
            )
        with transaction.atomic():
            before = Notification.objects.filter(user__in=chunk, key=key).count()
            Notification.objects.bulk_create(rows, ignore_conflicts=True)
            ids = list(
                Notification.objects.filter(
                    user__in=at_once, key=key, emailed_at__isnull=True
                ).values_list("pk", flat=True)
            )
            created += len(chunk) - before
            pushed = pushes_wanted(user_ids=chunk_ids, kind=kind)
            if pushed:
                pushes_enqueue(
                    list(
                        Notification.objects.filter(
                            user__in=pushed, key=key, pushed_at__isnull=True, read_at__isnull=True
                        ).values_list("pk", flat=True)
                    )
                )
        notification_counts_changed(*(person.pk for person in chunk))
        if email and ids:
            transaction.on_commit(lambda ids=ids: _enqueue_emails(ids))
    return created


@transaction.atomic
def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the person's notifications read (all of them, or the given ones)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    notification_counts_changed(user.pk)
    return unread.update(read_at=timezone.now())


# --- preferences -------------------------------------------------------------------------


@transaction.atomic
def notification_preferences_set(*, user: User, enabled: dict[tuple[str, str], bool]) -> None:
    """Store the person's choices per (group, channel); the campus channel stays on.

    Pairs not given are left as they were.
    """
    rows = [
        NotificationPreference(user=user, group=group, channel=channel, enabled=bool(on))
        for (group, channel), on in enabled.items()
        if group in KindGroup.values and channel in Channel.values and channel != Channel.CAMPUS
    ]
    NotificationPreference.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["user", "group", "channel"],
        update_fields=["enabled"],
    )


UNSUBSCRIBE_SALT = "lms.notifications.unsubscribe"


def notification_unsubscribe_url(*, user: User, groups: Iterable[str]) -> str:
    """A link that turns email off for these kind groups, with no sign-in."""
    token = signing.dumps(
        {"u": user.pk, "g": sorted(set(groups))}, salt=UNSUBSCRIBE_SALT, compress=True
    )
    return absolute_url(reverse("lms:notification_unsubscribe", kwargs={"token": token}))


def notification_unsubscribe_groups(*, token: str) -> tuple[User, list[str]]:
    """Who an unsubscribe link is for and the groups it would turn off, changing nothing."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise ValidationError(_("This unsubscribe link is not valid.")) from error
    groups = data.get("g") if isinstance(data, dict) else None
    user = User.objects.filter(pk=data.get("u")).first() if groups else None
    if user is None or not all(group in KindGroup.values for group in groups):
        raise ValidationError(_("This unsubscribe link is not valid."))
    return user, groups


def notification_unsubscribe(*, token: str) -> tuple[User, list[str]]:
    """Apply an unsubscribe link: email off for its groups. Idempotent."""
    user, groups = notification_unsubscribe_groups(token=token)
    notification_preferences_set(
        user=user, enabled={(group, Channel.EMAIL): False for group in groups}
    )
    return user, groups


# --- batched emails of mentions and direct messages ---------------------------------------


def _waiting():
    """Unread mentions and direct messages whose email has not gone."""
    return Notification.objects.filter(
        kind__in=batched_kinds(), read_at__isnull=True, emailed_at__isnull=True
    )


def notification_batch_email(*, user: User, items: list[Notification]) -> EmailMessage:
    """One email listing a person's waiting notifications, in their language."""
    groups = sorted({group_of(item.kind) for item in items})
    with in_language_of(user):  # the links too: their language prefix
        unsubscribe = notification_unsubscribe_url(user=user, groups=groups)
        body = render_to_string(
            "lms/email/notification_batch.txt",
            {
                "user": user,
                "items": [(item, absolute_url(item.url) if item.url else "") for item in items],
                "notifications_link": absolute_url(reverse("lms:notifications")),
                "preferences_link": absolute_url(reverse("lms:notification_preferences")),
                "unsubscribe_url": unsubscribe,
            },
        )
        count = len(items)
        subject = ngettext(
            "%(count)s notification is waiting for you",
            "%(count)s notifications are waiting for you",
            count,
        ) % {"count": count}
    return EmailMessage(
        subject="[RIAL Campus] " + subject,
        body=body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _claim(user: User, enabled_groups: set[str]) -> list[Notification]:
    """Claim the person's waiting notifications: the ones of groups they want by email
    are returned to be sent; the others are marked done (no email will go)."""
    stamp = timezone.now()
    with transaction.atomic():
        waiting = _waiting().filter(user=user)
        wanted_kinds = [kind for group in enabled_groups for kind in kinds_of(group)]
        waiting.exclude(kind__in=wanted_kinds).update(emailed_at=stamp)
        claimed = waiting.filter(kind__in=wanted_kinds).update(emailed_at=stamp)
    if not claimed:
        return []
    # The rows this run won carry its stamp; a run at the same time won others.
    return list(
        Notification.objects.filter(user=user, kind__in=wanted_kinds, emailed_at=stamp).order_by(
            "created_at", "pk"
        )
    )


def notification_batches_send(*, now: datetime | None = None) -> tuple[int, int]:
    """Email each person whose oldest waiting mention or direct message is
    ``NOTIFICATION_EMAIL_DELAY_MINUTES`` old one email listing every waiting one
    (a periodic task's work); (sent, failed).

    Each notification is claimed (``emailed_at``) before the email goes: a
    second run, or two at once, email nobody twice. A failed email gives its
    claim back for a later run and does not stop the others. People who turned
    email off for a group get nothing about it; its notifications are marked done.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.NOTIFICATION_EMAIL_DELAY_MINUTES)
    due = _waiting().filter(created_at__lte=cutoff, user__is_active=True)
    people = list(
        User.objects.filter(pk__in=due.values("user_id")).select_related("profile").order_by("pk")
    )
    enabled: dict[int, set[str]] = {person.pk: set() for person in people}
    for group in BATCHED:
        for pk in channel_enabled_for(
            user_ids=enabled, kind=kinds_of(group)[0], channel=Channel.EMAIL
        ):
            enabled[pk].add(group)
    sent = failed = 0
    for person in people:
        items = _claim(person, enabled[person.pk])
        if not items:
            continue
        try:
            notification_batch_email(user=person, items=items).send()
        except Exception:
            Notification.objects.filter(pk__in=[item.pk for item in items]).update(emailed_at=None)
            logger.exception("Batched email to user %s failed", person.pk)
            failed += 1
        else:
            sent += 1
    return sent, failed


@transaction.atomic
def notifications_withdraw(*, key: str) -> int:
    """Take back the notifications about something that is gone (a deleted message):
    removed from every centre, and so never emailed. How many."""
    people = list(Notification.objects.filter(key=key).values_list("user_id", flat=True))
    deleted, _ = Notification.objects.filter(key=key).delete()
    notification_counts_changed(*people)
    return deleted


def notifications_rewrite(*, key: str, body: str) -> int:
    """What the notifications about something say, after it changed (an edited
    message): those not emailed yet will say the new text."""
    return Notification.objects.filter(key=key).update(body=body)
