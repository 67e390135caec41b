"""The site-wide search page: every provider's best few results, grouped by kind."""

from dataclasses import dataclass

from django.shortcuts import render
from django.views.decorators.http import require_GET

from search.engine import words_of
from search.providers import Provider, Result, providers

PREVIEW = 5
CAP = 1000


@dataclass
class Group:
    provider: Provider
    count: int
    results: list[Result]
    more_url: str

    @property
    def capped(self) -> bool:
        return self.count > CAP


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    groups = []
    if words_of(query):
        for provider in providers():
            count = provider.count(request.user, query)
            if not count:
                continue
            results = provider.search(request.user, query, PREVIEW)
            if results:
                groups.append(Group(provider, count, results, provider.more_url(query)))
    return render(
        request,
        "search/results.html",
        {"query": query, "groups": groups, "searched": bool(words_of(query)), "cap": CAP},
    )
