"""Demo community of practice: the network of gender focal points of the ministries of
labour, with its purpose, steering committee, members, events and documents.

Written for the demo; idempotent (what exists is left as it is). Runs after
``spaces.ensure_spaces()`` (which creates the space) and after the demo cohort
(whose learner Diego Armando Salazar asks to join).
"""

import datetime
import zoneinfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from fpdf import FPDF

from demo.accounts import DemoPerson, ensure_person
from forum.models import (
    Category,
    JoinRequest,
    Post,
    Space,
    SpaceEvent,
    SpaceEventDocument,
    SpaceMembership,
    Topic,
)
from forum.services.communities import join_request_create
from lms.choices import Role
from lms.markup import render_markdown
from lms.models import User

SLUG = "red-puntos-focales-genero"
ZONE = "America/Bogota"

PURPOSE = """\
La red reúne a los **puntos focales de género** de los ministerios de trabajo de las \
Américas. Su propósito es que la igualdad de género sea parte del trabajo diario de cada \
ministerio: en la inspección, en las políticas de empleo, en el diálogo social y en la \
propia institución.

La red intercambia experiencias y buenas prácticas, prepara posiciones comunes para la \
Conferencia Interamericana de Ministros de Trabajo (CIMT) y acompaña la ratificación y \
aplicación del **Convenio 190** de la OIT sobre la violencia y el acoso.
"""

AREAS = """\
Igualdad de género en las políticas y la estructura de los ministerios de trabajo
Prevención y atención de la violencia y el acoso en el mundo del trabajo (Convenio 190)
Economía del cuidado, licencias parentales y corresponsabilidad (Convenio 156)
Brecha salarial y transparencia de las remuneraciones
Inserción laboral de las mujeres y formalización del trabajo doméstico (Convenio 189)
Estadísticas laborales con enfoque de género
"""


def _person(key, email, name, country, ministry, title, language, zone, languages):
    return DemoPerson(
        key=key,
        email=email,
        full_name=name,
        country=country,
        institution=ministry,
        position=title,
        preferred_language=language,
        time_zone=zone,
        languages=languages,
        roles=(Role.PARTICIPANT, Role.FOCAL_POINT),
    )


# (person, role, telephone, show email, show telephone)
MEMBERS = [
    (
        _person(
            "focal_ar",
            "valeria.castro@example.org",
            "Valeria Inés Castro",
            "AR",
            "Secretaría de Trabajo, Empleo y Seguridad Social de Argentina",
            "Coordinadora de Equidad de Género e Igualdad de Oportunidades en el Trabajo",
            "es",
            "America/Argentina/Buenos_Aires",
            ("es", "pt"),
        ),
        SpaceMembership.Role.COORDINATOR,
        "+54 11 4310 5000",
        True,
        True,
    ),
    (
        _person(
            "focal_mx",
            "guadalupe.hernandez@example.org",
            "Guadalupe Hernández Ruiz",
            "MX",
            "Secretaría del Trabajo y Previsión Social de México",
            "Titular de la Unidad de Igualdad de Género",
            "es",
            "America/Mexico_City",
            ("es", "en"),
        ),
        SpaceMembership.Role.COORDINATOR,
        "+52 55 3000 2100",
        True,
        False,
    ),
    (
        _person(
            "focal_ca",
            "sarah.thompson@example.org",
            "Sarah Thompson",
            "CA",
            "Employment and Social Development Canada, Labour Program",
            "Senior Policy Analyst, Gender Equality",
            "en",
            "America/Toronto",
            ("en", "fr"),
        ),
        SpaceMembership.Role.COORDINATOR,
        "",
        True,
        False,
    ),
    (
        _person(
            "focal_cl",
            "camila.fuentes@example.org",
            "Camila Andrea Fuentes Soto",
            "CL",
            "Ministerio del Trabajo y Previsión Social de Chile",
            "Encargada de Género, Subsecretaría del Trabajo",
            "es",
            "America/Santiago",
            ("es",),
        ),
        SpaceMembership.Role.MEMBER,
        "+56 2 2753 0400",
        False,
        True,
    ),
    (
        _person(
            "focal_pe",
            "rosa.quispe@example.org",
            "Rosa Elvira Quispe Mamani",
            "PE",
            "Ministerio de Trabajo y Promoción del Empleo del Perú",
            "Especialista en igualdad de género y no discriminación",
            "es",
            "America/Lima",
            ("es",),
        ),
        SpaceMembership.Role.MEMBER,
        "",
        True,
        False,
    ),
    (
        _person(
            "focal_do",
            "yokasta.pena@example.org",
            "Yokasta Altagracia Peña",
            "DO",
            "Ministerio de Trabajo de la República Dominicana",
            "Encargada del Departamento de Equidad de Género",
            "es",
            "America/Santo_Domingo",
            ("es",),
        ),
        SpaceMembership.Role.MEMBER,
        "+1 809 535 4404",
        False,
        False,
    ),
    (
        _person(
            "focal_jm",
            "andrea.campbell@example.org",
            "Andrea Campbell-Brown",
            "JM",
            "Ministry of Labour and Social Security of Jamaica",
            "Gender Focal Point, Policy and Research Unit",
            "en",
            "America/Jamaica",
            ("en",),
        ),
        SpaceMembership.Role.MEMBER,
        "+1 876 922 9500",
        True,
        True,
    ),
]

