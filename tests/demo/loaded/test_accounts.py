"""The demo's accounts: the secretariat signs in with the authenticator secret and the
recovery codes the loader prints (tests/demo/loaded/test_loader.py)."""

from allauth.mfa.models import Authenticator
from django.test import Client

from demo.accounts import DEMO_TOTP_SECRET
from lms.models import User
from tests.lms.test_mfa import signed_in_with
from tests.mfa import totp_code


def test_the_demo_secretariat_has_an_app_with_a_published_secret(demo):
    secretariat = User.objects.get(email="secretariat@example.org")
    assert Authenticator.objects.filter(user=secretariat).count() == 2
    codes = Authenticator.objects.get(user=secretariat, type="recovery_codes").wrap()
    codes = codes.get_unused_codes()
    # The secret in an app, then a recovery code, both sign in.
    password = "rial-demo-2026"
    assert signed_in_with(Client(), secretariat, totp_code(DEMO_TOTP_SECRET), password=password)
    assert signed_in_with(Client(), secretariat, codes[0], password=password)
