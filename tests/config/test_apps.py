"""The project's apps: each portal feature is an app of its own (label, migrations,
URL namespace), and what other code names by label (the secretariat group's
permissions) exists under those labels."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from lms.services import people

PORTAL_APPS = {
    "portfolio": "portfolio:index",
    "library": "library:documents",
    "events": "events:index",
    "cooperation": "cooperation:call",
    "newsletter": "newsletter:archive",
    "workplan": "workplan:plans",
    "funding": "funding:index",
}


@pytest.mark.parametrize(("label", "url_name"), PORTAL_APPS.items())
def test_each_portal_feature_is_an_app_with_its_namespace(label, url_name):
    config = apps.get_app_config(label)
    assert config.name == label
    assert config.get_models()
    with translation.override("es"):
        assert reverse(url_name).startswith("/es/")


def test_the_wagtail_site_holds_only_its_pages():
    # Its pages, and which source revision each translated page was brought up to date
    # with (the Translations report); the portal's records live in apps of their own.
    assert {model.__name__ for model in apps.get_app_config("cms").get_models()} == {
        "HomePage",
        "StandardPage",
        "TranslationSync",
    }


@pytest.mark.django_db
def test_every_permission_the_secretariat_group_names_exists():
    for app_label, codename in people._SECRETARIAT_PERMISSIONS:
        assert Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).exists(), f"{app_label}.{codename}"


@pytest.mark.django_db
def test_the_secretariat_manages_the_portal_snippets(secretariat):
    for permission in (
        "library.add_publication",
        "library.change_instrument",
        "library.delete_repository",
        "events.change_event",
        "cooperation.view_call",
        "workplan.change_workplan",
        "workplan.change_action",
        "workplan.add_funder",
        "funding.change_fundingcall",
        "funding.add_funder",
    ):
        assert secretariat.has_perm(permission), permission
