"""Every UI string is translated in es, en, pt and fr, and the catalogues ship compiled."""

import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import ProfileFactory

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["es", "en", "pt", "fr"]


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language):
    po = catalogue(language)
    assert len(po) > 200
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    """The .mo files are committed so no gettext tool is needed to run the site."""
    po = catalogue(language)
    mo = polib.mofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"))

    def text(entry):
        if entry.msgid_plural:
            return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        return entry.msgstr

    compiled = {(entry.msgctxt, entry.msgid): text(entry) for entry in mo if entry.msgid}
    source = {
        (entry.msgctxt, entry.msgid): text(entry)
        for entry in po
        if entry.translated() and not entry.obsolete
    }
    assert compiled == source, "run `make messages` and commit the .mo files"


@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_placeholders_survive_translation(language):
    import re

    pattern = re.compile(r"%\(\w+\)s|<a href=\"%\(url\)s\">|</?strong>")
    for entry in catalogue(language):
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural[0]),
                (entry.msgid_plural, entry.msgstr_plural[1]),
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translated in pairs:
            assert sorted(pattern.findall(source)) == sorted(pattern.findall(translated)), source


def test_every_source_string_is_in_the_catalogue(tmp_path):
    """Extract strings from a copy of the sources: none may be missing from the catalogue."""
    if shutil.which("xgettext") is None:
        pytest.fail("gettext is needed for this check: apt-get install -y gettext")
    # Our apps (every installed app with a folder here: config, cms, the portal
    # apps, forum, lms, courses) and the templates.
    ours = [app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()]
    for folder in [*ours, "templates"]:
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    (tmp_path / "locale" / "es" / "LC_MESSAGES").mkdir(parents=True)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from django.core.management import execute_from_command_line; "
            "execute_from_command_line(['manage.py', 'makemessages', '--locale', 'es', "
            "'--no-location', '--no-obsolete'])",
        ],
        cwd=tmp_path,
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(tmp_path),
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    extracted = polib.pofile(str(tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    known = {(entry.msgctxt, entry.msgid) for entry in catalogue("es")}
    missing = sorted(
        entry.msgid for entry in extracted if (entry.msgctxt, entry.msgid) not in known
    )
    assert not missing, f"run `make messages` and translate: {missing}"


class _Text(HTMLParser):
    SKIP = {"script", "style", "option", "title"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.texts = set()

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.depth and any(ch.isalpha() for ch in text):
            self.texts.add(text)


def texts(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    return parser.texts


PAGES_ANONYMOUS = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]
PAGES_SIGNED_IN = [
    "lms:profile",
    "account_email",
    "account_change_password",
    "account_logout",
    "mfa_index",
    "forum:experts",
    "forum:office_hours",
    "forum:questions",
    "forum:ask",
    "forum:communities",
    "portfolio:index",
    "portfolio:table",
    "portfolio:mine",
    "portfolio:programme_new",
    "library:documents",
    "library:document_suggest",
    "events:index",
    "cooperation:call",
    "cooperation:proposals",
    "newsletter:archive",
    "workplan:plans",
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_pages_show_no_english_left_over(client, demo_pages, language):
    from django.urls import reverse

    def render(path_for):
        pages = {}
        for name in PAGES_ANONYMOUS:
            pages[name] = client.get(path_for(name)).content.decode()
        pages["home"] = client.get(path_for("home")).content.decode()
        pages["404"] = client.get(path_for("404")).content.decode()
        return pages

    # A focal point, so that the programme form renders too.
    person = ProfileFactory(
        user__full_name="Zoe Quiroga",
        user__roles=["participant", "focal_point"],
        institution="Ministerio X",
        position="Analista",
        country="CL",
    ).user
    assert person.has_role("focal_point")

    def path_for(lang):
        def build(name):
            if name == "home":
                return f"/{lang}/"
            if name == "404":
                return f"/{lang}/no-such-page/"
            with translation.override(lang):
                return reverse(name)

        return build

    english = render(path_for("en"))
    other = render(path_for(language))
    client.force_login(person)
    for name in PAGES_SIGNED_IN:
        english[name] = client.get(path_for("en")(name)).content.decode()
        other[name] = client.get(path_for(language)(name)).content.decode()

    personal = {"Zoe Quiroga", "Zoe", "Ministerio X", "Analista", person.email}
    assert_no_english_left_over(english, other, language, personal)


def assert_no_english_left_over(english: dict, other: dict, language: str, personal: set) -> None:
    """No text of a page in ``language`` is also on the same page in English."""
    same_on_purpose = {entry.msgid for entry in catalogue(language) if entry.msgid == entry.msgstr}
    same_on_purpose |= {"RIAL Campus", "Español", "English", "Português", "Français", "RIAL"}
    for name, html in other.items():
        leftovers = (texts(html) & texts(english[name])) - same_on_purpose - personal
        leftovers = {text for text in leftovers if "@" not in text}
        assert not leftovers, f"{name} in {language} still shows English: {sorted(leftovers)}"


# The two-factor pages (allauth.mfa with templates/mfa/): the sign-in step, the
# setup page, the recovery codes, turning it off, the code asked again.
PAGES_TWO_FACTOR = [
    "mfa_index",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_deactivate_totp",
    "mfa_reauthenticate",
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_two_factor_pages_show_no_english_left_over(demo_pages, language):
    from django.test import Client
    from django.urls import reverse

    from tests.factories import PASSWORD
    from tests.mfa import mfa_force_login, totp_enable

    with_app = ProfileFactory(user__full_name="Zoe Quiroga").user
    totp_enable(with_app)
    without_app = ProfileFactory(user__full_name="Zoe Quiroga").user
    admin = ProfileFactory(user__full_name="Zoe Quiroga", user__is_staff=True).user
    totp_enable(admin)

    def render(lang):
        with translation.override(lang):
            url = {name: reverse(name) for name in [*PAGES_TWO_FACTOR, "mfa_activate_totp"]}
            login, authenticate = reverse("account_login"), reverse("mfa_authenticate")
            confirm = reverse("account_reauthenticate")
        pages = {}
        client = Client()
        client.post(login, {"login": with_app.email, "password": PASSWORD})
        pages["mfa_authenticate"] = client.get(authenticate).content.decode()
        client = Client()
        mfa_force_login(client, with_app)
        client.post(confirm, {"password": PASSWORD})  # a recent confirmation, as allauth asks
        for name in PAGES_TWO_FACTOR:
            pages[name] = client.get(url[name]).content.decode()
        client = Client()
        client.force_login(without_app)
        client.post(confirm, {"password": PASSWORD})
        pages["mfa_activate_totp"] = client.get(url["mfa_activate_totp"]).content.decode()
        client = Client()
        client.force_login(admin)  # held until this session passes a code
        pages["held"] = client.get(url["mfa_reauthenticate"]).content.decode()
        return pages

    english, other = render("en"), render(language)
    for name, html in other.items():
        assert "<form" in html, name
    personal = {"Zoe Quiroga", "Zoe", with_app.email, without_app.email, admin.email}
    assert_no_english_left_over(english, other, language, personal)
