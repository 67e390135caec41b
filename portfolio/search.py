"""The portfolio in the site's search: a published programme is one entry per
language it is written in (the original and each translation), so "telework"
finds a Spanish programme whose English translation says telework."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portfolio.models import Programme, ProgrammeTranslation
from search import engine
from search.providers import Provider, Result, in_hit_order
from search.services import Document, entries_rebuild, entries_replace

KIND = "programme"


def _documents(programme: Programme, translations) -> list[Document]:
    if not programme.is_published:
        return []  # drafts and programmes under review are found by no one
    original = Document(
        title=programme.name,
        body=" ".join(
            part
            for part in (
                programme.institution,
                programme.needs,
                programme.description,
                programme.objectives,
            )
            if part
        ),
        language=programme.language,
        updated=programme.updated_at,
    )
    return [original] + [
        Document(
            title=item.name,
            body=f"{item.needs} {item.description} {item.objectives}",
            language=item.language,
            updated=item.updated_at,
        )
        for item in translations
        if item.language != programme.language
    ]


def programme_index(*, programme: Programme) -> None:
    """Bring the programme's entries in step (after a save, review or translation)."""
    translations = ProgrammeTranslation.objects.filter(programme_id=programme.pk)
    entries_replace(
        kind=KIND, object_id=programme.pk, documents=_documents(programme, translations)
    )


def rebuild() -> int:
    programmes = Programme.objects.filter(status=Programme.Status.PUBLISHED).prefetch_related(
        Prefetch("translations", queryset=ProgrammeTranslation.objects.order_by("language"))
    )
    return entries_rebuild(
        kind=KIND,
        documents=(
            (programme.pk, document)
            for programme in programmes.iterator(chunk_size=500)
            for document in _documents(programme, programme.translations.all())
        ),
    )


def matching(programmes, query: str):
    """``programmes`` (a queryset) narrowed to those whose text matches ``query``."""
    return engine.narrowed(programmes, query=query, kind=KIND, language=get_language())


def _results(user, query: str, hits) -> list[Result]:
    found = Programme.objects.filter(
        status=Programme.Status.PUBLISHED, pk__in=[hit.object_id for hit in hits]
    ).prefetch_related("translations")
    results = []
    for programme in in_hit_order(hits, found):
        text = programme.in_language()
        results.append(
            Result(
                title=text.name,
                url=reverse("portfolio:programme", kwargs={"pk": programme.pk}),
                excerpt=Truncator(text.description).words(30),
                meta=programme.owner,
            )
        )
    return results


def _more(query: str) -> str:
    return reverse("portfolio:index") + "?" + urlencode({"q": query})


def provider() -> Provider:
    return Provider(
        kind=KIND,
        label=_("Programmes"),
        results=_results,
        more_url=_more,
        rebuild=rebuild,
        order=30,
    )
