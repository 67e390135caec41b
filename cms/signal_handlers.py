"""Signals keep caches honest and remember where a translation was copied from;
business rules live in services, not here."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from cms import navigation
from cms.translations import translation_copied
from courses.invalidation import forget_now_and_after_commit


def invalidate_menus() -> None:
    """At once (this process's next page) and after the commit (a page made
    meanwhile from the rows before it is not kept under the new version), once
    per transaction."""
    forget_now_and_after_commit(navigation.invalidate_menus)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def _menus_changed(sender, **kwargs):
    invalidate_menus()


@receiver(post_delete)
def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page | Site | Locale):
        invalidate_menus()


@receiver(post_save, sender=Site)
@receiver(post_save, sender=Locale)
def _site_changed(sender, **kwargs):
    invalidate_menus()


@receiver(copy_for_translation_done)
def _copied_for_translation(sender, source_obj, target_obj, **kwargs):
    # Only pages have revisions to compare (snippets are translated elsewhere).
    if isinstance(source_obj, Page) and isinstance(target_obj, Page):
        translation_copied(source=source_obj, translation=target_obj)
