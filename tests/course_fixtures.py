"""A small course built in code for tests: two modules, three lessons, every activity."""

import datetime
import uuid
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Locale

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from demo.pages import ensure_site
from lms.choices import Role
from lms.models import Cohort, CohortGroup, Enrolment, EnrolmentCall
from tests.factories import ProfileFactory, UserFactory


def quiz(
    title,
    *,
    mode="graded",
    final=False,
    required=False,
    max_attempts=2,
    policy="best",
    pass_mark=50,
):
    return {
        "type": "quiz",
        "value": {
            "title": title,
            "introduction": "",
            "mode": mode,
            "final": final,
            "required": required,
            "max_attempts": max_attempts,
            "policy": policy,
            "pass_mark": pass_mark,
            "questions": [
                {
                    "text": "Which convention is about violence and harassment?",
                    "kind": "single",
                    "explanation": "C190, adopted in 2019.",
                    "choices": [
                        {"text": "C190", "correct": True, "feedback": "Yes."},
                        {
                            "text": "C111",
                            "correct": False,
                            "feedback": "That one is discrimination.",
                        },
                        {"text": "C87", "correct": False, "feedback": "Freedom of association."},
                    ],
                },
                {
                    "text": "Who is protected?",
                    "kind": "multiple",
                    "explanation": "Workers whatever their status, and more.",
                    "choices": [
                        {"text": "Interns", "correct": True, "feedback": "Right."},
                        {"text": "Jobseekers", "correct": True, "feedback": "Right."},
                        {"text": "Nobody", "correct": False, "feedback": "No."},
                    ],
                },
            ],
        },
    }


@dataclass
class CourseWorld:
    course: CoursePage
    module1: ModulePage
    module2: ModulePage
    lesson_a: LessonPage  # module 1: text, practice quiz, live session
    lesson_b: LessonPage  # module 1: graded final quiz
    lesson_c: LessonPage  # module 2: assignment and survey
    cohort: Cohort
    group: CohortGroup
    tutor: object
    learner: object
    call: EnrolmentCall | None = None

    def block_id(self, lesson, kind):
        return next(block_id for block_id, k, _v in lesson.activities() if k == kind)


