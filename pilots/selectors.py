"""Reads about pilot projects, and who may do what.

Who sees: every signed-in member (pilots are the network's shared record of what
ministries try at home; visitors see none). Who edits: the focal points of the
leading ministry and the secretariat. Who registers: a focal point (for their own
ministry) and the secretariat. Who is told of changes: the followers, that is the
focal points of the leading and partner ministries (without asking) and whoever
chose to follow.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import Proposal
from courses.models import Theme
from events.models import Event
from forum.models import ExpertProfile
from lms.choices import Country, Role
from lms.models import User
from lms.selectors.people import person_country
from pilots.models import Document, Follow, Milestone, Origin, Partner, Pilot
from portfolio.models import Programme

# A pilot's overall status, from its milestones (computed, never stored).
LATE = "late"
DONE = "done"
IN_PROGRESS = "in_progress"
PLANNED = "planned"


# --- rights ------------------------------------------------------------------------------------


def ministry_of(user) -> str:
    """The country whose ministry a focal point acts for; "" for anyone else."""
    if not getattr(user, "is_authenticated", False) or not user.has_role(Role.FOCAL_POINT):
        return ""
    country = person_country(user)
    return country if country in Country.values else ""


def can_see(user) -> bool:
    """Pilots are for the network's signed-in members."""
    return bool(getattr(user, "is_authenticated", False))


def can_register(user) -> bool:
    """A focal point (for their own ministry) or the secretariat registers a pilot."""
    return can_see(user) and (user.is_secretariat or bool(ministry_of(user)))


def can_edit(user, pilot: Pilot) -> bool:
    """The leading ministry's focal points and the secretariat keep the pilot."""
    if not can_see(user):
        return False
    return user.is_secretariat or ministry_of(user) == pilot.leading_country


def ministries(pilot: Pilot) -> set[str]:
    """The leading and partner ministries (prefetch ``partners``)."""
    return {pilot.leading_country, *(partner.country for partner in pilot.partners.all())}


def follows_as_partner(user, pilot: Pilot) -> bool:
    """A focal point of the leading or a partner ministry follows without asking."""
    country = ministry_of(user)
    return bool(country) and country in ministries(pilot)


def is_following(user, pilot: Pilot) -> bool:
    """Whether the person chose to follow (one query)."""
    return can_see(user) and Follow.objects.filter(pilot=pilot, user=user).exists()


def followers(pilot: Pilot) -> QuerySet[User]:
    """Who is told of the pilot's changes: the focal points of its ministries and the
    people who chose to follow, active accounts only, each once."""
    countries = [pilot.leading_country, *pilot.partners.values_list("country", flat=True)]
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role_grants__role=Role.FOCAL_POINT, profile__country__in=countries)
            | Q(pilot_follows__pilot=pilot)
        )
        .distinct()
        .order_by("pk")
    )


# --- pilots ------------------------------------------------------------------------------------


def _with_status(pilots: QuerySet[Pilot], today) -> QuerySet[Pilot]:
    """Each pilot with its milestones counted: all, done, started and late."""
    return pilots.annotate(
        milestones_total=Count("milestones", distinct=True),
        milestones_done=Count(
            "milestones", filter=Q(milestones__state=Milestone.State.DONE), distinct=True
        ),
        milestones_started=Count(
            "milestones",
            filter=Q(milestones__state=Milestone.State.IN_PROGRESS),
            distinct=True,
        ),
        milestones_late=Count(
            "milestones",
            filter=Q(milestones__due_on__lt=today) & ~Q(milestones__state=Milestone.State.DONE),
            distinct=True,
        ),
    )


def status_of(pilot: Pilot) -> str:
    """late (a milestone is late), done (every milestone done), in progress (one
    started or done), planned (none yet). Needs ``_with_status``'s annotations."""
    if pilot.milestones_late:
        return LATE
    if pilot.milestones_total and pilot.milestones_done == pilot.milestones_total:
        return DONE
    if pilot.milestones_started or pilot.milestones_done:
        return IN_PROGRESS
    return PLANNED


def labelled(pilots) -> list[Pilot]:
    """The pilots (from ``pilots_for`` or a page of it), each with ``status`` and its
    translated ``status_text``."""
    pilots = list(pilots)
    for pilot in pilots:
        pilot.status = status_of(pilot)
        pilot.status_text = status_label(pilot.status)
    return pilots


def status_label(status: str) -> str:
    return {
        LATE: _("Late"),
        DONE: _("Done"),
        IN_PROGRESS: _("In progress"),
        PLANNED: _("Planned"),
    }[status]


def status_choices() -> list[tuple[str, str]]:
    return [(code, status_label(code)) for code in (PLANNED, IN_PROGRESS, LATE, DONE)]


def _status_filter(status: str) -> Q:
    done_all = Q(milestones_total__gt=0, milestones_done=F("milestones_total"))
    if status == LATE:
        return Q(milestones_late__gt=0)
    if status == DONE:
        return Q(milestones_late=0) & done_all
    if status == IN_PROGRESS:
        return (
            Q(milestones_late=0)
            & ~done_all
            & (Q(milestones_started__gt=0) | Q(milestones_done__gt=0))
        )
    if status == PLANNED:
        return Q(milestones_late=0, milestones_started=0, milestones_done=0)
    return Q()


