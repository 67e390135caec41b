"""The demo course's cohorts: a running Spanish cohort with a tutor and learners at
different points, four open calls (one per language), and a finished cohort whose
one learner completed the course and holds a certificate with a known code.

Names, learners and calls are in demo/data/courses/cohorts.toml; the course
itself comes from demo/courses.py.
"""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone, translation

from courses.models import CoursePage, LessonPage
from demo.accounts import DemoPerson, ensure_person
from demo.courses import ensure_course
from demo.files import read_toml
from lms.choices import Role
from lms.models import (
    Certificate,
    Cohort,
    CohortGroup,
    Enrolment,
    EnrolmentCall,
    LessonProgress,
    RoleGrant,
    User,
)
from lms.services import learning as learning_services
from lms.services.enrolment import open_track_create
from lms.services.schedule import cohort_schedule_create

COHORTS = read_toml("courses/cohorts.toml")
RUNNING = COHORTS["running"]
FINISHED = COHORTS["finished"]


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def demo_cohort_start() -> datetime.date:
    return _monday(timezone.localdate()) - datetime.timedelta(weeks=RUNNING["weeks_ago"])


def _learner(spec: dict) -> User:
    """The learner's account: one of accounts.toml's, or made here with its profile."""
    if "full_name" not in spec:
        return User.objects.get(email=spec["email"])
    profile = COHORTS["learner_profile"]
    person = DemoPerson(
        key=spec["email"].partition("@")[0],
        email=spec["email"],
        full_name=spec["full_name"],
        country=spec["country"],
        institution=spec["institution"],
        position=profile["position"],
        preferred_language=profile["preferred_language"],
        time_zone=profile["time_zone"],
        languages=tuple(profile["languages"]),
        constituency=spec.get("constituency", ""),
        sex=spec.get("sex", ""),
    )
    return ensure_person(person)[0]


def _quiz_submit(user: User, lesson: LessonPage, block_id: str, answers: dict) -> None:
    learning_services.quiz_attempt_submit(
        user=user, lesson=lesson, block_id=block_id, answers=answers, token=uuid.uuid4()
    )


def _hand_in(user: User, lesson: LessonPage, block_id: str) -> None:
    """The module 2 assignment, handed in with the demo's answer."""
    learning_services.submission_create(
        user=user, lesson=lesson, block_id=block_id, text=RUNNING["submission"], token=uuid.uuid4()
    )


def _play(cohort: Cohort, user: User, *, lessons_done: int, quiz: str | None, submit: bool):
    """Bring a demo learner to a plausible point in the course, through the services."""
    lessons = list(LessonPage.objects.descendant_of(cohort.course).live().order_by("path"))
    for lesson in lessons[:lessons_done]:
        learning_services.lesson_complete(user=user, lesson=lesson)
    for lesson in lessons:
        for block_id, kind, value in lesson.activities():
            if kind == "quiz" and value["mode"] == "graded" and quiz and not value["final"]:
                questions = list(value["questions"])
                answers = {}
                for index, question in enumerate(questions):
                    right = [i for i, c in enumerate(question["choices"]) if c["correct"]]
                    # "good" answers all; "fair" misses the last two.
                    if quiz == "good" or index < len(questions) - 2:
                        answers[index] = right
                    else:
                        answers[index] = [(right[0] + 1) % len(question["choices"])]
                _quiz_submit(user, lesson, block_id, answers)
            if kind == "assignment" and submit:
                _hand_in(user, lesson, block_id)


@transaction.atomic
def ensure_demo_cohort() -> tuple[Cohort, bool]:
    start = demo_cohort_start()
    courses = ensure_course(start)
    cohort = Cohort.objects.filter(name=RUNNING["name"]).first()
    if cohort is not None:
        _ensure_calls(courses)
        _ensure_open_track(courses)
        return cohort, False
    now = timezone.now()
    weeks_ago = RUNNING["weeks_ago"]
    call = EnrolmentCall.objects.create(
        course=courses["es"],
        **RUNNING["call"],
        opens_at=now - datetime.timedelta(weeks=weeks_ago + 6),
        closes_at=now - datetime.timedelta(weeks=weeks_ago + 1),
    )
    cohort = Cohort.objects.create(
        course=courses["es"],
        call=call,
        name=RUNNING["name"],
        starts_on=start,
        time_zone=RUNNING["time_zone"],
    )
    cohort_schedule_create(cohort=cohort)
    tutor = User.objects.get(email=RUNNING["tutor"])
    group = CohortGroup.objects.create(cohort=cohort, name=RUNNING["group"], tutor=tutor)
    for spec in COHORTS["learners"]:
        user = _learner(spec)
        Enrolment.objects.create(
            cohort=cohort,
            user=user,
            group=group,
            enrolled_at=now - datetime.timedelta(weeks=weeks_ago + 1),
        )
        _play(
            cohort,
            user,
            lessons_done=spec["lessons_done"],
            quiz=spec.get("quiz"),
            submit=spec.get("submit", False),
        )
    # Some learners have been away for a while: the tutor's "inactive" filter finds them.
    for spec in COHORTS["learners"]:
        if "away_days" not in spec:
            continue
        enrolment = Enrolment.objects.get(cohort=cohort, user__email=spec["email"])
        when = now - datetime.timedelta(days=spec["away_days"])
        Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=when)
        LessonProgress.objects.filter(enrolment=enrolment).update(
            first_visited_at=when, last_visited_at=when, completed_at=when
        )
    _ensure_calls(courses)
    _ensure_open_track(courses)
    return cohort, True


