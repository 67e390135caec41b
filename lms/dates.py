"""Dates in words as each language writes them.

Django's Portuguese catalogue capitalises the months ("6 de Dezembro de 2026");
Portuguese writes them in lower case ("6 de dezembro de 2026"), as Spanish and
French do. Everything the campus prints goes through here: ``date_format`` in
Python, and the ``date`` template filter (``lms.templatetags.lms_dates``, a
template builtin) for every template.
"""

import functools
import re

from django.utils import dates, formats
from django.utils.translation import get_language

# Languages whose month names are common nouns, written in lower case.
LOWER_CASE_MONTHS = {"pt"}
_NAMES = (dates.MONTHS, dates.MONTHS_3, dates.MONTHS_AP, dates.MONTHS_ALT)


def _forms(name) -> tuple[str, str]:
    return str(name), str(name).title()


def lower_case_months(text: str) -> str:
    """``text`` with the active language's month names in lower case, if it writes them so."""
    language = (get_language() or "").split("-")[0]
    if language not in LOWER_CASE_MONTHS or not text:
        return text
    return _month_names(language).sub(lambda match: match.group(0).lower(), str(text))


@functools.lru_cache
def _month_names(language: str) -> re.Pattern:
    """The capitalised month names of ``language`` (the active one), longest first."""
    # "M" prints the three letters titled ("Dez"), so the titled forms count too.
    names = {form for table in _NAMES for month in table for form in _forms(table[month])}
    longest_first = sorted((name for name in names if name[:1].isupper()), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(name) for name in longest_first) + r")(?!\w)")


def date_format(value, format=None) -> str:
    """``django.utils.formats.date_format``, with month names written as the language does."""
    return lower_case_months(formats.date_format(value, format))
