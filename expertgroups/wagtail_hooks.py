"""The ad-hoc groups' part of other apps' pages (Wagtail hooks, ARCHITECTURE.md)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail import hooks

from expertgroups import selectors


@hooks.register("rial_dashboard_notices")
def waiting_for_the_expert(user) -> list[dict]:
    """An expert sees on their dashboard the invitations they have not answered and the
    opinions that wait for their signature."""
    notices = []
    for item, kind in selectors.waiting_for(user=user):
        url = reverse("expertgroups:consultation", kwargs={"pk": item.pk})
        if kind == "answer":
            notices.append(
                {
                    "text": _("You are invited to an ad-hoc group of experts: %(question)s")
                    % {"question": item.question},
                    "url": url,
                    "link": _("Read the terms of reference and answer"),
                }
            )
        else:
            notices.append(
                {
                    "text": _("The ad-hoc group's opinion is due on %(date)s: %(question)s")
                    % {"question": item.question, "date": date_format(item.deadline)},
                    "url": url,
                    "link": _("Sign the opinion"),
                }
            )
    return notices
