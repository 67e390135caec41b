"""demo/priorities.py: last year's questionnaire answered by 25 ministries, ranked, and
an open one the demo focal point's ministry (Haiti) has not submitted; idempotent."""

import pytest
from django.utils import timezone

from lms.models import User
from priorities import selectors
from priorities.models import Answer, Choice, Questionnaire

pytestmark = pytest.mark.django_db


def test_the_demo_questionnaires_are_loaded_once():
    from demo.priorities import ensure_priorities

    made = ensure_priorities()
    assert made == 25 + 7 + 2
    assert ensure_priorities() == 0
    assert Questionnaire.objects.count() == 2 and Answer.objects.count() == made
    closed, current = sorted(Questionnaire.objects.all(), key=lambda q: q.closes_on)
    assert closed.is_closed() and current.is_open()
    assert closed.answers.filter(status=Answer.Status.SUBMITTED).count() == 25
    ranked = selectors.ranked_themes(closed)
    assert ranked[0].score >= ranked[-1].score and ranked[0].ministries > 1
    assert Choice.objects.filter(answer__questionnaire=closed).count() == 25 * 5
    assert not current.answers.filter(country="HT").exists()


def test_the_demo_focal_point_is_asked_for_her_ministrys_answer():
    from demo.accounts import ensure_people
    from demo.priorities import ensure_priorities

    ensure_people()
    ensure_priorities()
    focal = User.objects.get(email="focal@example.org")
    current = Questionnaire.objects.get(closes_on__gte=timezone.localdate())
    assert selectors.open_unanswered_for(user=focal) == [current]
    closed = Questionnaire.objects.exclude(pk=current.pk).get()
    assert selectors.can_see_results(user=focal, questionnaire=closed)
