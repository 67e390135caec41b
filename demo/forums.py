"""Demo forums: the follow-up of the Bogotá social dialogue workshop, and more.

Written for the demo; idempotent (a space that already has topics is left alone).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from forum.models import Category, Post, Space, Subscription, Topic, TopicRead
from lms.markup import render_markdown
from lms.models import User

WORKSHOP = "taller-dialogo-social-bogota-2022"
COMMUNITY = "red-puntos-focales-genero"

CATEGORIES = {
    WORKSHOP: [
        ("preguntas", "Preguntas", "Dudas para colegas y para la experta del taller"),
        ("experiencias", "Experiencias", "Lo que cada ministerio hizo después del taller"),
        ("anuncios", "Anuncios", "Comunicaciones formales de la coordinación"),
    ],
    COMMUNITY: [
        ("general", "General", "Conversación de la red"),
        ("dialogos", "Diálogos virtuales", "Preparación y resultados de los diálogos"),
    ],
}

# (space, category, title, flags, posts: [(author, days ago, text)], accepted post number)
THREADS = [
    (
        WORKSHOP,
        "anuncios",
        "Materiales del taller y próximos pasos",
        {"is_announcement": True, "is_pinned": True},
        [
            (
                "expert@example.org",
                40,
                "Queridas y queridos colegas:\n\nYa están disponibles las presentaciones y el "
                "**documento de resultados** del Taller hemisférico sobre diálogo social "
                "(Bogotá, 2022). Les propongo usar este espacio para:\n\n"
                "1. contar qué avanzaron en sus ministerios;\n"
                "2. hacer preguntas a colegas y a mí;\n"
                "3. preparar el encuentro virtual de seguimiento.\n\n"
                "Un abrazo, Patrícia",
            ),
        ],
        None,
    ),
    (
        WORKSHOP,
        "preguntas",
        "¿Cómo formalizar una mesa tripartita a nivel provincial?",
        {"is_question": True},
        [
            (
                "learner2@example.org",
                21,
                "En Perú queremos replicar la mesa nacional en tres regiones. ¿Alguien tiene un "
                "modelo de **reglamento de funcionamiento** (quórum, actas, rotación de la "
                "presidencia)? ¿Conviene una resolución ministerial o basta un acta de "
                "instalación?",
            ),
            (
                "learner7@example.org",
                20,
                "En Uruguay usamos un acta de instalación firmada por las tres partes y, a los "
                "seis meses, una resolución que la formalizó. Lo importante fue acordar el "
                "reglamento **antes** de la primera sesión.",
            ),
            (
                "expert@example.org",
                19,
                "Coincido con Marcelo. Mi recomendación, basada en el Convenio 144 de la OIT:\n\n"
                "- una **resolución ministerial** que cree la mesa y garantice su continuidad "
                "más allá de un gobierno;\n"
                "- un reglamento aprobado por la propia mesa: paridad de las partes, quórum de "
                "dos tercios, actas públicas y presidencia rotativa;\n"
                "- una secretaría técnica con presupuesto.\n\n"
                "@diego-armando-salazar, te comparto por correo el reglamento modelo que vimos "
                "en Bogotá.",
            ),
            (
                "learner2@example.org",
                18,
                "¡Muchas gracias! Vamos por la resolución y el reglamento. Les cuento cómo nos va.",
            ),
        ],
        3,
    ),
    (
        WORKSHOP,
        "experiencias",
        "Paraguay: protocolo de consulta tripartita aprobado",
        {},
        [
            (
                "learner4@example.org",
                10,
                "Después del taller trabajamos con las centrales sindicales y la patronal un "
                "**protocolo de consulta** para los proyectos de ley laborales. Se aprobó el mes "
                "pasado: plazos de 30 días para opinar y respuesta escrita del ministerio.",
            ),
            (
                "learner2@example.org",
                9,
                "¡Felicitaciones, Lucía! ¿Podrías compartir el texto? Nos serviría para la mesa "
                "regional.",
            ),
        ],
        None,
    ),
    (
        WORKSHOP,
        "preguntas",
        "Indicadores para medir la calidad del diálogo social",
        {"is_question": True},
        [
            (
                "learner7@example.org",
                3,
                "¿Alguien usa indicadores para evaluar si el diálogo social funciona (no solo "
                "cuántas sesiones hubo)? Pienso en acuerdos alcanzados, cumplimiento y "
                "percepción de las partes.",
            ),
        ],
        None,
    ),
    (
        COMMUNITY,
        "dialogos",
        "Preparación del diálogo virtual sobre el Convenio 190",
        {},
        [
            (
                "focal@example.org",
                6,
                "Propongo tres preguntas para el diálogo de marzo: ¿qué cambió con la "
                "ratificación?, ¿cómo registran las denuncias?, ¿qué formación dan a la "
                "inspección? Comenten aquí.",
            ),
            (
                "learner@example.org",
                5,
                "Agregaría una sobre la coordinación con los ministerios de la mujer.",
            ),
        ],
        None,
    ),
]


def ensure_forums() -> int:
    """Categories for every space, and the demo threads. Returns topics created."""
    created = 0
    with transaction.atomic():
        for space in Space.objects.all():
            specs = CATEGORIES.get(space.slug) or [("general", "General", "")]
            for position, (slug, name, description) in enumerate(specs):
                Category.objects.get_or_create(
                    space=space,
                    slug=slug,
                    defaults={"name": name, "description": description, "position": position},
                )
        for space_slug, category_slug, title, flags, posts, accepted in THREADS:
            space = Space.objects.filter(slug=space_slug).first()
            if space is None or Topic.objects.filter(space=space, title=title).exists():
                continue
            _thread(space, category_slug, title, flags, posts, accepted)
            created += 1
    return created


def _thread(space, category_slug, title, flags, posts, accepted) -> None:
    now = timezone.now()
    category = Category.objects.get(space=space, slug=category_slug)
    people = {email: User.objects.get(email=email) for email, _days, _text in posts}
    first_email, first_days, _text = posts[0]
    last_email, last_days, _text = posts[-1]
    topic = Topic.objects.create(
        space=space,
        category=category,
        title=title,
        author=people[first_email],
        created_at=now - datetime.timedelta(days=first_days),
        last_posted_at=now - datetime.timedelta(days=last_days),
        last_post_author=people[last_email],
        post_count=len(posts),
        **flags,
    )
    saved = []
    for number, (email, days, text) in enumerate(posts, start=1):
        saved.append(
            Post.objects.create(
                topic=topic,
                number=number,
                author=people[email],
                body=text,
                body_html=render_markdown(text),
                created_at=now - datetime.timedelta(days=days),
            )
        )
    for person in people.values():
        Subscription.objects.get_or_create(
            user=person, topic=topic, defaults={"level": Subscription.Level.WATCHING}
        )
        TopicRead.objects.update_or_create(
            topic=topic, user=person, defaults={"last_read_number": len(posts)}
        )
    if accepted:
        topic.accepted_post = saved[accepted - 1]
        topic.answered_at = saved[accepted - 1].created_at + datetime.timedelta(hours=3)
        topic.save(update_fields=["accepted_post", "answered_at"])
