"""Demo cooperation calls: the current (open) call with proposals at each step, and
last year's call with a selected activity and its results."""

import datetime
import uuid

from django.db import transaction

from cooperation.models import CRITERIA, Beneficiary, Call, Proposal, Score
from courses.models import Theme
from lms.models import User
from portfolio.models import Programme

RULES = (
    "- Proposals come from the focal points of the ministries of labour.\n"
    "- The providing ministry confirms the activity before the call closes.\n"
    "- Activities last at most two weeks and take place within the year.\n"
    "- The Technical Secretariat scores the confirmed proposals against the criteria below "
    "and selects those it can fund."
)


@transaction.atomic
def ensure_cooperation() -> int:
    if Call.objects.exists():
        return 0
    secretariat = User.objects.filter(is_superuser=True).order_by("pk").first()
    focal = User.objects.filter(email="focal@example.org").first()
    past = Call.objects.create(
        year=2025,
        title="Convocatoria de cooperación bilateral 2025",
        opens_on=datetime.date(2025, 3, 1),
        closes_on=datetime.date(2025, 5, 31),
        rules=RULES,
        budget_note="Hasta USD 8.000 por actividad: pasajes y viáticos.",
    )
    current = Call.objects.create(
        year=2026,
        title="Convocatoria de cooperación bilateral 2026-2027",
        opens_on=datetime.date(2026, 10, 1),
        closes_on=datetime.date(2027, 2, 28),
        rules=RULES,
        budget_note="Hasta USD 10.000 por actividad: pasajes y viáticos.",
    )
    programmes = list(Programme.objects.filter(status="published").order_by("pk")[:3])

    def proposal(call, provider, beneficiaries, topic, themes, status, programme=None):
        item = Proposal.objects.create(
            call=call,
            submitted_by=focal,
            providing_country=provider,
            topic=topic,
            objectives="- Conocer el modelo de gestión\n- Adaptarlo al contexto nacional",
            format=Proposal.Format.VISIT_PROVIDER,
            starts_on=datetime.date(call.year, 7, 6),
            ends_on=datetime.date(call.year, 7, 10),
            programme=programme,
            status=status,
            token=uuid.uuid4(),
        )
        item.themes.set(Theme.objects.filter(code__in=themes))
        for country in beneficiaries:
            Beneficiary.objects.create(proposal=item, country=country)
        return item

    done = proposal(
        past,
        "AR",
        ["HT", "DO"],
        "Registro de trabajadoras del cuidado",
        ["domestic-work", "gender-equality"],
        Proposal.Status.SELECTED,
        programmes[0] if programmes else None,
    )
    for (code, _label), value in zip(CRITERIA, [5, 4, 5, 4], strict=True):
        Score.objects.create(proposal=done, criterion=code, value=value, scored_by=secretariat)
    done.results = (
        "El Ministerio de Asuntos Sociales y del Trabajo de Haití diseñó un registro piloto "
        "de trabajadoras del cuidado y formó a 12 funcionarias."
    )
    done.results_kinds = "programmes,training"
    done.save()
    confirmed = proposal(
        current,
        "CL",
        ["HT"],
        "Inspección móvil en zonas rurales",
        ["labour-inspection"],
        Proposal.Status.CONFIRMED,
        programmes[1] if len(programmes) > 1 else None,
    )
    for (code, _label), value in zip(CRITERIA, [4, 4, 3, 5], strict=True):
        Score.objects.create(proposal=confirmed, criterion=code, value=value, scored_by=secretariat)
    proposal(
        current,
        "BR",
        ["HT", "JM"],
        "Formalización de microempresas: ventanilla única",
        ["msme", "formalisation"],
        Proposal.Status.SUBMITTED,
    )
    return 3
