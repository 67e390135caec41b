"""Reads about evaluations.

Who answers: for an event, the people registered for it; for a cooperation activity
(selected, so public), its parties: the focal points of the providing and beneficiary
ministries, and whoever proposed it. Each answers once, from the day the thing ended
and for ``EVALUATION_DAYS`` days.

Who reads the results: the secretariat (one evaluation, or all), and the performance
report, which shows only counts and means. Free text is shown once at least
``MIN_RESPONDENTS_FOR_TEXT`` people answered, so nobody's words can be told apart.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q
from django.utils import timezone

from cooperation.models import Proposal
from cooperation.selectors import is_party
from evaluations.models import Completion, Evaluation, Response
from events.models import Event, EventRegistration
from lms.markup import render_plain
from lms.selectors import reports as lms_reports

EVALUATION_DAYS = 30
# Below this many answers, neither means, nor how many gave each value, nor what was
# written is shown anywhere (results, the performance report): they would be one or
# two people's own answers.
MIN_RESPONDENTS_FOR_TEXT = lms_reports.MIN_RESPONDENTS_FOR_TEXT  # as for course surveys
MIN_RESPONDENTS = MIN_RESPONDENTS_FOR_TEXT
# Events whose participants are invited to evaluate them (not the network's meetings).
EVALUATED_KINDS = [Event.Kind.WORKSHOP, Event.Kind.DIALOGUE, Event.Kind.SEMINAR]


def has_ended(subject, now=None) -> bool:
    now = now or timezone.now()
    if isinstance(subject, Event):
        return subject.ends_at <= now
    return subject.ends_on <= timezone.localdate(now)


def window(subject) -> tuple[datetime.date, datetime.date]:
    """From the day the event or activity ended, for ``EVALUATION_DAYS`` days."""
    ended = timezone.localdate(subject.ends_at) if isinstance(subject, Event) else subject.ends_on
    return ended, ended + datetime.timedelta(days=EVALUATION_DAYS)


def evaluation_of(subject) -> Evaluation:
    """The subject's evaluation: the saved one, or an unsaved one with its dates (a
    page that only shows it writes nothing)."""
    found = Evaluation.objects.filter(**{_field(subject): subject}).first()
    if found is not None:
        return found
    opens_on, closes_on = window(subject)
    return Evaluation(**{_field(subject): subject}, opens_on=opens_on, closes_on=closes_on)


def _field(subject) -> str:
    return "event" if isinstance(subject, Event) else "proposal"


def may_answer(*, user, subject) -> bool:
    """A participant of the event, or a party to the activity (open or not)."""
    if not user.is_authenticated:
        return False
    if isinstance(subject, Event):
        return EventRegistration.objects.filter(event=subject, user=user).exists()
    if subject.status != Proposal.Status.SELECTED:
        return False
    return subject.submitted_by_id == user.pk or is_party(user=user, proposal=subject)


def has_answered(*, user, evaluation: Evaluation) -> bool:
    return (
        evaluation.pk is not None
        and Completion.objects.filter(evaluation=evaluation, user=user).exists()
    )


@dataclass
class Prompt:
    """What a subject's page says about its evaluation to the person reading it."""

    evaluation: Evaluation
    can_answer: bool = False
    answered: bool = False
    can_read_results: bool = False


def prompt_for(*, user, subject) -> Prompt | None:
    """None when the page has nothing to say (not a participant, not open yet)."""
    evaluation = evaluation_of(subject)
    prompt = Prompt(evaluation=evaluation, can_read_results=can_read_results(user))
    if may_answer(user=user, subject=subject):
        prompt.answered = has_answered(user=user, evaluation=evaluation)
        prompt.can_answer = not prompt.answered and evaluation.is_open() and has_ended(subject)
    if prompt.can_answer or prompt.answered or (prompt.can_read_results and evaluation.pk):
        return prompt
    return None


def can_read_results(user) -> bool:
    return user.is_authenticated and user.is_secretariat


