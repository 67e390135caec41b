"""Headers on every response the site itself makes (static files never get here:
WhiteNoise answers them first, with their long cache).

- ``Content-Security-Policy`` (django-csp): ``CONTENT_SECURITY_POLICY`` on the
  site, ``RIAL_ADMIN_CONTENT_SECURITY_POLICY`` under the Wagtail admin; the
  chat's ``ws(s)://<host>`` is added to connect-src.
- ``Permissions-Policy``: ``RIAL_PERMISSIONS_POLICY``.
- ``SiteMiddleware``: Wagtail's site for a page, from the cached layout.
- ``Cache-Control: private, no-cache`` on everything a signed-in person gets,
  unless the view already said something at least as strict, so that no shared
  cache (proxy, CDN) keeps a page or file meant for one person and the browser
  asks again before showing it from its own cache.
- ``X-Rial-Person`` on the same responses: an opaque name of the person
  (lms.selectors.offline.person_key). The app's service worker deletes the pages it
  kept offline when a page comes without it (signed out) or with another's.
"""

from functools import cache

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import Http404
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.deprecation import MiddlewareMixin
from django.utils.functional import empty
from wagtail.views import serve as wagtail_serve

from cms.navigation import layout, route_root
from lms.selectors.offline import person_key

PRIVATE = "private, no-cache"
PERSON_HEADER = "X-Rial-Person"


@cache
def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


@cache
def _admin_policy() -> dict:
    return default_config(settings.RIAL_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy and the chat's socket."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(_admin_prefix()):
            parts.config = _admin_policy()
            # A nonce in the header would make browsers ignore 'unsafe-inline'.
            parts.nonce = None
        elif getattr(request, "is_dummy", False):
            # Wagtail's preview renders a page through the whole middleware chain
            # with a made-up request, for a frame of the admin: the page keeps the
            # site's policy, framed by its own site only.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        try:
            host = request.get_host()
        except DisallowedHost:
            return parts
        socket = f"{'wss' if request.is_secure() else 'ws'}://{host}"
        update = dict(parts.update or {})
        update["connect-src"] = [*update.get("connect-src", []), socket]
        parts.update = update
        return parts


def permissions_policy_header() -> str:
    return ", ".join(
        f"{feature}=({' '.join(allowed)})"
        for feature, allowed in settings.RIAL_PERMISSIONS_POLICY.items()
    )


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    if user is None:
        return False
    # Without a session cookie nobody is signed in, unless this very request
    # signed someone in (the user is then loaded already): do not load a session
    # just to find out, which would add "Vary: Cookie" to anonymous pages.
    loaded = getattr(user, "_wrapped", None) is not empty
    if not loaded and settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return user.is_authenticated


def _strict_enough(cache_control: str) -> bool:
    directives = {part.strip().split("=")[0].lower(): part for part in cache_control.split(",")}
    if "no-store" in directives:
        return True
    if "private" not in directives:
        return False
    max_age = directives.get("max-age", "").partition("=")[2].strip()
    return "no-cache" in directives or max_age == "0"


class PrivacyHeadersMiddleware(MiddlewareMixin):
    """Permissions-Policy on every response; Cache-Control private for signed-in people."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.permissions_policy = permissions_policy_header()

    def process_response(self, request, response):
        if "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions_policy
        if _signed_in(request):
            if not _strict_enough(response.get("Cache-Control", "")):
                response["Cache-Control"] = PRIVATE
                del response["Expires"]
            response[PERSON_HEADER] = person_key(request.user)
            # Sessions runs further down: say it here, whatever it saw.
            patch_vary_headers(response, ("Cookie",))
        return response


class SiteMiddleware:
    """Gives Wagtail the request's site from the cached layout (cms/navigation.py),
    so that neither its routing nor the header asks the database for it.

    Only pages under a language prefix: ``/healthz``, the admin and file
    downloads never touch the layout cache (Wagtail finds their site itself).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        if request.path_info.startswith(self.prefixes) and not hasattr(request, "_wagtail_site"):
            request._wagtail_site = layout(request).site
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A page Wagtail serves is routed from the cached root (``route_root``): what
        ``Page.route_for_request`` does, without its two queries."""
        if (
            view_func is wagtail_serve
            and getattr(request, "_wagtail_site", None) is not None
            and not hasattr(request, "_wagtail_route_for_request")
        ):
            root = route_root(request)
            if root is not None:
                path = view_kwargs.get("path", view_args[0] if view_args else "")
                try:
                    route = root.route(request, [part for part in path.split("/") if part])
                except Http404:
                    route = None
                request._wagtail_route_for_request = route
        return None
