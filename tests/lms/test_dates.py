"""Dates in words: Portuguese writes its months in lower case."""

import datetime

import pytest
from django.template import engines
from django.utils import timezone, translation
from django.utils.formats import date_format

DAY = datetime.date(2026, 12, 6)
MOMENT = datetime.datetime(2026, 5, 6, 18, 5, tzinfo=datetime.UTC)


def render(source, **context):
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("pt", "6 de dezembro de 2026"),
        ("es", "6 de diciembre de 2026"),
        ("fr", "6 décembre 2026"),
        ("en", "Dec. 6, 2026"),
    ],
)
def test_date_format_writes_months_as_the_language_does(language, expected):
    with translation.override(language):
        assert date_format(DAY, "DATE_FORMAT") == expected


def test_every_template_date_is_lower_case_in_portuguese():
    with translation.override("pt"), timezone.override("America/Sao_Paulo"):
        assert render('{{ d|date:"DATE_FORMAT" }}', d=DAY) == "6 de dezembro de 2026"
        assert render('{{ d|date:"F Y" }}', d=DAY) == "dezembro 2026"
        # Still Django's filter otherwise: aware datetimes are shown in local time.
        assert render('{{ m|date:"DATETIME_FORMAT" }}', m=MOMENT) == "6 de maio de 2026 às 15:05"
        assert render('{{ m|date:"c" }}', m=MOMENT) == "2026-05-06T15:05:00-03:00"
        assert render("{{ nothing|date }}") == ""
    with translation.override("en"):
        assert render('{{ d|date:"F j" }}', d=DAY) == "December 6"


@pytest.mark.django_db
def test_the_enrolment_notice_writes_the_month_in_lower_case(world):
    from lms.services.enrolment import enrolled_text

    world.cohort.starts_on = datetime.date(2027, 3, 1)
    with translation.override("pt"):
        assert "1 de março de 2027" in enrolled_text(world.cohort)["body"]
