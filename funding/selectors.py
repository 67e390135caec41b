"""Reads about funders and funding calls, for the acting person: everyone sees what is
published; the secretariat and whoever suggested it see a suggestion too."""

import datetime

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from courses.models import Theme
from funding.models import Funder, FundingCall, Status, ThemeFollow
from lms.models import User
from search import engine

THEMES = Prefetch("themes", queryset=Theme.objects.select_related("area"))


def _may_review(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_secretariat)


def _visible(items: QuerySet, user) -> QuerySet:
    """Published rows, and for the person who suggested one (or the secretariat) that one."""
    if _may_review(user):
        return items
    shown = Q(status=Status.PUBLISHED)
    if getattr(user, "is_authenticated", False):
        shown |= Q(suggested_by=user)
    return items.filter(shown)


def may_review(*, user) -> bool:
    """The secretariat reviews suggestions and publishes them."""
    return _may_review(user)


def may_suggest(*, user) -> bool:
    """Focal points and the secretariat keep the directory: they suggest funders and calls."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_secretariat or user.has_role("focal_point")


def open_calls(
    *,
    q: str = "",
    theme: Theme | None = None,
    country: str = "",
    kind: str = "",
    within_days: int | None = None,
    funder: Funder | None = None,
    today: datetime.date | None = None,
) -> QuerySet[FundingCall]:
    """Published calls of published funders whose deadline has not passed (or that have
    none), soonest deadline first (a queryset to paginate)."""
    today = today or timezone.localdate()
    items = FundingCall.objects.filter(
        status=Status.PUBLISHED, funder__status=Status.PUBLISHED
    ).filter(Q(deadline__isnull=True) | Q(deadline__gte=today))
    if theme is not None:
        through = FundingCall.themes.through
        items = items.filter(
            Exists(through.objects.filter(fundingcall_id=OuterRef("pk"), theme_id=theme.pk))
        )
    if country:
        items = items.filter(Q(countries="") | Q(countries__contains=f" {country} "))
    if kind:
        items = items.filter(funder__kind=kind)
    if within_days is not None:
        items = items.filter(deadline__lte=today + datetime.timedelta(days=within_days))
    if funder is not None:
        items = items.filter(funder=funder)
    if q:
        ids = engine.matching_ids(query=q, kind="funding-call", language=get_language())
        if ids is not None:
            items = items.filter(pk__in=ids)
    return (
        items.select_related("funder")
        .prefetch_related(THEMES)
        # Soonest deadline first; calls open at any time after them.
        .order_by(F("deadline").asc(nulls_last=True), "pk")
    )


def funders(*, theme: Theme | None = None, kind: str = "") -> QuerySet[Funder]:
    items = Funder.objects.filter(status=Status.PUBLISHED)
    if theme is not None:
        through = Funder.themes.through
        items = items.filter(
            Exists(through.objects.filter(funder_id=OuterRef("pk"), theme_id=theme.pk))
        )
    if kind:
        items = items.filter(kind=kind)
    return items.prefetch_related(THEMES).order_by("name")


def funder_for(*, user, slug: str) -> Funder | None:
    """The funder at this address if the person may see it; None otherwise (missing or
    not theirs to see: the same answer)."""
    return _visible(Funder.objects.prefetch_related(THEMES), user).filter(slug=slug).first()


def call_for(*, user, pk: int) -> FundingCall | None:
    """The call if the person may see it (a published call of a published funder, or
    their own suggestion, or any for the secretariat); None otherwise."""
    items = FundingCall.objects.select_related("funder").prefetch_related(THEMES)
    if not _may_review(user):
        shown = Q(status=Status.PUBLISHED, funder__status=Status.PUBLISHED)
        if getattr(user, "is_authenticated", False):
            shown |= Q(suggested_by=user)
        items = items.filter(shown)
    return items.filter(pk=pk).first()


def suggestions(*, user) -> tuple[list[Funder], list[FundingCall]]:
    """What waits for the secretariat's review (nothing for anyone else)."""
    if not _may_review(user):
        return [], []
    funders_waiting = (
        Funder.objects.filter(status=Status.SUGGESTED)
        .select_related("suggested_by")
        .prefetch_related(THEMES)
        .order_by("created_at", "pk")
    )
    calls_waiting = (
        FundingCall.objects.filter(status=Status.SUGGESTED)
        .select_related("funder", "suggested_by")
        .prefetch_related(THEMES)
        .order_by("created_at", "pk")
    )
    return list(funders_waiting), list(calls_waiting)


def followed_theme_ids(*, user) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(ThemeFollow.objects.filter(user=user).values_list("theme_id", flat=True))


def followers(*, call: FundingCall) -> QuerySet[User]:
    """Active people who follow at least one of the call's themes (each once)."""
    return User.objects.filter(
        is_active=True,
        pk__in=ThemeFollow.objects.filter(theme__in=call.themes.values("pk")).values("user_id"),
    ).order_by("pk")


def suggestible_funders() -> QuerySet[Funder]:
    """The funders a suggested call may belong to."""
    return Funder.objects.filter(status=Status.PUBLISHED).order_by("name")


def suggestion_for(*, user, what: str, pk: int) -> Funder | FundingCall | None:
    """A funder or call for the secretariat to decide on (None for anyone else)."""
    if not _may_review(user) or what not in ("funder", "call"):
        return None
    model = Funder if what == "funder" else FundingCall
    return model.objects.filter(pk=pk).first()


def calls_published_since(*, since) -> QuerySet[FundingCall]:
    """Open calls published after ``since``, newest first (for the newsletter)."""
    return (
        open_calls()
        .filter(published_at__gt=since)
        .prefetch_related(None)
        .order_by("-published_at", "-pk")
    )
