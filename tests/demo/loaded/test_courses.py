"""The demo course, cohort and calls built by load_demo; the course, its call, spaces
and categories in Portuguese and French, and the Translations report that tells the
secretariat which translations fell behind their source (the package's one load_demo)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from cms.models import TranslationSync
from courses.models import CoursePage, LessonPage, course_outline
from demo.courses import COURSE
from forum.models import Category, Space
from lms.models import Cohort, Enrolment, EnrolmentCall, QuizAttempt, Submission, User
from lms.selectors.learning import course_activities
from lms.selectors.tutoring import tutor_dashboard
from tests.mfa import mfa_force_login

# Texts of the Spanish course (and of the demo's spaces) that must not be left over in
# the translated pages: titles of the course, a module, lessons, the quizzes and the
# survey, a question and a choice's feedback, the call and spaces.
SPANISH = [
    "Violencia basada en género en el trabajo",
    "Marco conceptual",
    "Cómo funciona el curso",
    "Cuestionario de práctica",
    "Evaluación final",
    "Encuesta de satisfacción",
    "¿Cuál es la nota mínima",
    "No alcanza: el mínimo es",
    "Convocatoria 2027",
    "Seguimiento · Taller hemisférico",
    "Red de puntos focales de género",
]

EXPECTED = {
    "pt": {
        "course": "Violência baseada em gênero no trabalho",
        "module": "Marco conceitual",
        "lesson": "Como funciona o curso",
        "quiz": "Questionário de prática: como funciona o curso",
        "question": "Qual é a nota mínima",
        "final": "Avaliação final",
        "survey": "Pesquisa de satisfação",
        "call": "Chamada 2027 · Violência baseada em gênero no trabalho",
        "space": "Rede de pontos focais de gênero",
        "category": "Diálogos virtuais",
        "document": "A inspeção do trabalho diante da violência e do assédio: guia prático",
    },
    "fr": {
        "course": "Violence fondée sur le genre au travail",
        "module": "Cadre conceptuel",
        "lesson": "Comment fonctionne le cours",
        "quiz": "Quiz d&#x27;entraînement : le fonctionnement du cours",
        "question": "Quelle note minimale",
        "final": "Évaluation finale",
        "survey": "Enquête de satisfaction",
        "call": "Appel 2027 · Violence fondée sur le genre au travail",
        "space": "Réseau des points focaux genre",
        "category": "Dialogues virtuels",
        "document": (
            "L&#x27;inspection du travail face à la violence et au harcèlement : guide pratique"
        ),
    },
}


def test_demo_cohort_is_running_with_a_tutor_and_learners(demo):
    cohort = Cohort.objects.get(name__startswith="Cohorte 2026")
    assert cohort.current_week() == 4
    assert Enrolment.objects.filter(cohort=cohort).count() == 7
    tutor = cohort.groups.get().tutor
    rows = tutor_dashboard(user=tutor, cohort=cohort).rows
    assert len(rows) == 7
    assert QuizAttempt.objects.filter(enrolment__cohort=cohort).exists()
    assert Submission.objects.filter(enrolment__cohort=cohort, status="submitted").exists()
    open_calls = [call for call in EnrolmentCall.objects.all() if call.is_open()]
    assert {call.course.locale.language_code for call in open_calls} == {"es", "en", "pt", "fr"}


def test_demo_pages_render(client, demo):
    for path in ["/es/cursos/", "/en/courses/", "/pt/cursos/", "/fr/cours/"]:
        assert client.get(path).status_code == 200, path
    spanish = CoursePage.objects.get(locale__language_code="es")
    assert client.get(spanish.url).status_code == 200
    client.login(email="learner@example.org", password="rial-demo-2026")
    html = client.get("/es/me/learning/").content.decode()
    assert spanish.title in html
    lesson = course_outline(spanish)[1][1][0]
    assert client.get(lesson.url).status_code == 200


@pytest.fixture
def secretariat_client(client, demo):
    mfa_force_login(client, User.objects.get(email="secretariat@example.org"))
    return client


def _text(response) -> str:
    assert response.status_code == 200, response
    return response.content.decode()


def _assert_no_spanish(html: str, where: str) -> None:
    left = [text for text in SPANISH if text in html]
    assert not left, f"Spanish left over in {where}: {left}"


def test_course_has_the_same_shape_in_the_four_languages(demo):
    spanish = CoursePage.objects.get(locale__language_code="es")
    shape = [(m.opens_week, len(lessons)) for m, lessons in course_outline(spanish)]
    for code in ("en", "pt", "fr"):
        course = CoursePage.objects.get(locale__language_code=code)
        assert course.translation_key == spanish.translation_key
        assert [(m.opens_week, len(ls)) for m, ls in course_outline(course)] == shape
        kinds = [activity.kind for activity in course_activities(course)]
        assert kinds.count("quiz") == 3 and "assignment" in kinds and "survey" in kinds
    # Every translated page remembers the Spanish revision it was copied from.
    translated = LessonPage.objects.exclude(locale__language_code="es")
    assert TranslationSync.objects.filter(page__in=translated).count() == translated.count()
    assert len(COURSE["es"]["modules"]) == 5
    assert [m.opens_week for m, _ in course_outline(spanish)] == [1, 2, 4, 7, 10]


@pytest.mark.parametrize("code", ["pt", "fr"])
def test_course_call_and_spaces_render_in_the_language_without_spanish(secretariat_client, code):
    client, expected = secretariat_client, EXPECTED[code]
    course = CoursePage.objects.get(locale__language_code=code)
    outline = course_outline(course)
    catalogue = _text(client.get(course.get_parent().url))
    pages = {
        "catalogue": catalogue,
        "course": _text(client.get(course.url)),
        "module": _text(client.get(outline[1][0].url)),
        "quiz lesson": _text(client.get(outline[0][1][1].url)),
        "final lesson": _text(client.get(outline[4][1][1].url)),
    }
    call = EnrolmentCall.objects.get(course=course)
    # The gender focal point: a member of the network's space, in no Spanish cohort.
    client.force_login(User.objects.get(email="focal@example.org"))
    pages["call"] = _text(client.get(f"/{code}/me/calls/{call.pk}/apply/"))
    pages["spaces"] = _text(client.get(f"/{code}/forums/"))
    pages["space"] = _text(client.get(f"/{code}/forums/red-puntos-focales-genero/"))
    # Documents keep their summaries in the language they are written in: only the
    # title is translated.
    documents = _text(client.get(f"/{code}/documents/"))
    assert expected["document"] in documents
    assert "La inspección del trabajo frente a la violencia y el acoso" not in documents
    for where, html in pages.items():
        _assert_no_spanish(html, f"{code} {where}")
    assert expected["course"] in catalogue and expected["course"] in pages["course"]
    assert expected["module"] in pages["module"]
    assert expected["lesson"] in pages["quiz lesson"]
    assert expected["quiz"] in pages["quiz lesson"]
    assert expected["question"] in pages["quiz lesson"]
    assert expected["final"] in pages["final lesson"]
    assert expected["survey"] in pages["final lesson"]
    assert expected["call"] in pages["call"]
    assert expected["space"] in pages["spaces"]
    assert expected["category"] in pages["space"]


def test_names_fall_back_to_the_original(demo):
    space = Space.objects.get(slug="red-puntos-focales-genero")
    category = Category.objects.get(space=space, slug="dialogos")
    with translation.override("pt"):
        assert space.display_name == "Rede de pontos focais de gênero"
        assert category.display_name == "Diálogos virtuais"
    with translation.override("es"):
        assert space.display_name == space.name == "Red de puntos focales de género"
    space.name_translations = {"en": "  "}
    with translation.override("en"):
        assert space.display_name == space.name


def _report(client) -> str:
    return _text(client.get("/admin/translations/"))


def _statuses(html: str, title: str) -> list[tuple[str, str]]:
    """The (status, changed fields) of each translation in the row of source ``title``."""
    row = html[html.index(title) :]
    row = row[: row.index("</tr>")]
    return re.findall(r'data-status="(\w+)" data-changed="([\w,]*)"', row)


def test_translations_report_shows_what_changed_and_marks_up_to_date(
    secretariat_client, django_assert_max_num_queries
):
    client = secretariat_client
    with django_assert_max_num_queries(30):  # the same for 10 pages or 1,000 (paginated)
        html = _report(client)
    # Right after load_demo every page of the course is up to date in en, fr and pt.
    assert _statuses(html, "Cómo funciona el curso") == [("up_to_date", "")] * 3
    assert 'data-status="changed"' not in html
    spanish = LessonPage.objects.get(locale__language_code="es", slug="como-funciona-el-curso")
    french = LessonPage.objects.get(
        locale__language_code="fr", translation_key=spanish.translation_key
    )
    spanish.title = "Cómo funciona el curso (revisado)"
    spanish.save_revision().publish()
    html = _report(client)
    assert _statuses(html, "Cómo funciona el curso (revisado)") == [("changed", "title")] * 3
    response = client.post(f"/admin/translations/{french.pk}/synced/")
    assert response.status_code == 302
    sync = TranslationSync.objects.get(page=french)
    assert sync.source_revision_id == LessonPage.objects.get(pk=spanish.pk).latest_revision_id
    html = _report(client)
    # Locales in order of their codes: en, fr, pt. French is up to date again.
    assert _statuses(html, "Cómo funciona el curso (revisado)") == [
        ("changed", "title"),
        ("up_to_date", ""),
        ("changed", "title"),
    ]


def test_translations_report_is_for_the_secretariat_only(client, demo):
    tutor = User.objects.get(email="tutor@example.org")
    client.force_login(tutor)
    assert client.get("/admin/translations/").status_code in (302, 403)
    french = LessonPage.objects.filter(locale__language_code="fr").first()
    assert client.post(f"/admin/translations/{french.pk}/synced/").status_code in (302, 403)
    assert TranslationSync.objects.get(page=french).synced_by is None


def test_marking_a_page_gone_meanwhile_says_not_found(secretariat_client):
    from wagtail.users.models import UserProfile

    # The admin speaks the language of the secretariat's Wagtail profile: English here.
    secretariat = User.objects.get(email="secretariat@example.org")
    UserProfile.objects.update_or_create(user=secretariat, defaults={"preferred_language": "en"})
    french = LessonPage.objects.filter(locale__language_code="fr").first()
    gone = french.pk
    TranslationSync.objects.filter(page=french).delete()
    LessonPage.objects.filter(
        translation_key=french.translation_key, locale__language_code="es"
    ).first().delete()  # its source: nothing left to be up to date with
    for page_id in (gone, 999_999):
        response = secretariat_client.post(
            reverse("cms_translation_synced", args=[page_id]), follow=True
        )
        assert response.redirect_chain == [(reverse("cms_translations"), 302)]
        assert "That page or its source no longer exists." in response.content.decode()
