"""The email digest: new topics and answered questions in a person's spaces.

The scheduler runs it daily (``forum.tasks.send_digests``); ``manage.py
send_digests`` runs it by hand. Each person gets at most one digest per period
("daily:2026-12-02", "weekly:2026-W49"): a delivery row is claimed before the
email goes out (``lms.services.delivery``), so a second run, or two runs at
once, send nobody the same digest twice.
"""

import datetime
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.access import readable_spaces_filter
from forum.models import DigestDelivery, DigestPreference, Topic
from forum.services.subscriptions import unsubscribe_url
from forum.services.topics import post_url
from lms.models import User
from lms.selectors.people import secretariat_people
from lms.services.delivery import RowLedger, deliver_once
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


@dataclass
class Digest:
    """One person's digest for one period, ready to send."""

    user: User
    frequency: str
    period: str
    since: datetime.datetime
    new: list
    answered: list


def _due(*, now: datetime.datetime):
    """The digests due now, one per person whose period has not had one and who has news."""
    frequency_of = dict(DigestPreference.objects.values_list("user_id", "frequency"))
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
        if new or answered:
            yield Digest(user, frequency, period, since, new, answered)


def _send(digest: Digest) -> None:
    user, daily = digest.user, digest.frequency == DigestPreference.Frequency.DAILY
    with in_language_of(user):
        body = render_to_string(
            "forum/email/digest.txt",
            {
                "user": user,
                "new": [(t, absolute_url(_first_post_url(t))) for t in digest.new],
                "answered": [(t, absolute_url(post_url(t.accepted_post))) for t in digest.answered],
                "unsubscribe": unsubscribe_url(user, "digest"),
                "daily": daily,
            },
        )
        subject = "[RIAL Campus] " + (_("Your daily digest") if daily else _("Your weekly digest"))
    send_mail(subject, body, None, [user.email])


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """Send every digest that is due; returns how many were sent.

    A person's period is claimed (a ``DigestDelivery`` row) before the email
    goes and marked sent after; a failed email gives the period back and stops
    the run (``lms.services.delivery``).
    """
    now = now or timezone.now()
    return deliver_once(
        _due(now=now),
        ledger=RowLedger(
            DigestDelivery,
            row=lambda digest: {
                "user": digest.user,
                "period": digest.period,
                "since": digest.since,
            },
            now=lambda: now,
        ),
        send=_send,
    ).sent


def _first_post_url(topic: Topic) -> str:
    from django.urls import reverse

    return reverse("forum:topic", kwargs={"topic_id": topic.pk})
