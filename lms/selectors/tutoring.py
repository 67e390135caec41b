"""What tutors see: their cohorts and learners, progress and scores at a glance, the
submissions to review; and the groups and tutors of a cohort for the secretariat."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from courses.models import course_outline
from lms.choices import Role
from lms.models import Cohort, CohortGroup, Enrolment, LessonProgress, QuizAttempt, Submission, User
from lms.selectors.learning import course_activities, kept_score


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
