"""Funding calls in the site's search: a published call (of a published funder) is one
entry in its language; suggestions and declined calls are found by no one."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from funding.models import FundingCall, Status
from search.providers import Provider, Result, in_hit_order
from search.services import Document, entries_rebuild, entries_replace

KIND = "funding-call"


def _published():
    return FundingCall.objects.filter(
        status=Status.PUBLISHED, funder__status=Status.PUBLISHED
    ).select_related("funder")


def _documents(call: FundingCall) -> list[Document]:
    if call.status != Status.PUBLISHED or call.funder.status != Status.PUBLISHED:
        return []
    body = "\n".join(part for part in (call.funder.name, call.summary, call.how_to_apply) if part)
    return [Document(title=call.title, body=body, language=call.language)]


def call_index(*, call: FundingCall) -> None:
    """After a call is published, edited or declined."""
    entries_replace(kind=KIND, object_id=call.pk, documents=_documents(call))


def funder_calls_index(*, funder) -> None:
    """After a funder is published or withdrawn: its calls follow it."""
    for call in FundingCall.objects.filter(funder=funder).select_related("funder"):
        call_index(call=call)


def rebuild() -> int:
    return entries_rebuild(
        kind=KIND,
        documents=((call.pk, d) for call in _published().iterator() for d in _documents(call)),
    )


def _more(query: str) -> str:
    return reverse("funding:index") + "?" + urlencode({"q": query})


def _results(user, query: str, hits) -> list[Result]:
    found = _published().filter(pk__in=[hit.object_id for hit in hits])
    return [
        Result(
            title=call.title,
            url=reverse("funding:call", kwargs={"pk": call.pk}),
            excerpt=Truncator(call.summary).words(30),
            meta=call.funder.name,
        )
        for call in in_hit_order(hits, found)
    ]


def provider() -> Provider:
    return Provider(
        kind=KIND,
        label=_("Funding calls"),
        results=_results,
        more_url=_more,
        rebuild=rebuild,
        order=37,
    )
