"""The secretariat manages people and grants roles in the Wagtail admin."""

import pytest
from django.urls import reverse

from lms.choices import Role
from lms.models import Profile, RoleGrant, User
from tests.mfa import mfa_force_login


@pytest.fixture
def admin_client(client, secretariat):
    mfa_force_login(client, secretariat)
    return client


@pytest.mark.django_db
def test_people_without_the_role_cannot_open_the_admin(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code in {302, 403}
    assert client.get(reverse("wagtailadmin_home")).status_code in {302, 403}


@pytest.mark.django_db
def test_secretariat_lists_people_and_filters_by_role(admin_client, user, other_user, secretariat):
    from lms import services

    services.role_grant(actor=secretariat, user=other_user, role=Role.EXPERT)
    response = admin_client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert user.email in html and other_user.email in html

    response = admin_client.get(reverse("wagtailusers_users:index"), {"role": Role.EXPERT})
    html = response.content.decode()
    assert other_user.email in html and user.email not in html


@pytest.mark.django_db
def test_secretariat_searches_people_by_name(admin_client, user, other_user):
    response = admin_client.get(reverse("wagtailusers_users:index"), {"q": "Roberto"})
    html = response.content.decode()
    assert other_user.email in html and user.email not in html


@pytest.mark.django_db
def test_secretariat_creates_a_person_with_name_and_roles(admin_client, secretariat):
    response = admin_client.get(reverse("wagtailusers_users:add"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="full_name"' in html and 'name="rial_roles"' in html
    assert 'name="first_name"' not in html

    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "Nueva.Tutora@Example.org",
            "full_name": "Gabriela Núñez",
            "password1": "a-long-password-for-her-1",
            "password2": "a-long-password-for-her-1",
            "rial_roles": [Role.PARTICIPANT, Role.TUTOR],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person = User.objects.get(email="nueva.tutora@example.org")
    assert person.full_name == "Gabriela Núñez"
    assert Profile.objects.filter(user=person).exists()
    grants = RoleGrant.objects.filter(user=person)
    assert set(grants.values_list("role", flat=True)) == {"participant", "tutor"}
    assert all(grant.granted_by == secretariat for grant in grants)


@pytest.mark.django_db
def test_secretariat_changes_someones_roles(admin_client, user):
    edit_url = reverse("wagtailusers_users:edit", args=[user.pk])
    page = admin_client.get(edit_url).content.decode()
    assert 'value="participant"' in page and "checked" in page
    response = admin_client.post(
        edit_url,
        {
            "email": user.email,
            "full_name": "Ana María Torres",
            "is_active": "on",
            "rial_roles": [Role.FOCAL_POINT],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(RoleGrant.objects.filter(user=user).values_list("role", flat=True)) == {
        "focal_point"
    }


@pytest.mark.django_db
def test_nobody_edits_their_own_roles_in_the_admin(admin_client, secretariat):
    edit_url = reverse("wagtailusers_users:edit", args=[secretariat.pk])
    html = admin_client.get(edit_url).content.decode()
    assert 'name="rial_roles"' not in html
    response = admin_client.post(
        edit_url,
        {
            "email": secretariat.email,
            "full_name": "Secretaría Técnica",
            "rial_roles": [],
        },
    )
    assert response.status_code == 302
    assert secretariat.role_grants.filter(role=Role.SECRETARIAT).exists()


@pytest.mark.django_db
def test_secretariat_sets_a_focal_points_country_in_the_admin(admin_client, user):
    RoleGrant.objects.create(user=user, role=Role.FOCAL_POINT)
    edit_url = reverse("wagtailusers_users:edit", args=[user.pk])
    assert 'name="country"' in admin_client.get(edit_url).content.decode()
    response = admin_client.post(
        edit_url,
        {
            "email": user.email,
            "full_name": user.full_name,
            "is_active": "on",
            "rial_roles": [Role.FOCAL_POINT],
            "country": "UY",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Profile.objects.get(user=user).country == "UY"
