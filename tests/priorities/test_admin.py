"""The questionnaire in the Wagtail admin: once answered or closed, its dates and
period stay, and it cannot be deleted with the ministries' answers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse

from priorities.models import Answer, Questionnaire
from tests.mfa import mfa_force_login
from tests.priorities.test_selectors import answer

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_a_closed_questionnaire_keeps_its_dates(closed):
    closed.closes_on += 60 * DAY  # would reopen it
    with pytest.raises(ValidationError) as error:
        closed.full_clean()
    assert "closes_on" in error.value.message_dict
    closed.refresh_from_db()
    closed.title = "Otro título"
    closed.full_clean()  # the words may change


def test_once_answered_only_a_later_close_is_accepted(questionnaire):
    draft = answer(questionnaire, "CL", ["employment-policy"], status=Answer.Status.DRAFT)
    questionnaire.closes_on -= 5 * DAY
    questionnaire.full_clean()  # only a draft: still free
    questionnaire.refresh_from_db()
    draft.status = Answer.Status.SUBMITTED
    draft.save()
    questionnaire.closes_on += 5 * DAY
    questionnaire.full_clean()
    for name, value in (
        ("closes_on", questionnaire.closes_on - 10 * DAY),
        ("opens_on", questionnaire.opens_on - DAY),
        ("period", "2029-2031"),
    ):
        item = Questionnaire.objects.get(pk=questionnaire.pk)
        setattr(item, name, value)
        with pytest.raises(ValidationError) as error:
            item.full_clean()
        assert name in error.value.message_dict


def test_an_answered_questionnaire_is_not_deleted(client, questionnaire, closed, secretariat):
    answer(questionnaire, "CL", ["employment-policy"])
    with pytest.raises(ProtectedError):
        questionnaire.delete()
    mfa_force_login(client, secretariat)  # the secretariat manages them in the admin
    delete = "wagtailsnippets_priorities_questionnaire:delete"
    response = client.post(reverse(delete, args=[questionnaire.pk]))
    assert response.status_code == 302
    assert Answer.objects.filter(questionnaire=questionnaire).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("no se puede eliminar" in text for text in messages)
    client.post(reverse(delete, args=[closed.pk]))  # never answered: deleted
    assert not Questionnaire.objects.filter(pk=closed.pk).exists()


def test_the_admin_form_shows_the_refusal(client, closed, secretariat):
    mfa_force_login(client, secretariat)
    later = closed.closes_on + 60 * DAY
    response = client.post(
        reverse("wagtailsnippets_priorities_questionnaire:edit", args=[closed.pk]),
        {
            "title": closed.title,
            "period": closed.period,
            "opens_on": closed.opens_on.isoformat(),
            "closes_on": later.isoformat(),
            "introduction": "",
        },
    )
    assert response.status_code == 200
    assert "sus fechas y su período quedan" in response.content.decode()
    closed.refresh_from_db()
    assert closed.closes_on != later
