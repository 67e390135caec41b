"""A work plan's performance report, read from what the platform recorded.

Who reads what:
- the full report (activities per line, participants, training, dialogues,
  cooperation, pilot projects, satisfaction, the budget executed; its CSV and PDF) is for the
  secretariat and the plan's approving body: those who see its budget;
- the public summary (activities per line and the totals, no budget, no list of
  institutions) is for everyone once the secretariat published it, and for the
  report's readers before;
- figures come only from records the reader may see (``workplan.selectors.plan_view``
  decides which links are shown): an unpublished event counts for the secretariat,
  not for a visitor.

People are counted, never listed: by country, by constituency and by the
institution they named; by sex only in totals and only when at least
``MIN_SAID_SEX`` participants said it, so nobody's answer can be told apart.
The same number of queries for 3 actions and for 300.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import Lower, Trim
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.services import RESULT_KINDS
from evaluations import selectors as evaluations
from events.models import Event, EventRegistration
from events.selectors import EVENT_VIDEO
from forum.access import CURRENT_ENROLMENT
from forum.models import SpaceMembership
from lms.choices import Constituency, Country, Sex
from lms.models import Enrolment, SurveyCompletion, SurveyTally, User
from lms.selectors import reports as lms_reports
from lms.selectors.video import attendance_counts, owner_key
from pilots import selectors as pilots
from reports.models import PerformanceReport
from workplan import selectors as workplan
from workplan.models import Action, WorkPlan

# Below these, a count or a mean could point at a person: not shown.
MIN_SAID_SEX = 5
MIN_IN_A_CELL = 5
MIN_RESPONDENTS = lms_reports.MIN_RESPONDENTS_FOR_TEXT  # the cohort reports' own threshold
# Who speaks for a ministry in a dialogue: its government people, and those who did not
# say (most officials never fill the optional question), not workers' or employers'.
MINISTRY_CONSTITUENCIES = [Constituency.GOVERNMENT, ""]
INSTITUTIONS_SHOWN = 30
NOT_SAID = _("Not said")


# --- rights ------------------------------------------------------------------------------------


def can_edit(user) -> bool:
    """The secretariat writes the foreword and publishes the summary."""
    return workplan.can_edit(user)


def can_read(user, plan: WorkPlan) -> bool:
    """The full report: the secretariat and the plan's approving body."""
    return workplan.can_see_budget(user, plan)


def report_of(plan: WorkPlan) -> PerformanceReport | None:
    return (
        PerformanceReport.objects.filter(plan=plan)
        .select_related("published_by")
        .prefetch_related("forewords")
        .first()
    )


def history(report: PerformanceReport | None, limit: int = 50) -> list:
    """What the secretariat did to the report, newest first (one query)."""
    if report is None:
        return []
    return list(report.actions.select_related("by")[:limit])


def summary_is_public(plan: WorkPlan, report: PerformanceReport | None) -> bool:
    return plan.is_approved and report is not None and report.is_public


def can_read_summary(user, plan: WorkPlan, report: PerformanceReport | None) -> bool:
    return summary_is_public(plan, report) or can_read(user, plan)


def summary_published(plan: WorkPlan) -> bool:
    """Whether the plan's summary is public (one query), for the plan's page."""
    return plan.is_approved and PerformanceReport.objects.filter(plan=plan, is_public=True).exists()


# --- the figures -------------------------------------------------------------------------------


@dataclass
class CountryRow:
    code: str
    name: str
    total: int
    by_constituency: list[int]  # in the order of ``Participation.constituency_labels``


@dataclass
class Participation:
    total: int = 0
    countries: list[CountryRow] = field(default_factory=list)
    constituency_labels: list[str] = field(default_factory=list)
    constituencies: list[tuple[str, int]] = field(default_factory=list)
    sex: list[tuple[str, int]] | None = None  # None: too few said it to show
    sex_said: int = 0
    institutions: list[tuple[str, str, int]] = field(default_factory=list)
    institutions_total: int = 0

    @property
    def countries_reached(self) -> int:
        return sum(1 for row in self.countries if row.code)


@dataclass
class CohortRow:
    name: str
    course: str
    enrolled: int = 0
    completed: int = 0
    certified: int = 0
    respondents: int = 0
    rating: float | None = None  # mean of the course surveys' 1-5 scale answers


@dataclass
class Training:
    cohorts: list[CohortRow] = field(default_factory=list)
    enrolled: int = 0
    completed: int = 0
    certified: int = 0
    respondents: int = 0
    rating: float | None = None


