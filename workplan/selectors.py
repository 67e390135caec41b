"""Reads about work plans, returning only what the acting user may see.

Who sees what:
- an approved plan (lines, actions, their links and figures) is public: the network
  publishes what it agreed to do; a draft is for the secretariat and the body that
  approves it (``is_approving_body``);
- the ministries' priorities for the plan's period (the priorities questionnaire's
  ranking) are shown to those who may read that questionnaire's results;
- the budget is for the secretariat and the approving body (``can_see_budget``);
- a link to what realised an action is shown only to those who may see that record
  (a published event, a selected cooperation activity, a published document, a space
  they may read, a community's public page); figures are computed from those only.

An action's status comes from its links where it has dated ones (events, cohorts,
selected cooperation activities): all ended, fulfilled; none started, future;
otherwise on-going. With none, a study with a published document linked is fulfilled
(the document is what it delivers); else the status typed by the secretariat stands.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from bodies.selectors import current_body_ids
from cooperation.models import Proposal
from cooperation.selectors import can_see as can_see_proposal
from events.models import Event, EventRegistration
from forum.access import CURRENT_ENROLMENT, readable_spaces_filter
from forum.models import Space, SpaceMembership
from library.models import Publication
from lms.choices import Country, Role
from lms.models import Cohort, Enrolment
from priorities import selectors as priorities
from priorities.models import Questionnaire
from workplan.models import Action, PlanChange, PriorityLine, WorkPlan

STATUS_ORDER = [Action.Status.FULFILLED, Action.Status.ONGOING, Action.Status.FUTURE]


# --- rights ------------------------------------------------------------------------------------


def can_edit(user) -> bool:
    """The secretariat edits plans, lines, actions and budgets (in the Wagtail admin)."""
    return user.is_authenticated and user.is_secretariat


def is_approving_body(user, plan: WorkPlan | None = None) -> bool:
    """The secretariat, and the body that approves the plan: the current members of
    its approving body, or, for a plan that names none, the focal points of every
    ministry (the network of focal points). Without a plan: whether the person may
    approve some plan (the focal points, or a member of any plan's body)."""
    if not user.is_authenticated:
        return False
    if user.is_secretariat:
        return True
    if plan is not None and plan.approving_body_id is not None:
        return plan.approving_body_id in _my_bodies(user)
    return user.has_role(Role.FOCAL_POINT)


def _my_bodies(user) -> set[int]:
    """The bodies the person sits on today, asked once per request and person."""
    cached = getattr(user, "_workplan_bodies", None)
    if cached is None:
        cached = user._workplan_bodies = current_body_ids(user)
    return cached


def can_see_plan(user, plan: WorkPlan) -> bool:
    """Approved plans are public; drafts are for the secretariat and the approving body
    (which reviews them before approving)."""
    return plan.is_approved or is_approving_body(user, plan)


def can_see_budget(user, plan: WorkPlan) -> bool:
    """The secretariat and the approving body, drafts included."""
    return is_approving_body(user, plan)


# --- plans -------------------------------------------------------------------------------------


def plans_for(*, user) -> list[WorkPlan]:
    """The plans the person may see: the current one (approved, covering this year)
    first, then the others newest first."""
    plans = WorkPlan.objects.select_related("approved_by").order_by("-start_year", "-pk")
    if not (user.is_authenticated and user.is_secretariat):
        # Drafts only to their approving body; never listed publicly.
        reviews = Q(pk__in=[])
        if user.is_authenticated:
            reviews = Q(approving_body__in=_my_bodies(user))
            if user.has_role(Role.FOCAL_POINT):
                reviews |= Q(approving_body__isnull=True)
        plans = plans.filter(Q(status=WorkPlan.Status.APPROVED) | reviews)
    year = timezone.localdate().year
    plans = list(plans[:100])
    for plan in plans:
        plan.is_current = plan.is_approved and plan.start_year <= year <= plan.end_year
    return sorted(plans, key=lambda plan: not plan.is_current)


def plan_for(*, user, pk: int) -> WorkPlan | None:
    """One plan, if the person may see it (the same None for missing and forbidden)."""
    plan = WorkPlan.objects.select_related("approved_by").filter(pk=pk).first()
    if plan is None or not can_see_plan(user, plan):
        return None
    return plan


# --- a plan's lines and actions ----------------------------------------------------------------


@dataclass
class Link:
    title: str
    url: str = ""
    detail: object = ""  # text, or a date the template formats


@dataclass
class ActionRow:
    action: Action
    status: str
    from_platform: bool
    events: list = field(default_factory=list)
    cohorts: list = field(default_factory=list)
    spaces: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    publications: list = field(default_factory=list)
    participants: int = 0
    countries: list = field(default_factory=list)
    documents: int = 0
    balance: Decimal = Decimal("0")
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    # The records behind the links shown (the reader may see each), for reports.
    shown: dict = field(default_factory=lambda: defaultdict(list))

    @property
    def status_label(self) -> str:
        return Action.Status(self.status).label

    @property
    def has_links(self) -> bool:
        return bool(
            self.events or self.cohorts or self.spaces or self.proposals or self.publications
        )


@dataclass
class Totals:
    approved: Decimal = Decimal("0")
    host: Decimal = Decimal("0")
    in_kind: Decimal = Decimal("0")
    spent: Decimal = Decimal("0")

    @property
    def balance(self) -> Decimal:
        return self.approved - self.spent

    @property
    def over(self) -> bool:
        return self.spent > self.approved

    def add(self, action: Action) -> None:
        self.approved += action.approved_amount
        self.host += action.host_contribution
        self.in_kind += action.in_kind_value
        self.spent += action.spent


@dataclass
class LineRow:
    line: PriorityLine
    actions: list[ActionRow]
    totals: Totals = field(default_factory=Totals)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        """(code, label, how many) for fulfilled, on-going and future."""
        counted = Counter(row.status for row in self.actions)
        return [(code, Action.Status(code).label, counted[code]) for code in STATUS_ORDER]


@dataclass
class PlanView:
    plan: WorkPlan
    lines: list[LineRow]
    totals: Totals = field(default_factory=Totals)

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        counted = Counter(row.status for line in self.lines for row in line.actions)
        return [(code, Action.Status(code).label, counted[code]) for code in STATUS_ORDER]


def _lines(plan: WorkPlan) -> list[PriorityLine]:
    actions = Action.objects.select_related("source").prefetch_related(
        Prefetch("events", queryset=Event.objects.order_by("starts_at")),
        Prefetch("cohorts", queryset=Cohort.objects.select_related("course").order_by("starts_on")),
        Prefetch("spaces", queryset=Space.objects.order_by("name")),
        Prefetch(
            "proposals",
            queryset=Proposal.objects.prefetch_related("beneficiaries").order_by("starts_on"),
        ),
        Prefetch(
            "publications",
            queryset=Publication.objects.select_related("document").order_by("-date", "pk"),
        ),
    )
    return list(
        PriorityLine.objects.filter(plan=plan)
        .order_by("sort_order", "pk")
        .prefetch_related(Prefetch("actions", queryset=actions.order_by("sort_order", "pk")))
    )


def _when(start, end, now, today) -> str:
    """past, running or future, for datetimes (compared with now) or dates (today)."""
    if isinstance(end, datetime.datetime):
        return "past" if end <= now else ("future" if start > now else "running")
    return "past" if end < today else ("future" if start > today else "running")


def _spans(action: Action, shown_events=None) -> list[tuple]:
    """When the linked events, cohorts and selected cooperation activities ran: only
    the events the reader may see (``shown_events``; all when None), so that a hidden
    event's dates never show through the action's dates or status. Cohorts are shown to
    all, and a selected cooperation activity is public."""
    events = action.events.all() if shown_events is None else shown_events
    spans = [(event.starts_at, event.ends_at) for event in events]
    spans += [(cohort.starts_on, cohort.ends_on) for cohort in action.cohorts.all()]
    spans += [
        (proposal.starts_on, proposal.ends_on)
        for proposal in action.proposals.all()
        if proposal.status == Proposal.Status.SELECTED
    ]
    return spans


def _day(moment) -> datetime.date:
    return timezone.localdate(moment) if isinstance(moment, datetime.datetime) else moment


def action_dates(action: Action, shown_events=None) -> tuple:
    """The dates typed for the action; where none were, those of its dated links."""
    spans = _spans(action, shown_events)
    starts = action.starts_on or (min(_day(start) for start, _end in spans) if spans else None)
    ends = action.ends_on or (max(_day(end) for _start, end in spans) if spans else None)
    return starts, ends


def action_status(action: Action, now=None, shown_events=None) -> tuple[str, bool]:
    """The action's status and whether the platform said it (prefetched links)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    states = {_when(start, end, now, today) for start, end in _spans(action, shown_events)}
    if states == {"past"}:
        return Action.Status.FULFILLED, True
    if states == {"future"}:
        return Action.Status.FUTURE, True
    if states:
        return Action.Status.ONGOING, True
    published = Publication.Status.PUBLISHED
    if action.kind == Action.Kind.STUDY and any(
        item.status == published for item in action.publications.all()
    ):
        return Action.Status.FULFILLED, True
    return action.typed_status, False


def _visible_space_ids(user, space_ids: set[int]) -> set[int]:
    if not space_ids or not user.is_authenticated:
        return set()
    return set(
        Space.objects.filter(pk__in=space_ids)
        .filter(readable_spaces_filter(user))
        .values_list("pk", flat=True)
    )


def _space_link(space: Space, visible: set[int]) -> Link | None:
    if space.kind == Space.Kind.COMMUNITY:  # its page is public
        return Link(space.name, reverse("forum:community", kwargs={"slug": space.slug}))
    if space.pk not in visible:
        return None
    url = reverse("forum:space", kwargs={"slug": space.slug}) if space.has_forum else ""
    return Link(space.name, url)


def _by_record_and_country(rows, key: str) -> dict:
    counted = defaultdict(Counter)
    for row in rows:
        counted[row[key]][row["country"] or ""] += row["n"]
    return counted


def plan_view(*, user, plan: WorkPlan) -> PlanView:
    """The plan's lines and actions with their status, the links the person may see and
    the figures those give. The same number of queries for 3 actions and for 300."""
    lines = _lines(plan)
    actions = [action for line in lines for action in line.actions.all()]
    secretariat = can_edit(user)
    all_spaces = {space.pk for action in actions for space in action.spaces.all()}
    visible_spaces = all_spaces if secretariat else _visible_space_ids(user, all_spaces)
    shown_events = {
        event.pk
        for action in actions
        for event in action.events.all()
        if secretariat or event.is_published
    }
    shown_cohorts = {cohort.pk for action in actions for cohort in action.cohorts.all()}
    registrations = _by_record_and_country(
        EventRegistration.objects.filter(event_id__in=shown_events)
        .values("event_id", country=F("user__profile__country"))
        .annotate(n=Count("pk")),
        "event_id",
    )
    enrolments = _by_record_and_country(
        Enrolment.objects.filter(cohort_id__in=shown_cohorts, status__in=CURRENT_ENROLMENT)
        .values("cohort_id", country=F("user__profile__country"))
        .annotate(n=Count("pk")),
        "cohort_id",
    )
    members = _by_record_and_country(
        SpaceMembership.objects.filter(space_id__in=visible_spaces)
        .values("space_id", country=F("user__profile__country"))
        .annotate(n=Count("pk")),
        "space_id",
    )
    now = timezone.now()
    view = PlanView(plan=plan, lines=[])
    for line in lines:
        line_row = LineRow(line=line, actions=[])
        for action in line.actions.all():
            row = _action_row(
                user, action, now, secretariat, visible_spaces, registrations, enrolments, members
            )
            line_row.actions.append(row)
            line_row.totals.add(action)
        for name in ("approved", "host", "in_kind", "spent"):
            setattr(view.totals, name, getattr(view.totals, name) + getattr(line_row.totals, name))
        view.lines.append(line_row)
    return view


def _action_row(user, action, now, secretariat, visible_spaces, registrations, enrolments, members):
    events = [event for event in action.events.all() if secretariat or event.is_published]
    status, from_platform = action_status(action, now, events)
    row = ActionRow(
        action=action,
        status=status,
        from_platform=from_platform,
        balance=action.approved_amount - action.spent,
    )
    row.starts_on, row.ends_on = action_dates(action, events)
    countries = Counter()
    row.shown["events"] = events
    for event in events:
        row.events.append(
            Link(
                event.title,
                reverse("events:event", kwargs={"slug": event.slug}),
                timezone.localtime(event.starts_at).date(),  # the template formats it
            )
        )
        row.participants += sum(registrations[event.pk].values())
        countries.update(registrations[event.pk])
        if event.host_country:
            countries[event.host_country] += 0
    for cohort in action.cohorts.all():
        row.shown["cohorts"].append(cohort)
        course = cohort.course.title if secretariat or cohort.course.live else ""
        row.cohorts.append(Link(cohort.name, "", course))
        row.participants += sum(enrolments[cohort.pk].values())
        countries.update(enrolments[cohort.pk])
    for space in action.spaces.all():
        link = _space_link(space, visible_spaces)
        if link is not None:
            row.shown["spaces"].append(space)
            row.spaces.append(link)
            countries.update(members[space.pk])
    for proposal in action.proposals.all():
        if not (secretariat or can_see_proposal(user=user, proposal=proposal)):
            continue
        row.shown["proposals"].append(proposal)
        row.proposals.append(
            Link(
                proposal.topic,
                reverse("cooperation:proposal", kwargs={"pk": proposal.pk}),
                proposal.get_status_display(),
            )
        )
        countries[proposal.providing_country] += 0
        for beneficiary in proposal.beneficiaries.all():
            countries[beneficiary.country] += 0
    for publication in action.publications.all():
        if not (secretariat or publication.status == Publication.Status.PUBLISHED):
            continue
        url = publication.url or (publication.document.url if publication.document_id else "")
        row.publications.append(
            Link(publication.display_title, url, publication.get_kind_display())
        )
    row.documents = len(row.publications)
    if action.host_country:
        countries[action.host_country] += 0
    names = dict(Country.choices)
    row.countries = sorted(str(names[code]) for code in countries if code in names)
    return row


# --- the budget --------------------------------------------------------------------------------


def budget_for(*, user, plan: WorkPlan) -> PlanView | None:
    """The plan with its budget per action, line and plan, for those who may see it."""
    if not can_see_budget(user, plan):
        return None
    return plan_view(user=user, plan=plan)


def changes_for(*, user, plan: WorkPlan, page: str | int | None = 1, per_page: int = 50):
    """One page (Django ``Page``) of the recorded changes of an approved plan, newest
    first, for budget readers (None for the others). A change of links shows the records
    the reader may see (as ``plan_view`` does) by name, the others as a count."""
    if not can_see_budget(user, plan):
        return None
    changes = (
        PlanChange.objects.filter(plan=plan).select_related("action", "by").order_by("-at", "-pk")
    )
    shown = Paginator(changes, per_page).get_page(page)
    ids = defaultdict(set)
    for change in shown:
        if change.field in PlanChange.LINK_FIELDS:
            for value in (change.before, change.after):
                ids[change.field].update(_ids(value) or ())
    names = {name: _link_names(user, name, pks) for name, pks in ids.items()}
    for change in shown:
        if change.field in PlanChange.LINK_FIELDS:
            change.resolved = tuple(
                _links_shown(user, value, names.get(change.field, {}))
                for value in (change.before, change.after)
            )
    return shown


def _ids(value: str) -> list[int] | None:
    """The record ids a link change stored (None for a value recorded otherwise)."""
    if value == "":
        return []
    parts = value.split(",")
    return [int(part) for part in parts] if all(part.isdigit() for part in parts) else None


def _link_names(user, field: str, pks: set[int]) -> dict[int, str]:
    """The names of the linked records the reader may see, by id (one query)."""
    if not pks:
        return {}
    secretariat = can_edit(user)
    if field == "events":
        events = Event.objects.filter(pk__in=pks)
        if not secretariat:
            events = events.filter(is_published=True)
        return dict(events.values_list("pk", "title"))
    if field == "cohorts":  # shown to all on the plan's page
        return dict(Cohort.objects.filter(pk__in=pks).values_list("pk", "name"))
    if field == "spaces":
        spaces = Space.objects.filter(pk__in=pks)
        if not secretariat:
            spaces = spaces.filter(Q(kind=Space.Kind.COMMUNITY) | readable_spaces_filter(user))
        return dict(spaces.values_list("pk", "name"))
    if field == "proposals":
        return {
            proposal.pk: proposal.topic
            for proposal in Proposal.objects.filter(pk__in=pks)
            if secretariat or can_see_proposal(user=user, proposal=proposal)
        }
    publications = Publication.objects.filter(pk__in=pks)
    if not secretariat:
        publications = publications.filter(status=Publication.Status.PUBLISHED)
    return dict(publications.values_list("pk", "title"))


def _links_shown(user, value: str, names: dict[int, str]) -> str:
    ids = _ids(value)
    if ids is None:  # recorded as names before links were recorded as ids
        if can_edit(user):
            return value
        ids = value.split(", ")
    shown = sorted(names[pk] for pk in ids if pk in names)
    hidden = len(ids) - len(shown)
    if hidden:
        shown.append(
            ngettext("%(n)s record you may not see", "%(n)s records you may not see", hidden)
            % {"n": hidden}
        )
    return ", ".join(shown)


# --- the ministries' priorities ------------------------------------------------------------

PRIORITIES_SHOWN = 8  # as many themes as the last plan had priority lines


@dataclass
class PlanPriorities:
    questionnaire: Questionnaire
    rate: "priorities.ResponseRate"
    themes: list


def plan_priorities(*, user, plan: WorkPlan) -> PlanPriorities | None:
    """What the ministries asked for in the priorities questionnaire that prepared this
    plan's period (the latest one for it), for those who may read its results: the
    secretariat, and focal points once it closed. Four queries (none signed out)."""
    if not user.is_authenticated:
        return None
    questionnaire = (
        Questionnaire.objects.filter(period=plan.period).order_by("-closes_on", "-pk").first()
    )
    if questionnaire is None or not priorities.can_see_results(
        user=user, questionnaire=questionnaire
    ):
        return None
    return PlanPriorities(
        questionnaire=questionnaire,
        rate=priorities.response_rate(questionnaire),
        themes=priorities.ranked_themes(questionnaire)[:PRIORITIES_SHOWN],
    )
