"""The funding directory's demo: funders, calls (examples, not real offers) and who
follows which themes. Texts in demo/data/funding.toml. Made through the services, as
the pages make them: the secretariat suggests and publishes; the demo focal point's
call waits for review. Idempotent: a funder or call that exists is left as it is."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from courses.models import Theme
from demo.files import read_toml
from funding import services
from funding.models import Funder, FundingCall
from lms.models import User

DATA = read_toml("funding.toml")


def _themes(codes):
    return list(Theme.objects.filter(code__in=codes))


def _amount(value):
    return None if value is None else Decimal(value)


@transaction.atomic
def ensure_funding() -> int:
    """Create the funders, calls and follows that are missing; returns how many calls
    were created."""
    secretariat = User.objects.filter(email="secretariat@example.org").first()
    if secretariat is None:
        return 0
    today = timezone.localdate()
    for email, codes in DATA["follows"].items():
        person = User.objects.filter(email=email).first()
        if person is not None and not person.funding_follows.exists():
            services.follows_set(user=person, themes=_themes(codes))
    funders = {}
    for spec in DATA["funders"]:
        funder = Funder.objects.filter(name=spec["name"]).first()
        if funder is None:
            funder = services.funder_suggest(
                user=secretariat,
                name=spec["name"],
                kind=spec["kind"],
                region=spec["region"],
                website=spec["website"],
                description=spec["description"],
                themes=_themes(spec["themes"]),
            )
            funder = services.funder_decide(actor=secretariat, funder=funder, publish=True)
        funders[spec["name"]] = funder
    created = 0
    for spec in DATA["calls"]:
        if FundingCall.objects.filter(title=spec["title"]).exists():
            continue
        author = User.objects.filter(email=spec.get("suggested_by", secretariat.email)).first()
        if author is None:
            continue
        deadline = spec.get("deadline_days")
        call = services.call_suggest(
            user=author,
            funder=funders[spec["funder"]],
            title=spec["title"],
            summary=spec["summary"],
            themes=_themes(spec["themes"]),
            countries=spec["countries"],
            amount_min=_amount(spec.get("amount_min")),
            amount_max=_amount(spec.get("amount_max")),
            currency=spec["currency"],
            opens_on=today + datetime.timedelta(days=spec["opens_days"]),
            deadline=None if deadline is None else today + datetime.timedelta(days=deadline),
            how_to_apply=spec["how_to_apply"],
            url=spec["url"],
            language=spec["language"],
        )
        if "suggested_by" not in spec:
            services.call_decide(actor=secretariat, call=call, publish=True)
        created += 1
    return created
