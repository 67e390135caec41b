"""Demo priorities questionnaires: last year's, closed, with the answers of 25
ministries, and the open one for the next plan, which the demo focal point's
ministry has not submitted. Texts in demo/data/priorities.toml. Idempotent: a
questionnaire already there (by title) is left as it is."""

import datetime

from django.db import transaction
from django.utils import timezone

from courses.models import Theme
from demo.files import read_toml
from lms.models import User
from priorities.models import Answer, Choice, Questionnaire, secretariat_zone

PRIORITIES = read_toml("priorities.toml")


@transaction.atomic
def ensure_priorities() -> int:
    """Make the demo's questionnaires; how many answers were made."""
    today = timezone.localtime(timezone.now(), secretariat_zone()).date()
    themes = {theme.code: theme for theme in Theme.objects.all()}
    focal = User.objects.filter(email="focal@example.org").first()
    made = 0
    closed = PRIORITIES["closed"]
    if not Questionnaire.objects.filter(title=closed["title"]).exists():
        year = today.year - 1
        questionnaire = Questionnaire.objects.create(
            title=closed["title"],
            period=closed["period"],
            introduction=closed["introduction"].strip(),
            opens_on=datetime.date(year, *closed["opens"]),
            closes_on=datetime.date(year, *closed["closes"]),
            sent_at=timezone.now() - datetime.timedelta(days=400),
        )
        submitted_on = datetime.datetime.combine(
            questionnaire.closes_on - datetime.timedelta(days=5),
            datetime.time(12),
            tzinfo=secretariat_zone(),
        )
        for country, codes in PRIORITIES["choices"].items():
            by = focal if focal is not None and country == "HT" else None
            _answer(questionnaire, country, codes, themes, by, submitted_on)
            made += 1
    spec = PRIORITIES["open"]
    if not Questionnaire.objects.filter(title=spec["title"]).exists():
        questionnaire = Questionnaire.objects.create(
            title=spec["title"],
            period=spec["period"],
            introduction=spec["introduction"].strip(),
            opens_on=today + datetime.timedelta(days=spec["opens_days"]),
            closes_on=today + datetime.timedelta(days=spec["closes_days"]),
            sent_at=timezone.now() - datetime.timedelta(days=-spec["opens_days"]),
        )
        for country in spec["submitted"]:
            codes = PRIORITIES["choices"][country]
            _answer(questionnaire, country, codes, themes, None, timezone.now())
            made += 1
        for country in spec["drafts"]:
            codes = PRIORITIES["choices"][country][:3]
            _answer(questionnaire, country, codes, themes, None, None)
            made += 1
    return made


def _answer(questionnaire, country, codes, themes, by, submitted_at) -> None:
    texts = PRIORITIES["texts"].get(country, {})
    answer = Answer.objects.create(
        questionnaire=questionnaire,
        country=country,
        status=Answer.Status.SUBMITTED if submitted_at else Answer.Status.DRAFT,
        submitted_by=by,
        submitted_at=submitted_at,
        updated_by=by,
        updated_at=submitted_at or timezone.now(),
        **texts,
    )
    Choice.objects.bulk_create(
        Choice(answer=answer, theme=themes[code], rank=rank)
        for rank, code in enumerate(codes, start=1)
        if code in themes
    )
