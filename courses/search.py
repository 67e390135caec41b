"""Courses, modules and lessons in the site's search, kept in step by Wagtail's
publish and unpublish signals, and by view restrictions added or removed without a
new publication (a restriction covers the page and every page below it). Only live
pages without view restrictions are indexed, and results are checked again when read
(``public()``); a lesson by its title and summary only (its content is for learners)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from courses.models import CoursePage, LessonPage, ModulePage
from search.providers import Provider, Result, in_hit_order
from search.services import Document, entries_delete, entries_rebuild, entries_replace

KIND = "page"
MODELS = (CoursePage, ModulePage, LessonPage)


def _text(page) -> str:
    if isinstance(page, CoursePage):
        parts = (page.summary, strip_tags(page.objectives or ""), page.audience)
    elif isinstance(page, ModulePage):
        parts = (page.introduction,)
    else:
        parts = (page.summary,)
    return " ".join(part for part in parts if part)


def _documents(page) -> list[Document]:
    if not page.live or page.get_view_restrictions().exists():
        return []
    return [
        Document(
            title=page.title,
            body=_text(page),
            language=page.locale.language_code[:5],
            updated=page.last_published_at,
        )
    ]


def page_index(*, page) -> None:
    entries_replace(kind=KIND, object_id=page.pk, documents=_documents(page))


def _published(sender, instance, **kwargs):
    page_index(page=instance)


def _removed(sender, instance, **kwargs):
    entries_delete(kind=KIND, object_ids=[instance.pk])


def pages_reindex(*, page_id: int) -> None:
    """The page and every page below it, again (a view restriction covers them all)."""
    top = Page.objects.filter(pk=page_id).first()
    if top is None:
        return  # deleted with its restriction: its entries went with it
    below = top.get_descendants(inclusive=True).type(*MODELS).specific()
    for page in below.select_related("locale"):
        page_index(page=page)


def _restriction_changed(sender, instance, **kwargs):
    """A view restriction saved or deleted, without a new publication: the pages below are
    indexed again by the worker after the commit (a page deleted with its restriction is
    gone by then, and is not indexed again). Meanwhile ``public()`` checks every page hit
    when it is read, so nothing restricted is shown in between."""
    from courses.tasks import pages_reindex as task  # courses.tasks imports this module

    page_id = instance.page_id
    transaction.on_commit(lambda: task.enqueue(page_id))


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-restriction-{signal}",
        )
    for model in MODELS:
        page_published.connect(_published, sender=model, dispatch_uid=f"search-{model.__name__}")
        page_unpublished.connect(_removed, sender=model, dispatch_uid=f"search-un-{model.__name__}")
        pre_delete.connect(_removed, sender=model, dispatch_uid=f"search-del-{model.__name__}")


def rebuild() -> int:
    pages = []
    for model in MODELS:
        pages += list(model.objects.live().public().select_related("locale"))
    return entries_rebuild(kind=KIND, documents=((p.pk, d) for p in pages for d in _documents(p)))


def _results(user, query: str, hits) -> list[Result]:
    found = Page.objects.live().public().filter(pk__in=[h.object_id for h in hits]).specific()
    return [
        Result(title=page.title, url=page.url or "", excerpt=Truncator(_text(page)).words(30))
        for page in in_hit_order(hits, found)
    ]


def provider() -> Provider:
    return Provider(
        kind=KIND,
        label=_("Courses"),
        results=_results,
        more_url=lambda query: "",
        rebuild=rebuild,
        order=10,
    )
