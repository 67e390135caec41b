"""The ``date`` filter, as Django's, with month names written as the language does.

A template builtin (``TEMPLATES[...]["OPTIONS"]["builtins"]``): it replaces
Django's ``date`` in every template, so no template can print "Dezembro" in
Portuguese.
"""

from django import template
from django.template.defaultfilters import date as django_date

from lms.dates import lower_case_months

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date(value, arg=None):
    return lower_case_months(django_date(value, arg))
