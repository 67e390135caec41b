"""Course content: the labour-administration taxonomy and the course page tree.

CourseIndexPage > CoursePage > ModulePage > LessonPage. No people and no
progress here: lms adds those through Wagtail hooks (see ``LessonPage.get_context``
and lms/wagtail_hooks.py), so this app imports none of ours.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from courses.blocks import LessonStreamBlock
from courses.serving import CheapViewRestrictions, OneQueryRouting, course_tree

LANGUAGE_FIELDS = ("es", "en", "pt", "fr")


class MultilingualName(models.Model):
    """A name kept in the four languages on one row, so classifications work
    the same whatever the language of the thing they classify."""

    name_es = models.CharField(_("name (Spanish)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    name_pt = models.CharField(_("name (Portuguese)"), max_length=150)
    name_fr = models.CharField(_("name (French)"), max_length=150)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        if language not in LANGUAGE_FIELDS:
            language = "en"
        return getattr(self, f"name_{language}") or self.name_en


class Area(MultilingualName):
    """An area of labour administration (the ILO table: labour, employment, ...)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)

    panels = [
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("name_es"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("name_pt"), FieldPanel("name_fr")]),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("area of labour administration")
        verbose_name_plural = _("areas of labour administration")
        ordering = ["sort_order", "code"]


class Theme(MultilingualName):
    """A theme inside an area (labour inspection, employment services, ...)."""

    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="themes", verbose_name=_("area")
    )
    code = models.SlugField(_("code"), max_length=80, unique=True)

    panels = [
        FieldPanel("area"),
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("name_es"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("name_pt"), FieldPanel("name_fr")]),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["area__sort_order", "sort_order", "code"]


class TaxonomyChange(models.Model):
    """What a change of the taxonomy did to one record's theme (the move to Annex I's
    table, courses/migrations/0005): kept so the secretariat can read, in the admin,
    which records moved and which lost a theme nobody could map."""

    class Outcome(models.TextChoices):
        MOVED = "moved", _("Moved to the new theme")
        MERGED = "merged", _("Already had the new theme")
        UNMAPPED = "unmapped", _("Not mapped: the theme was removed")

    at = models.DateTimeField(_("when"), default=timezone.now)
    record_type = models.CharField(_("kind of record"), max_length=100)
    record_id = models.CharField(_("record number"), max_length=40)
    record = models.CharField(_("record"), max_length=300)
    old_theme = models.CharField(_("former theme"), max_length=300)
    new_theme = models.CharField(_("new theme"), max_length=300, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)

    class Meta:
        verbose_name = _("taxonomy change")
        verbose_name_plural = _("taxonomy changes")
        ordering = ["-at", "outcome", "record_type", "pk"]

    def __str__(self):
        return f"{self.record} ({self.old_theme})"


def _context_from_hooks(hook_name: str, page, request) -> dict:
    """Let other apps (lms) add what a person sees on a page, without an import."""
    extra = {}
    for provider in hooks.get_hooks(hook_name):
        extra.update(provider(page, request) or {})
    return extra


