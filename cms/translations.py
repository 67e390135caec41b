"""Translated pages kept in sync with their source.

Wagtail's simple_translation copies a page into another locale and forgets where it
came from. Here each translated page remembers the revision of its source it was made
or last brought up to date from (``TranslationSync``): when the page is copied for
translation (``copy_for_translation_done``, cms/signal_handlers.py) and when the
secretariat marks it up to date after the translator has caught up. The Translations
report (cms/wagtail_hooks.py) compares that revision with the source's latest one and
names the fields that changed in between.
"""

import datetime
import json
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from wagtail.models import Locale, Page, Revision

from cms.models import TranslationSync

# What a page's revision holds that is not the page's text: its place in the tree,
# publishing state and bookkeeping. The title, the SEO texts and every field of the
# specific page type (body, summary, quiz blocks...) are compared; a source's slug is
# its own (each language keeps its address).
_BOOKKEEPING = {f.name for f in Page._meta.get_fields()} - {
    "title",
    "seo_title",
    "search_description",
}

SOURCES_PER_PAGE = 50


class TranslationStatus:
    UP_TO_DATE = "up_to_date"
    CHANGED = "changed"
    UNTRACKED = "untracked"


@dataclass
class TranslationState:
    """One translation of a source page: whether it is up to date."""

    page: Page
    sync: TranslationSync | None
    status: str
    changed_fields: list[str] = field(default_factory=list)  # field names
    changed_labels: list[str] = field(default_factory=list)  # their names for people
    source_changed_at: datetime.datetime | None = None


@dataclass
class SourceRow:
    source: Page
    cells: list[TranslationState | None]  # one per locale of the report, in order


def _comparable(value):
    """A stream field is kept in a revision as JSON text, its keys in the order they had
    when it was written: PostgreSQL's jsonb gives them back sorted, so the text of the
    same body can differ. Compared as data, it does not."""
    if isinstance(value, str) and value[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _changed_fields(before: dict, after: dict) -> list[str]:
    """The names of the text fields whose value differs between two revisions' content."""
    names = sorted((set(before) | set(after)) - _BOOKKEEPING)
    return [name for name in names if _comparable(before.get(name)) != _comparable(after.get(name))]


def _label(page_class, name: str) -> str:
    try:
        return str(page_class._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field the model has lost since that revision
        return name


def _state(
    page: Page, sync: TranslationSync | None, source: Page, revisions: dict
) -> TranslationState:
    if sync is not None and sync.source_id != source.pk:
        source = sync.source  # translated from another translation: compared with that
    latest_id = source.latest_revision_id
    if sync is None or (sync.source_revision_id is None and latest_id is not None):
        # Never recorded, or copied from a source that had no revision yet: what it was
        # made from is not known until the secretariat marks it up to date.
        return TranslationState(page=page, sync=sync, status=TranslationStatus.UNTRACKED)
    if sync.source_revision_id == latest_id:
        return TranslationState(page=page, sync=sync, status=TranslationStatus.UP_TO_DATE)
    latest = revisions.get(latest_id)
    recorded = revisions.get(sync.source_revision_id)
    changed_at = latest.created_at if latest is not None else None
    if recorded is None or latest is None:
        # The recorded revision was purged: what changed cannot be told, only that it may have.
        return TranslationState(
            page=page, sync=sync, status=TranslationStatus.CHANGED, source_changed_at=changed_at
        )
    changed = _changed_fields(recorded.content, latest.content)
    if not changed:  # published again without a change to its text
        return TranslationState(page=page, sync=sync, status=TranslationStatus.UP_TO_DATE)
    return TranslationState(
        page=page,
        sync=sync,
        status=TranslationStatus.CHANGED,
        changed_fields=changed,
        changed_labels=[_label(source.specific_class, name) for name in changed],
        source_changed_at=changed_at,
    )


def translation_report(*, user, page_number=1) -> tuple[PaginatorPage, list[Locale]]:
    """The secretariat's report: a page of source pages (in tree order), each with the
    state of its translation in every other locale. The same few queries whatever the
    number of pages (locales, a page of sources and their count, their translations,
    the syncs with their sources, the revisions compared)."""
    if not getattr(user, "is_secretariat", False):
        raise PermissionDenied
    default = Locale.get_default()
    locales = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
    translated_keys = Page.objects.exclude(locale=default).values("translation_key")
    sources = (
        Page.objects.filter(locale=default, depth__gt=1, translation_key__in=translated_keys)
        .select_related("content_type")
        .order_by("path")
    )
    paginated = Paginator(sources, SOURCES_PER_PAGE).get_page(page_number)
    by_key = {source.translation_key: source for source in paginated}
    translations = list(
        Page.objects.filter(translation_key__in=by_key)
        .exclude(locale=default)
        .select_related("locale")
        .order_by("path")
    )
    syncs = {
        sync.page_id: sync
        for sync in TranslationSync.objects.filter(
            page__in=[p.pk for p in translations]
        ).select_related("source")
    }
    wanted = {source.latest_revision_id for source in paginated}
    for sync in syncs.values():
        wanted |= {sync.source_revision_id, sync.source.latest_revision_id}
    revisions = {
        revision.pk: revision
        for revision in Revision.objects.filter(pk__in=wanted - {None}).only(
            "pk", "content", "created_at"
        )
    }
    cells = {}
    for page in translations:
        source = by_key[page.translation_key]
        cells[source.pk, page.locale_id] = _state(page, syncs.get(page.pk), source, revisions)
    paginated.object_list = [
        SourceRow(source=source, cells=[cells.get((source.pk, locale.pk)) for locale in locales])
        for source in paginated
    ]
    return paginated, locales


def _latest_revision_id(page_id: int) -> int | None:
    return Page.objects.filter(pk=page_id).values_list("latest_revision_id", flat=True).first()


def translation_copied(*, source: Page, translation: Page) -> TranslationSync:
    """Record that ``translation`` was just copied from ``source`` as it is now (its
    latest revision read from the database: the caller's object may predate it)."""
    sync, _created = TranslationSync.objects.update_or_create(
        page_id=translation.pk,
        defaults={
            "source_id": source.pk,
            "source_revision_id": _latest_revision_id(source.pk),
            "synced_at": timezone.now(),
            "synced_by": None,
        },
    )
    return sync


@transaction.atomic
def translation_mark_synced(*, actor, page_id: int) -> TranslationSync:
    """The translator has brought the translation up to date with its source's latest
    revision (the secretariat says so). A translation nobody recorded (made before the
    report existed) is tracked from now on, against its page in the default locale."""
    if not getattr(actor, "is_secretariat", False):
        raise PermissionDenied
    page = Page.objects.select_for_update().filter(pk=page_id).first()
    if page is None:
        raise Http404  # deleted meanwhile
    sync = TranslationSync.objects.filter(page=page).select_related("source").first()
    if sync is not None:
        source = sync.source
    else:
        source = Page.objects.filter(
            translation_key=page.translation_key, locale=Locale.get_default()
        ).first()
    if source is None:
        raise Http404  # its source was deleted: nothing to be up to date with
    if source.pk == page.pk:
        raise PermissionDenied  # the source is not a translation of itself
    sync, _created = TranslationSync.objects.update_or_create(
        page=page,
        defaults={
            "source": source,
            "source_revision_id": _latest_revision_id(source.pk),
            "synced_at": timezone.now(),
            "synced_by": actor,
        },
    )
    return sync
