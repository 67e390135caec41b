"""The demo course "Gender-based violence at work" (es, en), its catalogue pages,
a running Spanish cohort with a tutor and learners at different points, and two
open calls. Text lives in demo/content/gbv_course.py.
"""

import datetime
import uuid

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, Theme
from demo.accounts import DEMO_PASSWORD
from demo.content.gbv_course import COURSE
from lms.choices import Role
from lms.models import (
    Cohort,
    CohortGroup,
    Enrolment,
    EnrolmentCall,
    LessonProgress,
    Profile,
    ProfileLanguage,
    User,
)
from lms.services import learning as learning_services
from lms.services.people import role_grant

CATALOGUE = {
    "es": (
        "Cursos",
        "cursos",
        "Cursos en línea con tutoría para el personal de los ministerios de trabajo de las Américas. Cada curso abre convocatorias por idioma.",
    ),
    "en": (
        "Courses",
        "courses",
        "Tutored online courses for the staff of the ministries of labour of the Americas. Each course opens calls for enrolment by language.",
    ),
    "pt": (
        "Cursos",
        "cursos",
        "Cursos on-line com tutoria para o pessoal dos ministérios do trabalho das Américas. Cada curso abre chamadas por idioma.",
    ),
    "fr": (
        "Cours",
        "cours",
        "Des cours en ligne avec tutorat pour le personnel des ministères du travail des Amériques. Chaque cours ouvre des appels par langue.",
    ),
}

COHORT_NAME = "Cohorte 2026 · español"
COHORT_WEEKS_AGO = 3  # the demo cohort is in its fourth week

LEARNERS = [
    ("learner@example.org", None, None, None),  # María Fernanda (accounts.py)
    (
        "learner2@example.org",
        "Diego Armando Salazar",
        "PE",
        "Ministerio de Trabajo y Promoción del Empleo del Perú",
    ),
    (
        "learner3@example.org",
        "Keisha Thompson",
        "JM",
        "Ministry of Labour and Social Security of Jamaica",
    ),
    (
        "learner4@example.org",
        "Lucía Benítez Aguirre",
        "PY",
        "Ministerio de Trabajo, Empleo y Seguridad Social del Paraguay",
    ),
    (
        "learner5@example.org",
        "Rodrigo Castillo Mena",
        "GT",
        "Ministerio de Trabajo y Previsión Social de Guatemala",
    ),
    ("learner6@example.org", "Ana Sofía Paredes", "EC", "Ministerio del Trabajo del Ecuador"),
    (
        "learner7@example.org",
        "Marcelo Duarte Rivas",
        "UY",
        "Ministerio de Trabajo y Seguridad Social del Uruguay",
    ),
]


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def demo_cohort_start() -> datetime.date:
    return _monday(timezone.localdate()) - datetime.timedelta(weeks=COHORT_WEEKS_AGO)


def _publish(page: Page, fields: dict) -> Page:
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page.specific_class.objects.get(pk=page.pk)


def _rich_list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _promote_headings(html: str) -> str:
    """Lesson text sits right under the page's h1: its sections are h2, not h3."""
    for level in (3, 4):
        html = html.replace(f"<h{level}>", f"<h{level - 1}>").replace(
            f"</h{level}>", f"</h{level - 1}>"
        )
    return html


def _block(kind: str, value, start: datetime.date):
    if kind == "text":
        return {"type": "text", "value": _promote_headings(value)}
    if kind == "quiz":
        return {
            "type": "quiz",
            "value": {
                "title": value["title"],
                "introduction": value.get("introduction", ""),
                "mode": value["mode"],
                "final": value["final"],
                "required": value["required"],
                "max_attempts": value["max_attempts"],
                "policy": value["policy"],
                "pass_mark": value["pass_mark"],
                "questions": [
                    {
                        "text": q["text"],
                        "kind": q["kind"],
                        "explanation": q["explanation"],
                        "choices": [
                            {"text": c["text"], "correct": c["correct"], "feedback": c["feedback"]}
                            for c in q["choices"]
                        ],
                    }
                    for q in value["questions"]
                ],
            },
        }
    if kind == "assignment":
        return {
            "type": "assignment",
            "value": {
                "title": value["title"],
                "instructions": value["instructions"],
                "due_week": value["due_week"],
                "accepts": value["accepts"],
                "required": value["required"],
            },
        }
    if kind == "forum_task":
        return {"type": "forum_task", "value": dict(value)}
    if kind == "live_session":
        day = start + datetime.timedelta(weeks=value["week"] - 1, days=value["weekday"])
        return {
            "type": "live_session",
            "value": {
                "title": value["title"],
                "date": day.isoformat(),
                "time": value["time"] + ":00",
                "time_zone": value["time_zone"],
                "minutes": value["minutes"],
                "join_url": value["join_url"],
                "recording_url": "",
                "description": value["description"],
            },
        }
    if kind == "reading_list":
        return {
            "type": "reading_list",
            "value": [
                {
                    "title": r["title"],
                    "author": r["author"],
                    "url": r["url"],
                    "document": None,
                    "note": r["note"],
                }
                for r in value
            ],
        }
    if kind == "survey":
        return {
            "type": "survey",
            "value": {
                "title": value["title"],
                "introduction": value.get("introduction", ""),
                "required": value["required"],
                "questions": [{"text": q["text"], "kind": q["kind"]} for q in value["questions"]],
            },
        }
    raise ValueError(kind)


