"""Demo spaces and chat rooms: each cohort's, a workshop follow-up, the gender
focal-point network and an open room for questions to experts."""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from forum.models import Message, Room, Space, SpaceMembership
from forum.services import space_ensure_for_cohort
from lms.markup import render_markdown
from lms.models import Cohort, User

SPACES = [
    {
        "kind": Space.Kind.WORKSHOP,
        "name": "Seguimiento · Taller hemisférico sobre diálogo social (Bogotá, 2022)",
        "slug": "taller-dialogo-social-bogota-2022",
        "description": "Quienes participaron en el taller siguen intercambiando experiencias.",
        "members": [
            ("learner2@example.org", "member"),
            ("learner4@example.org", "member"),
            ("learner7@example.org", "member"),
            ("expert@example.org", "moderator"),
        ],
        "rooms": [("Conversación del taller", "taller-bogota-2022", "Diálogo social tripartito")],
        "messages": [
            (
                "learner2@example.org",
                "¿Alguien avanzó con la mesa tripartita que discutimos en Bogotá?",
            ),
            (
                "learner7@example.org",
                "En Uruguay la convocamos en marzo; comparto el acta en el foro.",
            ),
            (
                "expert@example.org",
                "Muy bien. Recuerden el punto clave: **reglas claras de funcionamiento** desde la primera sesión.",
            ),
        ],
    },
    {
        "kind": Space.Kind.COMMUNITY,
        "name": "Red de puntos focales de género",
        "slug": "red-puntos-focales-genero",
        "description": "La red de puntos focales de género de los ministerios de trabajo.",
        "members": [
            ("focal@example.org", "coordinator"),
            ("learner@example.org", "member"),
            ("expert@example.org", "member"),
        ],
        "rooms": [("Sala de la red", "red-puntos-focales", "Canal informal y rápido de la red")],
        "messages": [
            (
                "focal@example.org",
                "Bonjour à toutes et à tous ! Le prochain dialogue virtuel aura lieu en mars.",
            ),
            ("learner@example.org", "¡Gracias! ¿Habrá interpretación al español?"),
        ],
    },
    {
        "kind": Space.Kind.NETWORK,
        "name": "Red Interamericana para la Administración Laboral",
        "slug": "rial",
        "description": "Abierta a todas las personas con cuenta.",
        "readable_by_all": True,
        "members": [("expert@example.org", "moderator")],
        "rooms": [("Preguntas a personas expertas", "preguntas-expertas", "Respuestas en vivo")],
        "public": True,
        "messages": [
            (
                "expert@example.org",
                "Esta semana respondo preguntas sobre el Convenio 190 los jueves a las 10:00 (Bogotá).",
            ),
        ],
    },
]


@transaction.atomic
def ensure_spaces() -> int:
    created = 0
    for cohort in Cohort.objects.select_related("course"):
        space_ensure_for_cohort(cohort=cohort)
    for spec in SPACES:
        if Space.objects.filter(slug=spec["slug"]).exists():
            continue
        space = Space.objects.create(
            kind=spec["kind"],
            name=spec["name"],
            slug=spec["slug"],
            description=spec["description"],
            readable_by_all=spec.get("readable_by_all", False),
        )
        for email, role in spec["members"]:
            user = User.objects.filter(email=email).first()
            if user is not None:
                SpaceMembership.objects.create(space=space, user=user, role=role)
        for name, slug, topic in spec["rooms"]:
            room = Room.objects.create(
                space=space, name=name, slug=slug, topic=topic, is_public=spec.get("public", False)
            )
            _messages(room, spec["messages"])
        created += 1
    cohort_room = Room.objects.filter(space__cohort__name__startswith="Cohorte 2026").first()
    if cohort_room is not None and not cohort_room.messages.exists():
        _messages(
            cohort_room,
            [
                (
                    "tutor@example.org",
                    "¡Bienvenidas y bienvenidos a la semana 4! Hoy abre el módulo 2.",
                ),
                ("learner2@example.org", "Profe, ¿la tarea del módulo 2 puede entregarse en PDF?"),
                (
                    "tutor@example.org",
                    "Sí, PDF o Word. Y pueden escribirla directamente en el campus.",
                ),
            ],
        )
    return created


def _messages(room: Room, lines: list[tuple[str, str]]) -> None:
    start = timezone.now() - datetime.timedelta(hours=len(lines))
    for number, (email, body) in enumerate(lines, start=1):
        author = User.objects.get(email=email)
        Message.objects.create(
            room=room,
            seq=number,
            author=author,
            client_id=uuid.uuid4(),
            body=body,
            body_html=render_markdown(body),
            created_at=start + datetime.timedelta(minutes=number * 7),
        )
    Room.objects.filter(pk=room.pk).update(last_seq=len(lines))
