"""The documentation centre in the site's search: a published document is one entry
in its language; suggestions and declined documents are found by no one."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from library.models import Publication
from search import engine
from search.providers import Provider, Result, in_hit_order
from search.services import Document, entries_rebuild, entries_replace

KIND = "document"


def _documents(publication: Publication) -> list[Document]:
    if publication.status != Publication.Status.PUBLISHED:
        return []
    return [
        Document(title=publication.title, body=publication.summary, language=publication.language)
    ]


def publication_index(*, publication: Publication) -> None:
    """After a document is published, edited or declined."""
    entries_replace(kind=KIND, object_id=publication.pk, documents=_documents(publication))


def rebuild() -> int:
    published = Publication.objects.filter(status=Publication.Status.PUBLISHED)
    return entries_rebuild(
        kind=KIND,
        documents=((p.pk, d) for p in published.iterator() for d in _documents(p)),
    )


def matching(items, query: str):
    ids = engine.matching_ids(query=query, kind=KIND, language=get_language())
    return items if ids is None else items.filter(pk__in=ids)


def _more(query: str) -> str:
    return reverse("library:documents") + "?" + urlencode({"q": query})


def _results(user, query: str, hits) -> list[Result]:
    found = Publication.objects.filter(
        status=Publication.Status.PUBLISHED, pk__in=[h.object_id for h in hits]
    )
    return [
        Result(
            title=item.title,
            url=_more(item.title[:60]),
            excerpt=Truncator(item.summary).words(30),
            meta=item.get_kind_display(),
        )
        for item in in_hit_order(hits, found)
    ]


def provider() -> Provider:
    return Provider(
        kind=KIND,
        label=_("Documents"),
        results=_results,
        more_url=_more,
        rebuild=rebuild,
        order=35,
    )
