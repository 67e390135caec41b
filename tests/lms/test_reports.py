import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from lms.models import Enrolment
from lms.selectors.reports import cohort_report, csv_safe
from lms.services.learning import lesson_complete, survey_submit
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login


def url(name, **kwargs):
    with translation.override("es"):
        return reverse(name, kwargs=kwargs)


def answer_survey(world, person, answers, capture):
    with capture(execute=True):
        survey_submit(
            user=person,
            lesson=world.lesson_c,
            block_id=world.block_id(world.lesson_c, "survey"),
            answers=answers,
        )


@pytest.fixture
def busy_world(world, django_capture_on_commit_callbacks):
    world.cohort.starts_on = timezone.localdate() - datetime.timedelta(days=8)
    world.cohort.save()
    peruvian = ProfileFactory(country="PE", user__full_name='=HYPERLINK("x")').user
    Enrolment.objects.create(cohort=world.cohort, user=peruvian, group=world.group)
    for person, answers in ((world.learner, {0: "5", 1: "Más casos"}), (peruvian, {0: "3"})):
        lesson_complete(user=person, lesson=world.lesson_a)
        answer_survey(world, person, answers, django_capture_on_commit_callbacks)
    return world


@pytest.mark.django_db
def test_report_counts(busy_world):
    report = cohort_report(cohort=busy_world.cohort)
    assert report["totals"] == {"enrolled": 2, "active": 2, "completed": 0, "withdrawn": 0}
    assert sorted(report["countries"]) == [("Chile", 1, 0), ("Perú", 1, 0)]
    assert report["modules"][0][1] == 2  # both started module 1
    survey = report["surveys"][0]
    assert survey.respondents == 2
    assert survey.questions[0].distribution == [0, 0, 1, 0, 1]
    assert survey.questions[0].mean == 4.0
    # Two people only: their free text would tell who wrote what.
    assert survey.questions[1].answers == 1
    assert survey.questions[1].texts == [] and survey.questions[1].texts_hidden


@pytest.mark.django_db
def test_free_text_shows_from_three_respondents(busy_world, django_capture_on_commit_callbacks):
    third = ProfileFactory(country="CL").user
    Enrolment.objects.create(cohort=busy_world.cohort, user=third, group=busy_world.group)
    answer_survey(busy_world, third, {0: "4", 1: "Otra idea"}, django_capture_on_commit_callbacks)
    survey = cohort_report(cohort=busy_world.cohort)["surveys"][0]
    assert survey.respondents == 3
    assert survey.questions[1].texts == ["Más casos", "Otra idea"]


@pytest.mark.django_db
def test_report_page_draws_charts_locally(client, busy_world, secretariat):
    mfa_force_login(client, secretariat)
    response = client.get(url("lms:manage_cohort_report", cohort_id=busy_world.cohort.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html
    assert html.count("<script") == 1  # only the site's own script, in the head
    assert "Más casos" not in html  # fewer than three respondents


@pytest.mark.django_db
def test_report_is_for_the_secretariat(client, busy_world):
    client.force_login(busy_world.tutor)
    assert (
        client.get(url("lms:manage_cohort_report", cohort_id=busy_world.cohort.pk)).status_code
        == 403
    )


@pytest.mark.django_db
@pytest.mark.parametrize("table", ["learners", "countries", "modules", "survey"])
def test_report_csv_downloads(client, busy_world, secretariat, table):
    mfa_force_login(client, secretariat)
    response = client.get(
        url("lms:manage_cohort_report_csv", cohort_id=busy_world.cohort.pk, table=table)
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) >= 2
    if table == "learners":
        names = [row[0] for row in rows[1:]]
        assert '\'=HYPERLINK("x")' in names  # a formula is shown, never run


@pytest.mark.django_db
def test_unknown_csv_table_is_not_found(client, busy_world, secretariat):
    mfa_force_login(client, secretariat)
    response = client.get(
        url("lms:manage_cohort_report_csv", cohort_id=busy_world.cohort.pk, table="passwords")
    )
    assert response.status_code == 404


def test_csv_safe():
    assert csv_safe("=1+1") == "'=1+1"
    assert csv_safe("@cmd") == "'@cmd"
    assert csv_safe("Ana") == "Ana"
    assert csv_safe(3) == 3


@pytest.mark.django_db
def test_report_query_count_is_bounded(
    client, busy_world, secretariat, django_assert_max_num_queries
):
    mfa_force_login(client, secretariat)
    page = url("lms:manage_cohort_report", cohort_id=busy_world.cohort.pk)
    client.get(page)
    with django_assert_max_num_queries(21):  # the same for many learners: one page of them
        client.get(page)


@pytest.mark.django_db
def test_report_lists_learners_fifty_a_page_and_filters_them(client, world, secretariat):

    users = [ProfileFactory(user__full_name=f"Inscrita {n:02}").user for n in range(60)]
    Enrolment.objects.bulk_create(
        [Enrolment(cohort=world.cohort, user=user, group=world.group) for user in users]
    )
    mfa_force_login(client, secretariat)
    page = url("lms:manage_cohort_report", cohort_id=world.cohort.pk)
    html = client.get(page).content.decode()
    assert html.count("Inscrita ") == 50
    assert client.get(page, {"page": 2}).content.decode().count("Inscrita ") == 10
    html = client.get(page, {"q": "inscrita 07"}).content.decode()
    assert html.count("Inscrita ") == 1
    # The CSV keeps everyone.
    csv = client.get(
        url("lms:manage_cohort_report_csv", cohort_id=world.cohort.pk, table="learners")
    )
    assert b"".join(csv).decode().count("Inscrita ") == 60
