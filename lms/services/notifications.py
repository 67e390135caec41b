"""In-app notifications and the emails that go with them, in the recipient's language."""

from contextlib import contextmanager

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from lms.choices import InterfaceLanguage
from lms.models import Notification, Profile, User


def recipient_language(user: User) -> str:
    language = (
        Profile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    )
    return language if language in InterfaceLanguage.values else settings.LANGUAGE_CODE


@contextmanager
def in_language_of(user: User):
    """Write (titles, emails, links) in this person's language."""
    with translation.override(recipient_language(user)):
        yield


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task()
def send_notification_email(notification_id: int) -> None:
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or not notification.user.is_active:
        return
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
        EmailMessage(
            subject="[RIAL Campus] " + " ".join(notification.title.split()),
            body=body,
            to=[notification.user.email],
            headers=headers,
        ).send()


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
        transaction.on_commit(lambda: send_notification_email.enqueue(notification.pk))
    return notification


@transaction.atomic
def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the person's notifications read (all of them, or the given ones)."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
