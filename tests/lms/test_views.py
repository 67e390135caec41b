import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from lms.models import Profile
from lms.selectors import profile_for_user
from tests.factories import ProfileFactory


def profile_url(language="es"):
    with translation.override(language):
        return reverse("lms:profile")


def valid_post(**overrides):
    data = {
        "full_name": "Ana María Torres Vidal",
        "country": "CL",
        "institution": "Ministerio del Trabajo y Previsión Social",
        "position": "Jefa de la Unidad de Género",
        "preferred_language": "es",
        "time_zone": "America/Santiago",
        "spoken_languages": ["es", "en"],
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_profile_needs_sign_in(client):
    response = client.get(profile_url())
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.django_db
def test_profile_page_shows_the_form_with_current_values(user_client, user):
    response = user_client.get(profile_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Ana María Torres"' in html
    assert "Ministerio del Trabajo y Previsión Social de Chile" in html
    # Roles are shown, never offered as a field.
    assert 'name="roles"' not in html and 'name="rial_roles"' not in html
    assert "Participante" in html


@pytest.mark.django_db
def test_profile_form_labels_and_help_are_tied_to_inputs(user_client):
    html = user_client.get(profile_url()).content.decode()
    assert '<label for="id_full_name"' in html
    assert 'aria-describedby="id_full_name_helptext"' in html
    assert 'id="id_full_name_helptext"' in html


@pytest.mark.django_db
def test_profile_is_saved(user_client, user):
    response = user_client.post(profile_url(), valid_post())
    assert response.status_code == 302
    assert response["Location"] == profile_url()
    profile = profile_for_user(user=user)
    assert profile.position == "Jefa de la Unidad de Género"
    assert sorted(profile.spoken_language_codes) == ["en", "es"]
    user.refresh_from_db()
    assert user.full_name == "Ana María Torres Vidal"
    follow = user_client.get(response["Location"])
    assert "Su perfil se ha guardado." in follow.content.decode()


@pytest.mark.django_db
def test_choosing_another_language_takes_you_there(user_client, user):
    response = user_client.post(profile_url(), valid_post(preferred_language="fr"))
    assert response["Location"] == profile_url("fr")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


@pytest.mark.django_db
def test_profile_time_zone_applies_to_the_session(user_client):
    user_client.post(profile_url(), valid_post(time_zone="America/Port-au-Prince"))
    assert user_client.session["rial_time_zone"] == "America/Port-au-Prince"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value, message",
    [
        ("full_name", "", "Este campo es necesario."),
        ("full_name", "x" * 201, "200"),
        ("country", "ES", "Escoja una opción válida"),
        ("preferred_language", "de", "Escoja una opción válida"),
        ("time_zone", "Europe/Madrid", "Escoja una opción válida"),
        ("spoken_languages", ["xx"], "Escoja una opción válida"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_lost(user_client, user, field, value, message):
    data = valid_post(**{field: value})
    response = user_client.post(profile_url(), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html
    # What the person typed in the other fields is still in the form.
    assert "Jefa de la Unidad de Género" in html
    assert Profile.objects.get(user=user).position == "Analista"


@pytest.mark.django_db
def test_profile_page_query_count_is_bounded(client, django_assert_max_num_queries):
    person = ProfileFactory().user
    client.force_login(person)
    client.get(profile_url())  # warm caches (site root, locales)
    with django_assert_max_num_queries(8):
        response = client.get(profile_url())
    assert response.status_code == 200


@pytest.mark.django_db
def test_set_language_redirects_and_sets_cookie(client):
    response = client.post(reverse("set_language"), {"language": "pt", "next": "/pt/"})
    assert response.status_code == 302
    assert response["Location"] == "/pt/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pt"


@pytest.mark.django_db
def test_set_language_remembers_the_choice_of_signed_in_people(user_client, user):
    user_client.post(reverse("set_language"), {"language": "fr", "next": "/fr/"})
    assert Profile.objects.get(user=user).preferred_language == "fr"


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_set_language_refuses_to_redirect_elsewhere(client, next_url):
    response = client.post(reverse("set_language"), {"language": "en", "next": next_url})
    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_set_language_ignores_unknown_languages(client):
    response = client.post(reverse("set_language"), {"language": "de", "next": "/es/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == settings.LANGUAGE_CODE


@pytest.mark.django_db
def test_set_language_only_accepts_post(client):
    assert client.get(reverse("set_language")).status_code == 405
