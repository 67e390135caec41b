"""Accounts through django-allauth, with our adapter, forms and wording."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from lms.models import Profile, RoleGrant, User
from tests.factories import PASSWORD, ProfileFactory, UserFactory


def url(name, language="es", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def signup(client, language="es", **overrides):
    data = {
        "full_name": "Lucía Fernández Gómez",
        "email": "Lucia.Fernandez@Example.org",
        "password1": "una-contraseña-larga-2026",
        "password2": "una-contraseña-larga-2026",
    }
    data.update(overrides)
    return client.post(url("account_signup", language), data)


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body)
    assert match, message.body
    return match.group(0).split("testserver", 1)[1]


@pytest.mark.django_db
def test_signup_creates_an_unverified_participant_in_the_page_language(client):
    response = signup(client, language="pt")
    assert response.status_code == 302
    assert response["Location"] == url("account_email_verification_sent", "pt")

    user = User.objects.get()
    assert user.email == "lucia.fernandez@example.org"
    assert user.full_name == "Lucía Fernández Gómez"
    assert Profile.objects.get(user=user).preferred_language == "pt"
    assert list(RoleGrant.objects.filter(user=user).values_list("role", flat=True)) == [
        "participant"
    ]
    assert not EmailAddress.objects.get(user=user).verified

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lucia.fernandez@example.org"]
    assert message.subject == "[RIAL Campus] Confirme seu e-mail"
    assert "Olá, Lucía Fernández Gómez," in message.body
    assert "/pt/accounts/confirm-email/" in message.body


@pytest.mark.django_db
def test_nobody_signs_in_before_confirming_and_confirming_signs_in(client):
    signup(client)
    client.logout()
    response = client.post(
        url("account_login"),
        {"login": "lucia.fernandez@example.org", "password": "una-contraseña-larga-2026"},
    )
    assert response.status_code == 302
    assert response["Location"] == url("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    link = confirmation_link(mail.outbox[-1])
    page = client.get(link)
    assert page.status_code == 200
    assert "lucia.fernandez@example.org" in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="lucia.fernandez@example.org").verified
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"full_name": ""}, "Este campo es necesario."),
        ({"email": "not-an-email"}, "Introduzca una dirección de correo electrónico válida."),
        ({"password2": "otra-contraseña-distinta"}, "You must type the same password each time"),
        ({"password1": "123", "password2": "123"}, "La contraseña es demasiado corta"),
    ],
)
def test_signup_explains_bad_input_and_creates_nothing(client, overrides, message):
    response = signup(client, **overrides)
    assert response.status_code == 200
    html = response.content.decode()
    if message.startswith("You must"):
        # allauth's own message, translated by its Spanish catalogue.
        assert "Debe escribir la misma contraseña cada vez" in html
    else:
        assert message in html
    assert 'aria-invalid="true"' in html
    assert User.objects.count() == 0
    assert not mail.outbox


@pytest.mark.django_db
def test_signing_up_twice_with_one_address_creates_one_account(client):
    UserFactory(email="lucia.fernandez@example.org")
    response = signup(client)
    # Enumeration prevention: the same answer as a new signup, and an email
    # that tells the owner an account already exists.
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="lucia.fernandez@example.org").count() == 1
    assert mail.outbox[-1].subject == "[RIAL Campus] Ya tiene una cuenta"


@pytest.mark.django_db
def test_login_goes_to_the_preferred_language_and_sets_the_cookie(client):
    person = ProfileFactory(preferred_language="fr").user
    response = client.post(url("account_login"), {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


@pytest.mark.django_db
def test_login_returns_to_the_page_asked_for(client):
    person = ProfileFactory(preferred_language="en").user
    response = client.post(
        url("account_login") + "?next=" + url("lms:profile", "es"),
        {"login": person.email, "password": PASSWORD},
    )
    assert response["Location"] == url("lms:profile", "es")


@pytest.mark.django_db
def test_login_is_case_insensitive_on_email(client):
    person = ProfileFactory(user__email="ana@example.org").user
    response = client.post(url("account_login"), {"login": "ANA@Example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


@pytest.mark.django_db
def test_wrong_password_is_refused_in_the_page_language(client, user):
    response = client.post(url("account_login", "fr"), {"login": user.email, "password": "nope"})
    assert response.status_code == 200
    assert "L&#x27;adresse électronique ou le mot de passe n&#x27;est pas correct." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_repeated_failed_logins_are_rate_limited(client, user):
    for _attempt in range(5):
        client.post(url("account_login"), {"login": user.email, "password": "wrong"})
    response = client.post(url("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Demasiados intentos fallidos" in response.content.decode()


def test_rate_limits_are_on_and_use_the_configured_cache():
    from allauth.account import app_settings

    limits = app_settings.RATE_LIMITS
    assert limits["login_failed"] and limits["signup"] and limits["reset_password"]


@pytest.mark.django_db
def test_password_reset_by_email_in_the_owners_language(client, user):
    # Asked from the English page; the owner reads Spanish.
    response = client.post(url("account_reset_password", "en"), {"email": user.email})
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject == "[RIAL Campus] Restablecer su contraseña"
    link = re.search(r"http://testserver(/en/accounts/password/reset/key/\S+)", message.body)
    assert link, message.body
    page = client.get(link.group(1), follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link.group(1)
    response = client.post(
        form_url, {"password1": "a-brand-new-password-9", "password2": "a-brand-new-password-9"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-password-9")


@pytest.mark.django_db
def test_password_reset_for_unknown_address_does_not_reveal_it(client):
    response = client.post(url("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == url("account_reset_password_done")


@pytest.mark.django_db
def test_email_change_needs_confirmation_of_the_new_address(user_client, user):
    response = user_client.post(
        url("account_email"), {"action_add": "", "email": "ana.nueva@example.org"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email != "ana.nueva@example.org"
    link = confirmation_link(mail.outbox[-1])
    user_client.post(link)
    user.refresh_from_db()
    assert user.email == "ana.nueva@example.org"


@pytest.mark.django_db
def test_password_change(user_client, user):
    response = user_client.post(
        url("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another-long-password-7",
            "password2": "another-long-password-7",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-long-password-7")


@pytest.mark.django_db
def test_logout_is_a_post(user_client):
    page = user_client.get(url("account_logout"))
    assert page.status_code == 200
    assert "_auth_user_id" in user_client.session
    user_client.post(url("account_logout"))
    assert "_auth_user_id" not in user_client.session


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_account_pages_render_in_every_language(client, name, language):
    response = client.get(url(name, language))
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.django_db
def test_the_welcome_is_in_the_language_of_the_page_the_person_lands_on(client):
    person = ProfileFactory(preferred_language="en", user__full_name="Ana Pérez").user
    response = client.post(url("account_login"), {"login": person.email, "password": PASSWORD})
    assert response["Location"] == "/en/"  # signed in on /es/, lands on /en/
    assert [str(m) for m in response.wsgi_request._messages] == ["Welcome, Ana Pérez."]
    client.logout()
    response = client.post(  # asked for a Spanish page: welcomed in Spanish
        url("account_login") + "?next=" + url("lms:profile", "es"),
        {"login": person.email, "password": PASSWORD},
    )
    with translation.override("es"):
        spanish = translation.gettext("Welcome, %(name)s.") % {"name": "Ana Pérez"}
    assert [str(m) for m in response.wsgi_request._messages] == [spanish]
