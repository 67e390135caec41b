"""Numbers about a cohort for the secretariat: who is enrolled, active, done; surveys."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import LessonPage
from courses.serving import cached_course_outline
from lms.choices import Country
from lms.models import (
    Cohort,
    Enrolment,
    LessonProgress,
    ModuleRelease,
    SurveyAnswer,
    SurveyCompletion,
    SurveyTally,
)

ACTIVE_DAYS = 14
# Free-text answers are shown only when at least this many people answered,
# so nobody's words can be told apart by who has finished the course.
MIN_RESPONDENTS_FOR_TEXT = 3


def cohort_modules(*, cohort: Cohort):
    released = set(ModuleRelease.objects.filter(cohort=cohort).values_list("module_id", flat=True))
    now = timezone.now()
    rows = []
    for module, lessons in cached_course_outline(cohort.course):
        opens_at = cohort.week_start_at(module.opens_week)
        rows.append(
            {
                "module": module,
                "lessons": len(lessons),
                "opens_at": opens_at,
                "released_early": module.pk in released,
                "is_open": module.pk in released or now >= opens_at,
            }
        )
    return rows


@dataclass
class SurveyQuestionResult:
    text: str
    kind: str
    distribution: list = field(default_factory=list)  # counts for 1..5
    answers: int = 0
    mean: float | None = None
    texts: list = field(default_factory=list)
    texts_hidden: bool = False


@dataclass
class SurveyResult:
    title: str
    lesson: LessonPage
    respondents: int
    questions: list


def _surveys(cohort: Cohort) -> list[SurveyResult]:
    tallies = defaultdict(dict)
    for lesson_id, block_id, question, value, count in SurveyTally.objects.filter(
        cohort=cohort
    ).values_list("lesson_id", "block_id", "question", "value", "count"):
        tallies[(lesson_id, block_id, question)][value] = count
    texts = defaultdict(list)
    for lesson_id, block_id, question, text in SurveyAnswer.objects.filter(
        cohort=cohort
    ).values_list("lesson_id", "block_id", "question", "text"):
        texts[(lesson_id, block_id, question)].append(text)
    completions = Counter(
        SurveyCompletion.objects.filter(enrolment__cohort=cohort).values_list(
            "lesson_id", "block_id"
        )
    )
    results = []
    for lesson in LessonPage.objects.descendant_of(cohort.course).live().order_by("path"):
        for block_id, kind, value in lesson.activities():
            if kind != "survey":
                continue
            questions = []
            respondents = completions.get((lesson.pk, block_id), 0)
            for index, question in enumerate(value["questions"]):
                key = (lesson.pk, block_id, index)
                result = SurveyQuestionResult(text=question["text"], kind=question["kind"])
                if question["kind"] == "likert":
                    counts = tallies.get(key, {})
                    result.distribution = [counts.get(n, 0) for n in range(1, 6)]
                    result.answers = sum(result.distribution)
                    if result.answers:
                        result.mean = round(
                            sum(
                                n * c for n, c in zip(range(1, 6), result.distribution, strict=True)
                            )
                            / result.answers,
                            2,
                        )
                else:
                    given = texts.get(key, [])
                    result.answers = len(given)
                    result.texts_hidden = respondents < MIN_RESPONDENTS_FOR_TEXT
                    if not result.texts_hidden:
                        result.texts = sorted(given)
                questions.append(result)
            results.append(SurveyResult(value["title"], lesson, respondents, questions))
    return results


def cohort_report(*, cohort: Cohort, now=None) -> dict:
    """Enrolled, active, completed; by country and by module; survey results.

    Counted in the database: the same queries and about the same time for 20 or
    2,000 learners. The learners themselves are listed a page at a time
    (``cohort_report_learners``) and in full only in the CSV.
    """
    now = now or timezone.now()
    since = now - datetime.timedelta(days=ACTIVE_DAYS)
    withdrawn = Q(status=Enrolment.Status.WITHDRAWN)
    completed = Q(status=Enrolment.Status.COMPLETED)
    totals = Enrolment.objects.filter(cohort=cohort).aggregate(
        enrolled=Count("pk", filter=~withdrawn),
        active=Count("pk", filter=~withdrawn & Q(last_activity_at__gte=since)),
        completed=Count("pk", filter=completed),
        withdrawn=Count("pk", filter=withdrawn),
    )
    labels = dict(Country.choices)
    by_country = (
        Enrolment.objects.filter(cohort=cohort)
        .exclude(withdrawn)
        .values("user__profile__country")
        .annotate(enrolled=Count("pk"), completed=Count("pk", filter=completed))
        .order_by()
    )
    merged = defaultdict(lambda: [0, 0])
    for row in by_country:
        code = row["user__profile__country"] or ""
        merged[code][0] += row["enrolled"]
        merged[code][1] += row["completed"]
    countries = sorted(
        (
            (str(labels.get(code, _("Not given"))), enrolled, done_here)
            for code, (enrolled, done_here) in merged.items()
        ),
        key=lambda row: (-row[1], row[0]),
    )

    outline = cached_course_outline(cohort.course)
    module_of = {lesson.pk: module.pk for module, lessons in outline for lesson in lessons}
    lessons_in = {module.pk: len(lessons) for module, lessons in outline}
    done = defaultdict(lambda: defaultdict(int))
    started = defaultdict(set)
    for enrolment_id, lesson_id, completed in (
        LessonProgress.objects.filter(enrolment__cohort=cohort)
        .exclude(enrolment__status=Enrolment.Status.WITHDRAWN)
        .values_list("enrolment_id", "lesson_id", "completed_at")
    ):
        module_id = module_of.get(lesson_id)
        if module_id is None:
            continue
        started[module_id].add(enrolment_id)
        if completed:
            done[module_id][enrolment_id] += 1
    modules = [
        (
            module.title,
            len(started[module.pk]),
            sum(1 for n in done[module.pk].values() if n >= lessons_in[module.pk] > 0),
        )
        for module, _lessons in outline
    ]
    return {
        "totals": totals,
        "countries": countries,
        "modules": modules,
        "surveys": _surveys(cohort),
        "min_respondents": MIN_RESPONDENTS_FOR_TEXT,
        "active_days": ACTIVE_DAYS,
    }


REPORT_PER_PAGE = 50


def cohort_report_learners(
    *, cohort: Cohort, search: str = "", group_id: int | None = None, status: str = "", page=1
):
    """The cohort's learners, 50 a page, filtered in the database, with lessons done."""
    learners = Enrolment.objects.filter(cohort=cohort)
    if search:
        learners = learners.filter(
            Q(user__full_name__icontains=search) | Q(user__email__icontains=search)
        )
    if group_id:
        learners = learners.filter(group_id=group_id)
    if status:
        learners = learners.filter(status=status)
    learners = (
        learners.select_related("user__profile", "group")
        .annotate(done=Count("lesson_progress__completed_at"))
        .order_by("user__full_name", "user__email", "pk")
    )
    return Paginator(learners, REPORT_PER_PAGE).get_page(page)


