"""Demo needs of seven ministries (texts in demo/data/needs.toml): stated by their focal
points through the services, as the pages do; one answered by a question to the
experts, one by a proposal to the open cooperation call, one by the secretariat, one
closed, and three nobody answered yet (one for weeks). Idempotent: a need whose title
exists is left as it is. Runs after the people, experts, portfolio and cooperation."""

import contextlib
import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cooperation.selectors import current_call
from courses.models import Theme
from demo.files import read_toml
from lms.models import User
from needs import services
from needs.models import Need
from portfolio.models import Programme

DATA = read_toml("needs.toml")["needs"]


@transaction.atomic
def ensure_needs() -> int:
    """Create the needs that are missing; returns how many were created."""
    secretariat = User.objects.filter(email="secretariat@example.org").first()
    created = 0
    for spec in DATA:
        author = User.objects.filter(email=spec["by"]).first()
        theme = Theme.objects.filter(code=spec["theme"]).first()
        if author is None or theme is None or Need.objects.filter(title=spec["title"]).exists():
            continue
        need = services.need_create(
            actor=author,
            theme=theme,
            title=spec["title"],
            description=spec["description"],
            urgency=spec["urgency"],
            help_kinds=spec["help"],
        )
        stated = timezone.now() - datetime.timedelta(days=spec["days_ago"])
        Need.objects.filter(pk=need.pk).update(created_at=stated, updated_at=stated)
        _answer(spec, need, author, secretariat)
        created += 1
    return created


def _answer(spec: dict, need: Need, author: User, secretariat: User | None) -> None:
    answer = spec["answer"]
    if answer == "question":
        # No expert of the theme taking questions: the need stays open.
        with contextlib.suppress(ValidationError):
            services.need_ask(
                actor=author,
                need=need,
                title=spec["question"],
                body=need.description,
                token=uuid.uuid4(),
            )
    elif answer == "proposal":
        call = current_call()
        programme = Programme.objects.filter(
            status=Programme.Status.PUBLISHED, name__startswith=spec["programme"]
        ).first()
        if call is None or not call.is_open() or programme is None:
            return
        starts = timezone.localdate() + datetime.timedelta(days=60)
        services.need_propose(
            actor=author,
            need=need,
            call=call,
            providing_country=programme.country,
            beneficiaries=[need.country],
            topic=need.title,
            themes=[need.theme],
            objectives=need.description,
            format="visit",
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=4),
            programme=programme,
            token=uuid.uuid4(),
        )
    elif answer == "secretariat" and secretariat is not None:
        services.need_mark_answered(actor=secretariat, need=need, note=spec["note"])
    elif answer == "closed":
        services.need_close(actor=author, need=need)
