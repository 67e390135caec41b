"""Loading the demo a second time adds nothing, anywhere, and says again what a
person trying it needs: the secretariat's authenticator secret and recovery codes,
where to check the finished cohort's certificate."""

import io
from pathlib import Path

from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.management import call_command

from cms.models import HomePage
from demo.accounts import DEMO_TOTP_SECRET
from demo.cohorts import FINISHED
from lms.models import User

PROJECT = Path(__file__).resolve().parents[3]
# Besides the project's own apps: pages, people's email addresses, groups.
THIRD_PARTY = {"wagtailcore", "account", "auth", "mfa"}


def snapshot():
    labels = {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(PROJECT) and ".venv" not in Path(config.path).parts
    } | THIRD_PARTY
    counts = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in labels
    }
    latest = dict(HomePage.objects.values_list("locale__language_code", "latest_revision_id"))
    return counts, latest


def test_loading_the_demo_again_adds_nothing_and_repeats_what_to_try(demo, settings):
    before = snapshot()
    assert {"lms", "forum", "courses", "needs", "pilots", "funding", "bodies"} <= {
        label.split(".")[0] for label in before[0]
    }
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    after = snapshot()
    grown = {
        label: (count, after[0][label])
        for label, count in before[0].items()
        if after[0][label] != count
    }
    assert not grown, grown
    assert after[1] == before[1]  # no new revision of the home pages
    text = out.getvalue()
    secretariat = User.objects.get(email="secretariat@example.org")
    assert DEMO_TOTP_SECRET in text
    recovery = Authenticator.objects.get(user=secretariat, type="recovery_codes")
    codes = recovery.wrap().get_unused_codes()
    assert codes[0] in text and codes[1] in text
    code = FINISHED["certificate_code"]
    url = f"{settings.WAGTAILADMIN_BASE_URL}/es/certificates/{code}/"
    assert f"Certificate to check: code {code}, at {url}" in text
