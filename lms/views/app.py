"""The installable app: its manifest, its service worker, the page shown offline,
and the browser's push subscriptions (lms.services.push)."""

import hashlib
import json
from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST

from lms.selectors import offline as offline_selectors
from lms.services import push as push_services

THEME_COLOR = "#0b4f8a"
# A browser's subscription is a few hundred bytes; anything much larger is not one.
SUBSCRIPTION_MAX_BYTES = 4096
# What the offline page needs besides itself, kept by the service worker.
OFFLINE_ASSETS = ("css/site.css", "img/favicon.svg", "img/icon-192.png", "img/badge-96.png")


@require_GET
@cache_control(public=True, max_age=3600)
def manifest(request):
    """The web app manifest, in the language of its address (name, start page)."""
    language = translation.get_language()
    data = {
        "id": "/",
        "name": "RIAL Campus",
        "short_name": "RIAL Campus",
        "description": _(
            "Online courses, forums and live support for the ministries of labour of the Americas."
        ),
        "lang": language,
        "dir": "ltr",
        "start_url": reverse("lms:dashboard"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )


@lru_cache(maxsize=1)
def _worker_version() -> str:
    """Changes when what the worker keeps changes: a new worker replaces the old copies."""
    digest = hashlib.sha256(settings.STATIC_URL.encode())
    for asset in OFFLINE_ASSETS:
        path = finders.find(asset)
        if path:
            with open(path, "rb") as handle:
                digest.update(handle.read())
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            digest.update(render_to_string("lms/app/offline.html").encode())
    return digest.hexdigest()[:16]


@require_GET
@never_cache  # the browser checks for a new worker on every visit
def service_worker(request):
    """The service worker, at the root so that it serves every language's pages."""
    offline_pages = {}
    logout_paths = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            offline_pages[language] = reverse("lms:offline")
            logout_paths.append(reverse("account_logout"))
    config = {
        "version": _worker_version(),
        "offlinePages": offline_pages,
        "logoutPaths": logout_paths,
        "staticUrl": settings.STATIC_URL,
        "defaultLanguage": settings.LANGUAGE_CODE,
        "assets": [static(asset) for asset in OFFLINE_ASSETS],
        "icon": static("img/icon-192.png"),
        "badge": static("img/badge-96.png"),
    }
    # Only the campus's own addresses and a hash: nothing typed by anyone.
    body = render_to_string("lms/app/sw.js", {"config": json.dumps(config)})
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@never_cache
def offline_pages(request):
    """The pages the service worker keeps readable offline for the signed-in person
    (lms.selectors.offline), in this address's language; for someone not signed in,
    no person and no page (the worker then deletes what it kept)."""
    if not request.user.is_authenticated:
        return JsonResponse({"person": "", "pages": []})
    pages = offline_selectors.offline_pages(user=request.user, request=request)
    return JsonResponse(
        {
            "person": offline_selectors.person_key(request.user),
            "pages": [{"url": page.url, "kind": page.kind} for page in pages],
        }
    )


@require_GET
@cache_control(public=True, max_age=3600)
def offline(request):
    """What the app shows for a page it cannot reach (kept by the service worker)."""
    return render(request, "lms/app/offline.html")


def _json_error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@login_required
@require_POST
@never_cache
def push_subscription(request):
    """What the browser's ``pushManager.subscribe()`` gave, as JSON: kept for this
    person; or ``{"action": "delete", "endpoint": ...}`` when they turn push off here."""
    if len(request.body) > SUBSCRIPTION_MAX_BYTES:
        return _json_error(_("This is not a push subscription."))
    try:
        data = json.loads(request.body)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("endpoint"), str):
        return _json_error(_("This is not a push subscription."))
    if data.get("action") == "delete":
        push_services.push_subscription_delete(user=request.user, endpoint=data["endpoint"])
        return JsonResponse({"message": _("Push notifications are turned off for this device.")})
    keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
    try:
        subscription = push_services.push_subscription_save(
            user=request.user,
            endpoint=data["endpoint"],
            p256dh=str(keys.get("p256dh", "")),
            auth=str(keys.get("auth", "")),
            user_agent=request.headers.get("User-Agent", ""),
        )
    except ValidationError as error:
        return _json_error(" ".join(error.messages))
    return JsonResponse(
        {"message": _("Push notifications are turned on for this device."), "id": subscription.pk},
        status=201,
    )


@login_required
@require_POST
def push_subscription_remove(request, subscription_id: int):
    """Stop pushing to one of the person's devices (from the preferences page)."""
    if push_services.push_subscription_delete(user=request.user, pk=subscription_id):
        messages.success(request, _("That device will no longer receive push notifications."))
    return redirect("lms:notification_preferences")
