"""Demo experts network: two experts with profiles, office hours (one past with its
transcript, one coming up with subscribers and queued questions) and questions
to experts, one answered and marked helpful, one waiting."""

import datetime
import uuid
import zoneinfo

from django.db import transaction
from django.utils import timezone

from cms.demo.accounts import DemoPerson, ensure_person
from courses.models import Theme
from forum import services as expert_services
from forum.models import (
    ExpertProfile,
    ExpertQuestion,
    Message,
    OfficeHour,
    OfficeHourQuestion,
    OfficeHourSubscription,
    OfficeHourVote,
    Room,
    Space,
    SpaceMembership,
)
from lms.choices import Role
from lms.markup import render_markdown
from lms.models import User

SECOND_EXPERT = DemoPerson(
    key="expert2",
    email="expert2@example.org",
    full_name="Marie-Claude Tremblay",
    country="CA",
    institution="Employment and Social Development Canada, Labour Program",
    position="Senior policy advisor, occupational health and safety",
    preferred_language="fr",
    time_zone="America/Toronto",
    languages=("fr", "en", "es"),
    roles=(Role.PARTICIPANT,),
)

PROFILES = {
    "expert@example.org": {
        "headline": "Especialista en violencia y acoso en el mundo del trabajo (Convenio 190)",
        "bio": (
            "Auditora fiscal del trabajo durante quince años. Coordinó la elaboración de "
            "protocolos de atención de denuncias de acoso en ministerios de trabajo de la "
            "región y acompaña a los puntos focales de género de la RIAL.\n\n"
            "Temas de trabajo: **prevención**, ruta de denuncia, inspección con enfoque de "
            "género y reparación."
        ),
        "themes": ["violence-harassment", "gender-equality", "labour-inspection"],
        "workshops": ["taller-dialogo-social-bogota-2022"],
        "seminars": (
            "Seminario virtual «El Convenio 190 en la práctica de la inspección» (2024)\n"
            "Taller subregional del Cono Sur sobre igualdad de género (Montevideo, 2023)"
        ),
        "availability": "Responde en dos días hábiles. Horas de consulta una vez al mes.",
    },
    "expert2@example.org": {
        "headline": "Conseillère en santé et sécurité au travail et en télétravail",
        "bio": (
            "Conseillère principale au Programme du travail. A dirigé la révision des "
            "lignes directrices fédérales sur le télétravail et la prévention des risques "
            "psychosociaux.\n\nTravaille en français, anglais et espagnol."
        ),
        "themes": ["occupational-safety-health", "telework", "working-conditions"],
        "workshops": [],
        "seminars": "Hemispheric seminar on telework regulation (virtual, 2023)",
        "availability": "Office hours every other month; written questions answered weekly.",
    },
}


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _profile(email: str, granter: User) -> ExpertProfile:
    user = _user(email)
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    data = PROFILES[email]
    profile = expert_services.expert_grant(actor=granter, user=user)
    expert_services.expert_profile_update(
        actor=granter,
        profile=profile,
        headline=data["headline"],
        bio=data["bio"],
        themes=list(Theme.objects.filter(code__in=data["themes"])),
        workshops=list(Space.objects.filter(slug__in=data["workshops"])),
        seminars=data["seminars"],
        availability=data["availability"],
        accepts_questions=True,
    )
    return profile


def _message(room: Room, author: User, body: str, at: datetime.datetime) -> Message:
    seq = room.last_seq + 1
    message = Message.objects.create(
        room=room,
        seq=seq,
        author=author,
        client_id=uuid.uuid4(),
        body=body,
        body_html=render_markdown(body),
        created_at=at,
    )
    room.last_seq = seq
    Room.objects.filter(pk=room.pk).update(last_seq=seq)
    return message


def _session(
    *, expert: User, topic: str, description: str, language: str, starts_at, zone: str
) -> OfficeHour:
    """Create the session without the service's "in the future" check (past demo data)."""
    profile = ExpertProfile.objects.get(user=expert)
    space = profile.office_space
    room = Room.objects.create(
        space=space, name=topic[:120], slug=f"oh-demo-{uuid.uuid4().hex[:8]}", topic=topic
    )
    return OfficeHour.objects.create(
        space=space,
        expert=expert,
        topic=topic,
        description=description,
        description_html=render_markdown(description),
        language=language,
        starts_at=starts_at,
        time_zone=zone,
        duration_minutes=60,
        room=room,
    )


def _queue(session: OfficeHour, items) -> list[OfficeHourQuestion]:
    questions = []
    for author, body, voters in items:
        OfficeHourSubscription.objects.get_or_create(session=session, user=author)
        question = OfficeHourQuestion.objects.create(
            session=session, author=author, body=body, body_html=render_markdown(body)
        )
        for voter in voters:
            OfficeHourSubscription.objects.get_or_create(session=session, user=voter)
            OfficeHourVote.objects.create(question=question, user=voter)
        question.vote_count = len(voters)
        question.save(update_fields=["vote_count"])
        questions.append(question)
    return questions


