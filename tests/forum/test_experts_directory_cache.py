"""The whole experts directory is rendered once per language and version: whatever a
card shows, changed, shows on the next request; what is the reader's own (their
subscriptions, their links, the secretariat's form) is never kept."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Theme
from forum import services
from forum.models import ExpertProfile, ExpertQuestion
from forum.selectors import experts as expert_selectors
from lms.models import ProfileLanguage
from tests.forum import expert_fixtures
from tests.forum.expert_fixtures import ask_question, make_expert, say
from tests.mfa import mfa_force_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
network = expert_fixtures.network  # the fixture, shared by the expert tests


def directory_url(**query):
    with translation.override("en"):
        url = reverse("forum:experts")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_whole_directory_is_made_once(network, client, django_assert_max_num_queries):
    client.force_login(network["official"])
    client.get(directory_url())
    # session, user, role grants, the next office hours (the reader's own): nothing
    # of the directory itself.
    with django_assert_max_num_queries(4):
        html = client.get(directory_url()).content.decode()
    assert "Marie Tremblay" in html and "Patrícia Alves" in html
    # Filtered pages are made for each request: count, experts, themes, languages, records.
    with django_assert_max_num_queries(9):
        html = client.get(directory_url(language="fr")).content.decode()
    assert "Marie Tremblay" in html and "Patrícia Alves" not in html


def test_a_change_to_what_a_card_shows_shows_on_the_next_request(network, client):
    client.force_login(network["official"])

    def page() -> str:
        return client.get(directory_url()).content.decode()

    assert "Inspectora de trabajo" not in page()
    profile = ExpertProfile.objects.get(user=network["patricia"])
    services.expert_profile_update(
        actor=network["patricia"],
        profile=profile,
        headline="Inspectora de trabajo",
        bio="",
        themes=Theme.objects.filter(code__in=["working-conditions"]),
        workshops=[],
        seminars="",
        availability="",
        accepts_questions=True,
    )
    assert "Inspectora de trabajo" in page()

    patricia = network["patricia"]
    patricia.full_name = "Patrícia Alves Souza"
    patricia.save(update_fields=["full_name"])
    assert "Patrícia Alves Souza" in page()

    patricia.profile.institution = "Ministério do Trabalho"
    patricia.profile.save()
    assert "Ministério do Trabalho" in page()

    ProfileLanguage.objects.create(profile=patricia.profile, language="fr")
    card = page().split("Patrícia Alves Souza")[1].split("</article>")[0]
    assert "French" in card

    Theme.objects.filter(code="working-conditions").update(name_en="Remote work")
    Theme.objects.get(code="working-conditions").save()  # the taxonomy's version
    assert "Remote work" in page()

    question = ask_question(network, expert=patricia)
    ExpertQuestion.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=3)
    )
    say(patricia, question.room)  # answers it (an update: no signal)
    card = page().split("Patrícia Alves Souza")[1].split("</article>")[0]
    assert "1 question answered" in card

    make_expert(network["secretariat"], "Nueva Experta", ["working-conditions"])
    assert "Nueva Experta" in page() and "3 experts" in page()

    services.expert_profile_update(
        actor=network["secretariat"],
        profile=ExpertProfile.objects.get(user=patricia),
        headline="Inspectora de trabajo",
        bio="",
        themes=Theme.objects.none(),
        workshops=[],
        seminars="",
        availability="",
        accepts_questions=True,
        is_listed=False,
    )
    assert "Patrícia" not in page()


def test_a_login_keeps_the_directory(network, client):
    version = expert_selectors.directory_version()
    client.force_login(network["official"])  # saves last_login only
    client.get(directory_url())
    assert expert_selectors.directory_version() == version


def test_the_reader_s_own_parts_are_never_kept(network, client):
    session = services.office_hour_create(
        actor=network["marie"],
        topic="Protocolos de denuncia",
        description="",
        language="es",
        starts_at=timezone.now() + datetime.timedelta(days=2),
        time_zone="America/Bogota",
        duration_minutes=60,
    )
    services.office_hour_subscribe(user=network["official"], session=session)
    readers = {
        "official": (True, False, False),
        "other": (False, False, False),
        "patricia": (False, True, False),
        "secretariat": (False, False, True),
    }
    for name, (subscribed, expert, grants) in readers.items():
        if name == "secretariat":
            mfa_force_login(client, network[name])  # the secretariat signs in with a code
        else:
            client.force_login(network[name])
        html = client.get(directory_url()).content.decode()
        assert "Protocolos de denuncia" in html
        assert ("You are subscribed" in html) is subscribed, name
        assert ("Edit my expert profile" in html) is expert, name
        assert ("Make expert" in html) is grants, name
