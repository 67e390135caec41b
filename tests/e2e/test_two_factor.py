"""Two-factor sign-in in Debian's chromium: a secretariat member without an
authenticator app is held on the setup page, sets one up from the secret the
page shows, signs in again with a code typed from the keyboard alone, and the
Wagtail admin's own login form still asks for a code. axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import E2E, axe_violations, guarded_context, sign_in
from tests.factories import PASSWORD, ProfileFactory, UserFactory

pytestmark = E2E


def assert_accessible(page, where):
    assert axe_violations(page) == [], where


def path_of(page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


@pytest.fixture
def newcomer(site_content):
    """A secretariat member who has never set up two-factor sign-in."""
    from lms.choices import Role
    from lms.services import people

    person = ProfileFactory(user__full_name="Laura Jiménez", preferred_language="es").user
    admin = UserFactory(is_superuser=True, is_staff=True)
    people.role_grant(actor=admin, user=person, role=Role.SECRETARIAT)
    return person


def tab_to(page, selector, limit=60):
    for _step in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def test_secretariat_sets_up_an_app_and_signs_in_with_it(
    browser, live_server, page, newcomer, step_clock
):
    # The live server checks codes in this process: against a clock the test moves
    # on a step where a person would wait for the app's next code (tests/mfa.py).
    clock = step_clock
    # Signing in with the password alone: held on the setup, which first asks
    # for the password again (allauth, before any change to sign-in).
    sign_in(page, newcomer.email, PASSWORD)
    assert path_of(page).startswith("/es/accounts/reauthenticate/"), page.url
    page.goto("/es/manage/")
    assert path_of(page).startswith("/es/accounts/reauthenticate/"), page.url
    assert_accessible(page, "confirm password")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Confirmar").click()
    expect(page).to_have_url(re.compile(r"/es/accounts/2fa/totp/activate/$"))
    assert_accessible(page, "set up")
    # The QR code is drawn in the page (no request anywhere: the page fixture
    # fails on any foreign host) and has a name; the secret is written out too.
    qr = page.get_by_role("img", name="Código QR para su aplicación de autenticación")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    page.goto("/es/me/profile/")
    expect(page).to_have_url(re.compile(r"/es/accounts/2fa/totp/activate/$"))
    # (Each visit shows a new secret: read the one on the page now.)
    secret = page.locator("#totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret), secret

    # A wrong code is refused and said so, next to the field.
    page.locator('input[name="code"]').fill(
        "000000" if clock.code(secret) != "000000" else "111111"
    )
    page.locator('form[action$="/2fa/totp/activate/"] button[type="submit"]').click()
    expect(page.locator('input[name="code"]')).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_code_error")).to_be_visible()
    assert_accessible(page, "set up, wrong code")

    activation_code = clock.code(secret)
    page.locator('input[name="code"]').fill(activation_code)
    page.locator('form[action$="/2fa/totp/activate/"] button[type="submit"]').click()
    expect(page).to_have_url(re.compile(r"/es/accounts/2fa/recovery-codes/$"))
    assert_accessible(page, "recovery codes")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    for path in [
        "/es/accounts/2fa/",
        "/es/accounts/2fa/recovery-codes/generate/",
        "/es/accounts/2fa/totp/deactivate/",
    ]:
        page.goto(path)
        assert path_of(page) == path
        assert_accessible(page, path)
    page.goto("/es/manage/")
    assert path_of(page) == "/es/manage/"

    # Sign out, and in again: password, then the code, from the keyboard alone.
    page.locator(".account-menu summary").click()
    with page.expect_navigation():
        page.locator(".account-menu").get_by_role("button").click()
    page.goto("/es/accounts/login/")
    page.get_by_label("Correo electrónico").fill(newcomer.email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_label("Contraseña").press("Enter")
    expect(page).to_have_url(re.compile(r"/es/accounts/2fa/authenticate/$"))
    assert_accessible(page, "sign-in code")
    tab_to(page, 'input[name="code"]')
    page.keyboard.type("000000" if clock.code(secret) != "000000" else "111111")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    code_field = page.locator('input[name="code"]')
    expect(code_field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_code_error")).to_be_visible()
    assert_accessible(page, "sign-in code, wrong")
    # The code typed to set the app up was spent: the app's next one, a step later.
    code = clock.code(secret)
    if code == activation_code:
        clock.next_step()
        code = clock.code(secret)
    code_field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/" not in path_of(page), page.url
    page.goto("/es/manage/")
    assert path_of(page) == "/es/manage/"
    assert_accessible(page, "calls and cohorts")

    # Wagtail's own login form opens a session without the second step: the
    # admin asks for a code first (here a recovery code), then opens.
    admin_context, foreign = guarded_context(browser, live_server.url)
    admin = admin_context.new_page()
    admin.goto("/admin/login/")
    admin.locator('input[name="username"]').fill(newcomer.email)
    admin.locator('input[name="password"]').fill(PASSWORD)
    with admin.expect_navigation():
        admin.locator('input[name="password"]').press("Enter")
    admin.goto("/admin/")
    assert "/accounts/2fa/reauthenticate/" in path_of(admin), admin.url
    assert_accessible(admin, "code asked again")
    admin.locator('input[name="code"]').fill(codes[0])
    with admin.expect_navigation():
        admin.locator('input[name="code"]').press("Enter")
    assert path_of(admin) == "/admin/", admin.url
    admin_context.close()
    assert not foreign
