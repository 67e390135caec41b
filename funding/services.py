"""Writes about the funding directory: focal points and the secretariat suggest funders
and calls, the secretariat publishes them (lms.services.review, as documents are);
people follow themes and hear of new calls and approaching deadlines, in the worker."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from courses.models import Theme
from forum.services.text import unique_slug
from funding import selectors
from funding.models import Funder, FundingCall, Status, ThemeFollow, country_list
from funding.search import call_index, funder_calls_index
from lms.choices import InterfaceLanguage
from lms.markup import render_field
from lms.models import User
from lms.services.notifications import notifications_fan_out
from lms.services.review import (
    suggestion_decide,
    suggestion_tell_author,
    suggestion_tell_secretariat,
)

FUNDER_SUGGESTED = gettext_noop("Funder suggested for the funding directory: %(title)s")
CALL_SUGGESTED = gettext_noop("Funding call suggested for the funding directory: %(title)s")
PUBLISHED = gettext_noop("What you suggested is published in the funding directory: %(title)s")
NEW_CALL = gettext_noop("New funding call (%(funder)s): %(title)s")
DEADLINE = gettext_noop("Funding call closes on %(date)s: %(title)s")
# Followers are reminded this many days before a call's deadline.
REMIND_DAYS_BEFORE = (7, 1)
MAX_TEXT = 10_000
MAX_THEMES = 8


def _require_suggester(user: User) -> None:
    if not selectors.may_suggest(user=user):
        raise PermissionDenied(
            _("Focal points and the Technical Secretariat keep the funding directory.")
        )


def _clean_themes(themes, errors: dict) -> list[Theme]:
    themes = list(themes or ())
    if len(themes) > MAX_THEMES:
        errors["themes"] = _("Choose at most %(n)s themes.") % {"n": MAX_THEMES}
    return themes


@transaction.atomic
def funder_suggest(
    *,
    user: User,
    name: str,
    kind: str,
    region: str = "",
    website: str = "",
    description: str = "",
    themes=(),
) -> Funder:
    """A focal point (or the secretariat) suggests a funder; the secretariat decides."""
    _require_suggester(user)
    errors: dict = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Fill in this field.")
    if kind not in Funder.Kind.values:
        errors["kind"] = _("Choose one of the listed types.")
    render_field(description, errors, "description", limit=MAX_TEXT, required=False)
    themes = _clean_themes(themes, errors)
    if errors:
        raise ValidationError(errors)
    same = Funder.objects.filter(name__iexact=name).first()
    if same is not None and same.status != Status.DECLINED:
        raise ValidationError({"name": _("This funder is in the directory already.")})
    funder = Funder.objects.create(
        name=name[:200],
        slug=unique_slug(Funder, name),
        kind=kind,
        region=(region or "").strip()[:120],
        website=(website or "").strip()[:500],
        description=(description or "").strip(),
        status=Status.SUGGESTED,
        suggested_by=user,
    )
    funder.themes.set(themes)
    _tell_secretariat_later("funder", funder.pk)
    return funder


@transaction.atomic
def call_suggest(
    *,
    user: User,
    funder: Funder,
    title: str,
    summary: str = "",
    themes=(),
    countries=(),
    amount_min: Decimal | None = None,
    amount_max: Decimal | None = None,
    currency: str = "USD",
    opens_on: datetime.date | None = None,
    deadline: datetime.date | None = None,
    how_to_apply: str = "",
    url: str = "",
    language: str = "es",
) -> FundingCall:
    """A focal point (or the secretariat) suggests a call of a published funder."""
    _require_suggester(user)
    errors: dict = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Fill in this field.")
    if funder is None or funder.status != Status.PUBLISHED:
        errors["funder"] = _("Choose a funder of the directory (suggest a new one first).")
    render_field(how_to_apply, errors, "how_to_apply", limit=MAX_TEXT, required=False)
    if amount_min is not None and amount_max is not None and amount_min > amount_max:
        errors["amount_max"] = _("The largest amount is below the smallest.")
    if (amount_min is not None or amount_max is not None) and not (currency or "").strip():
        errors["currency"] = _("Give the currency of the amounts.")
    if opens_on and deadline and deadline < opens_on:
        errors["deadline"] = _("The deadline is before the opening date.")
    if deadline and deadline < timezone.localdate():
        errors["deadline"] = _("This deadline has passed.")
    if language not in InterfaceLanguage.values:
        errors["language"] = _("Choose one of the listed languages.")
    themes = _clean_themes(themes, errors)
    if errors:
        raise ValidationError(errors)
    call = FundingCall.objects.create(
        funder=funder,
        title=title[:300],
        summary=(summary or "").strip()[:2000],
        countries=country_list(countries),
        amount_min=amount_min,
        amount_max=amount_max,
        currency=(currency or "").strip().upper()[:3],
        opens_on=opens_on,
        deadline=deadline,
        how_to_apply=(how_to_apply or "").strip(),
        url=(url or "").strip()[:500],
        language=language,
        status=Status.SUGGESTED,
        suggested_by=user,
    )
    call.themes.set(themes)
    _tell_secretariat_later("call", call.pk)
    return call


def _tell_secretariat_later(what: str, pk: int) -> None:
    from funding.tasks import suggestion_notify

    transaction.on_commit(lambda: suggestion_notify.enqueue(what, pk))


def suggestion_notify(*, what: str, pk: int) -> int:
    """Tell the secretariat about a suggested funder or call (a task's work; once each)."""
    model, title = (Funder, FUNDER_SUGGESTED) if what == "funder" else (FundingCall, CALL_SUGGESTED)
    item = model.objects.filter(pk=pk, status=Status.SUGGESTED).first()
    if item is None:
        return 0
    return suggestion_tell_secretariat(
        kind="funding_suggested",
        key=f"funding-{what}:{pk}:suggested",
        title=title,
        values={"title": str(item)},
        url=lambda: reverse("funding:review"),
    )


REFUSAL = gettext_noop("Only the Technical Secretariat publishes in the funding directory.")


@transaction.atomic
def funder_decide(*, actor: User, funder: Funder, publish: bool) -> Funder:
    funder = suggestion_decide(actor=actor, item=funder, publish=publish, refusal=_(REFUSAL))
    funder_calls_index(funder=funder)
    suggestion_tell_author(
        item=funder,
        kind="funding_published",
        title=PUBLISHED,
        values={"title": funder.name},
        url=lambda: reverse("funding:funder", kwargs={"slug": funder.slug}),
    )
    return funder


@transaction.atomic
def call_decide(*, actor: User, call: FundingCall, publish: bool) -> FundingCall:
    """The secretariat publishes (or declines) a suggested call; its funder must be
    published. Once published, the followers of its themes are told in the worker."""
    if publish and call.funder.status != Status.PUBLISHED:
        raise ValidationError(_("Publish the call's funder first."))
    call = suggestion_decide(actor=actor, item=call, publish=publish, refusal=_(REFUSAL))
    call_index(call=call)
    suggestion_tell_author(
        item=call,
        kind="funding_published",
        title=PUBLISHED,
        values={"title": call.title},
        url=lambda: reverse("funding:call", kwargs={"pk": call.pk}),
    )
    if call.status == Status.PUBLISHED:
        call_published_later(call)
    return call


def call_published_later(call: FundingCall) -> None:
    """After commit, the worker tells the call's followers (once each, however often)."""
    from funding.tasks import call_published_notify

    transaction.on_commit(lambda: call_published_notify.enqueue(call.pk))


def _date(call: FundingCall) -> str:
    return formats.date_format(call.deadline, "DATE_FORMAT")


def call_published_notify(*, call_id: int) -> int:
    """Tell the people who follow one of the call's themes, each in their language, by
    notification and email; a second run tells nobody twice (the key)."""
    call = (
        FundingCall.objects.filter(
            pk=call_id, status=Status.PUBLISHED, funder__status=Status.PUBLISHED
        )
        .select_related("funder")
        .first()
    )
    if call is None or not call.is_open():
        return 0
    return notifications_fan_out(
        people=selectors.followers(call=call),
        kind="funding_call",
        key=f"funding-call:{call.pk}",
        write=lambda _person: {
            "title": _(NEW_CALL) % {"funder": call.funder.name, "title": call.title},
            "body": call.summary,
            "url": reverse("funding:call", kwargs={"pk": call.pk}),
        },
        email=True,
    )


def deadlines_remind(*, today: datetime.date | None = None) -> int:
    """A week and a day before a published call closes, the followers of its themes are
    reminded (once per call, deadline and reminder, however often it runs)."""
    today = today or timezone.localdate()
    sent = 0
    for days in REMIND_DAYS_BEFORE:
        due = today + datetime.timedelta(days=days)
        for call in selectors.open_calls(today=today).filter(deadline=due):
            sent += notifications_fan_out(
                people=selectors.followers(call=call),
                kind="funding_deadline",
                key=f"funding-call:{call.pk}:deadline:{call.deadline}:{days}",
                write=lambda _person, call=call: {
                    "title": _(DEADLINE) % {"date": _date(call), "title": call.title},
                    "url": reverse("funding:call", kwargs={"pk": call.pk}),
                },
                email=True,
            )
    return sent


@transaction.atomic
def follows_set(*, user: User, themes) -> set[int]:
    """The themes the person follows for funding calls become exactly ``themes``."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to follow themes."))
    wanted = {theme.pk for theme in themes}
    ThemeFollow.objects.filter(user=user).exclude(theme_id__in=wanted).delete()
    ThemeFollow.objects.bulk_create(
        [ThemeFollow(user=user, theme_id=pk) for pk in sorted(wanted)], ignore_conflicts=True
    )
    return wanted
