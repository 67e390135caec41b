"""priorities/selectors.py: the ranking (Borda), the response rate, who sees what."""

import pytest

from courses.models import Theme
from priorities import selectors
from priorities.models import MAX_CHOICES, Answer, Choice
from tests.factories import UserFactory
from tests.priorities.conftest import make_focal

pytestmark = pytest.mark.django_db


def answer(questionnaire, country, codes, status=Answer.Status.SUBMITTED):
    item = Answer.objects.create(questionnaire=questionnaire, country=country, status=status)
    themes = {theme.code: theme for theme in Theme.objects.filter(code__in=codes)}
    Choice.objects.bulk_create(
        Choice(answer=item, theme=themes[code], rank=rank) for rank, code in enumerate(codes, 1)
    )
    return item


def test_themes_are_ranked_by_borda_score_then_by_ministries(questionnaire):
    answer(questionnaire, "CL", ["labour-inspection", "employment-policy", "working-conditions"])
    answer(questionnaire, "MX", ["employment-policy", "labour-inspection"])
    answer(questionnaire, "PE", ["working-conditions"])
    answer(questionnaire, "HT", ["fundamental-rights"], status=Answer.Status.DRAFT)  # not counted
    ranked = selectors.ranked_themes(questionnaire)
    scores = [(item.theme.code, item.score, item.ministries, item.first_choices) for item in ranked]
    n = MAX_CHOICES  # the first choice is worth n points, the second n - 1...
    assert scores == [
        # the same score and count: in the taxonomy's order (labour before employment)
        ("labour-inspection", n + (n - 1), 2, 1),
        ("employment-policy", (n - 1) + n, 2, 1),
        ("working-conditions", (n - 2) + n, 2, 1),
    ]
    assert [item.position for item in ranked] == [1, 2, 3]
    assert "fundamental-rights" not in [item.theme.code for item in ranked]
    areas = selectors.ranked_areas(ranked)
    assert sum(entry.score for entry in areas) == sum(item.score for item in ranked)


def test_the_response_rate_counts_ministries_with_focal_points(questionnaire):
    make_focal("CL"), make_focal("CL"), make_focal("MX"), make_focal("HT")
    answer(questionnaire, "CL", ["employment-policy"])
    answer(questionnaire, "MX", ["employment-policy"], status=Answer.Status.DRAFT)
    answer(questionnaire, "UY", ["employment-policy"])  # its focal point has left since
    rate = selectors.response_rate(questionnaire)
    assert (rate.answered, rate.expected) == (2, 4)
    assert rate.percent == 50


def test_who_sees_which_questionnaire_and_results(questionnaire, closed, secretariat):
    focal = make_focal("CL")
    outsider = UserFactory()
    assert set(selectors.questionnaires_for(user=secretariat)) == {questionnaire, closed}
    assert set(selectors.questionnaires_for(user=focal)) == {questionnaire, closed}
    assert not selectors.questionnaires_for(user=outsider).exists()
    assert selectors.questionnaire_for(user=outsider, pk=questionnaire.pk) is None
    assert selectors.can_see_results(user=secretariat, questionnaire=questionnaire)
    assert not selectors.can_see_results(user=focal, questionnaire=questionnaire)
    assert selectors.can_see_results(user=focal, questionnaire=closed)
    assert not selectors.can_see_results(user=outsider, questionnaire=closed)


def test_an_open_unanswered_questionnaire_is_shown_to_the_focal_point(questionnaire, closed):
    focal = make_focal("CL")
    assert selectors.open_unanswered_for(user=focal) == [questionnaire]
    answer(questionnaire, "CL", ["employment-policy"], status=Answer.Status.DRAFT)
    assert selectors.open_unanswered_for(user=focal) == [questionnaire]
    Answer.objects.filter(country="CL").update(status=Answer.Status.SUBMITTED)
    assert selectors.open_unanswered_for(user=focal) == []
    assert selectors.open_unanswered_for(user=UserFactory()) == []


def test_a_draft_keeps_the_notice_when_another_ministry_submits(questionnaire):
    focal = make_focal("CL")
    answer(questionnaire, "CL", ["employment-policy"], status=Answer.Status.DRAFT)
    answer(questionnaire, "AR", ["employment-policy"])
    assert selectors.open_unanswered_for(user=focal) == [questionnaire]
    assert selectors.open_unanswered_for(user=make_focal("AR")) == []
