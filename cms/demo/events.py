"""Demo events: the Bogotá 2022 and Buenos Aires 2023 hemispheric workshops (past,
with agenda, presentations and results), and a virtual dialogue coming up."""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from events.models import Event, EventDocument, EventRegistration
from forum.models import Space
from library.models import Publication
from lms.models import User


def _at(year, month, day, hour, zone):
    return datetime.datetime(year, month, day, hour, tzinfo=zoneinfo.ZoneInfo(zone))


@transaction.atomic
def ensure_events() -> int:
    if Event.objects.exists():
        return 0
    results = {
        p.date.year: p.document
        for p in Publication.objects.filter(kind="results").exclude(document=None)
        if p.date
    }
    bogota = Event.objects.create(
        title="Taller hemisférico sobre diálogo social",
        slug="taller-dialogo-social-bogota-2022",
        kind=Event.Kind.WORKSHOP,
        format=Event.Format.IN_PERSON,
        starts_at=_at(2022, 10, 18, 9, "America/Bogota"),
        ends_at=_at(2022, 10, 20, 17, "America/Bogota"),
        time_zone="America/Bogota",
        host_country="CO",
        city="Bogotá",
        objective="Intercambiar experiencias sobre mesas tripartitas y acordar compromisos "
        "para fortalecer el diálogo social en los ministerios de trabajo.",
        organisers="Ministerio del Trabajo de Colombia\nSecretaría Técnica de la RIAL (OEA)",
        agenda="**Día 1.** Marco del diálogo social\n\n**Día 2.** Experiencias de los "
        "ministerios\n\n**Día 3.** Compromisos y plan de seguimiento",
        registration_open=False,
        results_document=results.get(2022),
        follow_up_space=Space.objects.filter(slug="taller-dialogo-social-bogota-2022").first(),
    )
    EventDocument.objects.create(
        event=bogota,
        title="El diálogo social tripartito en las Américas",
        speaker="Patrícia Alves de Souza",
        url="https://www.example.org/rial/presentacion-1",
    )
    EventDocument.objects.create(
        event=bogota,
        title="La mesa tripartita del Uruguay",
        speaker="Marcelo Duarte Rivas",
        url="https://www.example.org/rial/presentacion-2",
    )
    Event.objects.create(
        title="Taller hemisférico sobre educación y trabajo",
        slug="taller-educacion-trabajo-buenos-aires-2023",
        kind=Event.Kind.WORKSHOP,
        format=Event.Format.HYBRID,
        starts_at=_at(2023, 9, 12, 9, "America/Argentina/Buenos_Aires"),
        ends_at=_at(2023, 9, 14, 17, "America/Argentina/Buenos_Aires"),
        time_zone="America/Argentina/Buenos_Aires",
        host_country="AR",
        city="Buenos Aires",
        objective="Articular la formación profesional con los servicios públicos de empleo.",
        organisers="Secretaría de Trabajo de la Argentina\nSecretaría Técnica de la RIAL (OEA)",
        registration_open=False,
        results_document=results.get(2023),
    )
    soon = timezone.now().astimezone(zoneinfo.ZoneInfo("America/Panama")) + datetime.timedelta(
        days=20
    )
    dialogue = Event.objects.create(
        title="Diálogo virtual: inspección del trabajo y teletrabajo",
        slug="dialogo-virtual-inspeccion-teletrabajo",
        kind=Event.Kind.DIALOGUE,
        format=Event.Format.VIRTUAL,
        starts_at=soon.replace(hour=10, minute=0, second=0, microsecond=0),
        ends_at=soon.replace(hour=12, minute=30, second=0, microsecond=0),
        time_zone="America/Panama",
        objective="Cómo verifican los ministerios el cumplimiento de las leyes de teletrabajo.",
        organisers="Secretaría Técnica de la RIAL (OEA)",
        agenda="1. Apertura\n2. Tres experiencias nacionales\n3. Preguntas y respuestas",
        link="https://www.example.org/rial/sala-virtual",
    )
    for email in ("learner@example.org", "learner2@example.org", "expert2@example.org"):
        user = User.objects.filter(email=email).first()
        if user is not None:
            EventRegistration.objects.create(event=dialogue, user=user)
    return 3
