"""Reads about the portfolio, filtered by what the acting person may see."""

from dataclasses import dataclass, field, replace

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from courses.models import Area, Theme
from lms.choices import Country, Role
from lms.models import User
from lms.selectors.people import focal_points_of, person_country
from portfolio.models import (
    Category,
    Programme,
    ProgrammeEvent,
    ProgrammeInterest,
    ProgrammeTarget,
    ProgrammeTranslation,
)
from portfolio.search import KIND, matching
from search.providers import in_hit_order, paged

PER_PAGE = 20
# The owner filter's values besides an Organisation code: the ministries' own
# programmes, and the projects of every international organisation.
MINISTRIES, ORGANISATIONS = "ministries", "organisations"


def can_submit(*, user: User) -> bool:
    """Who may write programmes at all: the secretariat and focal points."""
    return user.is_authenticated and (user.is_secretariat or user.has_role(Role.FOCAL_POINT))


def can_edit(*, user: User, programme: Programme) -> bool:
    """The secretariat, and the focal points of the programme's ministry (its country);
    an international organisation's project, the secretariat only."""
    if not user.is_authenticated:
        return False
    if user.is_secretariat:
        return True
    if programme.organisation or not programme.country:
        return False
    country = person_country(user)
    return user.has_role(Role.FOCAL_POINT) and country == programme.country


def editors_of(programme: Programme):
    """Who hears about the review: the focal points of its ministry (none for an
    international organisation's project) and whoever wrote it."""
    who = Q(pk=programme.created_by_id)
    if programme.country and not programme.organisation:
        who |= Q(pk__in=focal_points_of(programme.country).values("pk"))
    return User.objects.filter(who, is_active=True).distinct()


def _published():
    return Programme.objects.filter(status=Programme.Status.PUBLISHED)


def _with_texts(programmes):
    return programmes.prefetch_related(
        Prefetch("translations", queryset=ProgrammeTranslation.objects.order_by("language")),
        Prefetch("themes", queryset=Theme.objects.select_related("area")),
        "targets",
    )


@dataclass
class Filters:
    q: str = ""
    country: str = ""
    category: str = ""
    area: Area | None = None
    theme: Theme | None = None
    target: str = ""
    language: str = ""
    owner: str = ""  # MINISTRIES, ORGANISATIONS or an Organisation code
    record_type: str = ""

    def active(self) -> bool:
        return any(
            [
                self.q,
                self.country,
                self.category,
                self.area,
                self.theme,
                self.target,
                self.language,
                self.owner,
                self.record_type,
            ]
        )


def _filtered(filters: Filters):
    """Published programmes matching the filters but the words.

    Filters on themes, targets and translations are EXISTS subqueries: no join
    multiplies rows, so counting and paging stay cheap on 10,000 programmes.
    """
    programmes = _published()
    if filters.country:
        programmes = programmes.filter(country=filters.country)
    if filters.category:
        programmes = programmes.filter(category=filters.category)
    if filters.owner == MINISTRIES:
        programmes = programmes.filter(organisation="")
    elif filters.owner == ORGANISATIONS:
        programmes = programmes.exclude(organisation="")
    elif filters.owner:
        programmes = programmes.filter(organisation=filters.owner)
    if filters.record_type:
        programmes = programmes.filter(record_type=filters.record_type)
    through = Programme.themes.through
    if filters.theme is not None:
        programmes = programmes.filter(
            Exists(through.objects.filter(programme_id=OuterRef("pk"), theme_id=filters.theme.pk))
        )
    elif filters.area is not None:
        programmes = programmes.filter(
            Exists(
                through.objects.filter(programme_id=OuterRef("pk"), theme__area_id=filters.area.pk)
            )
        )
    if filters.target:
        programmes = programmes.filter(
            Exists(ProgrammeTarget.objects.filter(programme_id=OuterRef("pk"), code=filters.target))
        )
    if filters.language:
        translated = ProgrammeTranslation.objects.filter(
            programme_id=OuterRef("pk"), language=filters.language
        )
        programmes = programmes.filter(Q(language=filters.language) | Q(Exists(translated)))
    return programmes


def search(filters: Filters):
    """Published programmes matching the filters, newest first (a queryset)."""
    programmes = _filtered(filters)
    if filters.q:
        programmes = matching(programmes, filters.q)
    return _with_texts(programmes).order_by("-published_at", "-pk")


