"""The project's addresses: health, the Wagtail admin, then per language the
accounts, the apps and the Wagtail page tree (which answers what none of them do)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.healthz import healthz
from lms.views import app as lms_app_views
from lms.views import calendar as lms_calendar_views
from lms.views import mfa as lms_mfa_views
from lms.views import people as lms_people_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", lms_people_views.set_language, name="set_language"),
    # A person's private calendar feed: no sign-in, no language prefix (lms/views/calendar.py).
    path("calendar/<str:token>.ics", lms_calendar_views.feed, name="calendar_feed"),
    # The installable app's service worker: at the root, to serve every language's pages.
    path("sw.js", lms_app_views.service_worker, name="service_worker"),
]

urlpatterns += i18n_patterns(
    # allauth's page to set up an authenticator app, at its own address, with our
    # additions (lms/views/mfa.py): it must come before allauth's to be the one served.
    path("accounts/2fa/totp/activate/", lms_mfa_views.activate_totp, name="mfa_activate_totp"),
    path("accounts/", include("allauth.urls")),
    path("", include("lms.urls")),
    path("", include("forum.urls")),
    # The portal's features, each in its namespace (portfolio/, documents/ and
    # repositories/, events/, cooperation/, priorities/, newsletter/, work-plan/,
    # bodies/, expert-groups/, pilots/, needs/, funding/).
    path("", include("portfolio.urls")),
    path("", include("library.urls")),
    path("", include("events.urls")),
    path("", include("cooperation.urls")),
    path("", include("priorities.urls")),
    path("", include("newsletter.urls")),
    path("", include("workplan.urls")),
    path("", include("reports.urls")),
    path("", include("evaluations.urls")),
    path("", include("bodies.urls")),
    path("", include("expertgroups.urls")),
    path("", include("pilots.urls")),
    path("", include("needs.urls")),
    path("", include("funding.urls")),
    path("", include("search.urls")),
    # Wagtail's page tree last: it answers every path the apps above do not.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler400 = "cms.views.bad_request"
handler403 = "cms.views.permission_denied"
handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