def _ensure_open_track(courses: dict[str, CoursePage]) -> None:
    """The Spanish course is also offered open and self-paced: anyone signed in can
    start. Offered by the secretariat, through the service (once: it returns the
    track a second time)."""
    course = courses["es"]
    with translation.override(course.locale.language_code):
        grant = RoleGrant.objects.filter(role=Role.SECRETARIAT).order_by("pk").first()
        open_track_create(actor=grant.user, course=course)


def _ensure_calls(courses: dict[str, CoursePage]) -> None:
    """Calls open now, so a new account can apply (one per language of the course)."""
    now = timezone.now()
    next_monday = _monday(timezone.localdate()) + datetime.timedelta(weeks=5)
    for spec in COHORTS["open_calls"]:
        if EnrolmentCall.objects.filter(title=spec["title"]).exists():
            continue
        course = courses[spec["language"]]
        call = EnrolmentCall.objects.create(
            course=course,
            title=spec["title"],
            description=spec["description"],
            opens_at=now - datetime.timedelta(days=2),
            closes_at=now + datetime.timedelta(weeks=3),
            seats=spec["seats"],
        )
        cohort = Cohort.objects.create(
            course=course,
            call=call,
            name=spec["cohort"],
            starts_on=next_monday,
            time_zone=spec["time_zone"],
        )
        cohort_schedule_create(cohort=cohort)
        CohortGroup.objects.create(
            cohort=cohort,
            name=spec["group"],
            tutor=User.objects.filter(email=spec["tutor"]).first(),
        )


def _finish(cohort: Cohort, user: User) -> None:
    """Every lesson done and every activity answered well, through the services: the
    last required one completes the enrolment and issues its certificate."""
    lessons = list(LessonPage.objects.descendant_of(cohort.course).live().order_by("path"))
    for lesson in lessons:
        learning_services.lesson_complete(user=user, lesson=lesson)
        for block_id, kind, value in lesson.activities():
            if kind == "quiz":
                answers = {
                    index: [i for i, c in enumerate(question["choices"]) if c["correct"]]
                    for index, question in enumerate(value["questions"])
                }
                _quiz_submit(user, lesson, block_id, answers)
            elif kind == "assignment":
                _hand_in(user, lesson, block_id)
            elif kind == "survey":
                answers = {
                    index: 5 if question["kind"] == "likert" else ""
                    for index, question in enumerate(value["questions"])
                }
                learning_services.survey_submit(
                    user=user, lesson=lesson, block_id=block_id, answers=answers
                )


@transaction.atomic
def ensure_finished_cohort(course: CoursePage) -> Certificate:
    """The finished cohort and its graduate's certificate (code FINISHED["certificate_code"])."""
    code = FINISHED["certificate_code"]
    certificate = Certificate.objects.filter(code=code).first()
    if certificate is not None:
        return certificate
    start = _monday(timezone.localdate()) - datetime.timedelta(weeks=FINISHED["weeks_ago"])
    cohort = Cohort.objects.filter(name=FINISHED["name"]).first()
    if cohort is None:
        cohort = Cohort.objects.create(
            course=course, name=FINISHED["name"], starts_on=start, time_zone=FINISHED["time_zone"]
        )
        cohort_schedule_create(cohort=cohort)
    group, _created = CohortGroup.objects.get_or_create(
        cohort=cohort,
        name=FINISHED["group"],
        defaults={"tutor": User.objects.filter(email=FINISHED["tutor"]).first()},
    )
    user = _learner(FINISHED["learner"])
    started_at = timezone.make_aware(datetime.datetime.combine(start, datetime.time(9)))
    enrolment, _created = Enrolment.objects.get_or_create(
        cohort=cohort,
        user=user,
        defaults={"group": group, "enrolled_at": started_at - datetime.timedelta(weeks=1)},
    )
    _finish(cohort, user)
    certificate = Certificate.objects.get(enrolment=enrolment)
    # Issued a few days after the cohort ended, under the code the demo announces.
    issued_at = timezone.make_aware(
        datetime.datetime.combine(
            cohort.ends_on + datetime.timedelta(days=FINISHED["issued_days_after"]),
            datetime.time(10),
        )
    )
    Certificate.objects.filter(pk=certificate.pk).update(code=code, issued_at=issued_at)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        completed_at=issued_at, last_activity_at=issued_at
    )
    return Certificate.objects.get(pk=certificate.pk)