@transaction.atomic
def ensure_experts() -> None:
    if OfficeHour.objects.exists():
        return
    ensure_person(SECOND_EXPERT)
    granter = User.objects.filter(is_superuser=True).order_by("pk").first()
    patricia = _profile("expert@example.org", granter).user
    marie = _profile("expert2@example.org", granter).user
    learner = _user("learner@example.org")
    diego = _user("learner2@example.org")
    lucia = _user("learner4@example.org")
    marcelo = _user("learner7@example.org")
    now = timezone.now().replace(second=0, microsecond=0)

    # A past session, with its transcript.
    past = _session(
        expert=marie,
        topic="Teletrabajo: derecho a la desconexión y riesgos psicosociales",
        description="Sesión abierta sobre cómo regular y fiscalizar el teletrabajo.",
        language="es",
        starts_at=now - datetime.timedelta(days=16, hours=2),
        zone="America/Toronto",
    )
    asked = _queue(
        past,
        [
            (
                diego,
                "¿Cómo verifica la inspección el derecho a la desconexión sin entrar al hogar?",
                [learner, lucia],
            ),
            (marcelo, "¿Qué indicadores usan para los riesgos psicosociales?", [diego]),
        ],
    )
    start = past.starts_at
    _message(
        past.room,
        marie,
        "Bienvenidas y bienvenidos. Empiezo por la pregunta más votada.",
        start + datetime.timedelta(minutes=2),
    )
    answer = _message(
        past.room,
        marie,
        "La inspección revisa **registros de jornada** y las políticas de la empresa; "
        "la visita al domicilio solo con consentimiento. En Canadá usamos cuestionarios "
        "a las personas trabajadoras.",
        start + datetime.timedelta(minutes=6),
    )
    asked[0].answered_at = answer.created_at
    asked[0].answer_seq = answer.seq
    asked[0].save(update_fields=["answered_at", "answer_seq"])
    _message(
        past.room,
        diego,
        "¡Muy claro, gracias! ¿Pueden compartir el cuestionario?",
        start + datetime.timedelta(minutes=9),
    )
    second = _message(
        past.room,
        marie,
        "Sí, lo dejo en el foro. Sobre indicadores: horas fuera de jornada, "
        "ausentismo y encuestas de carga mental.",
        start + datetime.timedelta(minutes=15),
    )
    asked[1].answered_at = second.created_at
    asked[1].answer_seq = second.seq
    asked[1].save(update_fields=["answered_at", "answer_seq"])

    # A session coming up, with subscribers and queued questions.
    upcoming = _session(
        expert=patricia,
        topic="Protocolos para atender denuncias de violencia y acoso en el trabajo",
        description=(
            "Cómo diseñar la ruta de denuncia en el ministerio: recepción, "
            "confidencialidad, plazos y coordinación con la inspección."
        ),
        language="es",
        starts_at=(now + datetime.timedelta(days=3))
        .astimezone(zoneinfo.ZoneInfo("America/Sao_Paulo"))
        .replace(hour=14, minute=0),
        zone="America/Sao_Paulo",
    )
    _queue(
        upcoming,
        [
            (
                learner,
                "¿Qué plazos máximos recomiendan para la primera respuesta a una denuncia?",
                [diego, lucia],
            ),
            (lucia, "¿Cómo proteger a las personas denunciantes frente a represalias?", []),
        ],
    )

    # Questions to experts: one answered and marked helpful, one waiting.
    question = expert_services.question_ask(
        user=learner,
        title="¿Cómo incorporar el Convenio 190 en el protocolo interno del ministerio?",
        body="Estamos revisando nuestro protocolo de 2019. ¿Por dónde conviene empezar?",
        expert=patricia,
    )
    asked_at = now - datetime.timedelta(days=5)
    ExpertQuestion.objects.filter(pk=question.pk).update(created_at=asked_at)
    reply = _message(
        question.room,
        patricia,
        "Empiece por la **definición amplia** de violencia y acoso del artículo 1 y por "
        "incluir a terceros (usuarios, proveedores). Le comparto un modelo.",
        asked_at + datetime.timedelta(hours=5),
    )
    ExpertQuestion.objects.filter(pk=question.pk).update(
        status=ExpertQuestion.Status.ANSWERED,
        first_answer_at=reply.created_at,
        answered_by=patricia,
        helpful_message=reply,
    )
    expert_services.question_ask(
        user=diego,
        title="¿Hay guías para inspeccionar el teletrabajo en plataformas?",
        body="Buscamos experiencias de otros ministerios para el plan de inspección 2027.",
        theme=Theme.objects.get(code="telework"),
    )
    # The experts answer in the network's public room too.
    SpaceMembership.objects.get_or_create(
        space=Space.objects.get(slug="rial"),
        user=marie,
        defaults={"role": SpaceMembership.Role.MODERATOR},
    )
