"""A newcomer signs up, confirms their email, signs in, switches language, edits a profile."""

import re

from django.core import mail
from playwright.sync_api import expect

from lms.models import Profile, User
from tests.e2e.conftest import E2E, axe_violations, tab_to
from tests.factories import PASSWORD, ProfileFactory

pytestmark = E2E


def confirmation_path() -> str:
    match = re.search(r"https?://[^/\s]+(/\S+/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_newcomer_signs_up_confirms_signs_in_switches_language_and_edits_profile(
    page, site_content
):
    page.goto("/es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("link", name="Registrarse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crear una cuenta")

    page.get_by_label("Nombre completo").fill("Valentina Ríos Peña")
    page.get_by_label("Correo electrónico").fill("valentina.rios@example.org")
    page.get_by_label("Contraseña", exact=False).first.fill("una-clave-bastante-larga-7")
    page.get_by_label("Contraseña (otra vez)").fill("una-clave-bastante-larga-7")
    page.get_by_role("button", name="Crear cuenta").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Confirme su correo electrónico")
    assert User.objects.get(email="valentina.rios@example.org").full_name == "Valentina Ríos Peña"

    # The confirmation email, read from the outbox, leads back to the site.
    page.goto(confirmation_path())
    expect(page.get_by_text("valentina.rios@example.org")).to_be_visible()
    page.get_by_role("button", name="Confirmar").click()
    expect(page).to_have_url(re.compile(r"/es/$"))
    expect(page.locator("summary")).to_contain_text("Valentina")

    # Sign out and back in.
    page.locator("summary").click()
    page.get_by_role("button", name="Cerrar sesión").click()
    expect(page.get_by_role("link", name="Iniciar sesión")).to_be_visible()
    page.get_by_role("link", name="Iniciar sesión").click()
    page.get_by_label("Correo electrónico").fill("VALENTINA.RIOS@example.org")
    page.get_by_label("Contraseña").fill("una-clave-bastante-larga-7")
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.locator("summary")).to_contain_text("Valentina")

    # Switch to English with the language switcher: same page, English interface.
    page.get_by_role("navigation", name="Idioma").get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # Signed in, the home page greets her (issue 15), with the English page's own links.
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Valentina")
    expect(page.get_by_role("main").get_by_role("link", name="About RIAL")).to_be_visible()

    # Edit the profile.
    page.locator("summary").click()
    page.get_by_role("link", name="My profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")
    page.get_by_label("Country").select_option(label="Colombia")
    page.get_by_label("Institution").fill("Ministerio del Trabajo de Colombia")
    page.get_by_label("Position").fill("Asesora de la Dirección de Inspección")
    page.get_by_label("Portuguese").check()
    page.get_by_label("Time zone").select_option("America/Bogota")
    page.get_by_role("button", name="Save profile").click()

    expect(page.get_by_role("status")).to_contain_text("Your profile has been saved.")
    expect(page.get_by_label("Institution")).to_have_value("Ministerio del Trabajo de Colombia")
    profile = Profile.objects.get(user__email="valentina.rios@example.org")
    assert profile.country == "CO"
    assert profile.time_zone == "America/Bogota"
    assert profile.preferred_language == "en"  # remembered from the switcher
    assert "pt" in profile.spoken_language_codes


def test_profile_errors_are_announced_and_keep_what_was_typed(page, site_content):
    person = ProfileFactory(preferred_language="es").user
    page.goto("/es/accounts/login/")
    page.get_by_label("Correo electrónico").fill(person.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.goto("/es/me/profile/")
    page.get_by_label("Cargo").fill("Directora de Empleo")
    page.get_by_label("Nombre completo").fill("")
    page.get_by_role("button", name="Guardar perfil").click()
    name = page.get_by_label("Nombre completo")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Este campo es necesario.")).to_be_visible()
    expect(page.get_by_label("Cargo")).to_have_value("Directora de Empleo")


def test_keyboard_only_sign_in(page, site_content):
    person = ProfileFactory(preferred_language="es").user
    page.goto("/es/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Saltar al contenido principal")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()

    # Reach "Iniciar sesión" with Tab alone.
    page.goto("/es/")
    tab_to(page, "Iniciar sesión", "the sign-in link")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Iniciar sesión")
    page.keyboard.press("Tab")
    # The header's links come first (skip link, languages, account, sections).
    for _step in range(20):
        if page.evaluate("document.activeElement.id") == "id_login":
            break
        page.keyboard.press("Tab")
    else:
        raise AssertionError("the email field is not reachable with Tab")
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("summary")).to_contain_text(person.get_short_name())

    # The account menu opens and closes from the keyboard (Escape needs site.js).
    page.wait_for_load_state("load")
    page.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Mi perfil")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="Mi perfil")).to_be_hidden()
    expect(page.locator("summary")).to_be_focused()


def test_the_time_zone_list_is_grouped_by_country_and_narrowed_by_typing(page, site_content):
    person = ProfileFactory(preferred_language="en", country="CO", time_zone="UTC").user
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/en/me/profile/")
    zone = page.get_by_label("Time zone")
    assert zone.locator("optgroup").count() > 30
    assert zone.locator("optgroup[label='Colombia'] option").count() == 1
    box = page.get_by_label("Narrow the list: type a city or a nation")
    box.focus()
    page.keyboard.type("bogo")
    assert zone.locator("option:not([hidden])").all_inner_texts()[0].startswith("Bogota (UTC")
    expect(zone).to_have_value("America/Bogota")  # the first place left is chosen
    page.keyboard.press("Tab")
    expect(zone).to_be_focused()
    box.fill("")
    box.press_sequentially("united states")  # a country keeps all its zones
    assert zone.locator("option:not([hidden])").count() > 20
    zone.select_option("America/Chicago")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile has been saved.")
    assert Profile.objects.get(user=person).time_zone == "America/Chicago"
