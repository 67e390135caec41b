"""What learners do in a course and what tutors do about it."""

import datetime
import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import LessonPage, ModulePage
from lms.markup import MarkupTooLong, render_markdown
from lms.models import (
    Cohort,
    Enrolment,
    LessonProgress,
    ModuleRelease,
    QuizAttempt,
    Submission,
    SurveyAnswer,
    SurveyCompletion,
    SurveyTally,
    User,
)
from lms.selectors.learning import content_access
from lms.selectors.tutoring import can_review, tutored_enrolments
from lms.services.notifications import (
    in_language_of,
    notification_create,
    notifications_fan_out,
)
from lms.uploads import content_matches, upload_extension

ALLOWED_SUBMISSION_TYPES = {
    ".pdf": b"%PDF",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
    ".pptx": b"PK\x03\x04",
    ".odt": b"PK\x03\x04",
    ".ods": b"PK\x03\x04",
    ".txt": None,
}


def _learner_enrolment(*, user: User, lesson: LessonPage) -> Enrolment:
    """The enrolment an activity is recorded against; refuses anyone else."""
    access = content_access(user=user, page=lesson)
    if not access.allowed:
        if access.reason == "not_open":
            raise PermissionDenied(_("This module is not open yet."))
        raise PermissionDenied(_("You are not enrolled in this course."))
    if access.enrolment is None:
        raise PermissionDenied(_("Only enrolled learners take part in activities."))
    return access.enrolment


def _activity(lesson: LessonPage, block_id: str, kind: str):
    found = lesson.activity(block_id)
    if found is None or found[0] != kind:
        raise ValidationError(_("This activity does not exist."))
    return found[1]


# A learner reading a lesson for a while is recorded at most this often.
VISIT_RECORDED_EVERY = datetime.timedelta(minutes=10)


def lesson_view(*, enrolment: Enrolment, lesson: LessonPage) -> LessonProgress:
    """Record that the learner opened the lesson, writing only when something changed.

    Writes on the first visit, when the learner moves to another lesson, or when
    the recorded visit or activity is older than ``VISIT_RECORDED_EVERY``; a
    reload of the same lesson writes nothing (and opens no transaction: each
    write is one statement). Reads the progress that
    ``course_enrolment(lesson=...)`` brought with the enrolment when there is one.
    """
    if hasattr(enrolment, "lesson_progress_here"):
        progress = enrolment.lesson_progress_here
    else:
        progress = LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).first()
    now = timezone.now()
    moved = enrolment.last_lesson_id != lesson.pk
    if progress is None:
        progress = lesson_visit(enrolment=enrolment, lesson=lesson)
    else:
        if moved or now - progress.last_visited_at >= VISIT_RECORDED_EVERY:
            LessonProgress.objects.filter(pk=progress.pk).update(last_visited_at=now)
            progress.last_visited_at = now
        stale = enrolment.last_activity_at is None or (
            now - enrolment.last_activity_at >= VISIT_RECORDED_EVERY
        )
        if moved or stale:
            Enrolment.objects.filter(pk=enrolment.pk).update(
                last_activity_at=now, last_lesson=lesson
            )
    enrolment.last_lesson_id = lesson.pk
    enrolment.lesson_progress_here = progress
    return progress


@transaction.atomic
def lesson_visit(*, enrolment: Enrolment, lesson: LessonPage) -> LessonProgress:
    """Record that the learner opened the lesson; it is where they continue next time."""
    now = timezone.now()
    progress, created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"first_visited_at": now}
    )
    if not created:
        LessonProgress.objects.filter(pk=progress.pk).update(last_visited_at=now)
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now, last_lesson=lesson)
    return progress


@transaction.atomic
def lesson_complete(*, user: User, lesson: LessonPage, done: bool = True) -> LessonProgress:
    enrolment = _learner_enrolment(user=user, lesson=lesson)
    now = timezone.now()
    progress, _created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"first_visited_at": now}
    )
    progress.completed_at = now if done else None
    progress.last_visited_at = now
    progress.save(update_fields=["completed_at", "last_visited_at"])
    Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=now, last_lesson=lesson)
    return progress


