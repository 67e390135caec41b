"""A person declares whom they speak for (actor type); the secretariat verifies it in
its people admin; only a verified one is shown beside the name (lms_tags person_name)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from lms import services
from lms.choices import ActorType, Role
from lms.models import Profile, User
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db


def declare(user, actor_type):
    profile = user.profile
    return services.profile_update(
        actor=user,
        user=user,
        full_name=user.full_name,
        country=profile.country,
        institution=profile.institution,
        position=profile.position,
        preferred_language=profile.preferred_language,
        time_zone=profile.time_zone,
        spoken_languages=[],
        actor_type=actor_type,
    )


def badge(user) -> str:
    fresh = User.objects.select_related("profile").get(pk=user.pk)
    with translation.override("en"):
        return Template("{% load lms_tags %}{% person_name person %}").render(
            Context({"person": fresh})
        )


def test_declared_then_verified_then_cleared_by_a_change(user, secretariat):
    declare(user, ActorType.WORKERS)
    profile = Profile.objects.get(user=user)
    assert profile.actor_type == "workers" and profile.actor_type_verified_at is None
    assert profile.verified_actor_type == ""
    assert badge(user) == "Ana María Torres"  # declared only: no badge

    services.profile_actor_type_verify(actor=secretariat, user=user, verified=True)
    profile.refresh_from_db()
    assert profile.actor_type_verified_by == secretariat and profile.actor_type_verified_at
    html = badge(user)
    assert 'class="voice voice--workers"' in html
    assert '<abbr title="Workers&#x27; organisation" aria-hidden="true">Workers</abbr>' in html
    assert '<span class="visually-hidden">(Workers&#x27; organisation)</span>' in html

    declare(user, ActorType.WORKERS)  # saved again unchanged: still verified
    assert Profile.objects.get(user=user).actor_type_verified_at is not None
    declare(user, ActorType.EMPLOYERS)  # changed: waits for the secretariat again
    profile.refresh_from_db()
    assert profile.actor_type == "employers"
    assert profile.actor_type_verified_at is None and profile.actor_type_verified_by is None
    assert badge(user) == "Ana María Torres"


def test_only_the_secretariat_verifies_and_only_a_declared_type(user, other_user, secretariat):
    with pytest.raises(ValidationError):
        services.profile_actor_type_verify(actor=secretariat, user=user, verified=True)
    declare(user, ActorType.ACADEMIA)
    for someone in (user, other_user):
        with pytest.raises(PermissionDenied):
            services.profile_actor_type_verify(actor=someone, user=user, verified=True)
    services.profile_actor_type_verify(actor=secretariat, user=user, verified=True)
    first = Profile.objects.get(user=user).actor_type_verified_at
    services.profile_actor_type_verify(actor=secretariat, user=user, verified=True)
    assert Profile.objects.get(user=user).actor_type_verified_at == first  # kept, not moved
    services.profile_actor_type_verify(actor=secretariat, user=user, verified=False)
    assert Profile.objects.get(user=user).verified_actor_type == ""


def test_the_person_declares_it_on_their_profile_page(client, user, secretariat):
    client.force_login(user)
    page = client.get("/en/me/profile/").content.decode()
    assert 'name="actor_type"' in page and "Workers&#x27; organisation" in page
    data = {
        "full_name": user.full_name,
        "country": "CL",
        "institution": "CUT Chile",
        "position": "Secretaria",
        "preferred_language": "en",
        "time_zone": "America/Santiago",
        "actor_type": "workers",
    }
    assert client.post("/en/me/profile/", data).status_code == 302
    page = client.get("/en/me/profile/").content.decode()
    assert "once the Technical Secretariat has verified it" in page
    services.profile_actor_type_verify(actor=secretariat, user=user, verified=True)
    page = client.get("/en/me/profile/").content.decode()
    assert "The Technical Secretariat verified on" in page
    assert 'class="voice voice--workers"' in page
    data["actor_type"] = "civil_society"
    client.post("/en/me/profile/", data)
    assert Profile.objects.get(user=user).actor_type_verified_at is None


def test_the_secretariat_verifies_in_its_people_admin(client, user, other_user, secretariat):
    RoleGrantless = [Role.PARTICIPANT]
    declare(user, ActorType.MINISTRY)
    declare(other_user, ActorType.FUNDER)
    services.profile_actor_type_verify(actor=secretariat, user=other_user, verified=True)
    mfa_force_login(client, secretariat)
    index = reverse("wagtailusers_users:index")
    html = client.get(index, {"voice": "unverified"}).content.decode()
    assert user.email in html and other_user.email not in html
    html = client.get(index, {"voice": "funder"}).content.decode()
    assert other_user.email in html and user.email not in html

    # The admin speaks the secretariat's admin language (Wagtail's user profile).
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=secretariat, defaults={"preferred_language": "en"})
    edit_url = reverse("wagtailusers_users:edit", args=[user.pk])
    page = client.get(edit_url).content.decode()
    assert 'name="actor_type_verified"' in page and "Not verified yet" in page
    post = {
        "email": user.email,
        "full_name": user.full_name,
        "is_active": "on",
        "rial_roles": RoleGrantless,
        "country": "CL",
        "actor_type_verified": "on",
        "actor_type_seen": ActorType.MINISTRY,
    }
    # Declared anew after the page was drawn: not verified unseen.
    declare(user, ActorType.ACADEMIA)
    refused = client.post(edit_url, post)
    assert refused.status_code == 200 and "look at it again" in refused.content.decode()
    assert Profile.objects.get(user=user).actor_type_verified_at is None
    declare(user, ActorType.MINISTRY)
    response = client.post(edit_url, post)
    assert response.status_code == 302, response.content.decode()[:3000]
    profile = Profile.objects.get(user=user)
    assert profile.actor_type_verified_by == secretariat
    assert "Verified by Secretaría Técnica on" in client.get(edit_url).content.decode()
    del post["actor_type_verified"]
    assert client.post(edit_url, post).status_code == 302
    assert Profile.objects.get(user=user).actor_type_verified_at is None
    # Someone who declared nothing has nothing to verify.
    page = client.get(reverse("wagtailusers_users:edit", args=[secretariat.pk])).content.decode()
    assert 'name="actor_type_verified"' not in page
