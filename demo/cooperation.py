"""Demo cooperation calls: the current (open) call with proposals at each step, and
last year's call with a selected activity and its results.
Texts in demo/data/cooperation.toml."""

import uuid

from django.db import transaction

from cooperation.models import CRITERIA, Beneficiary, Call, Proposal, Score
from courses.models import Theme
from demo.files import read_toml
from lms.models import User
from portfolio.models import Programme

COOPERATION = read_toml("cooperation.toml")


@transaction.atomic
def ensure_cooperation() -> int:
    if Call.objects.exists():
        _rules_in_every_language()
        return 0
    secretariat = User.objects.filter(is_superuser=True).order_by("pk").first()
    every = COOPERATION["every_proposal"]
    submitted_by = User.objects.filter(email=every["submitted_by"]).first()
    calls = {spec["year"]: Call.objects.create(**spec, **_rules()) for spec in COOPERATION["calls"]}
    programmes = list(Programme.objects.filter(status="published").order_by("pk")[:3])
    for spec in COOPERATION["proposals"]:
        number = spec.get("programme")
        item = Proposal.objects.create(
            call=calls[spec["call"]],
            submitted_by=submitted_by,
            providing_country=spec["providing_country"],
            topic=spec["topic"],
            objectives=every["objectives"],
            format=every["format"],
            starts_on=spec["starts_on"],
            ends_on=spec["ends_on"],
            programme=programmes[number - 1] if number and len(programmes) >= number else None,
            status=spec["status"],
            token=uuid.uuid4(),
        )
        item.themes.set(Theme.objects.filter(code__in=spec["themes"]))
        for country in spec["beneficiaries"]:
            Beneficiary.objects.create(proposal=item, country=country)
        if "scores" in spec:
            for (code, _label), value in zip(CRITERIA, spec["scores"], strict=True):
                Score.objects.create(
                    proposal=item, criterion=code, value=value, scored_by=secretariat
                )
        if "results" in spec:
            item.results = spec["results"]
            item.results_kinds = spec["results_kinds"]
            item.save()
    return len(COOPERATION["proposals"])


def _rules() -> dict[str, str]:
    return {f"rules_{language}": text for language, text in COOPERATION["rules"].items()}


def _rules_in_every_language() -> None:
    """A demo loaded before the rules had a text per language has them in one field
    only: give the demo's calls the four texts, leaving calls that have them alone."""
    years = [spec["year"] for spec in COOPERATION["calls"]]
    Call.objects.filter(year__in=years, rules_en="", rules_pt="", rules_fr="").update(**_rules())
