import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from lms.choices import Country, Role
from lms.models import Profile, User
from tests.factories import UserFactory


@pytest.mark.django_db
def test_users_are_identified_by_lowercased_email():
    user = User.objects.create_user("Maria.Rojas@Example.ORG", "a-long-password-1")
    assert user.email == "maria.rojas@example.org"
    assert User.objects.get_by_natural_key("MARIA.ROJAS@example.org") == user


@pytest.mark.django_db
def test_email_is_unique_whatever_its_case():
    User.objects.create_user("ana@example.org", "a-long-password-1")
    with pytest.raises(IntegrityError):
        User.objects.create(email="ANA@example.org")


@pytest.mark.django_db
def test_full_clean_reports_a_duplicate_email_clearly():
    UserFactory(email="ana@example.org")
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            User(email="Ana@Example.org", full_name="Ana").full_clean(exclude=["password"])
        assert "A person with this email address already exists." in str(error.value)


@pytest.mark.django_db
def test_names_never_fall_back_to_the_email_address():
    named = UserFactory(full_name="María Fernanda Rojas Solano")
    assert named.get_full_name() == "María Fernanda Rojas Solano"
    assert named.get_short_name() == "María"
    assert str(named) == "María Fernanda Rojas Solano"
    anonymous = UserFactory(full_name="", email="jb@example.org")
    # Others see no email address in place of a name (it is contact data).
    with translation.override("en"):
        assert anonymous.get_full_name() == f"Participant {anonymous.pk}"
    with translation.override("es"):
        assert anonymous.get_full_name() == f"Participante {anonymous.pk}"
    assert anonymous.get_short_name() == "jb"


@pytest.mark.django_db
def test_superuser_is_staff_and_counts_as_secretariat():
    admin = User.objects.create_superuser("admin@example.org", "a-long-password-1")
    assert admin.is_staff and admin.is_superuser and admin.is_secretariat


@pytest.mark.django_db
def test_roles_come_from_grants():
    user = UserFactory(roles=[Role.PARTICIPANT, Role.TUTOR])
    assert user.roles == {"participant", "tutor"}
    assert user.has_role(Role.TUTOR) and not user.has_role(Role.EXPERT)
    assert not user.is_secretariat


def test_the_35_oas_member_states_are_the_countries():
    assert len(Country.choices) == 35
    assert {"BR", "CA", "US", "HT", "TT", "VC"} <= set(Country.values)


@pytest.mark.django_db
def test_profile_rejects_unknown_time_zone(user):
    profile = Profile.objects.get(user=user)
    profile.time_zone = "Mars/Olympus_Mons"
    with pytest.raises(ValidationError):
        profile.full_clean()
