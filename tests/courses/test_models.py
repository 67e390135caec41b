import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.blocks import StructBlockValidationError

from courses.blocks import LiveSessionBlock, QuestionBlock
from courses.models import Area, ModulePage, Theme, course_outline
from courses.taxonomy import AREAS


@pytest.mark.django_db
def test_ilo_taxonomy_is_loaded_in_four_languages():
    assert list(Area.objects.values_list("code", flat=True)) == [code for code, *_rest in AREAS]
    assert set(Theme.objects.values_list("code", flat=True)) == {
        theme[0] for *_area, themes in AREAS for theme in themes
    }
    labour = Area.objects.get(code="labour")
    inspection = Theme.objects.get(code="labour-inspection")
    assert inspection.area == labour
    for language, name in [
        ("es", "Inspección del trabajo"),
        ("en", "Labour inspection"),
        ("pt", "Inspeção do trabalho"),
        ("fr", "Inspection du travail"),
    ]:
        with translation.override(language):
            assert inspection.name == name == str(inspection)


@pytest.mark.django_db
def test_course_outline_and_activities(world):
    outline = course_outline(world.course)
    assert [module.pk for module, _lessons in outline] == [world.module1.pk, world.module2.pk]
    assert [lesson.pk for lesson in outline[0][1]] == [world.lesson_a.pk, world.lesson_b.pk]
    assert [kind for _id, kind, _value in world.lesson_c.activities()] == ["assignment", "survey"]
    block_id = world.block_id(world.lesson_b, "quiz")
    assert world.lesson_b.activity(block_id)[0] == "quiz"
    assert world.lesson_b.activity("nope") is None
    assert world.lesson_c.module == world.module2
    assert world.lesson_c.course == world.course


@pytest.mark.django_db
def test_course_outline_costs_two_queries(world, django_assert_num_queries):
    with django_assert_num_queries(2):
        course_outline(world.course)


@pytest.mark.django_db
def test_finding_activities_costs_no_query_even_with_documents(world, django_assert_num_queries):
    from lms.selectors.learning import course_activities

    lesson = type(world.lesson_a).objects.get(pk=world.lesson_a.pk)
    with django_assert_num_queries(0):
        assert [kind for _id, kind, _v in lesson.activities()] == ["quiz"]
    with django_assert_num_queries(1):
        assert len(course_activities(world.course)) == 4


def test_single_answer_questions_need_exactly_one_right_answer():
    block = QuestionBlock()
    value = block.to_python(
        {
            "text": "?",
            "kind": "single",
            "explanation": "",
            "choices": [
                {"text": "a", "correct": True, "feedback": ""},
                {"text": "b", "correct": True, "feedback": ""},
            ],
        }
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_multiple_answer_questions_need_a_right_answer():
    block = QuestionBlock()
    value = block.to_python(
        {
            "text": "?",
            "kind": "multiple",
            "explanation": "",
            "choices": [
                {"text": "a", "correct": False, "feedback": ""},
                {"text": "b", "correct": False, "feedback": ""},
            ],
        }
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_live_session_time_is_aware_in_its_zone():
    value = LiveSessionBlock().to_python(
        {
            "title": "x",
            "date": "2026-03-05",
            "time": "10:00:00",
            "time_zone": "America/Bogota",
            "minutes": 90,
            "join_url": "https://meet.example.org/x",
            "recording_url": "",
            "description": "",
        }
    )
    assert value.starts_at.utcoffset() == datetime.timedelta(hours=-5)
    assert value.ends_at - value.starts_at == datetime.timedelta(minutes=90)


@pytest.mark.django_db
def test_a_module_cannot_end_before_it_starts(world):
    module = ModulePage.objects.get(pk=world.module2.pk)
    module.closes_week = 1
    with pytest.raises(ValidationError):
        module.full_clean()


def test_a_final_quiz_cannot_be_practice():
    from courses.blocks import QuizBlock
    from tests.course_fixtures import quiz

    block = QuizBlock()
    value = block.to_python(quiz("Final", mode="practice", final=True)["value"])
    with pytest.raises(StructBlockValidationError):
        block.clean(value)