# --- Quizzes ----------------------------------------------------------------------------------


def _same_form(existing, lesson: LessonPage, block_id: str) -> None:
    """A token belongs to one form; met on another, the page was stale."""
    if existing.lesson_id != lesson.pk or existing.block_id != block_id:
        raise ValidationError(_("The form has expired: reload the page and try again."))


def quiz_grade(quiz, answers: dict[int, list[int]]) -> tuple[int, int]:
    """(correct, questions): a question counts when exactly the correct answers are chosen."""
    correct = 0
    questions = list(quiz["questions"])
    for index, question in enumerate(questions):
        expected = {i for i, choice in enumerate(question["choices"]) if choice["correct"]}
        if set(answers.get(index, [])) == expected:
            correct += 1
    return correct, len(questions)


def _clean_answers(quiz, raw: dict) -> dict[int, list[int]]:
    answers = {}
    questions = list(quiz["questions"])
    for key, chosen in raw.items():
        try:
            index = int(key)
            chosen = sorted({int(value) for value in chosen})
        except (TypeError, ValueError) as error:
            raise ValidationError(_("The answers sent are not valid.")) from error
        if not 0 <= index < len(questions):
            raise ValidationError(_("The answers sent are not valid."))
        choices = len(list(questions[index]["choices"]))
        if any(not 0 <= value < choices for value in chosen):
            raise ValidationError(_("The answers sent are not valid."))
        if questions[index]["kind"] == "single" and len(chosen) > 1:
            raise ValidationError(
                _("Choose only one answer for question %(n)s.") % {"n": index + 1}
            )
        answers[index] = chosen
    missing = [str(index + 1) for index in range(len(questions)) if not answers.get(index)]
    if missing:
        # An unanswered question would cost an attempt for nothing.
        raise ValidationError(
            _("Answer every question before sending (missing: %(questions)s).")
            % {"questions": ", ".join(missing)}
        )
    return answers


@dataclass
class AttemptResult:
    attempt: QuizAttempt
    created: bool


def quiz_attempt_submit(
    *, user: User, lesson: LessonPage, block_id: str, answers: dict, token: uuid.UUID
) -> AttemptResult:
    """Grade an attempt on the server. Sending the same form twice counts once."""
    enrolment = _learner_enrolment(user=user, lesson=lesson)
    quiz = _activity(lesson, block_id, "quiz")
    existing = QuizAttempt.objects.filter(enrolment=enrolment, token=token).first()
    if existing is not None:
        _same_form(existing, lesson, block_id)
        return AttemptResult(existing, created=False)
    clean = _clean_answers(quiz, answers)
    graded = quiz["mode"] == "graded"
    try:
        with transaction.atomic():
            # Serialise attempts of one learner so numbers and limits hold.
            Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
            attempts = QuizAttempt.objects.filter(
                enrolment=enrolment, lesson=lesson, block_id=block_id
            )
            if graded and quiz["max_attempts"]:
                used = attempts.filter(graded=True).count()
                if used >= quiz["max_attempts"]:
                    raise ValidationError(_("You have used all your attempts at this quiz."))
            last = attempts.order_by("-number").values_list("number", flat=True).first() or 0
            correct, questions = quiz_grade(quiz, clean)
            score = (Decimal(100) * correct / questions).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            attempt = QuizAttempt.objects.create(
                enrolment=enrolment,
                lesson=lesson,
                block_id=block_id,
                number=last + 1,
                answers={str(k): v for k, v in clean.items()},
                correct=correct,
                questions=questions,
                score=score,
                graded=graded,
                token=token,
            )
            lesson_visit(enrolment=enrolment, lesson=lesson)
            if graded:
                from lms.services.certificates import enrolment_completion_check

                enrolment_completion_check(enrolment=enrolment)
    except IntegrityError:
        # The same form arrived twice at the same moment: the other one won.
        existing = QuizAttempt.objects.filter(enrolment=enrolment, token=token).first()
        if existing is None:
            raise
        return AttemptResult(existing, created=False)
    return AttemptResult(attempt, created=True)


