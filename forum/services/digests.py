"""The email digest: new topics and answered questions in a person's spaces.

The scheduler runs it daily (``forum.tasks.send_digests``); ``manage.py
send_digests`` runs it by hand. Each
person gets at most one digest per period ("daily:2026-12-02",
"weekly:2026-W49"): a delivery row is claimed before the email goes out, so a
second run, or two runs at once, send nobody the same digest twice.
"""

import datetime

from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.models import DigestDelivery, DigestPreference, Topic
from forum.selectors.chat import readable_spaces_filter
from forum.services.forums import post_url, unsubscribe_url
from lms.models import User
from lms.selectors.people import secretariat_people
from lms.services.notifications import absolute_url, in_language_of

PERIODS = {
    DigestPreference.Frequency.DAILY: datetime.timedelta(days=1),
    DigestPreference.Frequency.WEEKLY: datetime.timedelta(days=7),
}
MAX_ITEMS = 20


def period_key(frequency: str, now: datetime.datetime) -> str:
    day = timezone.localdate(now, timezone=datetime.UTC)
    if frequency == DigestPreference.Frequency.DAILY:
        return f"daily:{day.isoformat()}"
    year, week, _weekday = day.isocalendar()
    return f"weekly:{year}-W{week:02d}"


def digest_content(*, user: User, since: datetime.datetime):
    """New topics and newly answered questions since ``since``, in spaces the person reads."""
    topics = (
        Topic.objects.filter(deleted_at__isnull=True)
        .filter(readable_spaces_filter(user, prefix="space__"))
        .select_related("space", "author", "accepted_post", "accepted_post__author")
    )
    new = list(
        topics.filter(created_at__gt=since).exclude(author=user).order_by("-created_at")[:MAX_ITEMS]
    )
    answered = list(
        topics.filter(is_question=True, answered_at__gt=since)
        .exclude(pk__in=[t.pk for t in new])
        .order_by("-answered_at")[:MAX_ITEMS]
    )
    return new, answered


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """Send every digest that is due; returns how many were sent."""
    now = now or timezone.now()
    frequency_of = dict(DigestPreference.objects.values_list("user_id", "frequency"))
    sent = 0
    people = (
        User.objects.filter(is_active=True)
        .filter(
            Q(space_memberships__isnull=False)
            | Q(enrolments__isnull=False)
            | Q(pk__in=secretariat_people().values("pk"))
        )
        .distinct()
    )
    for user in people:
        frequency = frequency_of.get(user.pk, DigestPreference.Frequency.WEEKLY)
        if frequency not in PERIODS:
            continue
        period = period_key(frequency, now)
        if DigestDelivery.objects.filter(user=user, period=period).exists():
            continue
        last = (
            DigestDelivery.objects.filter(user=user, sent_at__isnull=False)
            .order_by("-sent_at")
            .values_list("sent_at", flat=True)
            .first()
        )
        since = max(last or now - PERIODS[frequency], now - PERIODS[frequency])
        new, answered = digest_content(user=user, since=since)
        if not new and not answered:
            continue
        delivery, created = DigestDelivery.objects.get_or_create(
            user=user, period=period, defaults={"since": since}
        )
        if not created:
            continue
        claimed = DigestDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(
            sent_at=now
        )
        if not claimed:
            continue
        with in_language_of(user):
            body = render_to_string(
                "forum/email/digest.txt",
                {
                    "user": user,
                    "new": [(t, absolute_url(_first_post_url(t))) for t in new],
                    "answered": [(t, absolute_url(post_url(t.accepted_post))) for t in answered],
                    "unsubscribe": unsubscribe_url(user, "digest"),
                    "daily": frequency == DigestPreference.Frequency.DAILY,
                },
            )
            subject = "[RIAL Campus] " + (
                _("Your daily digest")
                if frequency == DigestPreference.Frequency.DAILY
                else _("Your weekly digest")
            )
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:
            # Not sent: give the period back so the next run tries again.
            delivery.delete()
            raise
        sent += 1
    return sent


def _first_post_url(topic: Topic) -> str:
    from django.urls import reverse

    return reverse("forum:topic", kwargs={"topic_id": topic.pk})
