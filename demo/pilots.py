"""Demo pilot projects: two pilots drawn from the Bogotá workshop on social dialogue,
each registered by the focal point of its leading ministry, with partners, an expert,
milestones (one late), funding and, for the first, results. Texts in
demo/data/pilots.toml. Made through the services, as the pages make them;
idempotent: a pilot that exists (by title) is left as it is. Runs after the events,
the communities (the focal points) and the experts."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from courses.models import Theme
from demo.files import read_toml
from events.models import Event
from lms.models import User
from pilots import services
from pilots.models import Milestone, Origin, Pilot

DATA = read_toml("pilots.toml")["pilots"]


@transaction.atomic
def ensure_pilots() -> int:
    """Create the pilots that are missing; returns how many were created."""
    created = 0
    today = timezone.localdate()
    for spec in DATA:
        if Pilot.objects.filter(title=spec["title"]).exists():
            continue
        author = User.objects.filter(email=spec["registered_by"]).first()
        workshop = Event.objects.filter(slug=spec["workshop"]).first()
        theme = Theme.objects.filter(code=spec["theme"]).first()
        if author is None or workshop is None or theme is None:
            continue
        pilot = services.pilot_create(
            actor=author,
            origin=Origin.WORKSHOP,
            source=workshop,
            title=spec["title"],
            objective=spec["objective"],
            leading_country=spec["leading"],
            partners=spec["partners"],
            experts=User.objects.filter(email__in=spec["experts"]),
            theme=theme,
            starts_on=spec["starts"],
            currency=spec["currency"],
            funding_sought=Decimal(spec["sought"]),
            funding_obtained=Decimal(spec["obtained"]),
            funding_source=spec["source"],
        )
        for item in spec["milestones"]:
            milestone = services.milestone_add(
                actor=author,
                pilot=pilot,
                title=item["title"],
                due_on=today + datetime.timedelta(days=item["days"]),
            )
            if item["state"] != Milestone.State.PLANNED:
                services.milestone_set_state(actor=author, milestone=milestone, state=item["state"])
        if spec["results"].strip():
            services.pilot_report_results(actor=author, pilot=pilot, results=spec["results"])
        created += 1
    return created
