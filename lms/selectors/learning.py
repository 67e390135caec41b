"""What a learner may open and has done: content access, a course's activities and
requirements, and the state of one lesson.

The learner's dashboard is in ``lms.selectors.dashboards``, the tutor's in
``lms.selectors.tutoring``, certificates in ``lms.selectors.certificates``.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, F, FilteredRelation, OuterRef, Q
from django.utils import timezone

from courses.caching import remembered
from courses.models import CoursePage, LessonPage, ModulePage
from courses.prepared import PreparedModels
from courses.serving import pages_version
from lms.models import (
    Cohort,
    CohortGroup,
    Enrolment,
    LessonProgress,
    ModuleRelease,
    QuizAttempt,
    Submission,
    SurveyCompletion,
    User,
)

CURRENT = [Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED]


# --- Access -------------------------------------------------------------------------


PROGRESS_FIELDS = ("id", "first_visited_at", "last_visited_at", "completed_at")


def _enrolments(*, user, course, module=None, lesson=None):
    """The query of ``course_enrolment`` (ids in, ``None`` for what it does not ask)."""
    enrolments = Enrolment.objects.filter(
        user=user, cohort__course=course, status__in=CURRENT
    ).select_related("cohort", "group")
    if module is not None:
        enrolments = enrolments.annotate(
            module_released=Exists(
                ModuleRelease.objects.filter(cohort=OuterRef("cohort"), module=module)
            )
        )
    if lesson is not None:
        # One LEFT JOIN (a learner has one progress row per lesson) rather than a
        # subquery per field: the same row, a quarter of the ORM's work to build.
        enrolments = enrolments.annotate(
            progress_here=FilteredRelation(
                "lesson_progress", condition=Q(lesson_progress__lesson=lesson)
            )
        ).annotate(**{f"progress_{name}": F(f"progress_here__{name}") for name in PROGRESS_FIELDS})
    # A tutored cohort before the open track ("tutored" > "open"), then the newest.
    return enrolments.order_by("status", "-cohort__kind", "-cohort__starts_on")[:1]


# Asked on every lesson and module page: compiled once (courses.prepared), which was
# two thirds of its cost.
_ENROLMENT = {
    (with_module, with_lesson): PreparedModels(
        _enrolments,
        user=int,
        course=int,
        **({"module": int} if with_module else {}),
        **({"lesson": int} if with_lesson else {}),
    )
    for with_module in (False, True)
    for with_lesson in (False, True)
}


def course_enrolment(
    *,
    user: User,
    course: CoursePage,
    module: ModulePage | None = None,
    lesson: LessonPage | None = None,
) -> Enrolment | None:
    """The person's current enrolment in a cohort of this course (this language).

    With ``module``, the same query tells whether the secretariat opened that
    module early for the cohort (``enrolment.module_released``); with ``lesson``,
    it brings the learner's progress in it (``enrolment.lesson_progress_here``,
    None before the first visit).
    """
    if not user.is_authenticated:
        return None
    ids = {"user": user.pk, "course": course.pk}
    if module is not None:
        ids["module"] = module.pk
    if lesson is not None:
        ids["lesson"] = lesson.pk
    enrolment = _ENROLMENT[(module is not None, lesson is not None)].first(**ids)
    if enrolment is not None and lesson is not None:
        enrolment.lesson_progress_here = None
        if enrolment.progress_id is not None:
            enrolment.lesson_progress_here = LessonProgress(
                enrolment=enrolment,
                lesson_id=lesson.pk,
                **{name: getattr(enrolment, f"progress_{name}") for name in PROGRESS_FIELDS},
            )
    return enrolment


def open_track(*, course: CoursePage) -> Cohort | None:
    """The course's open, self-paced track, if it is offered."""
    return Cohort.objects.filter(course=course, kind=Cohort.Kind.OPEN).first()


def is_course_staff(*, user: User, course: CoursePage) -> bool:
    """The secretariat, and the tutors of a group in a cohort of this course."""
    if not user.is_authenticated:
        return False
    if user.is_secretariat:
        return True
    return CohortGroup.objects.filter(tutor=user, cohort__course=course).exists()


def module_opens_at(*, cohort: Cohort, module: ModulePage, released: set[int] | None = None):
    """When the module opens for this cohort: its week, or earlier if the secretariat opened it."""
    if released is None:
        released = set(
            ModuleRelease.objects.filter(cohort=cohort).values_list("module_id", flat=True)
        )
    if cohort.is_open or module.pk in released:
        return None  # an open track, or opened early by the secretariat
    return cohort.week_start_at(module.opens_week)


