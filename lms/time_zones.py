"""Time zones to choose from, grouped by country: the Americas (the member states and
the territories with a zone of their own) and UTC. What is stored is the IANA name.

The country of each zone comes from the tz database's ``zone.tab`` (the system's
zoneinfo, else the ``tzdata`` package); country names from ``lms.choices.Country``,
translated like the rest of the site."""

import datetime
import functools
import unicodedata
import zoneinfo
from importlib import resources
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from lms.choices import Country

# Territories in the Americas with a zone of their own that are not member states.
TERRITORIES = {
    "AI": _("Anguilla"),
    "AW": _("Aruba"),
    "BL": _("Saint Barthélemy"),
    "BQ": _("Caribbean Netherlands"),
    "CW": _("Curaçao"),
    "GF": _("French Guiana"),
    "GL": _("Greenland"),
    "GP": _("Guadeloupe"),
    "KY": _("Cayman Islands"),
    "MF": _("Saint Martin (French part)"),
    "MQ": _("Martinique"),
    "MS": _("Montserrat"),
    "PM": _("Saint Pierre and Miquelon"),
    "PR": _("Puerto Rico"),
    "SX": _("Sint Maarten"),
    "TC": _("Turks and Caicos Islands"),
    "VG": _("British Virgin Islands"),
    "VI": _("United States Virgin Islands"),
}


def _zone_tab() -> str:
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text(encoding="utf-8")


@functools.cache
def zones_by_country() -> dict[str, tuple[str, ...]]:
    """Country code -> its zones, for the member states and the territories above."""
    names = {code.value for code in Country} | set(TERRITORIES)
    zones: dict[str, list[str]] = {}
    for line in _zone_tab().splitlines():
        if not line or line.startswith("#"):
            continue
        code, _coordinates, zone, *_comment = line.split("\t")
        if code in names:
            zones.setdefault(code, []).append(zone)
    return {code: tuple(sorted(found)) for code, found in zones.items()}


@functools.cache
def known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def sort_key(label) -> str:
    """Sort names alphabetically whatever their accents (Perú between Paraguay and Saint...)."""
    text = unicodedata.normalize("NFKD", str(label))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _offset(zone: str, now: datetime.datetime) -> str:
    minutes = int(now.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\N{MINUS SIGN}"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def zone_label(zone: str, now: datetime.datetime | None = None) -> str:
    """The place first, then its current offset: "Indianapolis, Indiana (UTC-05:00)" for
    America/Indiana/Indianapolis, so that typing its first letters in the list finds it."""
    parts = [part.replace("_", " ") for part in zone.split("/")[1:]] or [zone]
    place = parts[-1]
    if len(parts) > 1 and parts[0] != "Argentina":
        place = f"{place}, {parts[-2]}"
    return f"{place} ({_offset(zone, now or datetime.datetime.now(datetime.UTC))})"


def time_zone_groups(current: str = "") -> list:
    """Choices for a <select>: one group per country, by its name in the active
    language, its zones by place; then UTC, and ``current`` if it is another zone
    (an older name such as America/Buenos_Aires), so that it stays selected."""
    now = datetime.datetime.now(datetime.UTC)
    labels = {**dict(Country.choices), **TERRITORIES}
    groups = [
        (
            str(labels[code]),
            sorted(((z, zone_label(z, now)) for z in zones), key=lambda c: sort_key(c[1])),
        )
        for code, zones in zones_by_country().items()
    ]
    groups.sort(key=lambda group: sort_key(group[0]))
    listed = {zone for _country, zones in groups for zone, _label in zones}
    other = [("UTC", "UTC")]
    if current and current != "UTC" and current not in listed and current in known_zones():
        other.append((current, current.replace("_", " ")))
    return [*groups, (str(_("Other")), other)]
