"""The template filters of lms_tags: relative times in words."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone, translation

from lms.templatetags.lms_tags import ago

NOW = timezone.now()


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (datetime.timedelta(0), "just now"),
        (datetime.timedelta(seconds=59), "just now"),
        (datetime.timedelta(seconds=-5), "just now"),  # a clock a little ahead
        (datetime.timedelta(minutes=1), "1 minute ago"),
        (datetime.timedelta(minutes=5, seconds=30), "5 minutes ago"),
        (datetime.timedelta(hours=3, minutes=10), "3 hours ago"),
        (datetime.timedelta(days=2, hours=5), "2 days ago"),
    ],
)
def test_ago_never_prints_zero_minutes(delta, words):
    with translation.override("en"):
        assert ago(timezone.now() - delta).replace("\xa0", " ") == words


def test_ago_counts_calendar_days_and_says_today():
    with translation.override("en"), timezone.override("America/Lima"):
        today = timezone.localtime().replace(hour=0, minute=0, second=1)
        assert ago(timezone.now(), "days") == "today"
        assert ago(today, "days") == "today"
        assert ago(today - datetime.timedelta(seconds=2), "days") == "1 day ago"
        assert ago(today - datetime.timedelta(days=3), "days") == "3 days ago"
        assert ago(None, "days") == ""


def test_ago_in_spanish_has_no_zero():
    with translation.override("es"):
        assert "0" not in ago(timezone.now())
        assert "0" not in ago(timezone.now(), "days")


def test_templates_print_relative_times_only_through_ago():
    """One filter for relative times: Django's timesince says "0 minutes"."""
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for path in (root / "templates").rglob("*.html")
        if any(name in path.read_text() for name in ("|timesince", "|timeuntil", "naturaltime"))
    ]
    assert offenders == []


def test_machine_time_is_what_html_accepts_in_a_time_element():
    import re

    from lms.templatetags.lms_tags import machine_time

    # HTML's <time datetime> takes at most three digits of a second's fraction;
    # Django's date:'c' printed six (2026-12-05T13:38:52.263777-05:00).
    bogota = datetime.timezone(datetime.timedelta(hours=-5))
    moment = datetime.datetime(2026, 12, 5, 13, 38, 52, 263777, tzinfo=bogota)
    assert machine_time(moment) == "2026-12-05T18:38:52Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", machine_time(timezone.now()))
    assert machine_time(datetime.date(2026, 12, 5)) == "2026-12-05"
    assert machine_time(None) == "" and machine_time("") == ""


def test_templates_print_machine_times_only_through_machine_time():
    root = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(root))
        for path in (root / "templates").rglob("*.html")
        if any(name in path.read_text() for name in ("date:'c'", 'date:"c"'))
    ]
    assert offenders == []