# (kind, title, days from today (negative: past), hour, minutes, description, outcome, document)
EVENTS = [
    (
        SpaceEvent.Kind.VIRTUAL_DIALOGUE,
        "Diálogo virtual: la economía del cuidado y las licencias parentales",
        -220,
        10,
        150,
        "Cómo los ministerios de trabajo promueven la **corresponsabilidad** en los cuidados: "
        "licencias de paternidad, salas de lactancia y servicios de cuidado para personas "
        "trabajadoras.\n\n1. Presentación de Chile y Canadá\n2. Preguntas de la red\n"
        "3. Próximos pasos",
        "Participaron 14 ministerios. Acuerdos:\n\n"
        "- elaborar una **ficha comparada** de licencias parentales en las Américas "
        "(coordina Argentina);\n"
        "- compartir en el foro los protocolos de salas de lactancia de cada ministerio;\n"
        "- proponer el tema de los cuidados para la próxima reunión de la CIMT.",
        (
            "Documento de resultados - Diálogo sobre economía del cuidado",
            "resultados-dialogo-cuidados.pdf",
            [
                "Participaron puntos focales de 14 ministerios de trabajo de las Américas.",
                "Chile presentó su experiencia con el permiso postnatal parental y Canadá "
                "su prestación parental compartida.",
                "Acuerdo 1: elaborar una ficha comparada de licencias parentales en la "
                "región, coordinada por Argentina.",
                "Acuerdo 2: compartir en el foro de la red los protocolos de salas de "
                "lactancia de cada ministerio.",
                "Acuerdo 3: proponer los cuidados como tema de la próxima reunión de la CIMT.",
            ],
        ),
    ),
    (
        SpaceEvent.Kind.VIRTUAL_DIALOGUE,
        "Diálogo virtual: el Convenio 190 y la violencia y el acoso en el trabajo",
        -95,
        10,
        180,
        "Qué cambió en los países que **ratificaron el Convenio 190**: registro de denuncias, "
        "formación de la inspección del trabajo y coordinación con los mecanismos para el "
        "adelanto de las mujeres.",
        "Participaron 17 ministerios. Acuerdos:\n\n"
        "- reunir los **protocolos de inspección** sobre violencia y acoso en una carpeta "
        "común de la red;\n"
        "- preparar con la Secretaría Técnica un módulo de formación para inspectores e "
        "inspectoras;\n"
        "- México y Perú presentarán sus sistemas de registro de denuncias en la reunión "
        "semestral.",
        (
            "Documento de resultados - Diálogo sobre el Convenio 190",
            "resultados-dialogo-c190.pdf",
            [
                "Participaron puntos focales de 17 ministerios de trabajo.",
                "Los países que ratificaron el Convenio 190 describieron cambios en sus "
                "leyes, en el registro de denuncias y en la formación de la inspección.",
                "Acuerdo 1: reunir los protocolos de inspección sobre violencia y acoso en "
                "una carpeta común de la red.",
                "Acuerdo 2: preparar con la Secretaría Técnica un módulo de formación para "
                "inspectores e inspectoras del trabajo.",
                "Acuerdo 3: México y Perú presentarán sus sistemas de registro de denuncias "
                "en la reunión semestral.",
            ],
        ),
    ),
    (
        SpaceEvent.Kind.MEETING,
        "Reunión semestral de la red: balance del plan de trabajo",
        -150,
        9,
        180,
        "Balance del plan de trabajo y elección del comité de coordinación.",
        "Se renovó el comité de coordinación: Argentina, Canadá, Haití y México.",
        None,
    ),
    (
        SpaceEvent.Kind.MEETING,
        "Reunión semestral de la red: plan de trabajo del próximo año",
        25,
        9,
        180,
        "Orden del día:\n\n1. Avances de la ficha comparada de licencias parentales\n"
        "2. Sistemas de registro de denuncias de violencia y acoso (México y Perú)\n"
        "3. Plan de trabajo del próximo año\n4. Varios",
        "",
        None,
    ),
]

ANNOUNCEMENT = (
    "Convocatoria: reunión semestral de la red",
    "Estimadas y estimados puntos focales:\n\nLes convocamos a la **reunión semestral** de la "
    "red. Encontrarán el orden del día y el enlace en la página de la comunidad.\n\n"
    "Por favor, confirmen su participación y envíen antes de la reunión los avances de su "
    "ministerio en la ficha comparada de licencias parentales.\n\nEl comité de coordinación",
)


