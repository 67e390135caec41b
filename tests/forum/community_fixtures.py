"""A community of practice for the community tests, and what they share."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from forum.models import Room, Space, SpaceEvent, SpaceMembership
from tests.factories import CategoryFactory, ProfileFactory, SpaceFactory

ALREADY_ASKED = "You have already asked to join; a coordinator will answer soon."
LAST_COORDINATOR = (
    "You are the last coordinator of this community: ask the secretariat "
    "to name another coordinator before you leave."
)
PDF = b"%PDF-1.4\n% a tiny test document\n"


def url(name, **kwargs):
    """Spanish pages, whatever language an earlier test left active."""
    with translation.override("es"):
        return reverse(f"forum:{name}", kwargs=kwargs)


def es(text):
    """A message as the Spanish pages say it (the catalogues are being translated)."""
    with translation.override("es"):
        return translation.gettext(text)


def said(text):
    """A service's message in the active language, as a pattern for pytest.raises."""
    return re.escape(translation.gettext(text))


def person(name, country="CL", **profile):
    return ProfileFactory(user__full_name=name, country=country, **profile).user


@pytest.fixture
def network(db):
    """A community that takes requests: a coordinator, two members (one shows her contact
    data, one hides his), somebody outside, and a workshop that is not a community."""
    space = SpaceFactory(
        kind=Space.Kind.COMMUNITY,
        name="Red de puntos focales de género",
        slug="red-genero",
        purpose="La **igualdad de género** en los ministerios de trabajo.",
        areas_of_action="Convenio 190\nEconomía del cuidado\n",
        join_policy=Space.JoinPolicy.REQUEST,
    )
    Room.objects.create(space=space, name="Sala de la red", slug="sala-red")
    CategoryFactory(space=space)
    coordinator = person(
        "Valeria Castro",
        country="AR",
        institution="Secretaría de Trabajo de Argentina",
        position="Coordinadora de género",
    )
    shows = person("Camila Fuentes Gómez", country="CL", position="Encargada de género")
    hides = person("Beto Oculto Reservado", country="PE")
    outsider = person("Persona Ajena", country="MX")
    SpaceMembership.objects.create(
        space=space, user=coordinator, role="coordinator", phone="+54 11 4310 5000"
    )
    SpaceMembership.objects.create(
        space=space, user=shows, phone="+56 2 2753 0400", show_email=True, show_phone=True
    )
    SpaceMembership.objects.create(
        space=space, user=hides, phone="+51 1 630 6000", show_email=False, show_phone=False
    )
    workshop = SpaceFactory(kind=Space.Kind.WORKSHOP, name="Taller", slug="taller")
    return {
        "space": space,
        "coordinator": coordinator,
        "shows": shows,
        "hides": hides,
        "outsider": outsider,
        "workshop": workshop,
    }


def contact_data(network):
    """Every email address and telephone of the members, shown or not."""
    data = []
    for membership in SpaceMembership.objects.filter(space=network["space"]).select_related("user"):
        data.append(membership.user.email)
        if membership.phone:
            data.append(membership.phone)
    return data


def an_event(network, **kwargs):
    kwargs.setdefault("kind", SpaceEvent.Kind.VIRTUAL_DIALOGUE)
    kwargs.setdefault("title", "Diálogo sobre el Convenio 190")
    kwargs.setdefault("starts_at", timezone.now() - datetime.timedelta(days=30))
    kwargs.setdefault("duration_minutes", 120)
    return SpaceEvent.objects.create(space=network["space"], **kwargs)


def pdf(name="resultados.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")