def build_course(
    *, language="es", starts_on=None, slug="curso-prueba", learner=None, tutor=None, one_week=False
) -> CourseWorld:
    home = ensure_site()
    locale = Locale.objects.get(language_code=language)
    if language != "es":
        home = home.get_translation_or_none(locale) or home.copy_for_translation(locale)
        home.save_revision().publish()
    index = CourseIndexPage.objects.filter(locale=locale).first()
    if index is None:
        index = CourseIndexPage(title="Cursos", slug=f"cursos-{language}", locale=locale)
        home.add_child(instance=index)
        index.save_revision().publish()
    course = CoursePage(
        title="Curso de prueba",
        slug=slug,
        summary="Un curso para las pruebas.",
        duration_weeks=4,
        certificate_hours=20,
        min_final_score=70,
        locale=locale,
    )
    index.add_child(instance=course)
    course.save_revision().publish()
    module1 = ModulePage(
        title="Módulo 1", slug="modulo-1", number=1, opens_week=1, closes_week=1, locale=locale
    )
    course.add_child(instance=module1)
    module1.save_revision().publish()
    module2 = ModulePage(
        title="Módulo 2",
        slug="modulo-2",
        number=2,
        opens_week=1 if one_week else 2,
        closes_week=3,
        locale=locale,
    )
    course.add_child(instance=module2)
    module2.save_revision().publish()
    start = starts_on or timezone.localdate()
    document = Document.objects.create(
        title="Guía de inspección", file=ContentFile(b"%PDF-1.4 guia", name="guia.pdf")
    )
    lesson_a = LessonPage(
        title="Lección A",
        slug="leccion-a",
        locale=locale,
        body=[
            {"type": "text", "value": "<p>Texto de la lección.</p>"},
            {"type": "document", "value": {"document": document.pk, "description": "Léala."}},
            quiz("Práctica", mode="practice", max_attempts=0),
            {
                "type": "live_session",
                "value": {
                    "title": "Sesión en vivo",
                    "date": (start + datetime.timedelta(days=3)).isoformat(),
                    "time": "10:00:00",
                    "time_zone": "America/Bogota",
                    "minutes": 60,
                    "join_url": "https://meet.example.org/sesion",
                    "recording_url": "",
                    "description": "",
                },
            },
        ],
    )
    module1.add_child(instance=lesson_a)
    lesson_a.save_revision().publish()
    lesson_b = LessonPage(
        title="Lección B",
        slug="leccion-b",
        locale=locale,
        body=[quiz("Evaluación final", final=True, required=True, max_attempts=2)],
    )
    module1.add_child(instance=lesson_b)
    lesson_b.save_revision().publish()
    lesson_c = LessonPage(
        title="Lección C",
        slug="leccion-c",
        locale=locale,
        body=[
            {
                "type": "assignment",
                "value": {
                    "title": "Tarea",
                    "instructions": "<p>Analice el marco.</p>",
                    "due_week": 2,
                    "accepts": "text_or_file",
                    "required": True,
                },
            },
            {
                "type": "survey",
                "value": {
                    "title": "Encuesta",
                    "introduction": "",
                    "required": True,
                    "questions": [
                        {"text": "El curso fue útil.", "kind": "likert"},
                        {"text": "¿Qué mejoraría?", "kind": "text"},
                    ],
                },
            },
        ],
    )
    module2.add_child(instance=lesson_c)
    lesson_c.save_revision().publish()
    for page in (course, module1, module2, lesson_a, lesson_b, lesson_c):
        page.refresh_from_db()
    course = CoursePage.objects.get(pk=course.pk)
    lesson_a = LessonPage.objects.get(pk=lesson_a.pk)
    lesson_b = LessonPage.objects.get(pk=lesson_b.pk)
    lesson_c = LessonPage.objects.get(pk=lesson_c.pk)
    cohort = Cohort.objects.create(
        course=course, name=f"Cohorte {slug}", starts_on=start, time_zone="America/Bogota"
    )
    tutor = tutor or UserFactory(full_name="Tutora Ramírez", roles=[Role.PARTICIPANT, Role.TUTOR])
    group = CohortGroup.objects.create(cohort=cohort, name="A", tutor=tutor)
    learner = learner or ProfileFactory(user__full_name="Lucía Méndez").user
    Enrolment.objects.create(cohort=cohort, user=learner, group=group)
    return CourseWorld(
        course=course,
        module1=ModulePage.objects.get(pk=module1.pk),
        module2=ModulePage.objects.get(pk=module2.pk),
        lesson_a=lesson_a,
        lesson_b=lesson_b,
        lesson_c=lesson_c,
        cohort=cohort,
        group=group,
        tutor=tutor,
        learner=learner,
    )


def all_right(lesson, block_id):
    """Answers that get every question of the quiz block right."""
    _kind, value = lesson.activity(block_id)
    return {
        index: [i for i, choice in enumerate(question["choices"]) if choice["correct"]]
        for index, question in enumerate(value["questions"])
    }


def sixty_learners_one_waiting(world: CourseWorld) -> tuple[list, Enrolment]:
    """Sixty more learners "Aprendiz 00".."Aprendiz 59" in the world's group; the
    last one's assignment waits for feedback. Returns the users and that enrolment."""
    from lms.models import Submission

    users = [ProfileFactory(user__full_name=f"Aprendiz {n:02}").user for n in range(60)]
    Enrolment.objects.bulk_create(
        [Enrolment(cohort=world.cohort, user=user, group=world.group) for user in users]
    )
    waiting = Enrolment.objects.get(user=users[59])
    Submission.objects.create(
        enrolment=waiting,
        lesson=world.lesson_c,
        block_id="x",
        text="Mi trabajo",
        text_html="<p>Mi trabajo</p>",
        token=uuid.uuid4(),
    )
    return users, waiting


def relative_session(week=2, weekday="3", time="10:00:00", title="Diálogo con la experta"):
    return {
        "type": "live_session",
        "value": {
            "title": title,
            "week": week,
            "weekday": weekday,
            "date": None,
            "time": time,
            "time_zone": "America/New_York",
            "minutes": 90,
            "join_url": "https://meet.example.org/dialogo",
            "recording_url": "",
            "description": "",
        },
    }


def with_relative_session(world, **kwargs) -> str:
    """Give lesson A a live session in week 2 (instead of its fixed date); its block id."""
    lesson = world.lesson_a
    lesson.body = [relative_session(**kwargs)]
    lesson.save_revision().publish()
    world.lesson_a = LessonPage.objects.get(pk=lesson.pk)
    return world.lesson_a.body.raw_data[0]["id"]
