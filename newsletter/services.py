"""Writes about the newsletter: compose, edit, send (in the background), unsubscribe."""

import datetime
import zoneinfo

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import Event
from library.models import Publication
from lms.models import EnrolmentCall, User
from lms.services.delivery import RowLedger, deliver_once
from lms.services.notifications import absolute_url
from newsletter.models import LANGUAGES, Delivery, Issue, Item, Subscription
from portfolio.models import Programme

UNSUBSCRIBE_SALT = "rial-newsletter-unsubscribe"
FIRST_PERIOD_DAYS = 14


def unsubscribe_token(user: User) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user: User) -> str:
    return absolute_url(
        reverse("newsletter:unsubscribe", kwargs={"token": unsubscribe_token(user)})
    )


def newsletter_subscribe(*, user: User, subscribed: bool) -> Subscription:
    subscription, _created = Subscription.objects.update_or_create(
        user=user, defaults={"subscribed": subscribed, "changed_at": timezone.now()}
    )
    return subscription


def newsletter_unsubscribe_by_token(*, token: str) -> User:
    """One click from the email, no sign-in: the signed token says who."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise ValidationError(_("This unsubscribe link is not valid.")) from error
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise ValidationError(_("This unsubscribe link is not valid."))
    newsletter_subscribe(user=user, subscribed=False)
    return user


def _day(event) -> str:
    """The event's date where it happens (an evening in the Americas is not tomorrow)."""
    return f"{event.starts_at.astimezone(zoneinfo.ZoneInfo(event.time_zone)):%Y-%m-%d}"


def _titles(make) -> dict:
    titles = {}
    for language in LANGUAGES:
        with translation.override(language):
            titles[f"title_{language}"] = str(make(language))[:300]
    return titles


@transaction.atomic
def newsletter_compose(*, actor: User) -> Issue:
    """A draft issue with what is new since the last one was sent."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat writes the newsletter."))
    if Issue.objects.filter(status=Issue.Status.DRAFT).exists():
        raise ValidationError(_("Finish or send the draft issue first."))
    now = timezone.now()
    last = Issue.objects.filter(status=Issue.Status.SENT).order_by("-number").first()
    since = last.created_at if last else now - datetime.timedelta(days=FIRST_PERIOD_DAYS)
    number = (Issue.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    issue = Issue.objects.create(number=number, since=since)
    items = []
    programmes = (
        Programme.objects.filter(status=Programme.Status.PUBLISHED, published_at__gt=since)
        .prefetch_related("translations")
        .order_by("-published_at")[:15]
    )
    for programme in programmes:
        items.append(
            Item(
                section=Item.Section.PROGRAMMES,
                url=reverse("portfolio:programme", kwargs={"pk": programme.pk}),
                **_titles(lambda language, p=programme: p.in_language(language).name),
            )
        )
    for publication in Publication.objects.filter(
        status=Publication.Status.PUBLISHED, created_at__gt=since
    ).order_by("-created_at")[:10]:
        items.append(
            Item(
                section=Item.Section.DOCUMENTS,
                url=publication.url or reverse("library:documents"),
                **_titles(lambda language, p=publication: p.title),
            )
        )
    for event in Event.objects.filter(
        is_published=True, starts_at__gt=now, starts_at__lt=now + datetime.timedelta(days=60)
    ).order_by("starts_at")[:10]:
        items.append(
            Item(
                section=Item.Section.EVENTS,
                url=reverse("events:event", kwargs={"slug": event.slug}),
                **_titles(lambda language, e=event: f"{e.title} ({_day(e)})"),
            )
        )
    for call in EnrolmentCall.objects.filter(opens_at__lte=now, closes_at__gt=now).order_by(
        "closes_at"
    )[:10]:
        items.append(
            Item(
                section=Item.Section.CALLS,
                url=reverse("lms:call_apply", kwargs={"call_id": call.pk}),
                **_titles(lambda language, c=call: c.title),
            )
        )
    from forum.models import Topic

    for topic in Topic.objects.filter(
        space__readable_by_all=True,
        is_question=True,
        accepted_post__isnull=False,
        deleted_at__isnull=True,
        answered_at__gt=since,
    ).order_by("-answered_at")[:10]:
        items.append(
            Item(
                section=Item.Section.ANSWERS,
                url=reverse("forum:topic", kwargs={"topic_id": topic.pk}),
                **_titles(lambda language, t=topic: t.title),
            )
        )
    for position, item in enumerate(items):
        item.issue = issue
        item.position = position
    Item.objects.bulk_create(items)
    return issue


@transaction.atomic
def newsletter_update(*, actor: User, issue: Issue, intros: dict, included: set[int]) -> Issue:
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat writes the newsletter."))
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status != Issue.Status.DRAFT:
        raise ValidationError(_("This issue has been sent; it cannot change."))
    for language in LANGUAGES:
        setattr(issue, f"intro_{language}", (intros.get(language) or "").strip()[:5000])
    issue.save()
    issue.items.update(include=False)
    issue.items.filter(pk__in=included).update(include=True)
    return issue


@transaction.atomic
def newsletter_send(*, actor: User, issue: Issue) -> Issue:
    """Start sending (in the background). Sending twice sends once."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat sends the newsletter."))
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.status == Issue.Status.DRAFT:
        issue.status = Issue.Status.SENDING
        issue.save(update_fields=["status"])
    if issue.status == Issue.Status.SENDING:
        from newsletter.tasks import send_newsletter_issue

        transaction.on_commit(lambda: send_newsletter_issue.enqueue(issue.pk))
    return issue