@dataclass
class Dialogue:
    title: str
    url: str
    when: object  # a date, or "" for a space
    countries: list[str]
    attended: int = 0  # people who joined its video room (lms.video), counted, not named


@dataclass
class Cooperation:
    topic: str
    url: str
    status: str
    providing: str
    beneficiaries: list[str]
    results: list[str]
    reported: bool


@dataclass
class EvaluationRow:
    title: str
    respondents: int
    satisfaction: float | None
    usefulness: float | None


@dataclass
class LineFigures:
    title: str
    counts: list[tuple[str, str, int]]
    actions: list  # workplan ActionRow
    approved: Decimal
    spent: Decimal

    @property
    def execution(self) -> int | None:
        """Percentage of the approved amount spent (None when nothing was approved)."""
        return round(self.spent * 100 / self.approved) if self.approved else None


@dataclass
class Report:
    plan: WorkPlan
    record: PerformanceReport | None
    lines: list[LineFigures]
    counts: list[tuple[str, str, int]]
    participation: Participation
    training: Training
    dialogues: list[Dialogue]
    cooperation: list[Cooperation]
    pilots: list  # pilots.selectors.ReportRow: the pilots under way in the plan's years
    evaluations: list[EvaluationRow]
    evaluated: "evaluations.Summary"
    approved: Decimal
    spent: Decimal
    generated_at: object
    with_budget: bool

    @property
    def actions(self) -> int:
        return sum(n for _code, _label, n in self.counts)

    @property
    def execution(self) -> int | None:
        return round(self.spent * 100 / self.approved) if self.approved else None

    def foreword(self, language: str):
        return self.record.foreword_in(language) if self.record else None


def report_for(*, user, plan: WorkPlan, record: PerformanceReport | None = None) -> Report:
    """The report as ``user`` may read it (call ``can_read`` or ``can_read_summary``
    first: this function does not refuse)."""
    view = workplan.plan_view(user=user, plan=plan)
    rows = [row for line in view.lines for row in line.actions]
    shown = defaultdict(dict)
    for row in rows:
        for name, records in row.shown.items():
            for item in records:
                shown[name][item.pk] = item
    cohorts = shown["cohorts"]
    events = shown["events"]
    return Report(
        plan=plan,
        record=record,
        lines=[
            LineFigures(
                title=line.line.title,
                counts=line.counts,
                actions=line.actions,
                approved=line.totals.approved,
                spent=line.totals.spent,
            )
            for line in view.lines
        ],
        counts=view.counts,
        participation=_participation(events, cohorts),
        training=_training(cohorts, secretariat=can_edit(user)),
        dialogues=_dialogues(rows, events),
        cooperation=_cooperation(shown["proposals"].values()),
        # Pilots are the members' record (not the public summary's): for the full report.
        pilots=pilots.in_period(start_year=plan.start_year, end_year=plan.end_year)
        if can_read(user, plan) and pilots.can_see(user)
        else [],
        **_evaluations(events, shown["proposals"]),
        approved=view.totals.approved,
        spent=view.totals.spent,
        generated_at=timezone.now(),
        with_budget=can_read(user, plan),
    )


def _participants(event_ids, cohort_ids):
    """The people registered for the events or enrolled (now or done) in the cohorts."""
    return User.objects.filter(
        Q(pk__in=EventRegistration.objects.filter(event_id__in=event_ids).values("user_id"))
        | Q(
            pk__in=Enrolment.objects.filter(
                cohort_id__in=cohort_ids, status__in=CURRENT_ENROLMENT
            ).values("user_id")
        )
    )


def _participation(events: dict, cohorts: dict) -> Participation:
    people = _participants(list(events), list(cohorts))
    codes = [*Constituency.values, ""]
    result = Participation(
        constituency_labels=[str(label) for label in Constituency.labels] + [str(NOT_SAID)]
    )
    by_country = defaultdict(Counter)
    for country, constituency, n in people.values_list(
        "profile__country", "profile__constituency"
    ).annotate(n=Count("pk")):
        by_country[country or ""][constituency or ""] += n
    names = dict(Country.choices)
    totals = Counter()
    for code, counts in by_country.items():
        totals.update(counts)
        result.countries.append(
            CountryRow(
                code=code,
                name=str(names.get(code, NOT_SAID)),
                total=sum(counts.values()),
                by_constituency=[counts[value] for value in codes],
            )
        )
    result.countries.sort(key=lambda row: (-row.total, row.name))
    result.total = sum(totals.values())
    result.constituencies = list(
        zip(
            result.constituency_labels,
            suppressed([totals[value] for value in codes]),
            strict=True,
        )
    )
    sexes = Counter(dict(people.values_list("profile__sex").annotate(n=Count("pk"))))
    result.sex_said = sum(n for code, n in sexes.items() if code)
    if result.sex_said >= MIN_SAID_SEX:
        labels = [str(label) for label in Sex.labels] + [str(NOT_SAID)]
        counts = [sexes[code] for code in Sex.values] + [result.total - result.sex_said]
        result.sex = list(zip(labels, suppressed(counts), strict=True))
    named = (
        people.exclude(profile__institution="")
        .exclude(profile__institution__isnull=True)
        .values("profile__country", key=Lower(Trim("profile__institution")))
    )
    result.institutions_total = named.distinct().count()
    result.institutions = [
        (str(names.get(row["profile__country"], "")), row["name"], row["n"])
        for row in named.annotate(n=Count("pk"), name=Min(Trim("profile__institution"))).order_by(
            "-n", "key"
        )[:INSTITUTIONS_SHOWN]
    ]
    return result


