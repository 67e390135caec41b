"""Quizzes, assignments, surveys, feedback, completion: the rules of a course."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lms.models import (
    Certificate,
    Enrolment,
    Notification,
    QuizAttempt,
    Submission,
    SurveyAnswer,
    SurveyCompletion,
)
from lms.services import learning as services
from lms.services.learning import quiz_grade
from tests.course_fixtures import all_right, build_course
from tests.factories import ProfileFactory


def attempt(world, lesson, answers, token=None):
    block_id = world.block_id(lesson, "quiz")
    return services.quiz_attempt_submit(
        user=world.learner,
        lesson=lesson,
        block_id=block_id,
        answers=answers,
        token=token or uuid.uuid4(),
    )


def open_module2(world):
    world.cohort.starts_on = timezone.localdate() - datetime.timedelta(days=8)
    world.cohort.save()


# --- Quizzes -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_quizzes_are_graded_on_the_server(world):
    result = attempt(world, world.lesson_b, {0: [0], 1: [0, 1]})
    assert result.created
    assert (result.attempt.correct, result.attempt.questions) == (2, 2)
    assert result.attempt.score == Decimal("100.00")

    result = attempt(world, world.lesson_b, {0: [1], 1: [0]})  # half right: 2nd is partial
    assert result.attempt.correct == 0
    assert result.attempt.number == 2


def test_multiple_choice_counts_only_when_exactly_right():
    quiz = {
        "questions": [
            {
                "kind": "multiple",
                "choices": [{"correct": True}, {"correct": True}, {"correct": False}],
            }
        ]
    }
    assert quiz_grade(quiz, {0: [0, 1]}) == (1, 1)
    assert quiz_grade(quiz, {0: [0]}) == (0, 1)
    assert quiz_grade(quiz, {0: [0, 1, 2]}) == (0, 1)
    assert quiz_grade(quiz, {}) == (0, 1)


@pytest.mark.django_db
def test_the_same_form_sent_twice_counts_once(world):
    token = uuid.uuid4()
    first = attempt(world, world.lesson_b, {0: [0], 1: [2]}, token=token)
    second = attempt(world, world.lesson_b, {0: [0], 1: [0, 1]}, token=token)
    assert first.created and not second.created
    assert second.attempt.pk == first.attempt.pk
    assert QuizAttempt.objects.count() == 1


@pytest.mark.django_db
def test_graded_quizzes_have_an_attempt_limit(world):
    attempt(world, world.lesson_b, {0: [1], 1: [2]})
    attempt(world, world.lesson_b, {0: [1], 1: [2]})
    with pytest.raises(ValidationError):
        attempt(world, world.lesson_b, {0: [0], 1: [0, 1]})
    assert QuizAttempt.objects.count() == 2


@pytest.mark.django_db
def test_unanswered_questions_are_refused_without_using_an_attempt(world):
    with pytest.raises(ValidationError) as error:
        attempt(world, world.lesson_b, {0: [0]})
    assert "2" in str(error.value)
    assert QuizAttempt.objects.count() == 0


@pytest.mark.django_db
def test_a_token_from_another_form_is_refused(world):
    token = uuid.uuid4()
    attempt(world, world.lesson_a, {0: [0], 1: [0]}, token=token)
    with pytest.raises(ValidationError):
        attempt(world, world.lesson_b, {0: [0], 1: [0, 1]}, token=token)
    assert QuizAttempt.objects.count() == 1


@pytest.mark.django_db
def test_practice_quizzes_are_unlimited_and_do_not_count(world):
    for _ in range(4):
        result = attempt(world, world.lesson_a, {0: [0], 1: [0]})
    assert not result.attempt.graded
    assert QuizAttempt.objects.filter(graded=False).count() == 4


@pytest.mark.django_db
@pytest.mark.parametrize("answers", [{0: [7]}, {9: [0]}, {0: [0, 1]}, {"x": [0]}, {0: ["a"]}])
def test_malformed_answers_are_refused_and_nothing_is_saved(world, answers):
    with pytest.raises(ValidationError):
        attempt(world, world.lesson_b, answers)
    assert QuizAttempt.objects.count() == 0


@pytest.mark.django_db
def test_best_or_last_score_is_kept(world):
    from lms.selectors.learning import lesson_state

    attempt(world, world.lesson_b, {0: [0], 1: [0, 1]})
    attempt(world, world.lesson_b, {0: [1], 1: [2]})
    enrolment = Enrolment.objects.get(user=world.learner)
    state = lesson_state(enrolment=enrolment, lesson=world.lesson_b)
    block_id = world.block_id(world.lesson_b, "quiz")
    assert state.quizzes[block_id].kept.score == Decimal("100.00")  # policy "best"
    assert state.quizzes[block_id].last.score == Decimal("0.00")
    assert state.quizzes[block_id].attempts_left == 0
    assert state.quizzes[block_id].show_answers


@pytest.mark.django_db
def test_nobody_but_enrolled_learners_attempt(world, other_user):
    with pytest.raises(PermissionDenied):
        services.quiz_attempt_submit(
            user=other_user,
            lesson=world.lesson_b,
            block_id=world.block_id(world.lesson_b, "quiz"),
            answers={},
            token=uuid.uuid4(),
        )
    with pytest.raises(PermissionDenied):  # the tutor previews, does not take part
        services.quiz_attempt_submit(
            user=world.tutor,
            lesson=world.lesson_b,
            block_id=world.block_id(world.lesson_b, "quiz"),
            answers={},
            token=uuid.uuid4(),
        )


@pytest.mark.django_db
def test_activities_of_closed_modules_are_refused(world):
    with pytest.raises(PermissionDenied):
        services.survey_submit(
            user=world.learner,
            lesson=world.lesson_c,
            block_id=world.block_id(world.lesson_c, "survey"),
            answers={0: "5"},
        )


# --- Assignments -----------------------------------------------------------------------------


def submit(world, *, text="Mi análisis del marco nacional.", upload=None, token=None):
    return services.submission_create(
        user=world.learner,
        lesson=world.lesson_c,
        block_id=world.block_id(world.lesson_c, "assignment"),
        text=text,
        upload=upload,
        token=token or uuid.uuid4(),
    )


@pytest.mark.django_db
def test_a_submission_goes_to_the_learners_tutor(world, django_capture_on_commit_callbacks):
    open_module2(world)
    with django_capture_on_commit_callbacks(execute=True):
        submission, created = submit(world, text="**Propuesta**: una guía de inspección.")
    assert created
    assert "<strong>Propuesta</strong>" in submission.text_html
    assert submission.status == Submission.Status.SUBMITTED
    note = Notification.objects.get(user=world.tutor)
    assert "Lucía Méndez" in note.title
    assert mail.outbox and mail.outbox[-1].to == [world.tutor.email]


@pytest.mark.django_db
def test_a_submission_sent_twice_is_saved_once(world):
    open_module2(world)
    token = uuid.uuid4()
    first, _ = submit(world, token=token)
    again, created = submit(world, token=token)
    assert not created and again.pk == first.pk
    assert Submission.objects.count() == 1


@pytest.mark.django_db
def test_submission_text_is_sanitised(world):
    open_module2(world)
    submission, _ = submit(world, text="<script>alert(1)</script> [x](javascript:alert(1))")
    assert "<script" not in submission.text_html
    assert 'href="javascript' not in submission.text_html


@pytest.mark.django_db
def test_a_file_is_accepted_when_its_type_and_size_are_right(world):
    open_module2(world)
    upload = SimpleUploadedFile("analisis.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    submission, _ = submit(world, text="", upload=upload)
    assert submission.file_name == "analisis.pdf"
    assert submission.file.read().startswith(b"%PDF")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content",
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("fake.pdf", b"<html><script>alert(1)</script>"),
        ("page.html", b"<html></html>"),
        ("notes.txt", b"\xff\xfe\x00bad utf16 but long" * 200),
    ],
)
def test_wrong_files_are_refused_and_nothing_is_saved(world, name, content):
    open_module2(world)
    with pytest.raises(ValidationError):
        submit(world, text="", upload=SimpleUploadedFile(name, content))
    assert Submission.objects.count() == 0


@pytest.mark.django_db
def test_too_large_files_are_refused(world, settings):
    open_module2(world)
    settings.RIAL_SUBMISSION_MAX_BYTES = 1024
    with pytest.raises(ValidationError):
        submit(world, text="", upload=SimpleUploadedFile("big.pdf", b"%PDF" + b"x" * 2000))


@pytest.mark.django_db
def test_an_empty_submission_is_refused(world):
    open_module2(world)
    with pytest.raises(ValidationError):
        submit(world, text="   ")


@pytest.mark.django_db
def test_late_submissions_are_marked(db):
    world = build_course(starts_on=timezone.localdate() - datetime.timedelta(days=15))
    submission, _ = submit(world)
    assert submission.is_late


@pytest.mark.django_db
def test_the_tutor_returns_feedback_and_the_learner_is_told_in_their_language(
    world, django_capture_on_commit_callbacks
):
    open_module2(world)
    world.learner.profile.preferred_language = "pt"
    world.learner.profile.save()
    submission, _ = submit(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_review(
            reviewer=world.tutor,
            submission=submission,
            feedback="Muy **bien** argumentado.",
            grade=90,
        )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REVIEWED
    assert submission.grade == 90
    assert "<strong>bien</strong>" in submission.feedback_html
    note = Notification.objects.filter(user=world.learner).latest("created_at")
    assert note.kind == "feedback"
    assert mail.outbox[-1].to == [world.learner.email]
    assert "Olá" in mail.outbox[-1].body


@pytest.mark.django_db
def test_only_the_learners_tutor_gives_feedback(world):
    open_module2(world)
    other = build_course(slug="otro")
    submission, _ = submit(world)
    with pytest.raises(PermissionDenied):
        services.submission_review(
            reviewer=other.tutor, submission=submission, feedback="x", grade=None
        )
    with pytest.raises(PermissionDenied):
        services.submission_review(
            reviewer=world.learner, submission=submission, feedback="x", grade=None
        )


@pytest.mark.django_db
@pytest.mark.parametrize("feedback, grade", [("", 50), ("ok", 101), ("ok", -1)])
def test_bad_feedback_is_refused(world, feedback, grade):
    open_module2(world)
    submission, _ = submit(world)
    with pytest.raises(ValidationError):
        services.submission_review(
            reviewer=world.tutor, submission=submission, feedback=feedback, grade=grade
        )


# --- Surveys ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_survey_answers_are_anonymous_and_given_once(world, django_capture_on_commit_callbacks):
    from lms.models import SurveyTally

    open_module2(world)
    block_id = world.block_id(world.lesson_c, "survey")
    with django_capture_on_commit_callbacks(execute=True):
        completion, created = services.survey_submit(
            user=world.learner,
            lesson=world.lesson_c,
            block_id=block_id,
            answers={0: "4", 1: "Más casos."},
        )
    assert created
    with django_capture_on_commit_callbacks(execute=True):
        again, created = services.survey_submit(
            user=world.learner, lesson=world.lesson_c, block_id=block_id, answers={0: "1", 1: "x"}
        )
    assert not created and again.pk == completion.pk
    # Scale answers are only counted; texts are kept without anyone's name.
    assert list(SurveyTally.objects.values_list("question", "value", "count")) == [(0, 4, 1)]
    assert list(SurveyAnswer.objects.values_list("text", flat=True)) == ["Más casos."]
    for model in (SurveyTally, SurveyAnswer):
        names = {field.name for field in model._meta.get_fields()}
        assert not names & {"enrolment", "user", "completion"}
    assert SurveyCompletion.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["", "0", "6", "muy bien"])
def test_likert_answers_must_be_on_the_scale(world, value):
    open_module2(world)
    with pytest.raises(ValidationError):
        services.survey_submit(
            user=world.learner,
            lesson=world.lesson_c,
            block_id=world.block_id(world.lesson_c, "survey"),
            answers={0: value},
        )
    assert SurveyCompletion.objects.count() == 0 and SurveyAnswer.objects.count() == 0
    from lms.models import SurveyTally

    assert not SurveyTally.objects.exists()


# --- Completion and certificate ---------------------------------------------------------------


@pytest.mark.django_db
def test_meeting_every_rule_completes_the_course_and_issues_a_certificate(world):
    open_module2(world)
    enrolment = Enrolment.objects.get(user=world.learner)
    attempt(world, world.lesson_b, {0: [0], 1: [2]})  # 50%: below the course's 70
    submit(world)
    services.survey_submit(
        user=world.learner,
        lesson=world.lesson_c,
        block_id=world.block_id(world.lesson_c, "survey"),
        answers={0: "5"},
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert not Certificate.objects.exists()

    attempt(
        world, world.lesson_b, all_right(world.lesson_b, world.block_id(world.lesson_b, "quiz"))
    )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.holder_name == "Lucía Méndez"
    assert certificate.hours == 20
    assert certificate.ends_on == world.cohort.ends_on
    assert Notification.objects.filter(user=world.learner, kind="certificate").exists()


@pytest.mark.django_db
def test_completion_waits_for_every_required_activity(world):
    open_module2(world)
    attempt(
        world, world.lesson_b, all_right(world.lesson_b, world.block_id(world.lesson_b, "quiz"))
    )
    submit(world)
    assert Enrolment.objects.get(user=world.learner).status == Enrolment.Status.ACTIVE


# --- Reminders --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reminders_go_in_each_learners_language_and_not_twice_a_day(
    world, django_capture_on_commit_callbacks
):
    french = ProfileFactory(preferred_language="fr", user__full_name="Jean Pierre").user
    enrolment_fr = Enrolment.objects.create(cohort=world.cohort, user=french, group=world.group)
    enrolment_es = Enrolment.objects.get(user=world.learner)
    with django_capture_on_commit_callbacks(execute=True):
        sent, skipped = services.reminders_send(
            actor=world.tutor,
            cohort=world.cohort,
            enrolment_ids=[enrolment_es.pk, enrolment_fr.pk],
        )
    assert (sent, skipped) == (2, 0)
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Bonjour Jean Pierre" in bodies[french.email]
    assert "Hola, Lucía Méndez" in bodies[world.learner.email]
    sent, skipped = services.reminders_send(
        actor=world.tutor, cohort=world.cohort, enrolment_ids=[enrolment_es.pk]
    )
    assert (sent, skipped) == (0, 1)


@pytest.mark.django_db
def test_tutors_only_remind_their_own_learners(world):
    other = build_course(slug="otro")
    enrolment = Enrolment.objects.get(user=world.learner)
    with pytest.raises(PermissionDenied):
        services.reminders_send(
            actor=other.tutor, cohort=world.cohort, enrolment_ids=[enrolment.pk]
        )
    assert not mail.outbox


@pytest.mark.django_db
def test_a_file_is_deleted_when_its_submission_is_not_saved(world, monkeypatch):
    from lms.models.learning import private_storage

    open_module2(world)

    def broken(**kwargs):
        raise RuntimeError("database went away")

    def files():
        from pathlib import Path

        return {path for path in Path(private_storage.location).rglob("*") if path.is_file()}

    before = files()
    monkeypatch.setattr(services, "lesson_visit", broken)
    with pytest.raises(RuntimeError):
        submit(world, text="", upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 a"))
    assert files() == before