def _course_fields(text: dict) -> dict:
    return {
        "title": text["title"],
        "slug": text["slug"],
        "summary": text["summary"],
        "objectives": _rich_list(text["objectives"]),
        "audience": text["audience"],
        "duration_weeks": text["duration_weeks"],
        "weekly_hours": text["weekly_hours"],
        "certificate_hours": text["certificate_hours"],
        "min_final_score": 70,
    }


def _module_fields(module: dict) -> dict:
    return {
        "title": module["title"],
        "slug": module["slug"],
        "number": module["number"],
        "introduction": module["intro"],
        "opens_week": module["opens_week"],
        "closes_week": module["closes_week"],
    }


def _lesson_fields(lesson: dict, start: datetime.date) -> dict:
    return {
        "title": lesson["title"],
        "slug": lesson["slug"],
        "minutes": lesson["minutes"],
        "body": [_block(kind, value, start) for kind, value in lesson["body"]],
    }


def ensure_catalogues() -> dict[str, CourseIndexPage]:
    """The course catalogue page under each language's home page."""
    site = Site.objects.get(is_default_site=True)
    spanish_home = site.root_page
    indexes = {}
    spanish = CourseIndexPage.objects.filter(locale__language_code="es").first()
    if spanish is None:
        title, slug, intro = CATALOGUE["es"]
        spanish = CourseIndexPage(title=title, slug=slug, introduction=intro, show_in_menus=False)
        spanish_home.add_child(instance=spanish)
        spanish = _publish(spanish, {})
    indexes["es"] = spanish
    for code in ("en", "pt", "fr"):
        locale = Locale.objects.get(language_code=code)
        existing = spanish.get_translation_or_none(locale)
        if existing is None:
            title, slug, intro = CATALOGUE[code]
            existing = spanish.copy_for_translation(locale)
            existing = _publish(existing, {"title": title, "slug": slug, "introduction": intro})
        indexes[code] = existing.specific
    return indexes


def ensure_course(start: datetime.date) -> dict[str, CoursePage]:
    indexes = ensure_catalogues()
    spanish = CoursePage.objects.filter(
        locale__language_code="es", slug=COURSE["es"]["slug"]
    ).first()
    courses = {}
    if spanish is None:
        spanish = CoursePage(**_course_fields(COURSE["es"]))
        indexes["es"].add_child(instance=spanish)
        spanish.themes.set(
            Theme.objects.filter(
                code__in=[
                    "violence-harassment",
                    "gender-equality",
                    "labour-inspection",
                    "occupational-safety-health",
                ]
            )
        )
        spanish = _publish(spanish, {})
        for module in COURSE["es"]["modules"]:
            module_page = ModulePage(**_module_fields(module))
            spanish.add_child(instance=module_page)
            module_page = _publish(module_page, {})
            for lesson in module["lessons"]:
                fields = _lesson_fields(lesson, start)
                lesson_page = LessonPage(**{k: v for k, v in fields.items() if k != "body"})
                module_page.add_child(instance=lesson_page)
                _publish(lesson_page, {"body": fields["body"]})
    courses["es"] = spanish

    english_locale = Locale.objects.get(language_code="en")
    english = spanish.get_translation_or_none(english_locale)
    if english is None:
        english = spanish.copy_for_translation(english_locale)
        english = _publish(english, _course_fields(COURSE["en"]))
        spanish_modules = list(spanish.modules())
        for module_page, module in zip(spanish_modules, COURSE["en"]["modules"], strict=True):
            module_en = _publish(
                module_page.copy_for_translation(english_locale), _module_fields(module)
            )
            for lesson_page, lesson in zip(module_page.lessons(), module["lessons"], strict=True):
                _publish(
                    lesson_page.copy_for_translation(english_locale), _lesson_fields(lesson, start)
                )
            del module_en
    courses["en"] = english.specific
    return courses


