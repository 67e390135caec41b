"""A workshop follow-up space with its people, shared by the forum tests."""

import uuid

import pytest

from forum.models import SpaceMembership
from lms.choices import Role
from tests.factories import CategoryFactory, ProfileFactory, SpaceFactory, UserFactory


@pytest.fixture
def no_flood(settings):
    settings.RIAL_FORUM_FLOOD_SECONDS = 0


@pytest.fixture
def english():
    """Messages are matched in English; other tests check the translations."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def workshop(db):
    space = SpaceFactory(kind="workshop", name="Taller Bogotá", slug="bogota")
    questions = CategoryFactory(space=space, name="Preguntas")
    stories = CategoryFactory(space=space, name="Experiencias")
    alice = ProfileFactory(user__full_name="Alicia Gómez").user
    bruno = ProfileFactory(user__full_name="Bruno Reis", preferred_language="pt").user
    mod = ProfileFactory(user__full_name="Moderadora Paz").user
    expert = UserFactory(full_name="Patrícia Alves", roles=[Role.PARTICIPANT, Role.EXPERT])
    ProfileFactory(user=expert)
    outsider = ProfileFactory(user__full_name="Persona Ajena").user
    SpaceMembership.objects.create(space=space, user=alice)
    SpaceMembership.objects.create(space=space, user=bruno)
    SpaceMembership.objects.create(space=space, user=expert)
    SpaceMembership.objects.create(space=space, user=mod, role="moderator")
    other = SpaceFactory(kind="community", name="Otra red", slug="otra")
    CategoryFactory(space=other)
    neighbour = ProfileFactory(user__full_name="Vecina De Otra").user
    SpaceMembership.objects.create(space=other, user=neighbour)
    return {
        "space": space,
        "questions": questions,
        "stories": stories,
        "alice": alice,
        "bruno": bruno,
        "mod": mod,
        "expert": expert,
        "outsider": outsider,
        "other": other,
        "neighbour": neighbour,
    }


def ask(workshop, body="¿Cómo formalizar la mesa?", **kwargs):
    from forum import services

    kwargs.setdefault("user", workshop["alice"])
    kwargs.setdefault("title", "¿Mesa tripartita?")
    kwargs.setdefault("is_question", True)
    return services.topic_create(
        space=workshop["space"],
        category=workshop["questions"],
        body=body,
        token=uuid.uuid4(),
        **kwargs,
    ).topic


def reply(workshop, topic, user, body="Respuesta", token=None, files=()):
    """``user`` (a key of the workshop) replies to ``topic``."""
    from forum import services

    return services.post_reply(
        user=workshop[user], topic=topic, body=body, token=token or uuid.uuid4(), files=files
    )


def community_event(coordinator, slug="red-genero"):
    """A community coordinated by ``coordinator``, with a virtual dialogue held today."""
    from django.utils import timezone

    from forum.models import SpaceEvent

    space = SpaceFactory(kind="community", name="Red de género", slug=slug)
    SpaceMembership.objects.create(space=space, user=coordinator, role="coordinator")
    return SpaceEvent.objects.create(
        space=space,
        kind=SpaceEvent.Kind.VIRTUAL_DIALOGUE,
        title="Diálogo",
        starts_at=timezone.now(),
    )
