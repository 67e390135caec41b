import datetime

import pytest
from django.utils import timezone

from lms.choices import Role
from priorities.models import Questionnaire, secretariat_zone
from tests.factories import ProfileFactory, UserFactory


def make_focal(country: str, **extra):
    user = UserFactory(roles=[Role.PARTICIPANT, Role.FOCAL_POINT], **extra)
    ProfileFactory(user=user, country=country)
    return user


def today():
    return timezone.localtime(timezone.now(), secretariat_zone()).date()


@pytest.fixture
def questionnaire(db):
    return Questionnaire.objects.create(
        title="Prioridades 2028-2030",
        period="2028-2030",
        introduction="Elija **cinco** temas.",
        opens_on=today() - datetime.timedelta(days=3),
        closes_on=today() + datetime.timedelta(days=20),
    )


@pytest.fixture
def closed(db):
    return Questionnaire.objects.create(
        title="Prioridades 2025-2027",
        period="2025-2027",
        opens_on=today() - datetime.timedelta(days=60),
        closes_on=today() - datetime.timedelta(days=30),
    )
