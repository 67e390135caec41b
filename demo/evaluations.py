"""Demo evaluations: the answers of the Bogotá 2022 workshop's participants (closed
since), which the performance report of the 2022-2024 plan shows. Texts in
demo/data/evaluations.toml; an event whose evaluation exists is left alone."""

from django.db import transaction

from demo.files import read_toml
from evaluations.models import Completion, Evaluation, Response
from evaluations.selectors import window
from events.models import Event

DATA = read_toml("evaluations.toml")["evaluations"]


@transaction.atomic
def ensure_evaluations() -> int:
    """Create the evaluations that are missing; returns how many were created."""
    created = 0
    for spec in DATA:
        event = Event.objects.filter(slug=spec["event"]).first()
        if event is None or Evaluation.objects.filter(event=event).exists():
            continue
        opens_on, closes_on = window(event)
        registrants = list(event.registrations.order_by("pk").values_list("user_id", flat=True))
        answers = spec["answers"][: len(registrants)]
        evaluation = Evaluation.objects.create(
            event=event, opens_on=opens_on, closes_on=closes_on, invited=len(registrants)
        )
        Completion.objects.bulk_create(
            Completion(evaluation=evaluation, user_id=user_id)
            for user_id in registrants[: len(answers)]
        )
        Response.objects.bulk_create(
            Response(evaluation=evaluation, **answer) for answer in answers
        )
        created += 1
    return created
