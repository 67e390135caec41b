"""What the home page shows a signed-in person: what is next for them.

Visitors get the editors' page as it is (it is shared through the page cache,
config/page_cache.py, so nothing here is ever computed for them). A signed-in
person gets, in a bounded number of queries, from the selectors that own each
answer:

- the lesson to continue and the next live session or deadline of their newest
  current cohort (``lms.selectors.dashboards``, the learner dashboard's own answers);
- or, without a cohort, the calls open now and the course catalogue;
- their unread notifications, chat messages and forum topics (the header's
  cached counts);
- what their profile still lacks;
- for tutors, the work waiting for their feedback (``lms.selectors.tutoring``);
- the editors' links and calls to action, without those meant for visitors
  (creating an account, signing in).
"""

import functools
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from cms import navigation
from cms.context_processors import header_counts_for, is_tutor
from lms.models import EnrolmentCall
from lms.selectors import dashboards, people, tutoring
from lms.selectors.dashboards import CalendarItem, CourseSummary
from lms.selectors.tutoring import FeedbackWaiting

# The account pages only a visitor needs: links to them are left out for signed-in people.
VISITOR_URL_NAMES = ("account_signup", "account_login")
OPEN_CALLS_SHOWN = 3


@functools.cache
def visitor_paths() -> frozenset[str]:
    """The paths of the visitors' account pages, in every language (the URL patterns
    do not change while the process runs: reversed once)."""
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name in VISITOR_URL_NAMES:
                try:
                    paths.add(reverse(name))
                except NoReverseMatch:
                    continue
    return frozenset(paths)


def for_visitors_only(link) -> bool:
    """Whether a LinkBlock value leads to a page only a visitor needs (sign up, sign in).

    A link to a Wagtail page never does: those account pages are views, not pages."""
    if not link or link.get("page"):
        return False
    url = (link.get("url") or "").strip()
    if not url:
        return False
    path = urlsplit(url).path or "/"
    if not path.endswith("/"):
        path += "/"
    return path in visitor_paths()


@dataclass
class NextSteps:
    """Everything the signed-in home page shows; empty parts are not shown."""

    name: str
    course: CourseSummary | None = None
    next_item: CalendarItem | None = None
    open_calls: list[EnrolmentCall] = field(default_factory=list)
    catalogue_url: str = ""
    counts: dict = field(default_factory=dict)
    profile_missing: list[str] = field(default_factory=list)
    is_tutor: bool = False
    feedback: list[FeedbackWaiting] = field(default_factory=list)

    @property
    def unread(self) -> bool:
        return any(self.counts.get(key) for key in ("notifications", "chat", "forums"))

    @property
    def feedback_total(self) -> int:
        return sum(item.submissions for item in self.feedback)


def next_steps(request) -> NextSteps:
    """What is next for the signed-in person making this request."""
    user = request.user
    now = timezone.now()
    steps = NextSteps(name=user.get_short_name())
    courses = dashboards.learner_courses(user=user, limit=1, requirements=False)
    if courses:
        steps.course = courses[0]
        steps.next_item = dashboards.next_dated(steps.course.calendar, now)
    else:
        steps.open_calls = list(dashboards.open_calls(now=now)[:OPEN_CALLS_SHOWN])
        steps.catalogue_url = navigation.layout(request).section_pages.get("courses", "")
    steps.counts = header_counts_for(request)
    steps.profile_missing = people.profile_missing(user=user)
    steps.is_tutor = is_tutor(request)
    if steps.is_tutor:
        steps.feedback = tutoring.feedback_waiting(user=user)
    return steps


def page_context(request, page) -> dict:
    """The signed-in home page's context: next steps, and the editors' links and
    calls to action without those meant for visitors."""
    return {
        "next_steps": next_steps(request),
        "hero_links": [block for block in page.hero_links if not for_visitors_only(block.value)],
        "body_blocks": [
            block
            for block in page.body
            if not (block.block_type == "call_to_action" and for_visitors_only(block.value["link"]))
        ],
    }