def suppressed(counts: list[int]) -> list[int | None]:
    """The counts of one breakdown (which add up to a known total), with each count
    from 1 to ``MIN_IN_A_CELL - 1`` hidden (None), and, when that hides only one, the
    next smallest too: a single hidden count could be worked out from the total."""
    shown = [None if 0 < n < MIN_IN_A_CELL else n for n in counts]
    hidden = [index for index, n in enumerate(shown) if n is None]
    if len(hidden) == 1:
        others = [index for index, n in enumerate(shown) if n]
        if others:
            shown[min(others, key=lambda index: counts[index])] = None
    return shown


def _mean(points, answers) -> float | None:
    return round(points / answers, 2) if answers else None


def _training(cohorts: dict, *, secretariat: bool) -> Training:
    """Per cohort: enrolled, completed, certified, and the surveys' mean rating once
    ``MIN_RESPONDENTS`` answered (one person's answers are never shown as a mean);
    in total, people who completed a course counted once each."""
    result = Training()
    if not cohorts:
        return result
    counts = {
        row["cohort_id"]: row
        for row in Enrolment.objects.filter(cohort_id__in=list(cohorts))
        .values("cohort_id")
        .annotate(
            enrolled=Count("pk", filter=Q(status__in=CURRENT_ENROLMENT)),
            completed=Count("pk", filter=Q(status=Enrolment.Status.COMPLETED)),
            certified=Count("certificate"),
        )
    }
    ratings = {
        row["cohort_id"]: (row["points"], row["answers"])
        for row in SurveyTally.objects.filter(cohort_id__in=list(cohorts))
        .values("cohort_id")
        .annotate(points=Sum(F("value") * F("count")), answers=Sum("count"))
    }
    respondents = dict(
        SurveyCompletion.objects.filter(enrolment__cohort_id__in=list(cohorts))
        .values("enrolment__cohort_id")
        .annotate(n=Count("enrolment_id", distinct=True))
        .values_list("enrolment__cohort_id", "n")
    )
    points = answers = 0
    for pk, cohort in sorted(cohorts.items(), key=lambda item: (item[1].starts_on, item[0])):
        row = counts.get(pk, {})
        cohort_points, cohort_answers = ratings.get(pk, (0, 0))
        points += cohort_points or 0
        answers += cohort_answers or 0
        result.cohorts.append(
            CohortRow(
                name=cohort.name,
                course=cohort.course.title if secretariat or cohort.course.live else "",
                enrolled=row.get("enrolled", 0),
                completed=row.get("completed", 0),
                certified=row.get("certified", 0),
                respondents=respondents.get(pk, 0),
                rating=_mean(cohort_points or 0, cohort_answers or 0)
                if respondents.get(pk, 0) >= MIN_RESPONDENTS
                else None,
            )
        )
    for name in ("enrolled", "certified", "respondents"):
        setattr(result, name, sum(getattr(row, name) for row in result.cohorts))
    result.completed = (
        Enrolment.objects.filter(cohort_id__in=list(cohorts), status=Enrolment.Status.COMPLETED)
        .values("user_id")
        .distinct()
        .count()
    )
    if result.respondents >= MIN_RESPONDENTS:
        result.rating = _mean(points, answers)
    return result