def listing(filters: Filters):
    """What the portfolio page lists, for a Paginator: without words, :func:`search`;
    with words, the matching programmes best first, ranked from the search entries
    with a capped count ("1,000+", search.providers.Paged), never an exact COUNT over
    every matching programme. The other filters narrow the entries' programmes."""
    if not filters.q:
        return search(filters)
    rest = replace(filters, q="")
    # Every indexed programme is published: only other filters need the programmes.
    within = (
        _filtered(rest).order_by().values("pk").query.sql_with_params() if rest.active() else None
    )

    def objects(hits):
        found = _with_texts(_published().filter(pk__in=[hit.object_id for hit in hits]))
        return in_hit_order(hits, found)

    return paged(kind=KIND, query=filters.q, objects=objects, within=within)


def programme_for(*, user: User, pk: int) -> Programme | None:
    """A published programme for anyone; the others for their editors only."""
    programme = (
        _with_texts(Programme.objects.all()).select_related("created_by").filter(pk=pk).first()
    )
    if programme is None:
        return None
    if programme.is_published or can_edit(user=user, programme=programme):
        return programme
    return None


def history(*, programme: Programme):
    return list(
        ProgrammeEvent.objects.filter(programme=programme)
        .select_related("actor")
        .order_by("at", "pk")
    )


def interest_of(*, user: User, programme: Programme) -> bool:
    country = person_country(user)
    return (
        bool(country)
        and ProgrammeInterest.objects.filter(programme=programme, country=country).exists()
    )


def interested_countries(*, programme: Programme) -> list[str]:
    labels = dict(Country.choices)
    codes = ProgrammeInterest.objects.filter(programme=programme).values_list("country", flat=True)
    return sorted(str(labels.get(code, code)) for code in codes)


def ministry_programmes(*, user: User):
    """The programmes of the person's ministry (all of them for the secretariat)."""
    programmes = Programme.objects.all()
    if not user.is_secretariat:
        country = person_country(user)
        programmes = programmes.filter(Q(country=country) | Q(created_by=user))
    return programmes.order_by("-updated_at", "-pk")


def review_queue():
    return Programme.objects.filter(status__in=[Programme.Status.SUBMITTED]).order_by(
        "updated_at", "pk"
    )


@dataclass
class TableCell:
    theme: Theme
    total: int  # published records on the theme
    ministries: int  # of which the ministries' own
    organisations: int  # and the international organisations' projects


@dataclass
class TableRow:
    area: Area
    total: int
    themes: list[TableCell] = field(default_factory=list)


def _counts(group_by: str) -> dict:
    """{id: (all, of international organisations)} of published records per ``group_by``."""
    through = Programme.themes.through
    rows = (
        through.objects.filter(programme__status=Programme.Status.PUBLISHED)
        .values(group_by)
        .annotate(
            n=Count("programme_id", distinct=True),
            international=Count(
                "programme_id", distinct=True, filter=~Q(programme__organisation="")
            ),
        )
        .values_list(group_by, "n", "international")
    )
    return {key: (n, international) for key, n, international in rows}


def table() -> list[TableRow]:
    """Published records by area and theme, the ministries' programmes apart from the
    international organisations' projects (three queries)."""
    per_theme = _counts("theme_id")
    per_area = _counts("theme__area_id")
    rows: dict[int, TableRow] = {}
    for theme in Theme.objects.select_related("area").order_by(
        "area__sort_order", "sort_order", "code"
    ):
        row = rows.setdefault(
            theme.area_id, TableRow(area=theme.area, total=per_area.get(theme.area_id, (0, 0))[0])
        )
        total, international = per_theme.get(theme.pk, (0, 0))
        row.themes.append(TableCell(theme, total, total - international, international))
    return list(rows.values())


@dataclass
class Demand:
    programme: Programme
    countries: list[str]


def supply_and_demand():
    """For the secretariat: programmes on offer against the ministries interested in
    them, most wanted first; and by category, how many offer and how many ask."""
    labels = dict(Country.choices)
    interests: dict[int, list[str]] = {}
    for programme_id, country in ProgrammeInterest.objects.values_list("programme_id", "country"):
        interests.setdefault(programme_id, []).append(str(labels.get(country, country)))
    programmes = (
        _published()
        .annotate(demand=Count("interests"))
        .filter(demand__gt=0)
        .order_by("-demand", "name")
        .prefetch_related("translations")  # names in the reader's language
    )
    rows = [Demand(p, sorted(interests.get(p.pk, []))) for p in programmes]
    by_category = []
    offered = dict(
        _published().values("category").annotate(n=Count("pk")).values_list("category", "n")
    )
    asking = dict(
        ProgrammeInterest.objects.filter(programme__status=Programme.Status.PUBLISHED)
        .values("programme__category")
        .annotate(n=Count("country", distinct=True))
        .values_list("programme__category", "n")
    )
    for code, label in Category.choices:
        by_category.append((label, offered.get(code, 0), asking.get(code, 0)))
    return rows, by_category
