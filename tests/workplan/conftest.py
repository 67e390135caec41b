"""Fixtures of the work plan's tests: a focal point, a member, the network's fund."""

import pytest

from lms.choices import Role
from tests.factories import ProfileFactory, UserFactory
from workplan.models import Funder


@pytest.fixture
def focal(db):
    user = UserFactory(full_name="Rosa Quispe", roles=[Role.PARTICIPANT, Role.FOCAL_POINT])
    ProfileFactory(user=user, country="PE")
    return user


@pytest.fixture
def member(db):
    return ProfileFactory(user__full_name="Camila Fuentes", country="CL").user


@pytest.fixture
def fund(db):
    return Funder.objects.create(name="Fondo de la RIAL", kind=Funder.Kind.NETWORK_FUND)
