"""What the funding directory suggests for a ministry's need (the needs app asks through
its ``rial_need_suggestions`` hook, registered in funding/wagtail_hooks.py): the open
calls of the need's theme for which the need's country is eligible."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from courses.models import Theme
from funding import selectors
from needs.suggestions import Suggestion

LIMIT = 5


def _detail(call) -> str:
    if call.deadline is None:
        return _("%(funder)s · applications at any time") % {"funder": call.funder.name}
    return _("%(funder)s · deadline %(date)s") % {
        "funder": call.funder.name,
        "date": date_format(call.deadline, "DATE_FORMAT"),
    }


def need_suggestions(need, user) -> list[Suggestion]:
    """Open funding calls of ``need.theme_id`` that ``need.country`` (ISO-2) may apply to,
    soonest deadline first. No one-step action: the call's page says how to apply."""
    theme_id, country = getattr(need, "theme_id", None), getattr(need, "country", "") or ""
    if not theme_id:
        return []
    calls = selectors.open_calls(
        theme=Theme(pk=theme_id), country=country.upper()
    ).prefetch_related(None)[:LIMIT]
    label = _("Funding call")
    return [
        Suggestion(
            kind="funding-call",
            kind_label=label,
            title=call.title,
            url=reverse("funding:call", kwargs={"pk": call.pk}),
            detail=_detail(call),
        )
        for call in calls
    ]
