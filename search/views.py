"""The site-wide search page: every provider's best few results, grouped by kind."""

from dataclasses import dataclass

from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.engine import words_of
from search.providers import Provider, Result, preview, providers

PREVIEW = 5
# The page is an overview: each kind says "100+" past a hundred and ranks its newest
# matches (a kind's own page counts to 1,000 and ranks a thousand). Walking to a
# thousand matches of every kind cost most of the page (forum posts: a common word's
# thousand newest readable posts).
CAP = 100


@dataclass
class Group:
    provider: Provider
    count: int
    results: list[Result]
    more_url: str

    @property
    def capped(self) -> bool:
        return self.count > CAP


def groups_for(user, query: str) -> list[Group]:
    """Each provider's group for the page: one query per kind (its capped count and best
    few together), then its app's selector; kinds with nothing the person may see left out."""
    groups = []
    for provider in providers():
        found = preview(provider, user, query, PREVIEW, cap=CAP)
        if found.results:
            groups.append(Group(provider, found.count, found.results, provider.more_url(query)))
    return groups


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    groups = groups_for(request.user, query) if words_of(query) else []
    return render(
        request,
        "search/results.html",
        {"query": query, "groups": groups, "searched": bool(words_of(query)), "cap": CAP},
    )