def subscribers():
    return User.objects.filter(is_active=True, newsletter__subscribed=True).select_related(
        "profile"
    )


def deliver_issue(issue_id: int, *, send=None) -> int:
    """Email the issue to every subscriber who has not had it.

    Each person is claimed (a Delivery row) before their email goes and marked
    sent after (``lms.services.delivery.deliver_once``). A failed email gives
    the claim back (the next run retries that person) and leaves the issue
    "sending"; a run killed halfway leaves claimed people claimed, so running it
    again (the secretariat's "Resume sending", or ``manage.py
    compose_newsletter`` from cron) never sends anyone a second copy.
    """
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status == Issue.Status.DRAFT:
        return 0
    send = send or _send
    items = [item for item in issue.items.all() if item.include]
    sections_by_language: dict[str, list] = {}

    def send_to(user: User) -> None:
        language = _language(user)
        if language not in sections_by_language:
            sections_by_language[language] = _sections(items, language)
        send(issue, user, language=language, sections=sections_by_language[language])

    done = deliver_once(
        subscribers().exclude(pk__in=Delivery.objects.filter(issue=issue).values("user")),
        ledger=RowLedger(Delivery, row=lambda user: {"issue": issue, "user": user}),
        send=send_to,
        keep_going=True,
        what=f"Newsletter {issue.number}",
    )
    if not done.failed:
        Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENDING).update(
            status=Issue.Status.SENT, sent_at=timezone.now()
        )
    return done.sent


def _language(user: User) -> str:
    profile = getattr(user, "profile", None)
    language = getattr(profile, "preferred_language", "") if profile else ""
    return language if language in LANGUAGES else settings.LANGUAGE_CODE


def _sections(items, language: str) -> list:
    with translation.override(language):
        sections = []
        for code, label in Item.Section.choices:
            chosen = [
                (item.title(language), absolute_url(item.url))
                for item in items
                if item.section == code
            ]
            if chosen:
                sections.append((str(label), chosen))
        return sections


def _send(issue: Issue, user: User, *, language: str, sections: list) -> None:
    with translation.override(language):
        link = unsubscribe_url(user)
        body = render_to_string(
            "newsletter/email.txt",
            {
                "issue": issue,
                "intro": issue.intro(language),
                "sections": sections,
                "user": user,
                "archive": absolute_url(
                    reverse("newsletter:issue", kwargs={"number": issue.number})
                ),
                "unsubscribe": link,
            },
        )
        EmailMessage(
            subject=_("RIAL newsletter no. %(number)s") % {"number": issue.number},
            body=body,
            to=[user.email],
            headers={
                "List-Unsubscribe": f"<{link}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        ).send()


def newsletter_compose_due() -> list[str]:
    """What the scheduler runs daily (and ``manage.py compose_newsletter``): finish a
    send that stopped, then compose the next issue as a draft if one is due (none
    while a draft waits or if the last issue went out less than 14 days ago).
    Returns what it did, one line each, for the log."""
    done = []
    for stuck in Issue.objects.filter(status=Issue.Status.SENDING):
        sent = deliver_issue(stuck.pk)  # a send that stopped: finish it
        done.append(f"Issue no. {stuck.number}: {sent} more sent.")
    last = Issue.objects.filter(status=Issue.Status.SENT).order_by("-number").first()
    if Issue.objects.filter(status=Issue.Status.DRAFT).exists():
        return [*done, "A draft is waiting for the secretariat."]
    if last and last.sent_at and timezone.now() - last.sent_at < datetime.timedelta(days=14):
        return [*done, "The last issue is less than two weeks old."]
    actor = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if actor is None:
        return [*done, "No administrator account to compose as."]
    issue = newsletter_compose(actor=actor)
    return [*done, f"Draft issue no. {issue.number} composed."]
