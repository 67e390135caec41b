"""Two-factor sign-in: offered to everyone, required for the secretariat, staff and superusers.

lms/mfa.py (the rule), lms/middleware.py (the hold), lms/views/mfa.py (setup),
lms/adapter.py and lms/forms.py (wording), templates/mfa/.
"""

import base64
import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import resolve, reverse
from django.utils import translation

from lms import services
from lms.choices import Role
from lms.mfa import Hold, hold_for
from tests.factories import PASSWORD, ProfileFactory, UserFactory
from tests.mfa import (
    PERIOD,
    SECRET,
    StepClock,
    mfa_force_login,
    next_period_code,
    sign_in_through_pages,
    totp_code,
    totp_enable,
)


def en(name, **kwargs):
    """Pages in English: the assertions below read their words."""
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


def mfa_records(client) -> list[dict]:
    return [
        r for r in client.session.get("account_authentication_methods", []) if r["method"] == "mfa"
    ]


# Pages a held person tries; none of them may open.
ELSEWHERE = [
    "lms:profile",
    "lms:dashboard",
    "lms:manage",
    "forum:chat_index",
    "account_change_password",
]


def assert_held(client, target):
    """Every other page, the Wagtail admin included, redirects to ``target`` (a URL name)."""
    for path in [*(en(name) for name in ELSEWHERE), "/admin/", "/admin/pages/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert resolve(response.url.split("?")[0]).url_name == target, (path, response.url)


@pytest.fixture
def participant(db):
    return ProfileFactory(user__full_name="Ana María Torres").user


@pytest.fixture
def bare_secretariat(db):
    """A secretariat member who has not set up two-factor sign-in yet."""
    person = ProfileFactory(user__full_name="Laura Jiménez").user
    admin = UserFactory(is_superuser=True, is_staff=True)
    services.role_grant(actor=admin, user=person, role=Role.SECRETARIAT)
    person.refresh_from_db()
    return person


def set_up_through_pages(client, password=PASSWORD):
    """From the setup page to a working authenticator app, as a person does it."""
    page = client.get(en("mfa_activate_totp"))
    if page.status_code == 302:
        # allauth asks for the password again (within 5 minutes) before a change to sign-in.
        assert page.url.startswith(en("account_reauthenticate"))
        response = client.post(page.url, {"password": password})
        assert response.status_code == 302 and response.url == en("mfa_activate_totp")
        page = client.get(en("mfa_activate_totp"))
    assert page.status_code == 200
    html = page.content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', html).group(1)
    response = client.post(en("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302 and response.url == en("mfa_view_recovery_codes")
    return secret, html


# --- Offered to everyone ------------------------------------------------------------------


def test_everyone_finds_two_factor_sign_in_on_the_account_pages(client, participant):
    client.force_login(participant)
    profile = client.get(en("lms:profile")).content.decode()
    assert f'href="{en("mfa_index")}"' in profile
    page = client.get(en("mfa_index"))
    assert page.status_code == 200
    assert f'href="{en("mfa_activate_totp")}"' in page.content.decode()


def test_a_participant_sets_up_an_app_and_gets_recovery_codes(client, participant):
    client.force_login(participant)
    secret, html = set_up_through_pages(client)
    # The QR code is an image carried in the page itself (a data: URI, which
    # the CSP allows), with a name: nothing is fetched from anywhere.
    figure = html.split('class="totp-qr"')[1].split("</figure>")[0]
    qr = re.search(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="[^"]+"', figure)
    assert qr, figure
    assert "<path" in base64.b64decode(qr.group(1)).decode()
    assert "<svg" not in figure
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    totp = Authenticator.objects.get(user=participant, type=Authenticator.Type.TOTP)
    assert totp.wrap().validate_code(totp_code(secret)) is False  # used just now
    # Setting up with a code counts as passing it in this session.
    assert mfa_records(client) == [
        {"method": "mfa", "at": mfa_records(client)[0]["at"], "id": totp.pk, "type": "totp"}
    ]
    codes = client.get(en("mfa_view_recovery_codes")).content.decode()
    listed = re.findall(r"<li><code>(\d{8})</code></li>", codes)
    assert len(listed) == 10
    assert client.get(en("lms:profile")).status_code == 200
    download = client.get(en("mfa_download_recovery_codes"))
    assert download["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    assert download.content.decode().split() == listed


def test_a_wrong_code_does_not_set_up_anything(client, participant):
    client.force_login(participant)
    client.post(client.get(en("mfa_activate_totp")).url, {"password": PASSWORD})
    client.get(en("mfa_activate_totp"))
    response = client.post(en("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "That code is not valid." in html
    assert 'aria-invalid="true"' in html
    assert not Authenticator.objects.filter(user=participant).exists()


# --- Signing in -------------------------------------------------------------------------------


def test_signing_in_asks_for_the_code_and_accepts_the_app_code(client, participant):
    totp_enable(participant)
    response = client.post(en("account_login"), {"login": participant.email, "password": PASSWORD})
    assert response.status_code == 302 and response.url == en("mfa_authenticate")
    assert not signed_in(client)
    page = client.get(en("mfa_authenticate")).content.decode()
    assert 'autocomplete="one-time-code"' in page
    response = client.post(en("mfa_authenticate"), {"code": totp_code(SECRET)})
    assert response.status_code == 302
    assert signed_in(client)
    assert [r["method"] for r in client.session["account_authentication_methods"]] == [
        "password",
        "mfa",
    ]
    assert client.get(en("lms:profile")).status_code == 200


def test_a_wrong_code_gives_a_clear_error_and_nothing_else(client, participant):
    totp_enable(participant)
    response = sign_in_through_pages(client, participant.email, PASSWORD, "123456")
    if totp_code(SECRET) == "123456":  # one chance in a million
        pytest.skip("the wrong code happened to be the right one")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "That code is not valid. Type the code your app shows now, or an unused recovery code."
        in html
    )
    assert 'aria-invalid="true"' in html
    assert not signed_in(client)
    assert client.get(en("lms:profile")).status_code == 302


def test_an_app_code_is_accepted_once(client, participant):
    totp_enable(participant)
    code = totp_code(SECRET)
    assert signed_in_with(client, participant, code)
    client.post(en("account_logout"))
    again = Client()
    if totp_code(SECRET) != code:
        pytest.skip("the 30-second step changed between the two sign-ins")
    response = sign_in_through_pages(again, participant.email, PASSWORD, code)
    assert response.status_code == 200 and not signed_in(again)


def signed_in_with(client, user, code, password=PASSWORD) -> bool:
    response = sign_in_through_pages(client, user.email, password, code)
    return response.status_code == 302 and signed_in(client)


def test_a_recovery_code_signs_in_once(client, participant):
    codes = totp_enable(participant)
    assert signed_in_with(client, participant, codes[3])
    client.post(en("account_logout"))
    assert not signed_in(client)
    response = sign_in_through_pages(client, participant.email, PASSWORD, codes[3])
    assert response.status_code == 200
    assert "That code is not valid." in response.content.decode()
    assert not signed_in(client)
    # Another unused code still works, and the page counts what is left.
    assert signed_in_with(client, participant, codes[4])
    page = client.get(en("mfa_index")).content.decode()
    assert "8 of 10 recovery codes are unused." in page


# --- Required for the secretariat, staff and superusers -------------------------------------


def test_the_secretariat_is_held_on_the_setup_page_until_done(client, bare_secretariat):
    client.post(en("account_login"), {"login": bare_secretariat.email, "password": PASSWORD})
    assert signed_in(client)
    assert_held(client, "mfa_activate_totp")
    # What it takes to get out stays open.
    assert client.get(en("mfa_index")).status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/static/css/site.css").status_code == 200
    response = client.post("/i18n/setlang/", {"language": "pt", "next": "/pt/"})
    assert response.status_code == 302 and response.url == "/pt/"
    client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    setup = client.get(en("mfa_activate_totp"))
    assert setup.status_code == 302  # allauth first asks for the password again
    client.post(setup.url, {"password": PASSWORD})
    page = client.get(en("mfa_activate_totp")).content.decode()
    assert "required for the Technical Secretariat and administrators" in page
    set_up_through_pages(client)
    assert client.get(en("lms:manage")).status_code == 200
    assert client.get(en("lms:profile")).status_code == 200


def test_a_superuser_is_held_too_even_through_force_login(client, db):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert_held(client, "mfa_activate_totp")
    set_up_through_pages(client)
    assert client.get(en("lms:profile")).status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_participant_is_not_forced(client, participant):
    response = client.post(en("account_login"), {"login": participant.email, "password": PASSWORD})
    assert response.status_code == 302 and signed_in(client)
    for name in ELSEWHERE[:2]:
        assert client.get(en(name)).status_code == 200


def test_a_held_person_can_sign_out(client, bare_secretariat):
    client.force_login(bare_secretariat)
    assert client.get(en("account_logout")).status_code == 200
    response = client.post(en("account_logout"))
    assert response.status_code == 302
    assert not signed_in(client)


def test_force_login_is_not_enough_for_someone_with_an_app(client, secretariat):
    # secretariat (tests/conftest.py) has an authenticator app.
    client.force_login(secretariat)
    assert_held(client, "mfa_reauthenticate")
    target = en("mfa_reauthenticate")
    response = client.get(en("lms:manage"))
    assert response.url == f"{target}?next=%2Fen%2Fmanage%2F"
    page = client.get(response.url).content.decode()
    assert "This session has not passed two-factor sign-in yet." in page
    assert 'action="/en/accounts/logout/"' in page
    wrong = client.post(target, {"code": "1", "next": "/en/manage/"})
    assert wrong.status_code == 200 and "That code is not valid." in wrong.content.decode()
    response = client.post(target, {"code": totp_code(SECRET), "next": "/en/manage/"})
    assert response.status_code == 302 and response.url == "/en/manage/"
    assert client.get(en("lms:manage")).status_code == 200


def test_the_wagtail_login_form_does_not_skip_the_second_factor(client, secretariat):
    client.post("/admin/login/", {"username": secretariat.email, "password": PASSWORD})
    assert signed_in(client)  # Wagtail's own form signed the person in...
    response = client.get("/admin/")
    assert response.status_code == 302  # ...but the admin asks for the code first.
    assert resolve(response.url.split("?")[0]).url_name == "mfa_reauthenticate"


def test_a_session_opened_before_the_role_is_held_at_once(client, participant):
    response = client.post(en("account_login"), {"login": participant.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(en("lms:profile")).status_code == 200
    admin = UserFactory(is_superuser=True, is_staff=True)
    services.role_grant(actor=admin, user=participant, role=Role.SECRETARIAT)
    assert_held(client, "mfa_activate_totp")


def test_turning_the_app_off_holds_the_secretariat_until_a_new_one(client, secretariat):
    mfa_force_login(client, secretariat)
    client.get(en("mfa_deactivate_totp"))  # asks for a code first (a recent confirmation)
    client.post(en("mfa_reauthenticate"), {"code": totp_code(SECRET)})
    page = client.get(en("mfa_deactivate_totp")).content.decode()
    assert "you will have to set up an authenticator app again right away" in page
    assert client.post(en("mfa_deactivate_totp")).status_code == 302
    assert not Authenticator.objects.filter(user=secretariat).exists()
    assert_held(client, "mfa_activate_totp")


def test_the_rule(secretariat, participant, rf):
    request = rf.get("/")
    request.session = Client().session
    assert hold_for(request, participant) is None
    assert hold_for(request, secretariat) is Hold.VERIFY
    totp_enable(participant)
    assert hold_for(request, participant) is Hold.VERIFY
    staff = UserFactory(is_staff=True)
    assert hold_for(request, staff) is Hold.SETUP


def test_the_rule_costs_no_query_once_known(client, participant, django_assert_num_queries):
    request = type("Request", (), {})()
    request.session = Client().session
    hold_for(request, participant)
    with django_assert_num_queries(0):
        # The answer "no authenticator app" is cached; the roles are on the user.
        assert hold_for(request, participant) is None


# --- Chat sockets ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
async def test_a_held_session_opens_no_chat_socket(secretariat):
    from channels.db import database_sync_to_async
    from channels.testing import WebsocketCommunicator

    from config.asgi import application
    from forum.models import Room, Space, SpaceMembership

    def prepare():
        space = Space.objects.create(kind="community", name="Red", slug="red")
        Room.objects.create(space=space, name="General", slug="red-general")
        SpaceMembership.objects.create(space=space, user=secretariat)
        held, passed = Client(), Client()
        held.force_login(secretariat)
        mfa_force_login(passed, secretariat)
        return held.cookies["sessionid"].value, passed.cookies["sessionid"].value

    held_key, passed_key = await database_sync_to_async(prepare)()

    async def connect(key):
        communicator = WebsocketCommunicator(
            application,
            "/ws/chat/red-general/",
            headers=[
                (b"origin", b"http://testserver"),
                (b"host", b"testserver"),
                (b"cookie", f"sessionid={key}".encode()),
            ],
        )
        connected, _code = await communicator.connect()
        await communicator.disconnect()
        return connected

    assert not await connect(held_key)
    assert await connect(passed_key)


def test_the_helpers_wait_for_a_fresh_code(monkeypatch):
    import tests.mfa

    class Clock:
        now = 59.0
        slept = []

        def time(self):
            return self.now

        def sleep(self, seconds):
            self.slept.append(seconds)
            self.now += seconds

    clock = Clock()
    monkeypatch.setattr(tests.mfa.time, "sleep", clock.sleep)
    monkeypatch.setattr(tests.mfa.time, "time", clock.time)
    next_period_code(SECRET)
    assert clock.slept == [pytest.approx(1.2)]
    # A code with under 3 s left to live is not given: the next step's is.
    clock.now, clock.slept = 88.5, []
    assert totp_code(SECRET) == totp_code(SECRET, at=90)
    assert clock.slept == [pytest.approx(1.55)]
    clock.now, clock.slept = 86.5, []
    assert totp_code(SECRET) == totp_code(SECRET, at=86.5) and clock.slept == []
    # RFC 6238's test vector (SHA-1, 8 digits 94287082 at 59 s) ends in these 6 digits.
    assert totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", at=59) == "287082"


def test_the_step_clock_moves_allauths_check_to_the_next_step(participant, monkeypatch):
    totp_enable(participant)
    totp = Authenticator.objects.get(user=participant, type=Authenticator.Type.TOTP).wrap()
    clock = StepClock().install(monkeypatch)
    code = clock.code(SECRET)
    assert totp.validate_code(code) is True
    assert totp.validate_code(code) is False  # spent
    step = clock.time() // PERIOD
    clock.next_step()
    assert clock.time() // PERIOD == step + 1 and clock.time() % PERIOD < 1
    following = clock.code(SECRET)
    assert following == totp_code(SECRET, at=(step + 1) * PERIOD)
    assert totp.validate_code(following) is True  # no wait for the next code
    assert totp.validate_code(following) is False  # and it is spent in its turn
    if code != following:  # one chance in a million that they are the same
        assert totp.validate_code(code) is False  # the last step's code is over


def test_cancelling_the_code_step_signs_nobody_in(client, participant):
    totp_enable(participant)
    client.post(en("account_login"), {"login": participant.email, "password": PASSWORD})
    page = client.get(en("mfa_authenticate")).content.decode()
    assert 'form="logout-from-stage"' in page
    client.post(en("account_logout"), {"next": en("account_login")})
    assert client.get(en("mfa_authenticate")).status_code == 302  # the step is gone
    assert not signed_in(client)


@pytest.mark.django_db(transaction=True)
def test_changes_are_confirmed_by_email_in_our_words(client, mailoutbox):
    # Transactional: allauth sends these emails on commit, inside the request.
    # The pages are in Spanish; the emails in the language the person chose.
    participant = ProfileFactory(user__full_name="Ana María Torres", preferred_language="en").user
    client.force_login(participant)
    set_up_through_pages(client)
    page = client.get(en("mfa_view_recovery_codes")).content.decode()
    assert page.count('class="message message--success"') == 2  # app on, codes ready
    client.post(en("mfa_generate_recovery_codes"))
    client.post(en("mfa_deactivate_totp"))
    assert [m.subject for m in mailoutbox] == ["[RIAL Campus] Your account was changed"] * 3
    bodies = [m.body for m in mailoutbox]
    assert "Two-factor sign-in was turned on" in bodies[0]
    assert "New recovery codes for two-factor sign-in were generated" in bodies[1]
    assert "Two-factor sign-in was turned off" in bodies[2]
    assert all("Ana María Torres" in body for body in bodies)


def test_an_unconfirmed_address_is_confirmed_first_without_leaving_the_hold(
    client, bare_secretariat
):
    from allauth.account.models import EmailAddress

    # A change of address waiting for confirmation: allauth will not set up an app.
    EmailAddress.objects.create(user=bare_secretariat, email="nueva@example.org", verified=False)
    client.force_login(bare_secretariat)
    client.post(client.get(en("mfa_activate_totp")).url, {"password": PASSWORD})
    response = client.get(en("mfa_activate_totp"))
    assert response.status_code == 302 and response.url == en("mfa_index")
    page = client.get(en("mfa_index")).content.decode()
    assert "Confirm your email address before setting up two-factor sign-in" in page
    assert client.get(en("account_email")).status_code == 200  # to resend or cancel it
    assert_held(client, "mfa_activate_totp")
