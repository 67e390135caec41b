"""What the installable app keeps readable offline for a signed-in person.

The service worker (templates/lms/app/sw.js) asks ``/app/offline-pages/``
(lms.views.app.offline_pages) for this list and keeps a copy of each page in a
cache of this person's, deleted when anyone else (or nobody) is signed in on
that browser. The list is short on purpose: the person's dashboard, the lessons
of the module each current enrolment is at, and the chat rooms they use, which
other apps add through the ``rial_offline_pages`` hook (forum: the rooms).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail import hooks

from courses.models import LessonPage, ModulePage
from courses.serving import cached_course_outline
from lms.models import Enrolment, User
from lms.selectors.dashboards import done_and_released
from lms.selectors.learning import CURRENT, module_opens_at

HOOK = "rial_offline_pages"
# Caps: what one person's browser keeps (a module has a handful of lessons).
MAX_ENROLMENTS = 3
MAX_LESSONS_PER_MODULE = 15
MAX_PAGES = 60


@dataclass(frozen=True)
class OfflinePage:
    url: str
    kind: str  # dashboard, module, lesson, room


def person_key(user: User) -> str:
    """An opaque name of the signed-in person, the same on every page and in the list:
    the service worker throws its copies away when a page comes with another (or none)."""
    return salted_hmac("lms.offline.person", str(user.pk)).hexdigest()[:24]


def current_modules(*, user: User, now=None) -> list[tuple[ModulePage, list[LessonPage]]]:
    """For each current enrolment (the newest cohorts first), the module the person is
    at: the first open module with a lesson not done, else the last open one. Three
    queries, whatever the number of courses (the outline comes from the course cache)."""
    enrolments = list(
        Enrolment.objects.filter(user=user, status__in=CURRENT)
        .select_related("cohort__course")
        .order_by("-cohort__starts_on", "-pk")[:MAX_ENROLMENTS]
    )
    if not enrolments:
        return []
    done, released = done_and_released(enrolments)
    now = now or timezone.now()
    found = []
    for enrolment in enrolments:
        cohort = enrolment.cohort
        current = None
        for module, lessons in cached_course_outline(cohort.course):
            opens_at = module_opens_at(cohort=cohort, module=module, released=released[cohort.pk])
            if opens_at is not None and now < opens_at:
                continue
            current = (module, lessons)
            if any(lesson.pk not in done[enrolment.pk] for lesson in lessons):
                break
        if current is not None:
            found.append((current[0], current[1][:MAX_LESSONS_PER_MODULE]))
    return found


def offline_pages(*, user: User, request) -> list[OfflinePage]:
    """The pages to keep for this person, in the language of ``request`` (URLs of this
    site only); nothing for someone not signed in."""
    if not user.is_authenticated:
        return []
    pages = [OfflinePage(reverse("lms:dashboard"), "dashboard")]
    for module, lessons in current_modules(user=user):
        module_url = module.get_url(request)
        if module_url:
            pages.append(OfflinePage(module_url, "module"))
        for lesson in lessons:
            url = lesson.get_url(request)
            if url:
                pages.append(OfflinePage(url, "lesson"))
    for hook in hooks.get_hooks(HOOK):
        pages.extend(OfflinePage(url, kind) for url, kind in hook(user))
    seen = set()
    unique = []
    for page in pages:
        if page.url.startswith("/") and page.url not in seen:
            seen.add(page.url)
            unique.append(page)
    return unique[:MAX_PAGES]