def _ensure_learner(email: str, name: str, country: str, institution: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    profile = Profile.objects.create(
        user=user,
        country=country,
        institution=institution,
        preferred_language="es",
        position="Analista",
        time_zone="America/Bogota",
    )
    ProfileLanguage.objects.create(profile=profile, language="es")
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    role_grant(actor=admin, user=user, role=Role.PARTICIPANT)
    return user


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
                learning_services.quiz_attempt_submit(
                    user=user, lesson=lesson, block_id=block_id, answers=answers, token=uuid.uuid4()
                )
            if kind == "assignment" and submit:
                learning_services.submission_create(
                    user=user,
                    lesson=lesson,
                    block_id=block_id,
                    text=(
                        "## Análisis del marco del Ministerio\n\n"
                        "Nuestro ministerio cuenta con un protocolo de atención de denuncias de acoso "
                        "sexual desde 2021, pero la inspección no tiene una guía específica.\n\n"
                        "**Propuestas:**\n\n1. Elaborar una guía de inspección sobre violencia y acoso.\n"
                        "2. Crear un registro estadístico de denuncias desagregado por sexo."
                    ),
                    token=uuid.uuid4(),
                )


@transaction.atomic
def ensure_demo_cohort() -> tuple[Cohort, bool]:
    start = demo_cohort_start()
    courses = ensure_course(start)
    cohort = Cohort.objects.filter(name=COHORT_NAME).first()
    if cohort is not None:
        _ensure_calls(courses)
        return cohort, False
    now = timezone.now()
    call = EnrolmentCall.objects.create(
        course=courses["es"],
        title="Convocatoria 2026 · Violencia basada en género en el trabajo",
        description="Curso para personal de inspección, de políticas y puntos focales de género.",
        opens_at=now - datetime.timedelta(weeks=COHORT_WEEKS_AGO + 6),
        closes_at=now - datetime.timedelta(weeks=COHORT_WEEKS_AGO + 1),
        seats=40,
    )
    cohort = Cohort.objects.create(
        course=courses["es"],
        call=call,
        name=COHORT_NAME,
        starts_on=start,
        time_zone="America/Bogota",
    )
    tutor = User.objects.get(email="tutor@example.org")
    group = CohortGroup.objects.create(cohort=cohort, name="Grupo A", tutor=tutor)
    progress_plan = {
        "learner@example.org": {"lessons_done": 4, "quiz": "fair", "submit": False},
        "learner2@example.org": {"lessons_done": 6, "quiz": "good", "submit": True},
        "learner3@example.org": {"lessons_done": 3, "quiz": None, "submit": False},
        "learner4@example.org": {"lessons_done": 5, "quiz": "good", "submit": False},
        "learner5@example.org": {"lessons_done": 1, "quiz": None, "submit": False},
        "learner6@example.org": {"lessons_done": 0, "quiz": None, "submit": False},
        "learner7@example.org": {"lessons_done": 4, "quiz": "fair", "submit": False},
    }
    for email, name, country, institution in LEARNERS:
        user = (
            User.objects.get(email=email)
            if name is None
            else _ensure_learner(email, name, country, institution)
        )
        Enrolment.objects.create(
            cohort=cohort,
            user=user,
            group=group,
            enrolled_at=now - datetime.timedelta(weeks=COHORT_WEEKS_AGO + 1),
        )
        _play(cohort, user, **progress_plan[email])
    # Some learners have been away for a while: the tutor's "inactive" filter finds them.
    for email, days in (("learner3@example.org", 12), ("learner5@example.org", 17)):
        enrolment = Enrolment.objects.get(cohort=cohort, user__email=email)
        when = now - datetime.timedelta(days=days)
        Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=when)
        LessonProgress.objects.filter(enrolment=enrolment).update(
            first_visited_at=when, last_visited_at=when, completed_at=when
        )
    _ensure_calls(courses)
    return cohort, True


def _ensure_calls(courses: dict[str, CoursePage]) -> None:
    """Calls open now, so a new account can apply (Spanish and English)."""
    now = timezone.now()
    next_monday = _monday(timezone.localdate()) + datetime.timedelta(weeks=5)
    for code, title, name in (
        (
            "es",
            "Convocatoria 2027 · Violencia basada en género en el trabajo",
            "Cohorte 2027 · español",
        ),
        ("en", "2027 call · Gender-based violence at work", "2027 cohort · English"),
    ):
        if EnrolmentCall.objects.filter(title=title).exists():
            continue
        call = EnrolmentCall.objects.create(
            course=courses[code],
            title=title,
            description=(
                "Para personal de los ministerios de trabajo de la región. Cupos limitados."
                if code == "es"
                else "For staff of the region's ministries of labour. Limited seats."
            ),
            opens_at=now - datetime.timedelta(days=2),
            closes_at=now + datetime.timedelta(weeks=3),
            seats=35,
        )
        cohort = Cohort.objects.create(
            course=courses[code],
            call=call,
            name=name,
            starts_on=next_monday,
            time_zone="America/New_York",
        )
        CohortGroup.objects.create(
            cohort=cohort, name="A", tutor=User.objects.filter(email="tutor@example.org").first()
        )
