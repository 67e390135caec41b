"""The experts network's people: who is an expert, profiles, the directory, invitations."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Theme
from forum import services
from forum.models import ExpertInvitation, ExpertProfile, ExpertQuestion, Space, SpaceMembership
from forum.selectors import experts as expert_selectors
from lms.choices import Role
from lms.models import Notification
from tests.forum import expert_fixtures
from tests.forum.expert_fixtures import ask_question, make_expert, make_person, say
from tests.mfa import mfa_force_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
network = expert_fixtures.network  # the fixture, shared by the expert tests


def test_only_the_secretariat_names_experts(network):
    with pytest.raises(PermissionDenied):
        services.expert_grant(actor=network["official"], user=network["other"])
    profile = ExpertProfile.objects.get(user=network["patricia"])
    assert Role.EXPERT in network["patricia"].role_grants.values_list("role", flat=True)
    assert profile.office_space.kind == Space.Kind.OFFICE_HOURS
    assert profile.bio_html == "<p>Bio <strong>en negrita</strong></p>"


def test_an_expert_edits_only_their_own_profile(network):
    profile = ExpertProfile.objects.get(user=network["patricia"])
    with pytest.raises(PermissionDenied):
        services.expert_profile_update(
            actor=network["marie"],
            profile=profile,
            headline="x",
            bio="",
            themes=[],
            workshops=[],
            seminars="",
            availability="",
            accepts_questions=True,
        )


def test_the_directory_filters_by_theme_language_country_and_words(network):
    telework = Theme.objects.get(code="working-conditions")
    harassment = Theme.objects.get(code="fundamental-rights")

    def names(**filters):
        return [p.user.full_name for p in expert_selectors.directory(**filters)]

    assert names() == ["Marie Tremblay", "Patrícia Alves"]
    assert names(theme=telework) == ["Marie Tremblay"]
    assert names(theme=harassment) == ["Marie Tremblay", "Patrícia Alves"]
    assert names(theme=harassment, language="pt") == ["Patrícia Alves"]
    assert names(country="CA") == ["Marie Tremblay"]
    assert names(query="patrícia") == ["Patrícia Alves"]
    assert names(query="salarios") == ["Marie Tremblay"]  # the theme's Spanish name
    ExpertProfile.objects.filter(user=network["marie"]).update(is_listed=False)
    assert names() == ["Patrícia Alves"]


def test_directory_page_costs_the_same_for_many_experts(
    network, client, django_assert_max_num_queries
):
    client.force_login(network["official"])
    url = reverse("forum:experts")
    client.get(url)  # warm the caches (site, theme labels, the whole directory's page)
    # session, user, role grants and the next office hours: the whole directory's
    # page is kept (forum.selectors.experts.directory_version).
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200
    for n in range(15):
        make_expert(network["secretariat"], f"Experta {n}", ["working-conditions", "pensions"])
    # Filtered: the count, the experts, their themes, languages and records too.
    with django_assert_max_num_queries(9):
        response = client.get(url + "?language=pt")
    assert response.status_code == 200
    assert "Experta 14" in response.content.decode()


def test_the_directory_and_profile_pages_show_the_record(network, client):
    question = ask_question(network, expert=network["patricia"])
    ExpertQuestion.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=3)
    )
    message = say(network["patricia"], question.room).message
    services.question_mark_helpful(user=network["official"], question=question, seq=message.seq)
    record = expert_selectors.expert_records([network["patricia"].pk])[network["patricia"].pk]
    assert (record.answered, record.helpful) == (1, 1)
    assert 3 * 3600 - 5 < record.median_seconds < 3 * 3600 + 5
    client.force_login(network["other"])
    with translation.override("es"):
        page = client.get(reverse("forum:expert", args=[network["patricia"].pk])).content.decode()
    assert "1 pregunta respondida" in page or "1 question answered" in page
    with translation.override("es"):
        ask = reverse("forum:ask")
    assert f'href="{ask}?expert={network["patricia"].pk}"' in page


def test_hidden_profiles_are_not_found_by_others(network, client):
    ExpertProfile.objects.filter(user=network["marie"]).update(is_listed=False)
    client.force_login(network["official"])
    assert client.get(reverse("forum:expert", args=[network["marie"].pk])).status_code == 404
    mfa_force_login(client, network["secretariat"])
    assert client.get(reverse("forum:expert", args=[network["marie"].pk])).status_code == 200


def test_a_workshop_coordinator_invites_who_led_it(network):
    workshop = Space.objects.create(kind="workshop", name="Taller Bogotá", slug="taller")
    coordinator = make_person("Coordina Dora")
    SpaceMembership.objects.create(space=workshop, user=coordinator, role="coordinator")
    SpaceMembership.objects.create(space=workshop, user=network["other"])
    with pytest.raises(PermissionDenied):
        services.expert_invite(actor=network["official"], space=workshop, user=network["other"])
    with pytest.raises(ValidationError):  # not a participant
        services.expert_invite(actor=coordinator, space=workshop, user=network["official"])
    invitation = services.expert_invite(actor=coordinator, space=workshop, user=network["other"])
    assert Notification.objects.filter(user=network["other"], kind="expert_invitation").exists()
    with pytest.raises(ValidationError):
        services.expert_invite(actor=coordinator, space=workshop, user=network["other"])
    with pytest.raises(PermissionDenied):
        services.expert_invitation_answer(
            actor=network["official"], invitation=invitation, accept=True
        )
    profile = services.expert_invitation_answer(
        actor=network["other"], invitation=invitation, accept=True
    )
    assert profile.invited_from == workshop
    assert list(profile.workshops.all()) == [workshop]
    assert ExpertInvitation.objects.get(pk=invitation.pk).accepted


# --- Questions ------------------------------------------------------------------------------


def test_workshop_members_page_invites_experts(network, client):
    workshop = Space.objects.create(kind="workshop", name="Taller Lima", slug="taller-lima")
    coordinator = make_person("Coordina Dora")
    SpaceMembership.objects.create(space=workshop, user=coordinator, role="coordinator")
    SpaceMembership.objects.create(space=workshop, user=network["other"])
    SpaceMembership.objects.create(space=workshop, user=network["patricia"])
    client.force_login(coordinator)
    page = client.get(reverse("forum:members", args=[workshop.slug])).content.decode()
    invite = reverse("forum:expert_invite", args=[workshop.slug])
    # Once per person who is not an expert yet (not Patrícia, not oneself).
    assert page.count(f'action="{invite}"') == 1
    response = client.post(invite, {"user": network["other"].pk})
    assert response.status_code == 302
    invitation = ExpertInvitation.objects.get(user=network["other"])
    client.force_login(network["other"])
    url = reverse("forum:expert_invitation", args=[invitation.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"answer": "accept"})
    assert response.url == reverse("forum:expert_edit")
    assert ExpertProfile.objects.filter(user=network["other"], is_listed=True).exists()
    # Someone else's invitation is not found.
    client.force_login(network["official"])
    assert client.get(url).status_code == 404


def test_invitations_neither_self_name_nor_undo_a_hidden_profile(network):
    workshop = Space.objects.create(kind="workshop", name="Taller", slug="taller-x")
    coordinator = make_person("Coordina Dora")
    SpaceMembership.objects.create(space=workshop, user=coordinator, role="coordinator")
    SpaceMembership.objects.create(space=workshop, user=network["marie"])
    with pytest.raises(PermissionDenied):
        services.expert_invite(actor=coordinator, space=workshop, user=coordinator)
    ExpertProfile.objects.filter(user=network["marie"]).update(is_listed=False)
    with pytest.raises(ValidationError):
        services.expert_invite(actor=coordinator, space=workshop, user=network["marie"])
    assert not ExpertProfile.objects.get(user=network["marie"]).is_listed


def test_an_expert_uploads_a_photo_checked_by_its_content(network, client, settings, tmp_path):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image as PillowImage

    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 40), (10, 80, 160)).save(buffer, "PNG")
    client.force_login(network["patricia"])
    url = reverse("forum:expert_edit")
    data = {"headline": "Inspectora", "bio": "", "seminars": "", "availability": ""}
    fake = SimpleUploadedFile("photo.png", b"<script>alert(1)</script>", "image/png")
    response = client.post(url, {**data, "photo": fake})
    assert response.status_code == 200 and response.context["form"].errors["photo"]
    assert ExpertProfile.objects.get(user=network["patricia"]).photo is None
    photo = SimpleUploadedFile("photo.png", buffer.getvalue(), "image/png")
    response = client.post(url, {**data, "photo": photo})
    assert response.status_code == 302
    profile = ExpertProfile.objects.get(user=network["patricia"])
    assert profile.photo.width == 40 and profile.headline == "Inspectora"
    page = client.get(reverse("forum:expert", args=[network["patricia"].pk])).content.decode()
    assert 'class="expert-header__photo"' in page
    # Shown 160 px wide: the 40 px photo is not made larger (Wagtail never enlarges), so
    # both sizes asked for are the same 40 px file: one src, no srcset nor sizes.
    [photo_tag] = re.findall(r'<img[^>]*class="expert-header__photo"[^>]*>', page)
    assert 'width="40"' in photo_tag and "srcset" not in photo_tag and "sizes" not in photo_tag
