"""In-app notifications and the emails that go with them, in the recipient's language.

One notification (``notification_create``) is written in the request and its
email goes to the worker. Notifications for many people
(``notifications_fan_out``) are written by a task in the worker, a batch of
people at a time; each carries a key, so a task run twice tells nobody twice,
and each email is claimed on its row before it goes (``lms.services.delivery``),
so nobody gets it twice.
"""

from collections.abc import Callable, Iterable
from contextlib import contextmanager
from itertools import batched

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from lms.choices import InterfaceLanguage
from lms.models import Notification, Profile, User
from lms.selectors.counts import header_counts_forget
from lms.services.delivery import FieldLedger, deliver_once

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
    List-Unsubscribe header, not in the campus.
    """
    notification = Notification.objects.create(
        user=user,
        kind=kind,
        title=title[:255],
        body=body,
        url=url[:500],
        unsubscribe_url=unsubscribe_url[:500],
    )
    if email:
        transaction.on_commit(lambda: _enqueue_emails([notification.pk]))
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
    out in tasks of their own, a batch of notifications each.
    """
    created = 0
    for chunk in batched(people, FAN_OUT_BATCH, strict=False):
        languages = dict(
            Profile.objects.filter(user__in=[person.pk for person in chunk]).values_list(
                "user_id", "preferred_language"
            )
        )
        rows = []
        for person in chunk:
            with translation.override(language_or_default(languages.get(person.pk))):
                fields = write(person)
            rows.append(
                Notification(
                    user=person,
                    kind=kind,
                    key=key,
                    title=str(fields["title"])[:255],
                    body=str(fields.get("body", "")),
                    url=str(fields.get("url", ""))[:500],
                    unsubscribe_url=str(fields.get("unsubscribe_url", ""))[:500],
                )
            )
        with transaction.atomic():
            before = Notification.objects.filter(user__in=chunk, key=key).count()
            Notification.objects.bulk_create(rows, ignore_conflicts=True)
            ids = list(
                Notification.objects.filter(
                    user__in=chunk, key=key, emailed_at__isnull=True
                ).values_list("pk", flat=True)
            )
            created += len(chunk) - before
        header_counts_forget(*(person.pk for person in chunk))
        if email and ids:
            transaction.on_commit(lambda ids=ids: _enqueue_emails(ids))
    return created


@transaction.atomic
def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the person's notifications read (all of them, or the given ones)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    header_counts_forget(user.pk)
    return unread.update(read_at=timezone.now())
