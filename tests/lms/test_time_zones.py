"""The time-zone list: grouped by country in the reader's language, IANA names stored."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from lms.forms import ProfileForm
from lms.models import Profile
from lms.time_zones import time_zone_groups, zone_label, zones_by_country


def profile_url(language):
    with translation.override(language):
        return reverse("lms:profile")


def test_every_member_state_has_its_zones():
    from lms.choices import Country

    zones = zones_by_country()
    assert set(zones) >= {code.value for code in Country}
    assert "America/Bogota" in zones["CO"] and "Pacific/Easter" in zones["CL"]
    assert len(zones["US"]) > 20  # also Alaska and Hawaii


def test_groups_are_countries_in_the_readers_language_sorted_by_name():
    with translation.override("en"):
        english = time_zone_groups()
    with translation.override("es"):
        spanish = time_zone_groups()
    names = [str(name) for name, _zones in english]
    assert "United States of America" in names and "Brazil" in names
    assert [str(name) for name, _zones in spanish][-1] == "Otro"
    assert "Estados Unidos de América" in [str(name) for name, _zones in spanish]
    countries = names[:-1]
    assert countries == sorted(countries, key=str.casefold)
    brazil = dict(english)["Brazil"]
    assert ("America/Sao_Paulo", zone_label("America/Sao_Paulo")) in brazil
    assert zone_label("America/Sao_Paulo").startswith("Sao Paulo (UTC")
    assert zone_label("America/Indiana/Indianapolis").startswith("Indianapolis, Indiana (")
    assert dict(english)["Other"] == [("UTC", "UTC")]


def test_a_zone_stored_under_an_older_name_stays_listed_and_valid():
    form = ProfileForm(initial={"time_zone": "America/Buenos_Aires"})
    other = dict(form.fields["time_zone"].choices)[translation.gettext("Other")]
    assert ("America/Buenos_Aires", "America/Buenos Aires") in other
    assert form.fields["time_zone"].valid_value("America/Buenos_Aires")
    assert not ProfileForm().fields["time_zone"].valid_value("America/Buenos_Aires")
    assert not form.fields["time_zone"].valid_value("Europe/Madrid")


@pytest.mark.django_db
def test_the_profile_page_groups_the_zones_and_saves_the_iana_name(user_client, user):
    html = user_client.get(profile_url("fr")).content.decode()
    select = html.split('name="time_zone"')[1].split("</select>")[0]
    groups = re.findall(r'<optgroup label="([^"]+)"', select)
    assert "Colombie" in groups or "Colombia" in groups  # French once translated
    assert len(groups) > 30
    assert re.search(r'<select name="time_zone"[^>]* data-filter-label="', html)
    assert '<option value="America/Bogota"' in select
    response = user_client.post(
        profile_url("en"),
        {
            "full_name": "Ana María Torres Vidal",
            "country": "CO",
            "institution": "Ministerio del Trabajo",
            "position": "Jefa",
            "preferred_language": "en",
            "time_zone": "America/Bogota",
        },
    )
    assert response.status_code == 302
    assert Profile.objects.get(user=user).time_zone == "America/Bogota"