class CourseIndexPage(OneQueryRouting, CheapViewRestrictions, Page):
    """The catalogue of courses in one language."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1
    template = "courses/course_index_page.html"

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = (
            CoursePage.objects.child_of(self).live().public().specific().order_by("title")
        )
        # Courses not (yet) given in this language, so nobody misses them.
        translated = CoursePage.objects.child_of(self).values_list("translation_key", flat=True)
        context["other_courses"] = (
            CoursePage.objects.live()
            .public()
            .exclude(locale_id=self.locale_id)
            .exclude(translation_key__in=translated)
            .select_related("locale")
            .order_by("translation_key", "locale__language_code")
        )
        context.update(_context_from_hooks("rial_course_index_context", self, request))
        return context


class CoursePage(CheapViewRestrictions, Page):
    """A tutored course in one language; cohorts (lms) take it together."""

    summary = models.TextField(_("summary"), max_length=600)
    objectives = RichTextField(
        _("learning objectives"), features=["ul", "ol", "bold", "italic"], blank=True
    )
    audience = models.TextField(_("who it is for"), blank=True)
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration in weeks"), default=10, validators=[MinValueValidator(1)]
    )
    weekly_hours = models.PositiveSmallIntegerField(
        _("weekly effort in hours"), default=4, validators=[MinValueValidator(1)]
    )
    certificate_hours = models.PositiveSmallIntegerField(
        _("hours on the certificate"), default=40, validators=[MinValueValidator(1)]
    )
    min_final_score = models.PositiveSmallIntegerField(
        _("minimum final evaluation score (%)"),
        default=70,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "The quiz marked as final evaluation must reach this score. The other "
            "requirements are the activities marked as required in the lessons."
        ),
    )
    themes = ParentalManyToManyField(Theme, blank=True, verbose_name=_("themes"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("objectives"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("duration_weeks"), FieldPanel("weekly_hours")]),
                FieldRowPanel([FieldPanel("certificate_hours"), FieldPanel("min_final_score")]),
            ],
            heading=_("Duration and certificate"),
        ),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def modules(self):
        return ModulePage.objects.child_of(self).live().specific().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = course_outline(self)
        context.update(_context_from_hooks("rial_course_context", self, request))
        return context


class ModulePage(CheapViewRestrictions, Page):
    """A module of a course, open from a given week of the cohort."""

    number = models.PositiveSmallIntegerField(_("number"), default=1)
    introduction = models.TextField(_("introduction"), blank=True)
    opens_week = models.PositiveSmallIntegerField(
        _("opens in week"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Week of the cohort in which the module opens (week 1 starts on the start date)."
        ),
    )
    closes_week = models.PositiveSmallIntegerField(
        _("last week"), default=1, validators=[MinValueValidator(1)]
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("number"), FieldPanel("opens_week"), FieldPanel("closes_week")]),
        FieldPanel("introduction"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]
    template = "courses/module_page.html"

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def clean(self):
        super().clean()
        if self.closes_week < self.opens_week:
            raise ValidationError({"closes_week": _("The last week cannot come before the first.")})

    @cached_property
    def course(self) -> "CoursePage | None":
        tree = course_tree(self.path[: -self.steplen])
        return tree.course if tree else None

    def lessons(self):
        return LessonPage.objects.child_of(self).live().specific().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course"] = self.course
        context["lessons"] = self.lessons()
        context.update(_context_from_hooks("rial_module_context", self, request))
        return context


class LessonPage(CheapViewRestrictions, Page):
    """A lesson: text, media, readings and activities (quiz, assignment, survey...)."""

    summary = models.TextField(_("summary"), blank=True)
    minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=30)
    body = StreamField(LessonStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("minutes"),
        FieldPanel("body"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types = []
    template = "courses/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @cached_property
    def tree(self):
        """The course this lesson is in, with its modules (cached until a page changes)."""
        return course_tree(self.path[: -2 * self.steplen])

    @cached_property
    def module(self) -> "ModulePage | None":
        return self.tree.modules.get(self.path[: -self.steplen]) if self.tree else None

    @cached_property
    def course(self) -> "CoursePage | None":
        return self.tree.course if self.tree else None

    def blocks_of(self, kinds) -> list:
        """(block id, type, value) of the body's blocks of these types, in order.

        Reads the stored data and converts only the blocks asked for, so pages
        with documents or images in their body cost no query here.
        """
        stream_block = self.body.stream_block
        found = []
        for raw in self.body.raw_data:
            kind = raw.get("type")
            if kind in kinds:
                value = stream_block.child_blocks[kind].to_python(raw.get("value"))
                found.append((raw.get("id"), kind, value))
        return found

    def activities(self):
        """The blocks a learner acts on, in order: (block id, type, value)."""
        return self.blocks_of(ACTIVITY_BLOCKS)

    def activity(self, block_id: str):
        for found_id, kind, value in self.activities():
            if found_id == block_id:
                return kind, value
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["module"] = self.module
        context["course"] = self.course
        context.update(_context_from_hooks("rial_lesson_context", self, request))
        return context


ACTIVITY_BLOCKS = {"quiz", "assignment", "survey"}


def course_outline(course: CoursePage) -> list[tuple[ModulePage, list[LessonPage]]]:
    """Modules and their live lessons, in tree order, in two queries."""
    modules = list(ModulePage.objects.child_of(course).live().order_by("path"))
    lessons = list(LessonPage.objects.descendant_of(course).live().order_by("path").defer("body"))
    by_module: dict[str, list[LessonPage]] = {module.path: [] for module in modules}
    for lesson in lessons:
        parent_path = lesson.path[: -LessonPage.steplen]
        if parent_path in by_module:
            by_module[parent_path].append(lesson)
    return [(module, by_module[module.path]) for module in modules]