# --- Assignments --------------------------------------------------------------------------------


def _check_file(upload) -> None:
    extension = upload_extension(upload)
    if extension not in ALLOWED_SUBMISSION_TYPES:
        raise ValidationError(
            {"file": _("Send a PDF, Word, Excel, PowerPoint, OpenDocument or text file.")}
        )
    limit = settings.RIAL_SUBMISSION_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {
                "file": _("The file is too large: at most %(mb)s MB.")
                % {"mb": limit // (1024 * 1024)}
            }
        )
    magic = ALLOWED_SUBMISSION_TYPES[extension]
    if not content_matches(upload, magic):
        if magic is None:
            raise ValidationError({"file": _("A text file must be in UTF-8.")})
        raise ValidationError({"file": _("The file's content does not match its type.")})


def _forget_files(names: list[str]) -> None:
    from lms.models.learning import private_storage

    for name in names:
        private_storage.delete(name)
    names.clear()


def submission_create(
    *,
    user: User,
    lesson: LessonPage,
    block_id: str,
    text: str,
    upload=None,
    token: uuid.UUID,
) -> tuple[Submission, bool]:
    """Hand an assignment in to the learner's tutor. The same form twice counts once.

    A file written for a submission that is not saved is deleted again.
    """
    stored_files: list[str] = []
    try:
        return _submission_create(
            user=user,
            lesson=lesson,
            block_id=block_id,
            text=text,
            upload=upload,
            token=token,
            stored_files=stored_files,
        )
    except Exception:
        _forget_files(stored_files)
        raise


@transaction.atomic
def _submission_create(
    *, user, lesson, block_id, text, upload, token, stored_files: list[str]
) -> tuple[Submission, bool]:
    enrolment = _learner_enrolment(user=user, lesson=lesson)
    assignment = _activity(lesson, block_id, "assignment")
    existing = Submission.objects.filter(enrolment=enrolment, token=token).first()
    if existing is not None:
        _same_form(existing, lesson, block_id)
        return existing, False
    text = (text or "").strip()
    accepts = assignment.get("accepts") or "text_or_file"
    # Each error names the field it concerns (the text box, the file), or none
    # when it is about the form as a whole: the lesson page shows it there.
    if accepts == "text" and not text:
        raise ValidationError({"text": _("Write your answer in the text box.")})
    if accepts == "file" and upload is None:
        raise ValidationError({"file": _("Attach your file.")})
    if not text and upload is None:
        raise ValidationError(_("Write your answer or attach a file."), code="nothing_sent")
    if upload is not None and accepts == "text":
        raise ValidationError({"file": _("This assignment takes text only.")})
    if upload is not None:
        _check_file(upload)
    try:
        text_html = render_markdown(text)
    except MarkupTooLong as error:
        raise ValidationError(
            {
                "text": _("The text is too long: at most %(n)s characters.")
                % {"n": settings.RIAL_MARKUP_MAX_LENGTH}
            }
        ) from error
    due_week = assignment.get("due_week")
    now = timezone.now()
    is_late = bool(due_week) and now >= enrolment.cohort.week_start_at(int(due_week) + 1)
    submission = Submission(
        enrolment=enrolment,
        lesson=lesson,
        block_id=block_id,
        text=text,
        text_html=text_html,
        token=token,
        is_late=is_late,
    )
    if upload is not None:
        submission.file_name = upload.name[-200:]
        submission.file_size = upload.size
        submission.file.save(upload.name, upload, save=False)
        stored_files.append(submission.file.name)
    try:
        with transaction.atomic():
            submission.save()
    except IntegrityError:
        # The same form arrived twice at the same moment: the other one won.
        existing = Submission.objects.filter(enrolment=enrolment, token=token).first()
        if existing is None:
            raise
        _forget_files(stored_files)
        return existing, False
    lesson_visit(enrolment=enrolment, lesson=lesson)

    from lms.services.certificates import enrolment_completion_check

    enrolment_completion_check(enrolment=enrolment)

    tutor = enrolment.group.tutor if enrolment.group_id else None
    if tutor is not None:
        with in_language_of(tutor):
            notification_create(
                user=tutor,
                kind="submission",
                title=_("%(name)s sent “%(title)s”")
                % {"name": user.get_full_name(), "title": assignment["title"]},
                url=reverse("lms:submission_review", args=[submission.pk]),
                email=True,
            )
    return submission, True


