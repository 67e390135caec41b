"""The Translations report in the Wagtail admin (Reports menu, secretariat only)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.translations import TranslationStatus, translation_mark_synced, translation_report


def _secretariat(user) -> bool:
    return bool(getattr(user, "is_secretariat", False))


def translations_view(request):
    # The selector and the service refuse anyone but the secretariat (PermissionDenied).
    rows, locales = translation_report(user=request.user, page_number=request.GET.get("p", 1))
    return TemplateResponse(
        request,
        "cms/admin/translations.html",
        {"rows": rows, "locales": locales, "status": TranslationStatus},
    )


@require_POST
def translation_synced_view(request, page_id: int):
    back = reverse("cms_translations")
    try:
        sync = translation_mark_synced(actor=request.user, page_id=page_id)
    except Http404:
        # Deleted since the report was drawn (the page or its source): say so on the report.
        messages.error(request, gettext("That page or its source no longer exists."))
        return redirect(back)
    messages.success(
        request,
        gettext("“%(title)s” is marked up to date with its source.") % {"title": sync.page.title},
    )
    page = request.POST.get("p", "")
    return redirect(f"{back}?p={page}" if page.isdigit() else back)


@hooks.register("register_admin_urls")
def translation_urls():
    return [
        path("translations/", translations_view, name="cms_translations"),
        path(
            "translations/<int:page_id>/synced/",
            translation_synced_view,
            name="cms_translation_synced",
        ),
    ]


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return _secretariat(request.user)


@hooks.register("register_reports_menu_item")
def translations_menu_item():
    return SecretariatMenuItem(
        _("Translations"),
        reverse("cms_translations"),
        name="translations",
        icon_name="globe",
        order=950,
    )
