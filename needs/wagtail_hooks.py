"""The needs' part of other apps' pages, and the platform's own suggestions for a need
(the ``rial_need_suggestions`` hook, needs/suggestions.py: its contract)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from cooperation.selectors import current_call
from forum.selectors.experts import directory
from needs import selectors
from needs.suggestions import HOOK, PER_KIND, Suggestion
from portfolio.selectors import Filters as ProgrammeFilters
from portfolio.selectors import search as programmes_search


def _open_call():
    call = current_call()
    return call if call is not None and call.is_open() else None


def _propose_url(need, **query) -> str:
    url = reverse("needs:propose", kwargs={"pk": need.pk})
    return f"{url}?{urlencode(query)}" if query else url


def _ask_url(need, **query) -> str:
    url = reverse("needs:ask", kwargs={"pk": need.pk})
    return f"{url}?{urlencode(query)}" if query else url


@hooks.register(HOOK)
def programmes_of_the_theme(need, user) -> list[Suggestion]:
    """Published programmes of other ministries on the need's theme, newest first; the
    focal point proposes a cooperation activity building on one while the call is open."""
    programmes = list(
        programmes_search(ProgrammeFilters(theme=need.theme)).exclude(country=need.country)[
            :PER_KIND
        ]
    )
    act = bool(programmes) and selectors.can_act(user=user, need=need) and _open_call()
    label = _("Programmes of the portfolio")
    return [
        Suggestion(
            kind="programme",
            kind_label=label,
            title=programme.in_language().name,
            url=reverse("portfolio:programme", kwargs={"pk": programme.pk}),
            detail=str(programme.get_country_display()),
            action_url=_propose_url(need, programme=programme.pk) if act else None,
            action_label=_("Propose a cooperation activity on it") if act else None,
        )
        for programme in programmes
    ]


@hooks.register(HOOK)
def experts_of_the_theme(need, user) -> list[Suggestion]:
    """Listed experts of the need's theme; those who take questions can be asked."""
    profiles = list(directory(theme=need.theme)[:PER_KIND])
    act = selectors.can_act(user=user, need=need)
    label = _("Experts of the theme")
    found = []
    askable = [profile for profile in profiles if profile.accepts_questions]
    if len(askable) > 1:
        found.append(
            Suggestion(
                kind="expert",
                kind_label=label,
                title=_("Every expert of %(theme)s") % {"theme": need.theme.name},
                url=f"{reverse('forum:experts')}?{urlencode({'theme': need.theme.pk})}",
                detail=ngettext(
                    "%(n)s expert takes questions on this theme",
                    "%(n)s experts take questions on this theme",
                    len(askable),
                )
                % {"n": len(askable)},
                action_url=_ask_url(need) if act else None,
                action_label=_("Ask them a question") if act else None,
            )
        )
    for profile in profiles:
        person = profile.user
        can_ask = act and profile.accepts_questions and person.pk != user.pk
        where = [profile.headline or getattr(getattr(person, "profile", None), "institution", "")]
        found.append(
            Suggestion(
                kind="expert",
                kind_label=label,
                title=person.get_full_name(),
                url=reverse("forum:expert", kwargs={"user_id": person.pk}),
                detail=" · ".join(part for part in where if part),
                action_url=_ask_url(need, expert=person.pk) if can_ask else None,
                action_label=_("Ask this expert") if can_ask else None,
            )
        )
    return found


@hooks.register(HOOK)
def open_cooperation_call(need, user) -> list[Suggestion]:
    """The bilateral cooperation call, while it is open."""
    call = _open_call()
    if call is None:
        return []
    act = selectors.can_act(user=user, need=need)
    return [
        Suggestion(
            kind="call",
            kind_label=_("Cooperation calls"),
            title=call.title,
            url=reverse("cooperation:call"),
            detail=_("Open until %(date)s") % {"date": date_format(call.closes_on)},
            action_url=_propose_url(need) if act else None,
            action_label=_("Propose a cooperation activity") if act else None,
        )
    ]


@hooks.register("rial_dashboard_notices")
def needs_waiting(user) -> list[dict]:
    """The secretariat sees how many needs nobody has answered for a while."""
    if not user.is_secretariat:
        return []
    count = selectors.waiting(older_than_days=selectors.WAITING_DAYS).count()
    if not count:
        return []
    return [
        {
            "text": ngettext(
                "%(n)s need of a ministry has waited more than %(days)s days for an answer.",
                "%(n)s needs of the ministries have waited more than %(days)s days for an answer.",
                count,
            )
            % {"n": count, "days": selectors.WAITING_DAYS},
            "url": f"{reverse('needs:index')}?status=open",
            "link": _("See the needs nobody answered"),
        }
    ]
