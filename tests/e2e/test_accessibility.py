"""axe-core on the foundation's pages: no serious or critical violation."""

import pytest

from tests.e2e.conftest import E2E, axe_violations
from tests.factories import PASSWORD, ProfileFactory

pytestmark = E2E

ANONYMOUS_PAGES = [
    "/es/",
    "/en/about-rial/",
    "/pt/accounts/login/",
    "/fr/accounts/signup/",
    "/es/accounts/password/reset/",
    "/es/no-such-page/",
]


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_public_pages_pass_axe(page, site_content, path):
    page.goto(path)
    assert axe_violations(page) == []


def test_signed_in_pages_pass_axe(page, site_content):
    person = ProfileFactory().user
    page.goto("/es/accounts/login/")
    page.get_by_label("Correo electrónico").fill(person.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url("**/es/")
    for path in ["/es/me/profile/", "/en/accounts/email/", "/fr/accounts/password/change/"]:
        page.goto(path)
        assert axe_violations(page) == [], path
    # The form with errors too.
    page.goto("/es/me/profile/")
    page.get_by_label("Nombre completo").fill("")
    page.get_by_role("button", name="Guardar perfil").click()
    assert axe_violations(page) == []


def test_small_screen_menu_is_a_working_disclosure(page, site_content):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/en/")
    toggle = page.get_by_role("button", name="Menu")
    about = page.get_by_role("navigation", name="Main").get_by_role("link", name="About RIAL")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not about.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert about.is_visible()
    assert axe_violations(page) == []