def module_is_open(
    *, cohort: Cohort, module: ModulePage, now=None, released: set[int] | None = None
) -> bool:
    opens_at = module_opens_at(cohort=cohort, module=module, released=released)
    return opens_at is None or (now or timezone.now()) >= opens_at


@dataclass
class Access:
    allowed: bool
    reason: str  # "ok", "anonymous", "not_enrolled", "not_open"
    course: CoursePage | None = None
    module: ModulePage | None = None
    enrolment: Enrolment | None = None
    as_staff: bool = False
    opens_at: datetime.datetime | None = None


def content_access(*, user: User, page) -> Access:
    """May this person open this module or lesson now?"""
    if isinstance(page, LessonPage):
        module, course = page.module, page.course
    else:
        module, course = page, page.course
    if course is None or module is None:
        return Access(False, "not_enrolled")
    if not user.is_authenticated:
        return Access(False, "anonymous", course=course, module=module)
    enrolment = course_enrolment(
        user=user,
        course=course,
        module=module,
        lesson=page if isinstance(page, LessonPage) else None,
    )
    if enrolment is None:
        if is_course_staff(user=user, course=course):
            return Access(True, "ok", course=course, module=module, as_staff=True)
        return Access(False, "not_enrolled", course=course, module=module)
    released = {module.pk} if enrolment.module_released else set()
    opens_at = module_opens_at(cohort=enrolment.cohort, module=module, released=released)
    if opens_at is not None and timezone.now() < opens_at:
        return Access(
            False, "not_open", course=course, module=module, enrolment=enrolment, opens_at=opens_at
        )
    return Access(True, "ok", course=course, module=module, enrolment=enrolment)


# --- Course structure and requirements ----------------------------------------------------


@dataclass(frozen=True)
class Activity:
    lesson_id: int
    lesson_title: str
    module_path: str
    block_id: str
    kind: str  # quiz, assignment, survey
    title: str
    required: bool
    final: bool = False
    graded: bool = False
    pass_mark: int = 0
    policy: str = "best"
    max_attempts: int = 0
    due_week: int | None = None


def course_activities(course: CoursePage) -> list[Activity]:
    """Every activity block in the course's live lessons, in order: from the cache, kept
    until any page changes (``courses.serving.pages_version``), or one query and the
    lessons' bodies read again."""
    key = f"lms:activities:{pages_version()}:{course.pk}"
    activities = remembered(key, lambda: _course_activities(course), ACTIVITIES_SECONDS)
    return list(activities)


ACTIVITIES_SECONDS = 60 * 60 * 24


def _course_activities(course: CoursePage) -> list[Activity]:
    lessons = LessonPage.objects.descendant_of(course).live().order_by("path")
    activities = []
    for lesson in lessons:
        module_path = lesson.path[: -LessonPage.steplen]
        for block_id, kind, value in lesson.activities():
            common = {
                "lesson_id": lesson.pk,
                "lesson_title": lesson.title,
                "module_path": module_path,
                "block_id": block_id,
                "kind": kind,
                "title": value.get("title", ""),
            }
            if kind == "quiz":
                final = bool(value.get("final"))
                graded = value.get("mode") == "graded"
                activities.append(
                    Activity(
                        **common,
                        required=final or (graded and bool(value.get("required"))),
                        final=final,
                        graded=graded,
                        pass_mark=int(value.get("pass_mark") or 0),
                        policy=value.get("policy") or "best",
                        max_attempts=int(value.get("max_attempts") or 0),
                    )
                )
            elif kind == "assignment":
                activities.append(
                    Activity(
                        **common,
                        required=bool(value.get("required")),
                        due_week=value.get("due_week"),
                    )
                )
            elif kind == "survey":
                activities.append(Activity(**common, required=bool(value.get("required"))))
    return activities


def kept_score(scores: list, policy: str):
    """The score that counts: the best or the last of a quiz's graded attempts."""
    if not scores:
        return None
    return max(scores) if policy == "best" else scores[-1]


@dataclass
class Requirement:
    activity: Activity
    met: bool
    detail: str = ""  # score, "submitted", ...


