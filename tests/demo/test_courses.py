"""The demo course, cohort and calls built by load_demo."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from courses.models import CoursePage, course_outline
from demo.courses import COURSE
from lms.models import Cohort, Enrolment, EnrolmentCall, QuizAttempt, Submission
from lms.selectors.learning import course_activities
from lms.selectors.tutoring import tutor_dashboard


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    """``load_demo`` once for this module's tests (~8 s on PostgreSQL each time), in a
    transaction rolled back after the last of them: each test runs in a savepoint
    of it and leaves it as it found it (Django's ``setUpTestData``; pytest-django
    leaves the connection open between tests for this)."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            call_command("load_demo", verbosity=0)
        with django_db_blocker.block():  # the tests ask for the database as always
            yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded, db, settings):
    settings.DEBUG = True


def test_course_exists_in_spanish_and_english_with_the_same_shape(demo):
    spanish = CoursePage.objects.get(locale__language_code="es")
    english = CoursePage.objects.get(locale__language_code="en")
    assert english.translation_key == spanish.translation_key
    shapes = []
    for course in (spanish, english):
        outline = course_outline(course)
        assert len(outline) == len(COURSE["es"]["modules"]) == 5
        shapes.append([(module.opens_week, len(lessons)) for module, lessons in outline])
        kinds = [activity.kind for activity in course_activities(course)]
        assert kinds.count("quiz") == 3 and "assignment" in kinds and "survey" in kinds
    assert shapes[0] == shapes[1]
    assert [m.opens_week for m, _ in course_outline(spanish)] == [1, 2, 4, 7, 10]


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
    assert {call.course.locale.language_code for call in open_calls} == {"es", "en"}


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