@transaction.atomic
def submission_review(
    *, reviewer: User, submission: Submission, feedback: str, grade: int | None
) -> Submission:
    """The tutor returns feedback (and a grade); the learner is told in their language."""
    if not can_review(user=reviewer, submission=submission):
        raise PermissionDenied(_("Only the learner's tutor or the secretariat gives feedback."))
    feedback = (feedback or "").strip()
    if not feedback:
        raise ValidationError(_("Write your feedback."))
    if grade is not None and not 0 <= grade <= 100:
        raise ValidationError(_("The grade goes from 0 to 100."))
    try:
        feedback_html = render_markdown(feedback)
    except MarkupTooLong as error:
        raise ValidationError(_("The feedback is too long.")) from error
    submission.feedback = feedback
    submission.feedback_html = feedback_html
    submission.grade = grade
    submission.status = Submission.Status.REVIEWED
    submission.reviewed_by = reviewer
    submission.reviewed_at = timezone.now()
    submission.save(
        update_fields=[
            "feedback",
            "feedback_html",
            "grade",
            "status",
            "reviewed_by",
            "reviewed_at",
        ]
    )
    learner = submission.enrolment.user
    with in_language_of(learner):
        notification_create(
            user=learner,
            kind="feedback",
            title=_("Your tutor has replied to your assignment"),
            body=_("%(tutor)s left feedback on your assignment in “%(lesson)s”.")
            % {"tutor": reviewer.get_full_name(), "lesson": submission.lesson.title},
            url=submission.lesson.url or "",
            email=True,
        )
    return submission


# --- Surveys -----------------------------------------------------------------------------------


@transaction.atomic
def _survey_answers_record(
    *, cohort_id: int, lesson_id: int, block_id: str, scale: list, texts: list
) -> None:
    for question, value in scale:
        tally, _created = SurveyTally.objects.get_or_create(
            cohort_id=cohort_id,
            lesson_id=lesson_id,
            block_id=block_id,
            question=question,
            value=value,
        )
        SurveyTally.objects.filter(pk=tally.pk).update(count=F("count") + 1)
    SurveyAnswer.objects.bulk_create(
        [
            SurveyAnswer(
                cohort_id=cohort_id,
                lesson_id=lesson_id,
                block_id=block_id,
                question=question,
                text=text,
            )
            for question, text in texts
        ]
    )


@transaction.atomic
def survey_submit(
    *, user: User, lesson: LessonPage, block_id: str, answers: dict
) -> tuple[SurveyCompletion, bool]:
    """Keep the answers with no link to the person; record only that they answered."""
    enrolment = _learner_enrolment(user=user, lesson=lesson)
    survey = _activity(lesson, block_id, "survey")
    existing = SurveyCompletion.objects.filter(
        enrolment=enrolment, lesson=lesson, block_id=block_id
    ).first()
    if existing is not None:
        return existing, False
    scale: list[tuple[int, int]] = []
    texts: list[tuple[int, str]] = []
    for index, question in enumerate(survey["questions"]):
        value = answers.get(index)
        if question["kind"] == "likert":
            try:
                likert = int(value)
            except (TypeError, ValueError) as error:
                raise ValidationError(
                    _("Answer question %(n)s on the scale from 1 to 5.") % {"n": index + 1}
                ) from error
            if not 1 <= likert <= 5:
                raise ValidationError(
                    _("Answer question %(n)s on the scale from 1 to 5.") % {"n": index + 1}
                )
            scale.append((index, likert))
        else:
            text = (value or "").strip()[:5000]
            if text:
                texts.append((index, text))
    try:
        with transaction.atomic():
            completion = SurveyCompletion.objects.create(
                enrolment=enrolment, lesson=lesson, block_id=block_id
            )
    except IntegrityError:
        return SurveyCompletion.objects.get(
            enrolment=enrolment, lesson=lesson, block_id=block_id
        ), False
    # The answers are written after this transaction commits, in their own:
    # nothing in the rows written here ties them to the person.
    cohort_id, lesson_id = enrolment.cohort_id, lesson.pk
    transaction.on_commit(
        lambda: _survey_answers_record(
            cohort_id=cohort_id, lesson_id=lesson_id, block_id=block_id, scale=scale, texts=texts
        )
    )
    lesson_visit(enrolment=enrolment, lesson=lesson)

    from lms.services.certificates import enrolment_completion_check

    enrolment_completion_check(enrolment=enrolment)
    return completion, True


