"""Reads about needs, and who may do what with them.

Anyone signed in browses the network's needs; the focal points of a need's ministry
(its country) and the secretariat edit, close and act on it.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from courses.models import Theme
from lms.choices import Country, Role
from lms.models import User
from lms.selectors.people import person_country
from needs.models import Need, Outcome
from portfolio.models import Programme

PER_PAGE = 20
# A need nobody answered for this long is shown to the secretariat on its dashboard.
WAITING_DAYS = 14


def ministry_of(user: User) -> str:
    """The country whose ministry the person states needs for: a focal point's profile
    country; "" for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.has_role(Role.FOCAL_POINT):
        return ""
    country = person_country(user)
    return country if country in Country.values else ""


def can_state(*, user: User) -> bool:
    """The secretariat (for any ministry) and the focal points of a ministry."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_secretariat or bool(ministry_of(user))


def can_edit(*, user: User, need: Need) -> bool:
    """The secretariat, and the focal points of the need's ministry."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_secretariat or ministry_of(user) == need.country


def can_act(*, user: User, need: Need) -> bool:
    """Who may turn a suggestion into a proposal or a question: an editor, while the
    need is not closed."""
    return need.status != Need.Status.CLOSED and can_edit(user=user, need=need)


def _needs() -> QuerySet[Need]:
    return Need.objects.select_related("theme__area")


@dataclass
class Filters:
    theme: Theme | None = None
    country: str = ""
    status: str = ""  # "" (all), or one of Need.Status: "open" is "not answered yet"

    def active(self) -> bool:
        return bool(self.theme or self.country or self.status)


def needs_for(*, user: User, filters: Filters | None = None) -> QuerySet[Need]:
    """The needs the person may browse (every need when signed in, none otherwise),
    filtered; the ones nobody answered (status "open") oldest first, else newest first."""
    if not getattr(user, "is_authenticated", False):
        return Need.objects.none()
    filters = filters or Filters()
    needs = _needs()
    if filters.theme is not None:
        needs = needs.filter(theme=filters.theme)
    if filters.country:
        needs = needs.filter(country=filters.country)
    if filters.status:
        needs = needs.filter(status=filters.status)
    if filters.status == Need.Status.OPEN:
        return needs.order_by("created_at", "pk")
    return needs.order_by("-created_at", "-pk")


def need_for(*, user: User, pk: int) -> Need | None:
    """One need, for anyone signed in; None for a missing one and for visitors."""
    if not getattr(user, "is_authenticated", False):
        return None
    return _needs().select_related("created_by").filter(pk=pk).first()


def outcomes(*, need: Need) -> list[Outcome]:
    return list(
        Outcome.objects.filter(need=need)
        .select_related("proposal", "question", "created_by")
        .order_by("created_at", "pk")
    )


def waiting(*, older_than_days: int = 0) -> QuerySet[Need]:
    """Needs nobody answered yet, oldest first (optionally only those older than)."""
    needs = _needs().filter(status=Need.Status.OPEN)
    if older_than_days:
        since = timezone.now() - datetime.timedelta(days=older_than_days)
        needs = needs.filter(created_at__lt=since)
    return needs.order_by("created_at", "pk")


def counts_on_themes(themes, *, user: User) -> bool:
    """Give each theme ``needs_count``: the needs not closed on it (for the Table).
    Visitors see no needs: returns False and leaves the themes alone."""
    if not getattr(user, "is_authenticated", False):
        return False
    themes = list(themes)
    counts = dict(
        Need.objects.exclude(status=Need.Status.CLOSED)
        .filter(theme__in=[theme.pk for theme in themes])
        .values("theme_id")
        .annotate(n=Count("pk"))
        .values_list("theme_id", "n")
    )
    for theme in themes:
        theme.needs_count = counts.get(theme.pk, 0)
    return True


@dataclass
class ThemeDemand:
    theme: Theme
    needs: int = 0
    waiting: int = 0
    programmes: int = 0
    countries: list[str] = field(default_factory=list)


def demand_by_theme() -> list[ThemeDemand]:
    """For supply and demand: per theme with needs not closed, how many, how many nobody
    answered, which ministries state them and how many published programmes offer the
    theme; the most waiting first (four queries)."""
    live = Need.objects.exclude(status=Need.Status.CLOSED)
    counts = (
        live.values("theme_id")
        .annotate(n=Count("pk"), waiting=Count("pk", filter=Q(status=Need.Status.OPEN)))
        .values_list("theme_id", "n", "waiting")
    )
    rows = {theme_id: ThemeDemand(theme=None, needs=n, waiting=w) for theme_id, n, w in counts}
    if not rows:
        return []
    labels = dict(Country.choices)
    for theme_id, country in live.values_list("theme_id", "country").distinct():
        rows[theme_id].countries.append(str(labels.get(country, country)))
    through = Programme.themes.through
    offered = dict(
        through.objects.filter(
            theme_id__in=list(rows), programme__status=Programme.Status.PUBLISHED
        )
        .values("theme_id")
        .annotate(n=Count("programme_id", distinct=True))
        .values_list("theme_id", "n")
    )
    for theme in Theme.objects.select_related("area").filter(pk__in=list(rows)):
        rows[theme.pk].theme = theme
        rows[theme.pk].programmes = offered.get(theme.pk, 0)
    for row in rows.values():
        row.countries.sort()
    return sorted(
        (row for row in rows.values() if row.theme is not None),
        key=lambda row: (-row.waiting, -row.needs, row.theme.area.sort_order, row.theme.sort_order),
    )