def cohort_report_tables(*, cohort: Cohort) -> dict:
    """The report as CSV tables: learners, countries, modules, survey."""
    report = cohort_report(cohort=cohort)
    labels = dict(Country.choices)
    learners = (
        Enrolment.objects.filter(cohort=cohort)
        .select_related("user__profile", "group")
        .annotate(done=Count("lesson_progress__completed_at"))
        .order_by("user__full_name")
    )
    learner_rows = []
    for enrolment in learners:
        profile = getattr(enrolment.user, "profile", None)
        learner_rows.append(
            [
                enrolment.user.get_full_name(),
                enrolment.user.email,
                str(labels.get(profile.country, "")) if profile else "",
                profile.institution if profile else "",
                enrolment.group.name if enrolment.group else "",
                enrolment.get_status_display(),
                enrolment.done,
                enrolment.last_activity_at.isoformat() if enrolment.last_activity_at else "",
            ]
        )
    survey_rows = []
    for survey in report["surveys"]:
        for index, question in enumerate(survey.questions, start=1):
            if question.kind == "likert":
                survey_rows.append(
                    [
                        survey.title,
                        index,
                        question.text,
                        question.answers,
                        question.mean or "",
                        *question.distribution,
                        "",
                    ]
                )
            else:
                for text in question.texts:
                    survey_rows.append(
                        [survey.title, index, question.text, "", "", "", "", "", "", "", text]
                    )
    return {
        "learners": (
            [
                _("Name"),
                _("Email"),
                _("Country"),
                _("Institution"),
                _("Group"),
                _("Status"),
                _("Lessons done"),
                _("Last activity"),
            ],
            learner_rows,
        ),
        "countries": ([_("Country"), _("Enrolled"), _("Completed")], report["countries"]),
        "modules": ([_("Module"), _("Started"), _("Completed")], report["modules"]),
        "survey": (
            [
                _("Survey"),
                _("Question"),
                _("Text"),
                _("Answers"),
                _("Mean"),
                "1",
                "2",
                "3",
                "4",
                "5",
                _("Free text"),
            ],
            survey_rows,
        ),
    }


def csv_safe(value):
    """Keep spreadsheet programs from running text that looks like a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