def evaluation_for(*, user, pk: int) -> Evaluation | None:
    """One evaluation with its subject, for those who may read its results (None for
    the others, as for one that does not exist)."""
    if not can_read_results(user):
        return None
    return Evaluation.objects.select_related("event", "proposal").filter(pk=pk).first()


# --- results -----------------------------------------------------------------------------------


@dataclass
class Results:
    evaluation: Evaluation
    respondents: int = 0
    # How many gave 1..5; None when too few answered to show it.
    satisfaction: list[int] | None = field(default_factory=lambda: [0] * 5)
    usefulness: list[int] | None = field(default_factory=lambda: [0] * 5)
    satisfaction_mean: float | None = None
    usefulness_mean: float | None = None
    will_apply: list = field(default_factory=list)
    improve: list = field(default_factory=list)
    texts_hidden: bool = True


def _mean(counts: list[int]) -> float | None:
    total = sum(counts)
    if not total:
        return None
    return round(sum(n * c for n, c in enumerate(counts, start=1)) / total, 2)


def results(*, evaluation: Evaluation) -> Results:
    """The evaluation's results (for those who may read them). Three queries."""
    result = Results(evaluation=evaluation)
    for name in ("satisfaction", "usefulness"):
        counts = getattr(result, name)
        for value, n in (
            Response.objects.filter(evaluation=evaluation)
            .values_list(name)
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[value - 1] = n
        setattr(result, f"{name}_mean", _mean(counts))
    result.respondents = sum(result.satisfaction)
    result.texts_hidden = result.respondents < MIN_RESPONDENTS_FOR_TEXT
    if result.respondents < MIN_RESPONDENTS:
        result.satisfaction = result.usefulness = None
        result.satisfaction_mean = result.usefulness_mean = None
    if not result.texts_hidden:
        for will_apply, improve in Response.objects.filter(evaluation=evaluation).values_list(
            "will_apply", "improve"
        ):
            if will_apply.strip():
                result.will_apply.append(render_plain(will_apply))
            if improve.strip():
                result.improve.append(render_plain(improve))
        result.will_apply.sort()
        result.improve.sort()
    return result


def evaluations_page(*, page=1, per_page: int = 50):
    """Every evaluation with its number of answers, newest first (for the secretariat)."""
    evaluations = (
        Evaluation.objects.select_related("event", "proposal")
        .annotate(respondents=Count("completions"))
        .order_by("-opens_on", "-pk")
    )
    return Paginator(evaluations, per_page).get_page(page)


@dataclass
class Summary:
    respondents: int = 0
    satisfaction: float | None = None
    usefulness: float | None = None


def summaries(*, event_ids=(), proposal_ids=()) -> dict[tuple[str, int], Summary]:
    """Respondents and mean ratings of the evaluations of these events and activities,
    by ("event", pk) or ("proposal", pk), with ("all", 0) for all of them together:
    what the performance report shows. An evaluation with fewer than
    ``MIN_RESPONDENTS`` answers is left out, of its own row and of the total. One
    query."""
    wanted = Q(evaluation__event_id__in=list(event_ids)) | Q(
        evaluation__proposal_id__in=list(proposal_ids)
    )
    found = defaultdict(Summary)
    points = {"satisfaction": 0, "usefulness": 0}
    for event_id, proposal_id, n, satisfaction, usefulness in (
        Response.objects.filter(wanted)
        .values_list("evaluation__event_id", "evaluation__proposal_id")
        .annotate(n=Count("pk"), s=Avg("satisfaction"), u=Avg("usefulness"))
        .order_by()
    ):
        if n < MIN_RESPONDENTS:
            continue
        key = ("event", event_id) if event_id else ("proposal", proposal_id)
        found[key] = Summary(n, round(satisfaction, 2), round(usefulness, 2))
        points["satisfaction"] += satisfaction * n
        points["usefulness"] += usefulness * n
    total = sum(summary.respondents for summary in found.values())
    if total:
        found[("all", 0)] = Summary(
            total,
            round(points["satisfaction"] / total, 2),
            round(points["usefulness"] / total, 2),
        )
    return dict(found)
