"""Writes about the newsletter: compose, edit, send (in the background), subscribe
(members with one button; visitors by email with double opt-in), unsubscribe."""

import datetime
import zoneinfo

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import Event
from funding.selectors import calls_published_since
from library.models import Publication
from lms.models import EnrolmentCall, User
from lms.services.delivery import RowLedger, deliver_once
from lms.services.notifications import absolute_url
from newsletter.models import (
    LANGUAGES,
    Delivery,
    Issue,
    Item,
    Subscription,
    VisitorDelivery,
    VisitorSubscription,
)
from portfolio.models import Programme

UNSUBSCRIBE_SALT = "rial-newsletter-unsubscribe"
VISITOR_UNSUBSCRIBE_SALT = "rial-newsletter-visitor-unsubscribe"
CONFIRM_SALT = "rial-newsletter-confirm"
# How long a confirmation link works, and how often one address may be sent one
# (the visitor form must not become a way to flood somebody's mailbox).
CONFIRM_MAX_AGE = datetime.timedelta(days=3)
CONFIRMATION_EVERY = datetime.timedelta(hours=1)
FIRST_PERIOD_DAYS = 14


def unsubscribe_token(user: User) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(recipient: "User | VisitorSubscription") -> str:
    """The one-click link of a member or of a visitor subscriber, in the current language."""
    if isinstance(recipient, VisitorSubscription):
        token = signing.dumps(recipient.pk, salt=VISITOR_UNSUBSCRIBE_SALT)
        return absolute_url(reverse("newsletter:visitor_unsubscribe", kwargs={"token": token}))
    return absolute_url(
        reverse("newsletter:unsubscribe", kwargs={"token": unsubscribe_token(recipient)})
    )


@transaction.atomic
def newsletter_subscribe(*, user: User, subscribed: bool) -> Subscription:
    """A member's one button: their account's address is verified, no email needed.

    Unsubscribing also ends a visitor subscription of the same address, so that
    "unsubscribe" means no more newsletter, however the person had asked for it."""
    now = timezone.now()
    subscription, _created = Subscription.objects.update_or_create(
        user=user, defaults={"subscribed": subscribed, "changed_at": now}
    )
    if not subscribed and user.email:
        VisitorSubscription.objects.filter(email=user.email.strip().lower()).exclude(
            status=VisitorSubscription.Status.UNSUBSCRIBED
        ).update(status=VisitorSubscription.Status.UNSUBSCRIBED, changed_at=now)
    return subscription


def _visitor_language(language: str) -> str:
    language = (language or "")[:2]
    return language if language in LANGUAGES else settings.LANGUAGE_CODE


@transaction.atomic
def visitor_subscribe(*, email: str, language: str) -> None:
    """A visitor asks for the newsletter: a pending subscription and, after commit,
    an email with a signed link that confirms it (double opt-in).

    Returns nothing on purpose: the visitor sees the same answer whether the
    address was new, pending or already subscribed. One row per address; at
    most one confirmation email per address per ``CONFIRMATION_EVERY``; an
    address already subscribed is sent nothing (and its language stays: only
    the link's owner changes it, by unsubscribing and subscribing again)."""
    email = (email or "").strip().lower()
    validate_email(email)
    now = timezone.now()
    subscription, _created = VisitorSubscription.objects.select_for_update().get_or_create(
        email=email, defaults={"language": _visitor_language(language)}
    )
    if subscription.status == VisitorSubscription.Status.ACTIVE:
        return
    sent = subscription.confirmation_sent_at
    if sent is not None and now - sent < CONFIRMATION_EVERY:
        return
    # The form needs no sign-in and no token: a script posting many addresses would
    # make the campus send mail to all of them. A ceiling for the whole site, counted
    # in the database (every process sees it), keeps that to a trickle.
    recent = VisitorSubscription.objects.filter(confirmation_sent_at__gt=now - CONFIRMATION_EVERY)
    if recent.count() >= settings.NEWSLETTER_CONFIRMATIONS_PER_HOUR:
        raise ValidationError(
            _("Many people are subscribing right now: please try again in an hour.")
        )
    subscription.language = _visitor_language(language)
    subscription.status = VisitorSubscription.Status.PENDING
    subscription.confirmation_sent_at = now
    subscription.changed_at = now
    subscription.save(update_fields=["language", "status", "confirmation_sent_at", "changed_at"])
    from newsletter.tasks import send_visitor_confirmation

    transaction.on_commit(lambda: send_visitor_confirmation.enqueue(subscription.pk))


def confirmation_token(subscription: VisitorSubscription) -> str:
    """Signed and timed; it names the request it answers, so a newer one replaces it."""
    return signing.dumps({"s": subscription.pk, "t": _stamp(subscription)}, salt=CONFIRM_SALT)


def _stamp(subscription: VisitorSubscription) -> int:
    sent = subscription.confirmation_sent_at
    return int(sent.timestamp() * 1_000_000) if sent else 0


