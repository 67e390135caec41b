"""The focal point's dashboard shows an open questionnaire her ministry has not
submitted (the ``rial_dashboard_notices`` hook), and the footer links the list."""

import pytest
from django.urls import reverse

from priorities.models import Answer
from tests.factories import UserFactory
from tests.priorities.conftest import make_focal

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_the_questionnaire_until_the_ministry_submits(client, questionnaire):
    client.force_login(make_focal("HT"))
    link = reverse("priorities:questionnaire", kwargs={"pk": questionnaire.pk})
    page = client.get(reverse("lms:dashboard")).content.decode()
    assert link in page and reverse("priorities:index") in page
    Answer.objects.create(questionnaire=questionnaire, country="HT", status="submitted")
    assert link not in client.get(reverse("lms:dashboard")).content.decode()
    client.force_login(UserFactory())
    assert link not in client.get(reverse("lms:dashboard")).content.decode()