@transaction.atomic
def ensure_communities() -> int:
    """Fill in the gender focal-point network. Returns the number of things created."""
    space = Space.objects.filter(slug=SLUG).first()
    if space is None:
        return 0
    created = 0
    if not space.purpose:
        space.purpose = PURPOSE
        space.areas_of_action = AREAS
        space.join_policy = Space.JoinPolicy.REQUEST
        space.save()
    created += _members(space)
    coordinator = User.objects.get(email="focal@example.org")
    SpaceMembership.objects.filter(space=space, user=coordinator).update(
        role=SpaceMembership.Role.COORDINATOR
    )
    created += _events(space, coordinator)
    created += _announcement(space, coordinator)
    created += _pending_request(space)
    return created


def _members(space: Space) -> int:
    created = 0
    for person, role, phone, show_email, show_phone in MEMBERS:
        user, _new = ensure_person(person)
        _membership, new = SpaceMembership.objects.get_or_create(
            space=space,
            user=user,
            defaults={
                "role": role,
                "phone": phone,
                "show_email": show_email,
                "show_phone": show_phone,
            },
        )
        created += int(new)
    # María Fernanda (Costa Rica) shares her address with the network.
    SpaceMembership.objects.filter(space=space, user__email="learner@example.org", phone="").update(
        phone="+506 2542 0000", show_email=True
    )
    return created


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(ZONE))


def _events(space: Space, coordinator: User) -> int:
    created = 0
    for kind, title, days, hour, minutes, description, outcome, document in EVENTS:
        if SpaceEvent.objects.filter(space=space, title=title).exists():
            continue
        event = SpaceEvent.objects.create(
            space=space,
            kind=kind,
            title=title,
            description=description,
            description_html=render_markdown(description),
            starts_at=_at(days, hour),
            time_zone=ZONE,
            duration_minutes=minutes,
            link="https://meet.example.org/red-genero" if days > 0 else "",
            outcome=outcome,
            outcome_html=render_markdown(outcome) if outcome else "",
            created_by=coordinator,
        )
        if document is not None:
            doc_title, filename, paragraphs = document
            content = outcome_pdf(doc_title, event.starts_at, paragraphs)
            item = SpaceEventDocument(
                event=event, title=doc_title, size=len(content), uploaded_by=coordinator
            )
            item.file.save(filename, ContentFile(content), save=False)
            item.save()
        created += 1
    return created


def outcome_pdf(title: str, when: datetime.datetime, paragraphs: list[str]) -> bytes:
    """A one-page outcome document (Latin-1 text: the PDF core fonts)."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author("Red de puntos focales de género - RIAL")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.cell(0, 8, "Red Interamericana para la Administración Laboral (RIAL)")
    pdf.ln(8)
    pdf.cell(0, 8, "Red de puntos focales de género de los ministerios de trabajo")
    pdf.ln(14)
    pdf.set_font("helvetica", "B", 16)
    pdf.multi_cell(0, 8, title)
    pdf.ln(4)
    pdf.set_font("helvetica", "", 11)
    pdf.cell(0, 6, "Fecha: " + when.strftime("%d/%m/%Y"))
    pdf.ln(10)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln(3)
    pdf.ln(6)
    pdf.set_font("helvetica", "I", 10)
    pdf.multi_cell(0, 5, "Documento de demostración de RIAL Campus.")
    return bytes(pdf.output())


def _announcement(space: Space, coordinator: User) -> int:
    title, body = ANNOUNCEMENT
    if Topic.objects.filter(space=space, title=title).exists():
        return 0
    category = Category.objects.filter(space=space).order_by("position", "pk").first()
    if category is None:
        category = Category.objects.create(space=space, name="General", slug="general")
    when = timezone.now() - datetime.timedelta(days=2)
    topic = Topic.objects.create(
        space=space,
        category=category,
        title=title,
        author=coordinator,
        created_at=when,
        last_posted_at=when,
        last_post_author=coordinator,
        post_count=1,
        is_announcement=True,
        is_pinned=True,
    )
    Post.objects.create(
        topic=topic,
        number=1,
        author=coordinator,
        body=body,
        body_html=render_markdown(body),
        created_at=when,
    )
    return 1


def _pending_request(space: Space) -> int:
    """Diego Armando Salazar (Peru, demo cohort) asks to join; a coordinator answers."""
    diego = User.objects.filter(email="learner2@example.org").first()
    if diego is None or JoinRequest.objects.filter(space=space, user=diego).exists():
        return 0
    if SpaceMembership.objects.filter(space=space, user=diego).exists():
        return 0
    join_request_create(
        user=diego,
        space=space,
        message=(
            "Soy analista en el Ministerio de Trabajo y Promoción del Empleo del Perú y desde "
            "este año acompaño a la unidad de igualdad de género. Me gustaría sumarme a la red "
            "para aprender de las experiencias con el Convenio 190."
        ),
    )
    return 1
