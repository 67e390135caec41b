"""The lesson blocks: what a lesson is made of.

Activity blocks (quiz, assignment, survey) are identified by their StreamField
block id, which lms uses to record attempts, submissions and answers.
"""

import datetime
import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
    "blockquote",
]


@cache
def _time_zones() -> tuple[tuple[str, str], ...]:
    # available_timezones() walks the zone files on disk: about 15 ms, and Wagtail
    # asks for the choices each time a lesson with a live session is read.
    zones = sorted(z for z in zoneinfo.available_timezones() if z.startswith("America/"))
    return (*((zone, zone.replace("_", " ")) for zone in zones), ("UTC", "UTC"))


def _time_zone_choices():
    return list(_time_zones())


class FixedChoiceBlock(blocks.ChoiceBlock):
    """A choice block whose choices do not change while the process runs (every one of a lesson).

    Wagtail turns a stored value back into its key by walking the whole choice list
    on every read, and rebuilds the list first when the choices are a callable: for
    a live session's time zone that is some 150 zones, a millisecond per lesson
    page. This looks the key up in a dict built once.
    """

    @cached_property
    def _keys(self) -> dict:
        keys = {}
        for key, label in self.field.choices:
            for subkey, _label in label if isinstance(label, (list, tuple)) else [(key, label)]:
                keys[force_str(subkey)] = subkey
        return keys

    def normalize_choice(self, value):
        if value is None:
            return None
        return self._keys.get(force_str(value), value)


class VideoBlock(blocks.StructBlock):
    """A video file served by the campus, with captions; or a link to watch elsewhere.

    No third-party player is embedded: pages load nothing from other hosts.
    """

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    file = DocumentChooserBlock(label=_("Video file (MP4 or WebM)"), required=False)
    captions = DocumentChooserBlock(label=_("Captions (WebVTT)"), required=False)
    captions_language = FixedChoiceBlock(
        label=_("Captions language"),
        choices=[("es", "Español"), ("en", "English"), ("pt", "Português"), ("fr", "Français")],
        required=False,
    )
    external_url = blocks.URLBlock(label=_("Link to watch it on another service"), required=False)
    transcript = blocks.RichTextBlock(label=_("Transcript"), required=False, features=TEXT_FEATURES)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/lesson/video_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("file") and not value.get("external_url"):
            raise StructBlockValidationError(
                block_errors={"file": ValidationError(_("Choose a video file or give a link."))}
            )
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/lesson/document_block.html"


class ReadingBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=300)
    author = blocks.CharBlock(label=_("Author or publisher"), required=False, max_length=200)
    url = blocks.URLBlock(label=_("Address"), required=False)
    document = DocumentChooserBlock(label=_("Or a document"), required=False)
    note = blocks.TextBlock(label=_("Why read it"), required=False)

    class Meta:
        icon = "link"
        label = _("Reading")


class ReadingListBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(ReadingBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("Reading list")
        template = "blocks/lesson/reading_list_block.html"


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(label=_("Feedback"), required=False, max_length=500)

    class Meta:
        icon = "tick"
        label = _("Answer")


class QuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Question"))
    kind = FixedChoiceBlock(
        label=_("Kind"),
        choices=[("single", _("One correct answer")), ("multiple", _("Several correct answers"))],
        default="single",
    )
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Answers"), min_num=2, max_num=8)
    explanation = blocks.TextBlock(label=_("Explanation shown after answering"), required=False)

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if value["kind"] == "single" and correct != 1:
            raise StructBlockValidationError(
                block_errors={"choices": ErrorList([_("Mark exactly one answer as correct.")])}
            )
        if value["kind"] == "multiple" and correct < 1:
            raise StructBlockValidationError(
                block_errors={"choices": ErrorList([_("Mark at least one answer as correct.")])}
            )
        return value


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    introduction = blocks.TextBlock(label=_("Introduction"), required=False)
    mode = FixedChoiceBlock(
        label=_("Mode"),
        choices=[("graded", _("Graded")), ("practice", _("Practice"))],
        default="graded",
    )
    final = blocks.BooleanBlock(
        label=_("Final evaluation"),
        required=False,
        help_text=_("Its score decides the certificate (see the course's minimum score)."),
    )
    required = blocks.BooleanBlock(label=_("Required for the certificate"), required=False)
    max_attempts = blocks.IntegerBlock(
        label=_("Attempts allowed"), default=2, min_value=0, help_text=_("0 means unlimited.")
    )
    policy = FixedChoiceBlock(
        label=_("Score kept"),
        choices=[("best", _("Best attempt")), ("last", _("Last attempt"))],
        default="best",
    )
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"), default=70, min_value=0, max_value=100
    )
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "form"
        label = _("Quiz")
        template = "blocks/lesson/quiz_block.html"

    def clean(self, value):
        value = super().clean(value)
        if value["mode"] == "practice" and (value.get("final") or value.get("required")):
            # Practice attempts are not graded, so they could never meet the rule.
            raise StructBlockValidationError(
                block_errors={
                    "mode": ValidationError(
                        _("A final or required quiz must be graded, not practice.")
                    )
                }
            )
        return value


class AssignmentBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    instructions = blocks.RichTextBlock(label=_("Instructions"), features=TEXT_FEATURES)
    due_week = blocks.IntegerBlock(
        label=_("Due at the end of week"), required=False, min_value=1, max_value=52
    )
    accepts = FixedChoiceBlock(
        label=_("Learners send"),
        choices=[
            ("text_or_file", _("Text, a file or both")),
            ("text", _("Text only")),
            ("file", _("A file only")),
        ],
        default="text_or_file",
    )
    required = blocks.BooleanBlock(label=_("Required for the certificate"), required=False)

    class Meta:
        icon = "edit"
        label = _("Assignment")
        template = "blocks/lesson/assignment_block.html"


class ForumTaskBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    instructions = blocks.RichTextBlock(label=_("Instructions"), features=TEXT_FEATURES)

    class Meta:
        icon = "group"
        label = _("Forum task")
        template = "blocks/lesson/forum_task_block.html"


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class LiveSessionValue(blocks.StructValue):
    """A live session, defined relative to a cohort's start (week N, weekday, time in
    the cohort's zone) or, for a course that runs once, on a fixed date."""

    @property
    def is_relative(self) -> bool:
        return bool(self.get("week"))

    def starts_for(self, *, starts_on: datetime.date, time_zone: str) -> datetime.datetime | None:
        """When it starts for a cohort that starts on ``starts_on`` in ``time_zone``."""
        time = self.get("time")
        if not time:
            return None
        if not self.is_relative:
            return self.starts_at
        day = starts_on + datetime.timedelta(
            weeks=int(self["week"]) - 1, days=int(self.get("weekday") or 0)
        )
        return datetime.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(time_zone))

    @cached_property
    def starts_at(self) -> datetime.datetime | None:
        """The fixed date's start (None for a session relative to a cohort's start)."""
        day, time, zone = self.get("date"), self.get("time"), self.get("time_zone")
        if self.is_relative or not day or not time:
            return None
        return datetime.datetime.combine(day, time, tzinfo=zoneinfo.ZoneInfo(zone or "UTC"))

    @property
    def weekday_name(self) -> str:
        return str(dict(WEEKDAYS).get(int(self.get("weekday") or 0), ""))

    @property
    def length(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.get("minutes") or 60)

    @cached_property
    def ends_at(self) -> datetime.datetime | None:
        return self.starts_at + self.length if self.starts_at else None


class LiveSessionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    week = blocks.IntegerBlock(
        label=_("Week of the course"),
        required=False,
        min_value=1,
        max_value=52,
        help_text=_(
            "Each cohort gets its own date: this week of its run, on this weekday, at "
            "this time in the cohort's time zone."
        ),
    )
    weekday = FixedChoiceBlock(label=_("Weekday"), choices=WEEKDAYS, default=0, required=False)
    date = blocks.DateBlock(
        label=_("Fixed date"),
        required=False,
        help_text=_("Only for a course that runs once; leave empty when you give a week."),
    )
    time = blocks.TimeBlock(label=_("Start time"))
    time_zone = FixedChoiceBlock(
        label=_("Time zone of the fixed date"),
        choices=_time_zone_choices,
        default="America/New_York",
    )
    minutes = blocks.IntegerBlock(label=_("Length in minutes"), default=60, min_value=15)
    join_url = blocks.URLBlock(label=_("Join link (any video service)"))
    recording_url = blocks.URLBlock(label=_("Recording, afterwards"), required=False)
    description = blocks.TextBlock(label=_("Description"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("week") and not value.get("date"):
            raise StructBlockValidationError(
                block_errors={
                    "week": ValidationError(_("Give the week of the course, or a fixed date."))
                }
            )
        return value

    class Meta:
        icon = "date"
        label = _("Live session")
        template = "blocks/lesson/live_session_block.html"
        value_class = LiveSessionValue


class SurveyQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Question"))
    kind = FixedChoiceBlock(
        label=_("Kind"),
        choices=[("likert", _("Agreement scale (1 to 5)")), ("text", _("Free text"))],
        default="likert",
    )

    class Meta:
        icon = "help"
        label = _("Survey question")


class SurveyBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    introduction = blocks.TextBlock(label=_("Introduction"), required=False)
    required = blocks.BooleanBlock(label=_("Required for the certificate"), required=False)
    questions = blocks.ListBlock(SurveyQuestionBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Survey (anonymous results)")
        template = "blocks/lesson/survey_block.html"


class LessonStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Text"), features=TEXT_FEATURES, template="blocks/lesson/text_block.html"
    )
    video = VideoBlock()
    document = DocumentBlock()
    reading_list = ReadingListBlock()
    quiz = QuizBlock()
    assignment = AssignmentBlock()
    forum_task = ForumTaskBlock()
    live_session = LiveSessionBlock()
    survey = SurveyBlock()
