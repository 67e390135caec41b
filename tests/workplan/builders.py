"""Plans, lines, actions and the records that realise them, for the work plan's tests
(the unit tests and the browser test)."""

import datetime
import uuid
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone, translation

from cooperation.models import Beneficiary, Call, Proposal
from events.models import Event, EventRegistration
from library.models import Publication
from workplan.models import Action, PriorityLine, WorkPlan


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"workplan:{name}", kwargs=kwargs)


def make_plan(*, start=2022, end=2024, approved=False, lines=2, title="Plan 2022-2024"):
    plan = WorkPlan.objects.create(title=title, start_year=start, end_year=end, summary="**Plan**")
    for number in range(lines):
        PriorityLine.objects.create(plan=plan, sort_order=number, title=f"Línea {number + 1}")
    if approved:
        plan.status = WorkPlan.Status.APPROVED
        plan.approved_at = timezone.now()
        plan.save()
    return plan


def make_action(line, **extra):
    values = {
        "title": "Acción",
        "kind": Action.Kind.WORKSHOP,
        "approved_amount": Decimal("1000"),
        "spent": Decimal("0"),
        **extra,
    }
    return Action.objects.create(line=line, **values)


def make_event(slug, *, days, published=True, registrations=(), country="CO"):
    starts = timezone.now() + datetime.timedelta(days=days)
    event = Event.objects.create(
        title=f"Taller {slug}",
        slug=slug,
        kind=Event.Kind.WORKSHOP,
        format=Event.Format.IN_PERSON,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(days=2),
        host_country=country,
        is_published=published,
    )
    for user in registrations:
        EventRegistration.objects.create(event=event, user=user)
    return event


def make_proposal(topic, *, status=Proposal.Status.SELECTED, starts_on=None, ends_on=None):
    today = timezone.localdate()
    call, _created = Call.objects.get_or_create(
        year=today.year,
        defaults={
            "title": "Convocatoria",
            "opens_on": today,
            "closes_on": today,
            "rules_es": "-",
        },
    )
    proposal = Proposal.objects.create(
        call=call,
        providing_country="CL",
        topic=topic,
        objectives="-",
        format=Proposal.Format.VISIT_PROVIDER,
        starts_on=starts_on or today - datetime.timedelta(days=30),
        ends_on=ends_on or today - datetime.timedelta(days=20),
        status=status,
        token=uuid.uuid4(),
    )
    Beneficiary.objects.create(proposal=proposal, country="HT")
    return proposal


def make_publication(title, *, status=Publication.Status.PUBLISHED):
    return Publication.objects.create(
        title=title, kind=Publication.Kind.STUDY, status=status, url="https://example.org/doc"
    )
