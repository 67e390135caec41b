"""The video rooms of a cohort's live sessions, when a video server is configured.

Each cohort has its own room for each live session of the course, named by the
cohort's dated row of that session (``lms.scheduleditem:<pk>``: one row per cohort
and lesson block, kept when the session moves). lms answers for these owners on its
own ``rial_video_owners`` hook (``lms.wagtail_hooks``). The cohort's learners join
as attendees; its tutors and the secretariat as moderators. Learners see the room
on the lesson; tutors on the cohort's schedule, with the attendance.
"""

from django.urls import reverse

from lms import video
from lms.models import CohortGroup, Enrolment, ScheduledItem, User
from lms.selectors.learning import CURRENT
from lms.selectors.schedule import ScheduleEntry, schedule_entry
from lms.selectors.video import VideoOwner, VideoPanel, owner_key, video_panel

LIVE_SESSION = "lms.scheduleditem"


def _owner(
    *, entry: ScheduleEntry, page_url: str, may_join: bool, moderator: bool
) -> VideoOwner | None:
    """The session's room; None when it has no room (not a live session, or no dated
    row yet: a session the course gained after the cohort was created)."""
    if entry.kind != ScheduledItem.Kind.LIVE_SESSION or entry.dated is None:
        return None
    if entry.dated.pk is None:
        return None
    return VideoOwner(
        key=owner_key(LIVE_SESSION, entry.dated.pk),
        title=entry.title,
        page_url=page_url,
        starts_at=entry.starts_at,
        ends_at=entry.ends_at,
        link=entry.join_url,
        may_join=may_join or moderator,
        moderator=moderator,
    )


def is_cohort_tutor(*, user: User, cohort_id: int) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_secretariat:
        return True
    return CohortGroup.objects.filter(cohort_id=cohort_id, tutor=user).exists()


def lesson_video_panels(
    *, user: User, schedule: dict[str, ScheduleEntry], page_url: str
) -> dict[str, VideoPanel]:
    """The lesson's live sessions for a learner of the cohort (``schedule`` is the
    cohort's ``lesson_schedule``), by block id; empty without a video server, and
    without a room the block keeps its plain link."""
    if not video.configured():
        return {}
    panels = {}
    for block_id, entry in schedule.items():
        owner = _owner(entry=entry, page_url=page_url, may_join=True, moderator=user.is_secretariat)
        if owner is not None:
            panels[block_id] = video_panel(owner=owner)
    return panels


def tutor_session_panel(*, cohort, block_id: str) -> VideoPanel | None:
    """A live session's room as its tutors see it, on the cohort's schedule (the cohort
    comes from ``tutoring.cohort_for_staff``: the person tutors it or is the
    secretariat); None when it has no room."""
    if not video.configured():
        return None
    entry = schedule_entry(cohort=cohort, block_id=block_id)
    if entry is None:
        return None
    owner = _owner(
        entry=entry,
        page_url=reverse(
            "lms:tutoring_session", kwargs={"cohort_id": cohort.pk, "block_id": block_id}
        ),
        may_join=True,
        moderator=True,
    )
    return video_panel(owner=owner) if owner is not None else None


def live_session_owner(*, pk: int, user: User) -> VideoOwner | None:
    """The ``rial_video_owners`` resolver: the session of the cohort's row ``pk``."""
    item = (
        ScheduledItem.objects.select_related("cohort", "lesson")
        .filter(pk=pk, kind=ScheduledItem.Kind.LIVE_SESSION)
        .first()
    )
    if item is None or not user.is_authenticated:
        return None
    entry = schedule_entry(cohort=item.cohort, block_id=item.block_id)
    if entry is None:  # the course no longer has this session
        return None
    moderator = is_cohort_tutor(user=user, cohort_id=item.cohort_id)
    enrolled = Enrolment.objects.filter(
        cohort_id=item.cohort_id, user=user, status__in=CURRENT
    ).exists()
    if moderator:
        page_url = reverse(
            "lms:tutoring_session", kwargs={"cohort_id": item.cohort_id, "block_id": item.block_id}
        )
    else:
        page_url = item.lesson.url
    return _owner(entry=entry, page_url=page_url, may_join=enrolled, moderator=moderator)


def video_owners() -> dict:
    return {LIVE_SESSION: live_session_owner}
