from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def wait_words(seconds) -> str:
    """A waiting time in words: "40 minutes", "5 hours", "2 days"."""
    if seconds is None:
        return ""
    minutes = max(1, round(float(seconds) / 60))
    if minutes < 90:
        return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    hours = round(minutes / 60)
    if hours < 48:
        return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
    days = round(hours / 24)
    return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}