# --- Running a cohort ---------------------------------------------------------------------------


@transaction.atomic
def module_open_early(*, actor: User, cohort: Cohort, module: ModulePage) -> ModuleRelease:
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the secretariat opens modules early."))
    if module.get_parent().pk != cohort.course_id:
        raise ValidationError(_("This module belongs to another course."))
    release, _created = ModuleRelease.objects.get_or_create(
        cohort=cohort, module=module, defaults={"opened_by": actor}
    )
    return release


@transaction.atomic
def reminders_send(
    *, actor: User, cohort: Cohort, enrolment_ids: list[int], now=None
) -> tuple[int, int]:
    """Remind learners (email and notification, each in their language). (sent, skipped).

    Learners already reminded in the last 24 hours are skipped, so a double
    click or a second tutor does not flood anyone.
    """
    now = now or timezone.now()
    allowed = tutored_enrolments(user=actor, cohort=cohort)
    enrolments = list(
        allowed.filter(pk__in=enrolment_ids, status=Enrolment.Status.ACTIVE)
        .select_related("user", "last_lesson")
        .select_for_update(of=("self",))
    )
    if len(enrolments) != len(set(enrolment_ids)):
        raise PermissionDenied(_("You can only remind the learners you follow."))
    recent = now - timezone.timedelta(hours=24)
    due = [
        enrolment.pk
        for enrolment in enrolments
        if not (enrolment.last_reminded_at and enrolment.last_reminded_at > recent)
    ]
    # Claimed here (a double click reminds once); written and emailed by the worker.
    Enrolment.objects.filter(pk__in=due).update(last_reminded_at=now)
    if due:
        from lms.tasks import reminders_notify

        key = f"reminder:{now.isoformat()}"
        transaction.on_commit(lambda: reminders_notify.enqueue(due, actor.pk, key))
    return len(due), len(enrolments) - len(due)


def reminders_notify(*, enrolment_ids: list[int], tutor_id: int, key: str) -> int:
    """Write and email the reminders a tutor sent (a task's work), each in the
    learner's language; a second run with the same key reminds nobody twice."""
    tutor = User.objects.filter(pk=tutor_id).first()
    enrolments = {
        enrolment.user_id: enrolment
        for enrolment in Enrolment.objects.filter(pk__in=enrolment_ids).select_related(
            "user", "last_lesson", "cohort__course"
        )
    }

    def write(person: User) -> dict:
        enrolment = enrolments[person.pk]
        course = enrolment.cohort.course
        target = enrolment.last_lesson or course
        return {
            "title": _("Your course is waiting for you: %(course)s") % {"course": course.title},
            "body": _(
                "Your tutor %(tutor)s noticed you have not been on the campus for a while. "
                "Pick up where you left off; if something is in your way, reply to your "
                "tutor in the course forum."
            )
            % {"tutor": tutor.get_full_name() if tutor else ""},
            "url": target.url or "",
        }

    return notifications_fan_out(
        people=[enrolment.user for enrolment in enrolments.values()],
        kind="reminder",
        key=key,
        write=write,
        email=True,
    )
