"""What tutors see: their cohorts and learners, progress and scores at a glance, the
submissions to review; and the groups and tutors of a cohort for the secretariat."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from courses.serving import cached_course_outline
from lms.choices import Role
from lms.models import Cohort, CohortGroup, Enrolment, LessonProgress, QuizAttempt, Submission, User
from lms.selectors.learning import course_activities, kept_score


def tutor_cohorts(*, user: User):
    """Cohorts where the person tutors a group; every cohort for the secretariat."""
    if user.is_secretariat:
        return Cohort.objects.select_related("course").all()
    return Cohort.objects.filter(groups__tutor=user).select_related("course").distinct()


def tutored_enrolments(*, user: User, cohort: Cohort | None = None):
    """The learners this person follows (in the cohort, when given): their groups' only,
    unless secretariat."""
    enrolments = Enrolment.objects.exclude(status=Enrolment.Status.WITHDRAWN)
    if cohort is not None:
        enrolments = enrolments.filter(cohort=cohort)
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
    behind: bool = False
    asked: bool = False

    @property
    def needs_tutor(self) -> bool:
        return bool(self.waiting or self.behind or self.asked)


# What a tutor may filter their learners by (the counts are shown for each).
STATUSES = ("behind", "waiting", "asked")
PER_PAGE = 50


@dataclass
class DashboardFilter:
    search: str = ""  # part of the name or email
    group_id: int | None = None  # one of the tutor's groups
    status: str = ""  # "", or one of STATUSES
    inactive_days: int | None = None


@dataclass
class Dashboard:
    outline: list
    graded: list  # the graded quizzes, one column each
    rows: list  # LearnerRow of this page
    page: object  # django.core.paginator.Page of enrolments
    counts: dict  # "all" and each of STATUSES -> number, under the other filters
    groups: list  # the groups the person may filter by


def _due_lessons(cohort: Cohort, outline, now) -> list[int]:
    """Lessons of the modules whose last week has passed: a learner should have done them."""
    week = cohort.current_week(now)
    return [
        lesson.pk for module, lessons in outline if module.closes_week < week for lesson in lessons
    ]


def tutor_dashboard(
    *,
    user: User,
    cohort: Cohort,
    filters: DashboardFilter | None = None,
    groups: list | None = None,
    page_number=1,
    asked_user_ids=(),
    now=None,
) -> Dashboard:
    """The learners this person follows, 50 a page, those who need the tutor first.

    Filtering, counting, ordering and paging happen in the database; the per-module
    progress and quiz scores are read for the page's rows only. A fixed number of
    queries whatever the number of learners. ``asked_user_ids``: the learners with
    a question waiting for an answer (the forum tells, through a hook).
    """
    from django.core.paginator import Paginator
    from django.db.models import BooleanField, Case, IntegerField, OuterRef, Subquery, When
    from django.db.models.functions import Coalesce

    now = now or timezone.now()
    filters = filters or DashboardFilter()
    outline = cached_course_outline(cohort.course)
    graded = [
        activity
        for activity in course_activities(cohort.course)
        if activity.kind == "quiz" and activity.graded
    ]
    due = _due_lessons(cohort, outline, now)
    asked_user_ids = list(asked_user_ids)

    waiting_count = (
        Submission.objects.filter(enrolment=OuterRef("pk"), status=Submission.Status.SUBMITTED)
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    done_due = (
        LessonProgress.objects.filter(
            enrolment=OuterRef("pk"), completed_at__isnull=False, lesson_id__in=due
        )
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    enrolments = tutored_enrolments(user=user, cohort=cohort).annotate(
        waiting_n=Coalesce(Subquery(waiting_count, output_field=IntegerField()), 0)
    )
    if due:
        enrolments = enrolments.annotate(
            done_due_n=Coalesce(Subquery(done_due, output_field=IntegerField()), 0)
        )
        behind = Q(status=Enrolment.Status.ACTIVE) & Q(done_due_n__lt=len(due))
    else:
        behind = Q(pk__isnull=True)  # nothing is due yet: nobody is behind
    # The conditions themselves, not annotations of them: an aggregate over the
    # queryset would drop a Case annotation from its inner query.
    conditions = {
        "behind": behind,
        "waiting": Q(waiting_n__gt=0),
        # (an empty IN would empty the whole aggregate: say "nobody" another way)
        "asked": Q(user_id__in=asked_user_ids) if asked_user_ids else Q(pk__isnull=True),
    }
    enrolments = enrolments.annotate(
        **{
            f"is_{name}": Case(
                When(condition, then=True), default=False, output_field=BooleanField()
            )
            for name, condition in conditions.items()
            if name != "waiting"
        }
    )
    if filters.search:
        enrolments = enrolments.filter(
            Q(user__full_name__icontains=filters.search) | Q(user__email__icontains=filters.search)
        )
    if filters.group_id:
        enrolments = enrolments.filter(group_id=filters.group_id)
    if filters.inactive_days:
        limit = now - datetime.timedelta(days=filters.inactive_days)
        enrolments = enrolments.filter(
            Q(last_activity_at__lt=limit) | Q(last_activity_at__isnull=True)
        )
    counts = enrolments.aggregate(
        all=Count("pk"),
        **{name: Count("pk", filter=condition) for name, condition in conditions.items()},
    )
    if filters.status in conditions:
        enrolments = enrolments.filter(conditions[filters.status])
    needs = conditions["behind"] | conditions["waiting"] | conditions["asked"]
    enrolments = enrolments.annotate(
        needs=Case(When(needs, then=True), default=False, output_field=BooleanField())
    ).order_by("-needs", "user__full_name", "user__email", "pk")
    total = counts["all"] if not filters.status else counts[filters.status]
    paginator = Paginator(enrolments.select_related("user__profile", "group"), PER_PAGE)
    paginator.count = total  # known already: saves the COUNT query
    page = paginator.get_page(page_number)
    page_enrolments = list(page.object_list)
    ids = [enrolment.pk for enrolment in page_enrolments]

    lesson_module = {lesson.pk: module.pk for module, lessons in outline for lesson in lessons}
    totals = {module.pk: len(lessons) for module, lessons in outline}
    done = defaultdict(lambda: defaultdict(int))
    for enrolment_id, lesson_id in LessonProgress.objects.filter(
        enrolment_id__in=ids, completed_at__isnull=False
    ).values_list("enrolment_id", "lesson_id"):
        module_id = lesson_module.get(lesson_id)
        if module_id:
            done[enrolment_id][module_id] += 1
    scores = defaultdict(list)
    if graded:
        for enrolment_id, lesson_id, block_id, score in (
            QuizAttempt.objects.filter(enrolment_id__in=ids, graded=True)
            .order_by("submitted_at", "number")
            .values_list("enrolment_id", "lesson_id", "block_id", "score")
        ):
            scores[(enrolment_id, lesson_id, block_id)].append(score)

    rows = []
    for enrolment in page_enrolments:
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
                waiting=enrolment.waiting_n,
                inactive_days=idle,
                behind=enrolment.is_behind,
                asked=enrolment.is_asked,
            )
        )
    if groups is None:
        groups = groups_for_staff(user=user, cohort=cohort)
    return Dashboard(
        outline=outline,
        graded=graded,
        rows=rows,
        page=page,
        counts=counts,
        groups=groups,
    )


def groups_for_staff(*, user: User, cohort: Cohort) -> list[CohortGroup]:
    """The groups of the cohort this person may filter by: their own, or all for the secretariat."""
    groups = CohortGroup.objects.filter(cohort=cohort).order_by("name")
    if not user.is_secretariat:
        groups = groups.filter(tutor=user)
    return list(groups)


def submissions_to_review(*, user: User, cohort: Cohort):
    return (
        Submission.objects.filter(
            enrolment__in=tutored_enrolments(user=user, cohort=cohort),
            status=Submission.Status.SUBMITTED,
        )
        .select_related("enrolment__user", "lesson")
        .order_by("submitted_at")
    )


@dataclass(frozen=True)
class FeedbackWaiting:
    cohort_id: int
    cohort_name: str
    submissions: int


def feedback_waiting(*, user: User) -> list[FeedbackWaiting]:
    """Per cohort, how many submissions of the learners this person follows wait for
    feedback (one query; cohorts with none are left out)."""
    rows = (
        Submission.objects.filter(
            enrolment__in=tutored_enrolments(user=user), status=Submission.Status.SUBMITTED
        )
        .values("enrolment__cohort_id", "enrolment__cohort__name")
        .annotate(waiting=Count("pk"))
        .order_by("enrolment__cohort__name", "enrolment__cohort_id")
    )
    return [
        FeedbackWaiting(row["enrolment__cohort_id"], row["enrolment__cohort__name"], row["waiting"])
        for row in rows
    ]


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
