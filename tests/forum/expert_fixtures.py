"""The experts network of the expert tests: two experts, an official, someone else."""

import uuid

import pytest

from courses.models import Theme
from forum import services
from forum.models import Room
from lms.models import ProfileLanguage
from tests.factories import ProfileFactory


def make_person(name, *, country="CL", languages=("es",), **profile):
    user = ProfileFactory(user__full_name=name, country=country, **profile).user
    for code in languages:
        ProfileLanguage.objects.create(profile=user.profile, language=code)
    return user


def make_expert(secretariat, name, themes, *, country="BR", languages=("pt", "es"), **extra):
    user = make_person(name, country=country, languages=languages)
    profile = services.expert_grant(actor=secretariat, user=user)
    services.expert_profile_update(
        actor=user,
        profile=profile,
        headline=extra.get("headline", "Especialista"),
        bio=extra.get("bio", "Bio **en negrita**"),
        themes=Theme.objects.filter(code__in=themes),
        workshops=[],
        seminars="",
        availability="Dos días hábiles",
        accepts_questions=extra.get("accepts_questions", True),
    )
    return user


@pytest.fixture
def network(secretariat):
    patricia = make_expert(
        secretariat, "Patrícia Alves", ["fundamental-rights", "gender-programmes"]
    )
    marie = make_expert(
        secretariat,
        "Marie Tremblay",
        ["working-conditions", "fundamental-rights"],
        country="CA",
        languages=("fr", "en"),
    )
    official = make_person("Ana Official", country="CR")
    other = make_person("Otra Persona", country="PE")
    return {
        "secretariat": secretariat,
        "patricia": patricia,
        "marie": marie,
        "official": official,
        "other": other,
    }


def ask_question(network, **kwargs):
    kwargs.setdefault("title", "¿Cómo aplicar el Convenio 190?")
    kwargs.setdefault("body", "Contexto del ministerio.")
    return services.question_ask(user=network["official"], **kwargs)


def say(user, room, body="Respuesta"):
    room = Room.objects.select_related("space").get(pk=room.pk)
    return services.chat_message_send(user=user, room=room, client_id=uuid.uuid4(), body=body)