def _pilots() -> QuerySet[Pilot]:
    return Pilot.objects.select_related(
        "theme__area", "event", "programme", "proposal"
    ).prefetch_related("programme__translations")  # programme names in the reader's language


@dataclass
class Filters:
    country: str = ""  # leading or partner ministry
    theme: Theme | None = None
    origin: str = ""
    status: str = ""

    @property
    def active(self) -> bool:
        return bool(self.country or self.theme or self.origin or self.status)


def pilots_for(*, user, filters: Filters | None = None) -> QuerySet[Pilot]:
    """The pilots the person may see, with the filters, newest first (a queryset to
    paginate; each row carries its milestones' counts, its partners prefetched)."""
    if not can_see(user):
        return Pilot.objects.none()
    filters = filters or Filters()
    items = _pilots()
    if filters.country:
        items = items.filter(
            Q(leading_country=filters.country)
            | Exists(Partner.objects.filter(pilot=OuterRef("pk"), country=filters.country))
        )
    if filters.theme is not None:
        items = items.filter(theme=filters.theme)
    if filters.origin in Origin.values:
        items = items.filter(origin=filters.origin)
    items = _with_status(items, timezone.localdate())
    if filters.status:
        items = items.filter(_status_filter(filters.status))
    return items.prefetch_related("partners").order_by("-starts_on", "-pk")


def pilot_for(*, user, pk: int) -> Pilot | None:
    """The pilot with what its page shows, if the person may see it (None for a missing
    one and for a visitor alike)."""
    if not can_see(user):
        return None
    return (
        _with_status(_pilots(), timezone.localdate())
        .prefetch_related(
            "partners",
            "milestones",
            Prefetch(
                "documents", queryset=Document.objects.select_related("publication__document")
            ),
            Prefetch(
                "experts",
                queryset=User.objects.select_related("profile", "expert_profile").order_by(
                    "full_name", "pk"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def document_for(*, user, pilot_id: int, document_id: int) -> Document | None:
    """An uploaded document of a pilot, for a signed-in member."""
    if not can_see(user):
        return None
    return (
        Document.objects.filter(pk=document_id, pilot_id=pilot_id)
        .exclude(file="")
        .select_related("pilot")
        .first()
    )


def for_event(*, user, event) -> list[Pilot]:
    """The pilots drawn from a workshop, for its page (signed-in members only)."""
    if not can_see(user):
        return []
    return labelled(
        _with_status(_pilots().filter(event=event), timezone.localdate())
        .prefetch_related("partners")
        .order_by("-starts_on", "-pk")[:50]
    )


# --- what the forms offer ----------------------------------------------------------------------


def workshops():
    """The published workshops a pilot can be drawn from, newest first."""
    return Event.objects.filter(kind=Event.Kind.WORKSHOP, is_published=True).order_by("-starts_at")


def programmes():
    return Programme.objects.filter(status=Programme.Status.PUBLISHED).order_by("name")


def cooperation_activities():
    """Selected cooperation activities (the ones that take place)."""
    return Proposal.objects.filter(status=Proposal.Status.SELECTED).order_by("-starts_on", "topic")


def experts():
    """The experts of the forum's directory (listed, active)."""
    return (
        User.objects.filter(
            is_active=True,
            pk__in=ExpertProfile.objects.filter(is_listed=True).values("user_id"),
        )
        .select_related("profile")
        .order_by("full_name", "pk")
    )


# --- the performance report --------------------------------------------------------------------


@dataclass
class ReportRow:
    pk: int
    title: str
    leading: str
    partners: list[str]
    status: str
    starts_on: object
    currency: str
    sought: Decimal
    obtained: Decimal
    source: str
    reported: bool


def in_period(*, start_year: int, end_year: int) -> list[ReportRow]:
    """The pilots under way during a work plan's years (started by its last year and
    not ended before its first), oldest first, for the performance report (the report
    checks who reads it). Two queries, however many pilots."""
    items = (
        _with_status(Pilot.objects.all(), timezone.localdate())
        .filter(starts_on__year__lte=end_year)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__year__gte=start_year))
        .prefetch_related("partners")
        .order_by("starts_on", "pk")
    )
    names = dict(Country.choices)
    return [
        ReportRow(
            pk=pilot.pk,
            title=pilot.title,
            leading=str(names.get(pilot.leading_country, "")),
            partners=sorted(str(names.get(p.country, p.country)) for p in pilot.partners.all()),
            status=status_label(status_of(pilot)),
            starts_on=pilot.starts_on,
            currency=pilot.currency,
            sought=pilot.funding_sought,
            obtained=pilot.funding_obtained,
            source=pilot.funding_source,
            reported=bool(pilot.results.strip()),
        )
        for pilot in items
    ]
