"""What learners do: lessons visited and completed, quiz attempts, assignments, surveys."""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _

from lms.markup import SanitizedHTMLField


class PrivateStorage(LazyObject):
    """Files only people with a right to them may download, through a view.

    Kept outside MEDIA_ROOT so no static or media route can ever serve them.
    """

    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


private_storage = PrivateStorage()


def private_storage_factory():
    """The storage of private files, as a callable so migrations do not freeze its path."""
    return private_storage


def submission_path(instance, filename):
    return f"submissions/{instance.enrolment.cohort_id}/{uuid.uuid4().hex}/{filename}"


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    first_visited_at = models.DateTimeField(default=timezone.now)
    last_visited_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="lms_progress_once")
        ]

    def __str__(self):
        return f"{self.enrolment_id}: {self.lesson_id}"


class QuizAttempt(models.Model):
    """One graded attempt at a quiz block, scored on the server."""

    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    number = models.PositiveSmallIntegerField()
    answers = models.JSONField(default=dict)
    correct = models.PositiveSmallIntegerField()
    questions = models.PositiveSmallIntegerField()
    score = models.DecimalField(max_digits=5, decimal_places=2)
    graded = models.BooleanField(default=True)
    token = models.UUIDField()
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "token"], name="lms_attempt_token_once"),
            models.UniqueConstraint(
                fields=["enrolment", "lesson", "block_id", "number"], name="lms_attempt_number_once"
            ),
        ]
        indexes = [models.Index(fields=["enrolment", "lesson", "block_id"])]

    def __str__(self):
        return f"{self.enrolment_id}: {self.block_id} #{self.number} ({self.score}%)"


class Submission(models.Model):
    """An assignment handed in to the learner's tutor."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for feedback")
        REVIEWED = "reviewed", _("Feedback given")

    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.CASCADE, related_name="submissions"
    )
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    text = models.TextField(_("text"), blank=True)
    text_html = SanitizedHTMLField(blank=True)
    file = models.FileField(
        _("file"),
        upload_to=submission_path,
        storage=private_storage_factory,
        blank=True,
        max_length=300,
    )
    file_name = models.CharField(max_length=200, blank=True)
    file_size = models.PositiveIntegerField(default=0)
    token = models.UUIDField()
    submitted_at = models.DateTimeField(default=timezone.now)
    is_late = models.BooleanField(default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    feedback = models.TextField(_("feedback"), blank=True)
    feedback_html = SanitizedHTMLField(blank=True)
    grade = models.PositiveSmallIntegerField(_("grade (0-100)"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "token"], name="lms_submission_token_once")
        ]
        indexes = [
            models.Index(fields=["enrolment", "lesson", "block_id"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self):
        return f"{self.enrolment_id}: {self.block_id} ({self.submitted_at:%Y-%m-%d})"


class SurveyCompletion(models.Model):
    """Who answered a survey, kept apart from the answers so results stay anonymous."""

    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.CASCADE, related_name="survey_completions"
    )
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson", "block_id"], name="lms_survey_answered_once"
            )
        ]

    def __str__(self):
        return f"{self.enrolment_id}: {self.block_id}"


class SurveyTally(models.Model):
    """How many people gave one value (1 to 5) to one scale question.

    Scale answers are only counted, never stored one by one, so no row can be
    matched with a completion.
    """

    cohort = models.ForeignKey("lms.Cohort", on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    question = models.PositiveSmallIntegerField()
    value = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "lesson", "block_id", "question", "value"],
                name="lms_survey_tally_once",
            )
        ]

    def __str__(self):
        return f"{self.block_id} #{self.question}={self.value}: {self.count}"


class SurveyAnswer(models.Model):
    """One free-text answer to one survey question, with no link to who gave it.

    Written after the completion commits, in its own transaction, with a random
    primary key; reports show free text only once enough people answered.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    cohort = models.ForeignKey("lms.Cohort", on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey("courses.LessonPage", on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    question = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["cohort", "lesson", "block_id"])]

    def __str__(self):
        return f"{self.block_id} #{self.question}"
