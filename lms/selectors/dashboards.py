"""What the learner's dashboard shows: progress per course, its calendar, applications,
unread notifications and the calls open now."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from courses.models import CoursePage, LessonPage, ModulePage
from courses.serving import cached_course_outline
from lms.models import (
    Application,
    Certificate,
    Cohort,
    Enrolment,
    EnrolmentCall,
    LessonProgress,
    ModuleRelease,
    Notification,
    User,
)
from lms.selectors.learning import CURRENT, completion_requirements, module_opens_at
from lms.selectors.schedule import cohort_schedule


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
    moved: bool = False


@dataclass
class CourseSummary:
    enrolment: Enrolment
    modules: list
    continue_lesson: LessonPage | None
    calendar: list
    requirements: list
    certificate: Certificate | None
    week: int

    @property
    def all_lessons_done(self) -> bool:
        """Every lesson of the course is completed (open or not yet open modules alike)."""
        return all(item.done == item.lessons for item in self.modules)

    @property
    def next_opening(self) -> datetime.datetime | None:
        """When the next module still closed opens (for "nothing to continue yet")."""
        return next((item.opens_at for item in self.modules if not item.is_open), None)


def calendar_items(*, cohort: Cohort, lessons: list[LessonPage]) -> list[CalendarItem]:
    """The cohort's live sessions and deadlines, on the cohort's own dates."""
    return [
        CalendarItem(
            entry.starts_at,
            entry.kind,
            entry.title,
            entry.lesson,
            entry.join_url,
            moved=entry.moved,
        )
        for entry in cohort_schedule(cohort=cohort, lessons=lessons)
    ]


def done_and_released(enrolments: list[Enrolment]) -> tuple[dict, dict]:
    """For these enrolments, two queries: the lessons each has done (enrolment id ->
    lesson ids) and the modules released early in their cohorts (cohort id -> module
    ids), what ``module_opens_at`` needs."""
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
    return done, released


def learner_courses(
    *, user: User, limit: int | None = None, requirements: bool = True
) -> list[CourseSummary]:
    """Everything the learner dashboard shows, for each current enrolment, the newest
    cohort first (only the ``limit`` newest when given: a bounded number of queries).
    Without ``requirements``, the certificate and what it requires are not read
    (four queries fewer: the home page shows neither)."""
    enrolments = (
        Enrolment.objects.filter(user=user, status__in=CURRENT)
        .select_related("cohort__course__locale", "group__tutor")
        .order_by("-cohort__starts_on", "-pk")
    )
    enrolments = list(enrolments if limit is None else enrolments[:limit])
    if not enrolments:
        return []
    certificates = (
        {
            certificate.enrolment_id: certificate
            for certificate in Certificate.objects.filter(enrolment__in=enrolments)
        }
        if requirements
        else {}
    )
    done, released = done_and_released(enrolments)

    now = timezone.now()
    summaries = []
    for enrolment in enrolments:
        cohort = enrolment.cohort
        outline = cached_course_outline(cohort.course)
        modules = []
        # Continue with the first lesson not done in an open module, in course order: the
        # last lesson visited may be done already, or a lesson looked at out of order.
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
        certificate = certificates.get(enrolment.pk)
        if certificate is not None:
            certificate.enrolment = enrolment  # its language choices need the cohort, here already
        summaries.append(
            CourseSummary(
                enrolment=enrolment,
                modules=modules,
                continue_lesson=first_open_lesson,
                calendar=calendar_items(cohort=cohort, lessons=lesson_pages),
                requirements=completion_requirements(enrolment=enrolment) if requirements else [],
                certificate=certificate,
                week=cohort.current_week(now),
            )
        )
    return summaries


def next_dated(calendar: list[CalendarItem], now=None) -> CalendarItem | None:
    """The first live session or deadline of a course's calendar still to come."""
    now = now or timezone.now()
    return next((item for item in calendar if item.when > now), None)


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


def learner_open_calls(*, user: User, now=None) -> list[EnrolmentCall]:
    """The calls open now, each with ``application``: the user's own application to it, or
    None. A withdrawn application counts as none (the person may apply again)."""
    calls = list(open_calls(now=now))
    applications = {
        application.call_id: application
        for application in Application.objects.filter(user=user, call__in=calls).exclude(
            status=Application.Status.WITHDRAWN
        )
    }
    for call in calls:
        call.application = applications.get(call.pk)
    return calls