def _dialogues(rows, events: dict) -> list[Dialogue]:
    """Each virtual dialogue the plan links (an event of that kind, or the space of a
    dialogue action) with the countries whose ministries took part (people of the
    government constituency, or who did not say theirs)."""
    dialogue_events = [event for event in events.values() if event.kind == Event.Kind.DIALOGUE]
    spaces = {
        space.pk: space
        for row in rows
        if row.action.kind == Action.Kind.DIALOGUE
        for space in row.shown.get("spaces", [])
    }
    by_event = defaultdict(set)
    if dialogue_events:
        for event_id, country in (
            EventRegistration.objects.filter(event__in=dialogue_events)
            .filter(user__profile__constituency__in=MINISTRY_CONSTITUENCIES)
            .exclude(user__profile__country="")
            .values_list("event_id", "user__profile__country")
            .distinct()
        ):
            if country:
                by_event[event_id].add(country)
    by_space = defaultdict(set)
    if spaces:
        for space_id, country in (
            SpaceMembership.objects.filter(space_id__in=list(spaces))
            .filter(user__profile__constituency__in=MINISTRY_CONSTITUENCIES)
            .exclude(user__profile__country="")
            .values_list("space_id", "user__profile__country")
            .distinct()
        ):
            if country:
                by_space[space_id].add(country)
    attended = (
        attendance_counts([owner_key(EVENT_VIDEO, event.pk) for event in dialogue_events])
        if dialogue_events
        else {}
    )
    names = dict(Country.choices)

    def named(codes):
        return sorted(str(names[code]) for code in codes if code in names)

    found = [
        Dialogue(
            event.title,
            reverse("events:event", kwargs={"slug": event.slug}),
            timezone.localtime(event.starts_at).date(),
            named(by_event[event.pk]),
            attended.get(owner_key(EVENT_VIDEO, event.pk), 0),
        )
        for event in sorted(dialogue_events, key=lambda event: event.starts_at)
    ]
    found += [
        Dialogue(space.name, "", "", named(by_space[space.pk]))
        for space in sorted(spaces.values(), key=lambda space: space.name)
    ]
    return found


def _evaluations(events: dict, proposals: dict) -> dict:
    """What participants and parties said in the evaluations of the plan's events and
    cooperation activities: counts and means only (evaluations.selectors)."""
    found = evaluations.summaries(event_ids=list(events), proposal_ids=list(proposals))
    rows = [
        EvaluationRow(subject.title, summary.respondents, summary.satisfaction, summary.usefulness)
        for pk, subject in sorted(events.items(), key=lambda item: item[1].starts_at)
        if (summary := found.get(("event", pk)))
    ]
    rows += [
        EvaluationRow(subject.topic, summary.respondents, summary.satisfaction, summary.usefulness)
        for pk, subject in sorted(proposals.items(), key=lambda item: item[1].starts_on)
        if (summary := found.get(("proposal", pk)))
    ]
    return {"evaluations": rows, "evaluated": found.get(("all", 0), evaluations.Summary())}


def _cooperation(proposals) -> list[Cooperation]:
    names = dict(Country.choices)
    return [
        Cooperation(
            topic=proposal.topic,
            url=reverse("cooperation:proposal", kwargs={"pk": proposal.pk}),
            status=proposal.get_status_display(),
            providing=str(names.get(proposal.providing_country, "")),
            beneficiaries=sorted(
                str(names.get(item.country, item.country)) for item in proposal.beneficiaries.all()
            ),
            results=[
                str(RESULT_KINDS[code])
                for code in proposal.results_kinds.split(",")
                if code in RESULT_KINDS
            ],
            reported=bool(proposal.results.strip()),
        )
        for proposal in sorted(proposals, key=lambda proposal: (proposal.starts_on, proposal.pk))
    ]


# --- the chart ---------------------------------------------------------------------------------

CHART_BAR_WIDTH = 380  # in the SVG's units: the longest line's bar
CHART_ROW_HEIGHT = 28


@dataclass
class ChartRow:
    title: str
    total: int
    y: int
    segments: list[tuple[str, str, int, float, float]]  # code, label, n, x, width
    end: float


def chart_rows(lines: list[LineFigures]) -> list[ChartRow]:
    """Each line's actions as a stacked bar (fulfilled, on-going, future), scaled so the
    line with the most actions fills the bar; the table beside it gives the numbers."""
    widest = max((sum(n for _code, _label, n in line.counts) for line in lines), default=0)
    rows = []
    for index, line in enumerate(lines):
        x, segments = 0.0, []
        for code, label, n in line.counts:
            width = CHART_BAR_WIDTH * n / widest if widest else 0
            if n:
                segments.append((code, label, n, round(x, 1), round(width, 1)))
            x += width
        rows.append(
            ChartRow(
                title=line.title,
                total=sum(n for _code, _label, n in line.counts),
                y=index * CHART_ROW_HEIGHT,
                segments=segments,
                end=round(x, 1),
            )
        )
    return rows
