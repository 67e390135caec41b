"""What the platform can offer a need: the ``rial_need_suggestions`` hook.

Contract
--------
Any app may register a function under the Wagtail hook ``rial_need_suggestions``::

    from wagtail import hooks

    @hooks.register("rial_need_suggestions")
    def funding_for_need(need, user) -> list[Suggestion]:
        ...

- It is called with the need (``needs.models.Need``, its ``theme`` and ``theme.area``
  loaded) and the acting user (signed in, allowed to see the need), once per view of
  the need's page.
- It returns a list (possibly empty) of :class:`Suggestion`, best first, at most
  ``PER_KIND`` of them: each provider reads a bounded number of rows (a few queries,
  never one per suggestion).
- ``kind`` is a short stable code (``"programme"``, ``"expert"``, ``"call"``,
  ``"funding"``...); ``kind_label`` its translated name, a heading for the group.
- ``title`` and ``detail`` are plain text (templates escape them); ``url`` is the page
  of what is suggested, for anyone who may see the need.
- ``action_url`` and ``action_label`` are the one step that turns the suggestion into
  an answer to the need (a proposal, a question...), given only when ``user`` may take
  it (``needs.selectors.can_act``); otherwise both are ``None``. A provider of another
  app points it at a page of its own (the secretariat can still mark the need
  answered).
- A provider that fails does not fail the page: its error is logged and its
  suggestions are left out.

``needs/wagtail_hooks.py`` registers the platform's own: published programmes of the
theme, experts of the theme who take questions, the cooperation call when it is open.
"""

import logging
from dataclasses import dataclass

from wagtail import hooks

HOOK = "rial_need_suggestions"
PER_KIND = 5

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Suggestion:
    kind: str
    kind_label: str
    title: str
    url: str
    detail: str = ""
    action_url: str | None = None
    action_label: str | None = None


def suggestions_for(*, need, user) -> list[Suggestion]:
    """Every registered provider's suggestions for the need, in the hooks' order."""
    found: list[Suggestion] = []
    for provider in hooks.get_hooks(HOOK):
        try:
            found.extend(provider(need, user) or [])
        except Exception:  # one app's failure leaves the others' suggestions
            logger.exception("need suggestions from %r failed", provider)
    return found


def grouped(suggestions: list[Suggestion]) -> list[tuple[str, list[Suggestion]]]:
    """Suggestions by kind, in the order the kinds first appear: [(kind_label, [...])]."""
    groups: dict[str, tuple[str, list[Suggestion]]] = {}
    for item in suggestions:
        groups.setdefault(item.kind, (item.kind_label, []))[1].append(item)
    return list(groups.values())
