"""Reads about the documentation centre and the repositories."""

from django.db.models import Count, Exists, OuterRef, Prefetch

from courses.models import Theme
from library.models import Instrument, Publication, Repository
from library.search import matching


def repositories():
    return Repository.objects.annotate(count=Count("instruments")).order_by("sort_order", "slug")


def instruments(*, repository: Repository, country: str = "", kind: str = ""):
    items = Instrument.objects.filter(repository=repository).select_related("document")
    if country:
        items = items.filter(country=country)
    if kind:
        items = items.filter(kind=kind)
    return items.order_by("country", "-date", "title")


def countries_in(*, repository: Repository) -> list[str]:
    return list(
        Instrument.objects.filter(repository=repository)
        .values_list("country", flat=True)
        .distinct()
        .order_by("country")
    )


def publications(*, q: str = "", kind: str = "", theme: Theme | None = None, language: str = ""):
    """Published documents, newest first (a queryset to paginate)."""
    items = Publication.objects.filter(status=Publication.Status.PUBLISHED)
    if kind:
        items = items.filter(kind=kind)
    if language:
        items = items.filter(language=language)
    if theme is not None:
        through = Publication.themes.through
        items = items.filter(
            Exists(through.objects.filter(publication_id=OuterRef("pk"), theme_id=theme.pk))
        )
    if q:
        items = matching(items, q)
    return (
        items.select_related("document")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.select_related("area")))
        .order_by("-date", "-pk")
    )


def suggestions():
    return (
        Publication.objects.filter(status=Publication.Status.SUGGESTED)
        .select_related("suggested_by")
        .order_by("created_at", "pk")
    )
