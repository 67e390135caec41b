"""Who may see which course content, and what learners and tutors see of progress."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from courses.models import CoursePage, LessonPage, ModulePage, course_outline
from lms.choices import Role
from lms.models import (
    Application,
    Certificate,
    Cohort,
    CohortGroup,
    Enrolment,
    EnrolmentCall,
    LessonProgress,
    ModuleRelease,
    Notification,
    QuizAttempt,
    Submission,
    SurveyCompletion,
    User,
)

CURRENT = [Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED]


# --- Access -------------------------------------------------------------------------


def course_enrolment(*, user: User, course: CoursePage) -> Enrolment | None:
    """The person's current enrolment in a cohort of this course (this language)."""
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(user=user, cohort__course=course, status__in=CURRENT)
        .select_related("cohort", "group")
        .order_by("status", "-cohort__starts_on")
        .first()
    )


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
    if module.pk in released:
        return None  # open already
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
    enrolment = course_enrolment(user=user, course=course)
    if enrolment is None:
        if is_course_staff(user=user, course=course):
            return Access(True, "ok", course=course, module=module, as_staff=True)
        return Access(False, "not_enrolled", course=course, module=module)
    opens_at = module_opens_at(cohort=enrolment.cohort, module=module)
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
    """Every activity block in the course's live lessons, in order (one query)."""
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
    progress = LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).first()
    attempts = defaultdict(list)
    for attempt in QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson).order_by(
        "submitted_at", "number"
    ):
        attempts[attempt.block_id].append(attempt)
    submissions = defaultdict(list)
    for submission in Submission.objects.filter(enrolment=enrolment, lesson=lesson).order_by(
        "-submitted_at"
    ):
        submissions[submission.block_id].append(submission)
    surveys = set(
        SurveyCompletion.objects.filter(enrolment=enrolment, lesson=lesson).values_list(
            "block_id", flat=True
        )
    )
    quizzes = {}
    for block_id, kind, value in lesson.activities():
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


# --- Learner dashboard -------------------------------------------------------------------------


@dataclass
class ModuleProgress:
    module: ModulePage
    is_open: bool
    opens_at: datetime.datetime | None
    lessons: int
    done: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.lessons) if self.lessons else 0


@dataclass
class CalendarItem:
    when: datetime.datetime
    kind: str  # live_session, deadline
    title: str
    lesson: LessonPage
    url: str = ""


@dataclass
class CourseSummary:
    enrolment: Enrolment
    modules: list
    continue_lesson: LessonPage | None
    calendar: list
    requirements: list
    certificate: Certificate | None
    week: int


def calendar_items(*, cohort: Cohort, lessons: list[LessonPage]) -> list[CalendarItem]:
    items = []
    for lesson in lessons:
        for _block_id, kind, value in lesson.blocks_of({"live_session", "assignment"}):
            if kind == "live_session" and value.starts_at:
                items.append(
                    CalendarItem(
                        value.starts_at,
                        "live_session",
                        value["title"],
                        lesson,
                        value.get("join_url") or "",
                    )
                )
            elif kind == "assignment" and value.get("due_week"):
                due = cohort.week_start_at(int(value["due_week"]) + 1) - datetime.timedelta(
                    minutes=1
                )
                items.append(CalendarItem(due, "deadline", value["title"], lesson))
    return sorted(items, key=lambda item: item.when)


