import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from lms import services
from lms.choices import Role
from lms.models import Profile, RoleGrant
from tests.factories import UserFactory


def _update(actor, user, **overrides):
    data = {
        "full_name": "Ana María Torres",
        "country": "CL",
        "institution": "Ministerio del Trabajo y Previsión Social de Chile",
        "position": "Jefa de unidad",
        "preferred_language": "es",
        "time_zone": "America/Santiago",
        "spoken_languages": ["es", "en"],
    }
    data.update(overrides)
    return services.profile_update(actor=actor, user=user, **data)


@pytest.mark.django_db
def test_profile_update_saves_everything(user):
    profile = _update(user, user, spoken_languages=["pt", "es", "pt"])
    profile.refresh_from_db()
    user.refresh_from_db()
    assert user.full_name == "Ana María Torres"
    assert profile.country == "CL"
    assert profile.time_zone == "America/Santiago"
    assert sorted(profile.spoken_language_codes) == ["es", "pt"]


@pytest.mark.django_db
def test_profile_update_replaces_languages(user):
    _update(user, user, spoken_languages=["es", "en"])
    profile = _update(user, user, spoken_languages=["fr"])
    assert profile.spoken_language_codes == ["fr"]


@pytest.mark.django_db
def test_profile_update_creates_a_missing_profile():
    person = UserFactory()
    assert not Profile.objects.filter(user=person).exists()
    _update(person, person)
    assert Profile.objects.filter(user=person).exists()


@pytest.mark.django_db
def test_nobody_edits_someone_elses_profile(user, other_user):
    with pytest.raises(PermissionDenied):
        _update(other_user, user)


@pytest.mark.django_db
def test_secretariat_may_edit_a_profile(user, secretariat):
    _update(secretariat, user, position="Directora")
    assert Profile.objects.get(user=user).position == "Directora"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value",
    [
        ("preferred_language", "de"),
        ("time_zone", "Europe/Nowhere"),
        ("spoken_languages", ["xx"]),
        ("country", "ES"),
    ],
)
def test_bad_profile_input_saves_nothing(user, field, value):
    before = Profile.objects.get(user=user)
    with pytest.raises(ValidationError):
        _update(user, user, **{field: value, "position": "Changed"})
    after = Profile.objects.get(user=user)
    assert after.position == before.position
    assert after.country == before.country


@pytest.mark.django_db
def test_user_register_grants_participant_and_sets_language():
    person = UserFactory(roles=[])
    RoleGrant.objects.filter(user=person).delete()
    profile = services.user_register(
        user=person, full_name="  Jean Pierre ", preferred_language="fr"
    )
    person.refresh_from_db()
    assert person.full_name == "Jean Pierre"
    assert profile.preferred_language == "fr"
    assert set(RoleGrant.objects.filter(user=person).values_list("role", flat=True)) == {
        "participant"
    }


@pytest.mark.django_db
def test_only_the_secretariat_grants_roles(user, other_user, secretariat):
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=other_user, user=user, role=Role.TUTOR)
    with pytest.raises(PermissionDenied):
        services.role_grant(actor=user, user=user, role=Role.EXPERT)
    grant = services.role_grant(actor=secretariat, user=user, role=Role.TUTOR)
    assert grant.granted_by == secretariat
    user.refresh_from_db()
    assert user.has_role(Role.TUTOR)


@pytest.mark.django_db
def test_granting_twice_keeps_one_grant(user, secretariat):
    services.role_grant(actor=secretariat, user=user, role=Role.EXPERT)
    services.role_grant(actor=secretariat, user=user, role=Role.EXPERT)
    assert RoleGrant.objects.filter(user=user, role=Role.EXPERT).count() == 1


@pytest.mark.django_db
def test_unknown_role_is_refused(user, secretariat):
    with pytest.raises(ValidationError):
        services.role_grant(actor=secretariat, user=user, role="emperor")


@pytest.mark.django_db
def test_secretariat_role_opens_and_closes_the_admin(user, secretariat):
    services.role_grant(actor=secretariat, user=user, role=Role.SECRETARIAT)
    user.refresh_from_db()
    assert user.is_staff
    assert user.groups.filter(name=services.SECRETARIAT_GROUP).exists()
    assert user.has_perm("wagtailadmin.access_admin")

    services.role_revoke(actor=secretariat, user=user, role=Role.SECRETARIAT)
    user = type(user).objects.get(pk=user.pk)
    assert not user.is_staff
    assert not user.groups.filter(name=services.SECRETARIAT_GROUP).exists()
    assert not user.has_perm("wagtailadmin.access_admin")


@pytest.mark.django_db
def test_secretariat_group_has_page_and_people_permissions(secretariat):
    group = Group.objects.get(name=services.SECRETARIAT_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_user", "add_user"} <= codenames
    assert group.page_permissions.filter(permission__codename="publish_page").exists()
    assert group.collection_permissions.filter(permission__codename="add_document").exists()
    # Running it again adds nothing twice.
    services.secretariat_group_ensure()
    assert group.page_permissions.filter(permission__codename="publish_page").count() == 1


@pytest.mark.django_db
def test_nobody_removes_their_own_secretariat_role(secretariat):
    with pytest.raises(PermissionDenied):
        services.role_revoke(actor=secretariat, user=secretariat, role=Role.SECRETARIAT)
    assert secretariat.has_role(Role.SECRETARIAT)


@pytest.mark.django_db
def test_roles_set_grants_and_revokes_the_difference(user, secretariat):
    services.roles_set(actor=secretariat, user=user, roles=[Role.PARTICIPANT, Role.EXPERT])
    services.roles_set(actor=secretariat, user=user, roles=[Role.EXPERT, Role.FOCAL_POINT])
    assert set(RoleGrant.objects.filter(user=user).values_list("role", flat=True)) == {
        "expert",
        "focal_point",
    }


@pytest.mark.django_db
def test_profile_set_language(user):
    services.profile_set_language(user=user, language="pt")
    assert Profile.objects.get(user=user).preferred_language == "pt"
    with pytest.raises(ValidationError):
        services.profile_set_language(user=user, language="de")


@pytest.mark.django_db
def test_names_are_kept_on_one_line(user):
    _update(user, user, full_name="Ana\nMaría \x07 Torres\r\n")
    user.refresh_from_db()
    assert user.full_name == "Ana María Torres"


@pytest.mark.django_db
def test_a_focal_point_cannot_change_their_own_country(user):
    _update(user, user, country="CL")
    RoleGrant.objects.create(user=user, role=Role.FOCAL_POINT)
    user.__dict__.pop("roles", None)
    with pytest.raises(ValidationError) as error:
        _update(user, user, country="AR", position="Otra")
    assert "country" in error.value.message_dict
    profile = Profile.objects.get(user=user)
    assert (profile.country, profile.position) == ("CL", "Jefa de unidad")
    _update(user, user, country="CL", position="Otra")  # the rest stays editable
    assert Profile.objects.get(user=user).position == "Otra"


@pytest.mark.django_db
def test_the_secretariat_changes_a_focal_points_country(user, secretariat):
    _update(user, user, country="CL")
    RoleGrant.objects.create(user=user, role=Role.FOCAL_POINT)
    _update(secretariat, user, country="AR")
    assert Profile.objects.get(user=user).country == "AR"


@pytest.mark.django_db
def test_anyone_else_changes_their_own_country(user):
    _update(user, user, country="CL")
    _update(user, user, country="AR")
    assert Profile.objects.get(user=user).country == "AR"