def completion_requirements(*, enrolment: Enrolment) -> list[Requirement]:
    """Each required activity of the course and whether this learner has met it."""
    course = enrolment.cohort.course
    activities = [activity for activity in course_activities(course) if activity.required]
    if enrolment.cohort.is_open:
        # Nobody reviews work in an open track: only what grades itself counts.
        activities = [activity for activity in activities if activity.kind == "quiz"]
    attempts = defaultdict(list)
    for lesson_id, block_id, score in (
        QuizAttempt.objects.filter(enrolment=enrolment, graded=True)
        .order_by("submitted_at", "number")
        .values_list("lesson_id", "block_id", "score")
    ):
        attempts[(lesson_id, block_id)].append(score)
    submitted = set(
        Submission.objects.filter(enrolment=enrolment).values_list("lesson_id", "block_id")
    )
    answered = set(
        SurveyCompletion.objects.filter(enrolment=enrolment).values_list("lesson_id", "block_id")
    )
    requirements = []
    for activity in activities:
        key = (activity.lesson_id, activity.block_id)
        if activity.kind == "quiz":
            score = kept_score(attempts.get(key, []), activity.policy)
            needed = course.min_final_score if activity.final else activity.pass_mark
            requirements.append(
                Requirement(
                    activity,
                    met=score is not None and score >= needed,
                    detail="" if score is None else f"{score:.0f}%",
                )
            )
        elif activity.kind == "assignment":
            requirements.append(Requirement(activity, met=key in submitted))
        else:
            requirements.append(Requirement(activity, met=key in answered))
    return requirements


# --- What a learner sees in a lesson ----------------------------------------------------


@dataclass
class ReviewedChoice:
    text: str
    chosen: bool
    correct: bool
    feedback: str


@dataclass
class ReviewedQuestion:
    text: str
    right: bool
    choices: list
    explanation: str


@dataclass
class QuizState:
    attempts: list
    attempts_left: int | None  # None: unlimited
    kept: object = None
    last: object = None
    review: list = field(default_factory=list)  # the last attempt, question by question
    show_answers: bool = False  # which answers were right (practice, or no attempts left)

    @property
    def can_attempt(self) -> bool:
        return self.attempts_left is None or self.attempts_left > 0


def quiz_review(quiz, attempt) -> list[ReviewedQuestion]:
    if attempt is None:
        return []
    review = []
    for index, question in enumerate(quiz["questions"]):
        chosen = set((attempt.answers or {}).get(str(index), []))
        choices = [
            ReviewedChoice(
                text=choice["text"],
                chosen=position in chosen,
                correct=bool(choice["correct"]),
                feedback=choice.get("feedback") or "",
            )
            for position, choice in enumerate(question["choices"])
        ]
        expected = {position for position, choice in enumerate(choices) if choice.correct}
        review.append(
            ReviewedQuestion(
                text=question["text"],
                right=chosen == expected,
                choices=choices,
                explanation=question.get("explanation") or "",
            )
        )
    return review


@dataclass
class LessonState:
    progress: LessonProgress | None
    quizzes: dict = field(default_factory=dict)
    submissions: dict = field(default_factory=dict)
    surveys: set = field(default_factory=set)


def lesson_state(*, enrolment: Enrolment, lesson: LessonPage) -> LessonState:
    """The learner's progress, attempts, submissions and surveys in this lesson.

    Asks only about the kinds of activity the lesson has; the progress comes
    with the enrolment when ``course_enrolment`` was given the lesson.
    """
    if hasattr(enrolment, "lesson_progress_here"):
        progress = enrolment.lesson_progress_here
    else:
        progress = LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).first()
    activities = lesson.activities()
    kinds = {kind for _block_id, kind, _value in activities}
    attempts = defaultdict(list)
    if "quiz" in kinds:
        for attempt in QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson).order_by(
            "submitted_at", "number"
        ):
            attempts[attempt.block_id].append(attempt)
    submissions = defaultdict(list)
    if "assignment" in kinds:
        for submission in Submission.objects.filter(enrolment=enrolment, lesson=lesson).order_by(
            "-submitted_at"
        ):
            submissions[submission.block_id].append(submission)
    surveys = set()
    if "survey" in kinds:
        surveys = set(
            SurveyCompletion.objects.filter(enrolment=enrolment, lesson=lesson).values_list(
                "block_id", flat=True
            )
        )
    quizzes = {}
    for block_id, kind, value in activities:
        if kind != "quiz":
            continue
        block_attempts = attempts.get(block_id, [])
        graded = [attempt for attempt in block_attempts if attempt.graded]
        max_attempts = int(value.get("max_attempts") or 0)
        is_graded = value.get("mode") == "graded"
        left = None
        if is_graded and max_attempts:
            left = max(0, max_attempts - len(graded))
        kept = None
        if graded:
            policy = value.get("policy") or "best"
            kept = max(graded, key=lambda a: a.score) if policy == "best" else graded[-1]
        last = block_attempts[-1] if block_attempts else None
        quizzes[block_id] = QuizState(
            attempts=block_attempts,
            attempts_left=left,
            kept=kept,
            last=last,
            review=quiz_review(value, last),
            show_answers=not is_graded or left == 0,
        )
    return LessonState(
        progress=progress, quizzes=quizzes, submissions=dict(submissions), surveys=surveys
    )