def learner_courses(*, user: User) -> list[CourseSummary]:
    """Everything the learner dashboard shows, for each current enrolment."""
    enrolments = list(
        Enrolment.objects.filter(user=user, status__in=CURRENT)
        .select_related("cohort__course__locale", "group__tutor", "last_lesson")
        .order_by("-cohort__starts_on")
    )
    if not enrolments:
        return []
    certificates = {
        certificate.enrolment_id: certificate
        for certificate in Certificate.objects.filter(enrolment__in=enrolments)
    }
    done = defaultdict(set)
    for enrolment_id, lesson_id in LessonProgress.objects.filter(
        enrolment__in=enrolments, completed_at__isnull=False
    ).values_list("enrolment_id", "lesson_id"):
        done[enrolment_id].add(lesson_id)
    released = defaultdict(set)
    for cohort_id, module_id in ModuleRelease.objects.filter(
        cohort__in={e.cohort_id for e in enrolments}
    ).values_list("cohort_id", "module_id"):
        released[cohort_id].add(module_id)

    now = timezone.now()
    summaries = []
    for enrolment in enrolments:
        cohort = enrolment.cohort
        outline = course_outline(cohort.course)
        modules = []
        first_open_lesson = None
        for module, lessons in outline:
            opens_at = module_opens_at(cohort=cohort, module=module, released=released[cohort.pk])
            is_open = opens_at is None or now >= opens_at
            if is_open and first_open_lesson is None:
                first_open_lesson = next(
                    (lesson for lesson in lessons if lesson.pk not in done[enrolment.pk]), None
                )
            modules.append(
                ModuleProgress(
                    module=module,
                    is_open=is_open,
                    opens_at=opens_at,
                    lessons=len(lessons),
                    done=sum(1 for lesson in lessons if lesson.pk in done[enrolment.pk]),
                )
            )
        lesson_pages = list(LessonPage.objects.descendant_of(cohort.course).live().order_by("path"))
        summaries.append(
            CourseSummary(
                enrolment=enrolment,
                modules=modules,
                continue_lesson=enrolment.last_lesson or first_open_lesson,
                calendar=calendar_items(cohort=cohort, lessons=lesson_pages),
                requirements=completion_requirements(enrolment=enrolment),
                certificate=certificates.get(enrolment.pk),
                week=cohort.current_week(now),
            )
        )
    return summaries


def learner_applications(*, user: User):
    return (
        Application.objects.filter(user=user)
        .select_related("call__course", "call__cohort")
        .order_by("-created_at")
    )


def unread_notifications(*, user: User, limit: int = 20):
    return Notification.objects.filter(user=user, read_at__isnull=True)[:limit]


def open_calls(*, course: CoursePage | None = None, now=None):
    now = now or timezone.now()
    calls = EnrolmentCall.objects.filter(opens_at__lte=now, closes_at__gt=now).select_related(
        "course", "cohort"
    )
    if course is not None:
        calls = calls.filter(course=course)
    return calls.order_by("closes_at")


# --- Tutors ------------------------------------------------------------------------------------


def tutor_cohorts(*, user: User):
    """Cohorts where the person tutors a group; every cohort for the secretariat."""
    if user.is_secretariat:
        return Cohort.objects.select_related("course").all()
    return Cohort.objects.filter(groups__tutor=user).select_related("course").distinct()


def tutored_enrolments(*, user: User, cohort: Cohort):
    """The learners this person follows in the cohort: their groups' only, unless secretariat."""
    enrolments = Enrolment.objects.filter(cohort=cohort).exclude(status=Enrolment.Status.WITHDRAWN)
    if not user.is_secretariat:
        enrolments = enrolments.filter(group__tutor=user)
    return enrolments


@dataclass
class LearnerRow:
    enrolment: Enrolment
    modules: list  # (module, done, total)
    quiz_scores: list  # (activity, kept score or None)
    waiting: int
    inactive_days: int | None


