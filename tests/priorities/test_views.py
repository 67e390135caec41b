"""priorities/views.py: who sees what (404s), the answer form, submit with its
confirmation, reopen, results, the CSV, the send page, and query counts."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from courses.models import Theme
from priorities import selectors
from priorities.models import Answer, Sending
from tests.factories import UserFactory
from tests.mfa import mfa_force_login
from tests.priorities.conftest import make_focal
from tests.priorities.test_selectors import answer

pytestmark = pytest.mark.django_db


def url(name, questionnaire, **kwargs):
    return reverse(f"priorities:{name}", kwargs={"pk": questionnaire.pk, **kwargs})


def test_a_focal_point_drafts_then_submits_with_a_confirmation(client, questionnaire):
    ana = make_focal("CL")
    client.force_login(ana)
    page = client.get(url("questionnaire", questionnaire))
    assert page.status_code == 200 and "<strong>cinco</strong>" in page.content.decode()
    assert client.get(url("answer", questionnaire)).status_code == 200
    inspection, msme = (
        Theme.objects.get(code="labour-inspection"),
        Theme.objects.get(code="employment-policy"),
    )
    data = {"theme_1": inspection.pk, "theme_2": msme.pk, "challenges": "Informalidad"}
    response = client.post(url("answer", questionnaire), {**data, "action": "save"})
    assert response.status_code == 302
    saved = Answer.objects.get()
    assert saved.status == Answer.Status.DRAFT and saved.challenges == "Informalidad"
    response = client.post(url("answer", questionnaire), {**data, "action": "submit"})
    assert response["Location"] == url("submit", questionnaire)
    confirm = client.get(url("submit", questionnaire))
    assert "Informalidad" in confirm.content.decode()
    assert Answer.objects.get().status == Answer.Status.DRAFT  # not before confirming
    version = confirm.context["version"]
    # Another focal point changes the draft meanwhile: the confirmation is refused.
    luis = make_focal("CL")
    client.force_login(luis)
    client.post(url("answer", questionnaire), {**data, "challenges": "Otra", "action": "save"})
    client.force_login(ana)
    response = client.post(url("submit", questionnaire), {"version": version})
    assert response["Location"] == url("submit", questionnaire)
    assert not Answer.objects.get().is_submitted
    confirm = client.get(url("submit", questionnaire))
    assert "Otra" in confirm.content.decode()
    version = confirm.context["version"]
    client.post(url("submit", questionnaire), {"version": version})
    client.post(url("submit", questionnaire), {"version": version})  # twice: harmless
    saved.refresh_from_db()
    assert saved.is_submitted and saved.submitted_by == ana
    page = client.get(url("questionnaire", questionnaire)).content.decode()
    assert "Otra" in page and inspection.name in page
    # Read-only now: the form sends back to the questionnaire.
    assert client.get(url("answer", questionnaire))["Location"] == url(
        "questionnaire", questionnaire
    )


def test_bad_input_shows_field_errors_and_saves_nothing(client, questionnaire):
    client.force_login(make_focal("CL"))
    theme = Theme.objects.get(code="employment-policy")
    response = client.post(
        url("answer", questionnaire),
        {"theme_1": theme.pk, "theme_2": theme.pk, "theme_3": "999999", "action": "save"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "theme_2" in form.errors and "theme_3" in form.errors
    response = client.post(url("answer", questionnaire), {"challenges": "x", "action": "submit"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Answer.objects.exists()


def test_after_the_close_answering_is_refused_with_a_clear_message(client, closed):
    client.force_login(make_focal("CL"))
    response = client.get(url("answer", closed), follow=True)
    assert response.redirect_chain[-1][0] == url("questionnaire", closed)
    refused = selectors.answering_refused(closed)
    content = response.content.decode()
    assert refused and escape(refused) in content
    assert url("answer", closed) not in content  # no way to answer offered
    response = client.post(url("answer", closed), {"action": "save"})
    assert response.status_code == 302 and not Answer.objects.exists()


def test_others_get_404(client, questionnaire, closed):
    for person in (UserFactory(), make_focal("")):
        client.force_login(person)
        for name in ("questionnaire", "answer", "submit", "results", "results_csv", "send"):
            assert client.get(url(name, questionnaire)).status_code == 404, name
    # A focal point of another ministry cannot reopen, send or see results before the close.
    client.force_login(make_focal("MX"))
    answer(questionnaire, "CL", ["employment-policy"])
    assert client.post(url("reopen", questionnaire, country="CL")).status_code == 404
    assert client.get(url("results", questionnaire)).status_code == 404
    assert client.get(url("send", questionnaire)).status_code == 404
    assert client.get(url("results", closed)).status_code == 200
    assert client.get(reverse("priorities:index")).status_code == 200


def test_the_secretariat_reopens_an_answer(client, questionnaire, secretariat):
    submitted = answer(questionnaire, "CL", ["employment-policy"])
    mfa_force_login(client, secretariat)
    page = client.get(url("questionnaire", questionnaire)).content.decode()
    assert url("reopen", questionnaire, country="CL") in page
    client.post(url("reopen", questionnaire, country="CL"))
    submitted.refresh_from_db()
    assert submitted.status == Answer.Status.DRAFT and submitted.reopened_by == secretariat


def test_the_secretariat_sends_and_follows_the_progress(
    client, questionnaire, secretariat, django_capture_on_commit_callbacks
):
    make_focal("CL"), make_focal("HT")
    mfa_force_login(client, secretariat)
    page = client.get(url("send", questionnaire))
    assert page.status_code == 200
    token = page.context["form"]["token"].value()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("send", questionnaire), {"token": token})
    sending = Sending.objects.get()
    assert response["Location"] == url("sending", questionnaire, sending_id=sending.pk)
    assert client.get(response["Location"]).status_code == 200
    progress = client.get(url("sending_progress", questionnaire, sending_id=sending.pk)).json()
    assert progress["finished"] and (progress["done"], progress["total"]) == (2, 2)
    client.post(url("send", questionnaire), {"token": token})  # the same form again
    assert Sending.objects.count() == 1


def test_results_and_csv(client, questionnaire, secretariat):
    answer(questionnaire, "CL", ["labour-inspection", "employment-policy"])
    spreadsheet = answer(questionnaire, "MX", ["employment-policy"])
    spreadsheet.comments = '=HYPERLINK("http://evil")'
    spreadsheet.save()
    mfa_force_login(client, secretariat)
    page = client.get(url("results", questionnaire)).content.decode()
    assert "2028-2030" in page and 'id="priorities-ranking"' in page
    response = client.get(url("results_csv", questionnaire))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[2][0] in ("México", "Mexico") and rows[2][-1].startswith("'=")
    assert any(row[2:3] == [Theme.objects.get(code="employment-policy").name] for row in rows)


@pytest.mark.parametrize("name", ["results", "questionnaire", "results_csv"])
def test_query_counts_do_not_grow_with_the_answers(
    client, questionnaire, secretariat, name, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lms.choices import Country

    codes = [
        "labour-inspection",
        "employment-policy",
        "working-conditions",
        "fundamental-rights",
        "pensions",
    ]
    countries = Country.values[:30]
    mfa_force_login(client, secretariat)
    for country in countries[:3]:
        answer(questionnaire, country, codes)
        make_focal(country)
    client.get(url(name, questionnaire))  # the session and caches warmed
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(name, questionnaire)).status_code == 200
    for country in countries[3:]:
        answer(questionnaire, country, codes)
        make_focal(country)
    with django_assert_max_num_queries(len(queries)):
        response = client.get(url(name, questionnaire))
    assert response.status_code == 200
    if name == "results":
        assert response.context["rate"].answered == 30


def test_focal_points_see_the_ranking_not_the_other_ministries_answers(client, closed):
    mine = answer(closed, "CL", ["employment-policy"])
    mine.needs = "Nuestro texto"
    mine.save()
    theirs = answer(closed, "MX", ["employment-policy"])
    theirs.needs = "Texto confidencial de México"
    theirs.save()
    client.force_login(make_focal("CL"))
    page = client.get(url("results", closed)).content.decode()
    assert 'id="priorities-ranking"' in page
    assert "Texto confidencial" not in page and "Nuestro texto" not in page
    text = client.get(url("results_csv", closed)).content.decode()
    assert (
        "Texto confidencial" not in text
        and Theme.objects.get(code="employment-policy").name in text
    )
    assert "México" not in text and "Mexico" not in text


def test_a_sending_whose_worker_died_is_shown_stopped(client, questionnaire, secretariat):
    from django.utils import timezone

    sending = Sending.objects.create(
        questionnaire=questionnaire,
        requested_by=secretariat,
        status=Sending.Status.RUNNING,
        total=40,
        done=25,
        progressed_at=timezone.now() - Sending.STALE_AFTER * 2,
    )
    mfa_force_login(client, secretariat)
    progress = client.get(url("sending_progress", questionnaire, sending_id=sending.pk)).json()
    assert progress["finished"] and progress["status"] == "failed"
    assert progress["summary"] == selectors.sending_summary(sending)
    page = client.get(url("sending", questionnaire, sending_id=sending.pk)).content.decode()
    assert 'data-finished="true"' in page and escape(progress["summary"]) in page


def test_the_list_is_paginated(client, secretariat):
    import datetime

    from priorities.models import Questionnaire
    from priorities.views import PER_PAGE

    day = datetime.date(2026, 1, 1)
    for number in range(PER_PAGE + 3):
        Questionnaire.objects.create(
            title=f"Cuestionario {number:03}",
            period="2028-2030",
            opens_on=day,
            closes_on=day + datetime.timedelta(days=number),
        )
    mfa_force_login(client, secretariat)
    first = client.get(reverse("priorities:index")).content.decode()
    last = client.get(reverse("priorities:index") + "?page=2").content.decode()
    assert first.count("Cuestionario ") == PER_PAGE and 'rel="next"' in first
    assert last.count("Cuestionario ") == 3 and "Cuestionario 000" in last