def visitor_confirmation_send(*, subscription_id: int) -> bool:
    """Email the confirmation link, in the language the visitor chose (the task's body)."""
    subscription = VisitorSubscription.objects.filter(
        pk=subscription_id, status=VisitorSubscription.Status.PENDING
    ).first()
    if subscription is None:
        return False
    with translation.override(subscription.language):
        link = absolute_url(
            reverse("newsletter:confirm", kwargs={"token": confirmation_token(subscription)})
        )
        body = render_to_string(
            "newsletter/confirm_email.txt",
            {
                "confirm": link,
                "archive": absolute_url(reverse("newsletter:archive")),
                "days": CONFIRM_MAX_AGE.days,
            },
        )
        EmailMessage(
            subject=_("Confirm your subscription to the RIAL newsletter"),
            body=body,
            to=[subscription.email],
        ).send()
    return True


@transaction.atomic
def visitor_confirm(*, token: str) -> VisitorSubscription:
    """Following the emailed link makes the subscription active."""
    invalid = ValidationError(_("This confirmation link is not valid."), code="invalid")
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This confirmation link has expired. Subscribe again to receive a new one."),
            code="expired",
        ) from error
    except signing.BadSignature as error:
        raise invalid from error
    if not isinstance(data, dict):
        raise invalid
    subscription = VisitorSubscription.objects.select_for_update().filter(pk=data.get("s")).first()
    if subscription is None or subscription.status == VisitorSubscription.Status.UNSUBSCRIBED:
        raise invalid
    if not data.get("t") or _stamp(subscription) != data.get("t"):
        raise invalid  # a newer link was sent: that one counts
    if subscription.status == VisitorSubscription.Status.PENDING:
        now = timezone.now()
        subscription.status = VisitorSubscription.Status.ACTIVE
        subscription.confirmed_at = now
        subscription.changed_at = now
        subscription.save(update_fields=["status", "confirmed_at", "changed_at"])
    return subscription


def _unsubscribing(token: str, *, salt: str, model):
    """Who an unsubscribe link names (a member or a visitor subscriber), or why not."""
    try:
        pk = signing.loads(token, salt=salt)
    except signing.BadSignature as error:
        raise ValidationError(_("This unsubscribe link is not valid.")) from error
    found = model.objects.filter(pk=pk).first() if isinstance(pk, int) else None
    if found is None:
        raise ValidationError(_("This unsubscribe link is not valid."))
    return found


def visitor_unsubscribe_by_token(*, token: str) -> VisitorSubscription:
    """One click from a newsletter email sent to a visitor subscriber."""
    subscription = _unsubscribing(token, salt=VISITOR_UNSUBSCRIBE_SALT, model=VisitorSubscription)
    if subscription.status != VisitorSubscription.Status.UNSUBSCRIBED:
        subscription.status = VisitorSubscription.Status.UNSUBSCRIBED
        subscription.changed_at = timezone.now()
        subscription.save(update_fields=["status", "changed_at"])
    return subscription


def newsletter_unsubscribe_by_token(*, token: str) -> User:
    """One click from the email, no sign-in: the signed token says who."""
    user = _unsubscribing(token, salt=UNSUBSCRIBE_SALT, model=User)
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
    for call in calls_published_since(since=since)[:10]:
        items.append(
            Item(
                section=Item.Section.FUNDING,
                url=reverse("funding:call", kwargs={"pk": call.pk}),
                **_titles(lambda language, c=call: f"{c.title} ({c.funder.name})"),
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


def visitor_subscribers():
    """Confirmed visitors, less those whose address a subscribed member has (sent once)."""
    member_emails = subscribers().annotate(lower_email=Lower("email")).values("lower_email")
    return VisitorSubscription.objects.filter(status=VisitorSubscription.Status.ACTIVE).exclude(
        email__in=member_emails
    )


def subscriber_count() -> int:
    """Everyone the next issue goes to: subscribed members and confirmed visitors."""
    return subscribers().count() + visitor_subscribers().count()


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

    def send_to(recipient) -> None:
        language = _language(recipient)
        if language not in sections_by_language:
            sections_by_language[language] = _sections(items, language)
        send(issue, recipient, language=language, sections=sections_by_language[language])

    done = deliver_once(
        subscribers().exclude(pk__in=Delivery.objects.filter(issue=issue).values("user")),
        ledger=RowLedger(Delivery, row=lambda user: {"issue": issue, "user": user}),
        send=send_to,
        keep_going=True,
        what=f"Newsletter {issue.number}",
    )
    visitors = deliver_once(
        visitor_subscribers().exclude(
            pk__in=VisitorDelivery.objects.filter(issue=issue).values("subscriber")
        ),
        ledger=RowLedger(
            VisitorDelivery, row=lambda visitor: {"issue": issue, "subscriber": visitor}
        ),
        send=send_to,
        keep_going=True,
        what=f"Newsletter {issue.number}",
    )
    done.sent += visitors.sent
    done.failed += visitors.failed
    if not done.failed:
        Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENDING).update(
            status=Issue.Status.SENT, sent_at=timezone.now()
        )
    return done.sent


def _language(recipient) -> str:
    if isinstance(recipient, VisitorSubscription):
        return _visitor_language(recipient.language)
    profile = getattr(recipient, "profile", None)
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


def _send(issue: Issue, user, *, language: str, sections: list) -> None:
    """One issue to a member (``User``) or a confirmed visitor (``VisitorSubscription``)."""
    with translation.override(language):
        link = unsubscribe_url(user)
        name = user.get_short_name() if isinstance(user, User) else ""
        body = render_to_string(
            "newsletter/email.txt",
            {
                "issue": issue,
                "intro": issue.intro(language),
                "sections": sections,
                "name": name,
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