def tutor_dashboard(
    *, user: User, cohort: Cohort, inactive_days: int | None = None, now=None
) -> tuple[list, list[LearnerRow]]:
    """One row per learner the tutor follows; a fixed number of queries whatever their number."""
    now = now or timezone.now()
    enrolments = tutored_enrolments(user=user, cohort=cohort).select_related(
        "user__profile", "group"
    )
    if inactive_days:
        limit = now - datetime.timedelta(days=inactive_days)
        enrolments = enrolments.filter(
            Q(last_activity_at__lt=limit) | Q(last_activity_at__isnull=True)
        )
    enrolments = list(enrolments.order_by("user__full_name", "user__email"))
    outline = course_outline(cohort.course)
    lesson_module = {lesson.pk: module.pk for module, lessons in outline for lesson in lessons}
    totals = {module.pk: len(lessons) for module, lessons in outline}
    graded = [
        activity
        for activity in course_activities(cohort.course)
        if activity.kind == "quiz" and activity.graded
    ]

    done = defaultdict(lambda: defaultdict(int))
    for enrolment_id, lesson_id in LessonProgress.objects.filter(
        enrolment__in=enrolments, completed_at__isnull=False
    ).values_list("enrolment_id", "lesson_id"):
        module_id = lesson_module.get(lesson_id)
        if module_id:
            done[enrolment_id][module_id] += 1

    scores = defaultdict(list)
    for enrolment_id, lesson_id, block_id, score in (
        QuizAttempt.objects.filter(enrolment__in=enrolments, graded=True)
        .order_by("submitted_at", "number")
        .values_list("enrolment_id", "lesson_id", "block_id", "score")
    ):
        scores[(enrolment_id, lesson_id, block_id)].append(score)

    waiting = dict(
        Submission.objects.filter(enrolment__in=enrolments, status=Submission.Status.SUBMITTED)
        .values("enrolment_id")
        .annotate(n=Count("id"))
        .values_list("enrolment_id", "n")
    )

    rows = []
    for enrolment in enrolments:
        idle = None
        if enrolment.last_activity_at:
            idle = (now - enrolment.last_activity_at).days
        rows.append(
            LearnerRow(
                enrolment=enrolment,
                modules=[
                    (module, done[enrolment.pk][module.pk], totals[module.pk])
                    for module, _lessons in outline
                ],
                quiz_scores=[
                    (
                        activity,
                        kept_score(
                            scores.get((enrolment.pk, activity.lesson_id, activity.block_id), []),
                            activity.policy,
                        ),
                    )
                    for activity in graded
                ],
                waiting=waiting.get(enrolment.pk, 0),
                inactive_days=idle,
            )
        )
    return outline, rows


def submissions_to_review(*, user: User, cohort: Cohort):
    return (
        Submission.objects.filter(
            enrolment__in=tutored_enrolments(user=user, cohort=cohort),
            status=Submission.Status.SUBMITTED,
        )
        .select_related("enrolment__user", "lesson")
        .order_by("submitted_at")
    )


def submission_for(*, user: User, submission_id: int) -> Submission | None:
    """A submission its author, the author's tutor or the secretariat may see."""
    submission = (
        Submission.objects.select_related(
            "enrolment__user", "enrolment__group", "enrolment__cohort__course", "lesson"
        )
        .filter(pk=submission_id)
        .first()
    )
    if submission is None or not user.is_authenticated:
        return None
    enrolment = submission.enrolment
    if enrolment.user_id == user.pk or user.is_secretariat:
        return submission
    if enrolment.group is not None and enrolment.group.tutor_id == user.pk:
        return submission
    return None


def can_review(*, user: User, submission: Submission) -> bool:
    group = submission.enrolment.group
    return user.is_secretariat or (group is not None and group.tutor_id == user.pk)


def tutors_available():
    return User.objects.filter(role_grants__role=Role.TUTOR, is_active=True).order_by(
        "full_name", "email"
    )


def cohort_for_staff(*, user: User, cohort_id: int) -> Cohort | None:
    """A cohort the person manages (secretariat) or tutors in."""
    cohorts = Cohort.objects.select_related("course__locale", "call").filter(pk=cohort_id)
    if not user.is_authenticated:
        return None
    if not user.is_secretariat:
        cohorts = cohorts.filter(groups__tutor=user)
    return cohorts.distinct().first()


def cohort_with_groups(*, cohort: Cohort):
    return (
        CohortGroup.objects.filter(cohort=cohort)
        .select_related("tutor")
        .annotate(
            learners=Count("enrolments", filter=~Q(enrolments__status=Enrolment.Status.WITHDRAWN))
        )
        .order_by("name")
    )


def certificate_for(*, user: User, code: str) -> Certificate | None:
    """The certificate its holder or the secretariat may download."""
    if not user.is_authenticated:
        return None
    certificate = Certificate.objects.select_related("enrolment__cohort").filter(code=code).first()
    if certificate is None:
        return None
    if certificate.enrolment.user_id == user.pk or user.is_secretariat:
        return certificate
    return None


def certificate_public(*, code: str) -> Certificate | None:
    """Anyone may check a certificate by its code (codes are long and random)."""
    return (
        Certificate.objects.select_related("enrolment__cohort")
        .filter(code=code.strip().upper())
        .first()
    )
