"""The page cache forgets what public pages showed when it changes (config/page_cache.py).

Any publication, unpublication, move, deletion or slug change of a Wagtail page,
and any save, deletion or many-to-many change of what public pages show (the
Wagtail site, the course content, the portal apps, images and documents, calls,
cohorts and certificates) starts a new generation of the page cache: the next
visitor's request is made by Django again: at once (the process that wrote sees
it in its very next request) and again after the commit (a request that read the
old rows while the write was not committed yet cannot keep them under the new
generation), once per transaction however many rows change
(courses/invalidation.py).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from config.page_cache import page_cache_purge
from courses.invalidation import forget_now_and_after_commit

# Apps whose every row may be on a public page.
PUBLIC_APPS = {
    "cms",
    "courses",
    "portfolio",
    "library",
    "events",
    "cooperation",
    "newsletter",
    "workplan",
    "reports",
    "bodies",
    "expertgroups",
    "funding",
    "wagtailimages",
    "wagtaildocs",
    "taggit",
}
# Rows of other apps that public pages show.
PUBLIC_MODELS = {
    "wagtailcore.page",
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.collection",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
    "lms.enrolmentcall",
    "lms.cohort",
    "lms.certificate",
    "lms.modulerelease",
}
# A rendition is made the first time a page shows an image size: no page changes.
IGNORED_MODELS = {"wagtailimages.rendition"}


def _shown_publicly(model) -> bool:
    meta = model._meta
    label = meta.label_lower
    if label in IGNORED_MODELS:
        return False
    return meta.app_label in PUBLIC_APPS or label in PUBLIC_MODELS


def purge() -> None:
    forget_now_and_after_commit(page_cache_purge)


def _page_changed(sender, **kwargs):
    purge()


def _row_changed(sender, **kwargs):
    if _shown_publicly(sender):
        purge()


def _relation_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and _shown_publicly(type(instance)):
        purge()


def connect() -> None:
    """Called once from config/apps.py."""
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"rial-page-cache-{signal!r}")
    post_save.connect(_row_changed, dispatch_uid="rial-page-cache-save")
    post_delete.connect(_row_changed, dispatch_uid="rial-page-cache-delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="rial-page-cache-m2m")
