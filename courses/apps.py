from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from courses.serving import pages_changed

        def page_saved_or_deleted(sender, instance, **kwargs):
            if isinstance(instance, Page):
                pages_changed()

        self._page_saved_or_deleted = page_saved_or_deleted  # keep a strong reference
        for signal in (post_save, post_delete):
            signal.connect(page_saved_or_deleted, dispatch_uid=f"courses-pages-{signal}")
            signal.connect(
                pages_changed, sender=PageViewRestriction, dispatch_uid=f"courses-pvr-{signal}"
            )
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(pages_changed, dispatch_uid=f"courses-{signal}")

        from courses.forms import taxonomy_changed
        from courses.models import Area, Theme

        for signal in (post_save, post_delete):
            for model in (Area, Theme):
                signal.connect(
                    taxonomy_changed, sender=model, dispatch_uid=f"courses-{model}-{signal}"
                )

        from courses import search

        search.connect()
