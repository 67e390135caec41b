"""Video rooms as a session's page shows them: how to join, the recordings, and
(for whoever runs the session) who attended.

A session belongs to an app above lms. Each such app registers the
``rial_video_owners`` hook: a function returning ``{"app.model": resolve}``, where
``resolve(pk=..., user=...)`` gives the session's ``VideoOwner`` for that person
(None: no such session, or not one this person may see). The owner's rule decides
who may join and who joins as moderator; lms never imports the owner's app.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from courses.caching import remembered
from lms import video
from lms.models import Attendance, User, VideoRoom

logger = logging.getLogger(__name__)

HOOK = "rial_video_owners"
# The room opens this long before the session starts, and stays open until it ends.
OPEN_BEFORE = datetime.timedelta(minutes=15)
# Recordings are listed from the server at most this often per room.
RECORDINGS_SECONDS = 300


@dataclass(frozen=True)
class VideoOwner:
    """A session that may have a video room, as one person sees it."""

    key: str  # "app.model:pk"
    title: str
    page_url: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    link: str = ""  # the plain "link to join", used when no server is configured
    may_join: bool = False
    moderator: bool = False

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.starts_at - OPEN_BEFORE <= now < self.ends_at


def owner_key(model_label: str, pk: int) -> str:
    return f"{model_label}:{pk}"


def video_owner(*, key: str, user: User) -> VideoOwner | None:
    """The session named by ``key`` as this person sees it; None when there is no
    such session, no app answers for it, or the person may not see it."""
    label, _sep, pk = key.partition(":")
    if not pk.isdigit():
        return None
    for hook in hooks.get_hooks(HOOK):
        resolve = hook().get(label)
        if resolve is not None:
            return resolve(pk=int(pk), user=user)
    return None


@dataclass
class Stay:
    """One person's attendance of a room, all their stays added up."""

    user: User
    moderator: bool
    joined_at: datetime.datetime
    left_at: datetime.datetime | None  # None: still in the room
    seconds: int

    @property
    def minutes(self) -> int:
        return round(self.seconds / 60)


@dataclass
class VideoPanel:
    """What a session's page shows about joining and what came after."""

    owner: VideoOwner
    uses_room: bool  # False: the plain link, as without a video server
    join_url: str = ""
    is_open: bool = False
    upcoming: bool = False  # the room is not open yet
    recordings: list[video.Recording] | None = field(default_factory=list)  # None: unreachable
    attendance: list[Stay] | None = None  # for whoever runs the session


def room_for(key: str) -> VideoRoom | None:
    return VideoRoom.objects.filter(owner_key=key).first()


def room_recordings(room: VideoRoom) -> list[video.Recording] | None:
    """The room's recordings on the server (kept a few minutes); None when the
    server cannot be asked now."""

    def fetch():
        try:
            recordings = video.Client.from_settings().get_recordings(meeting_id=room.meeting_id)
        except video.VideoError as error:
            logger.warning("recordings of room %s: %s", room.pk, error)
            return None
        return [recording for recording in recordings if recording.published]

    return remembered(f"video:recordings:{room.meeting_id}", fetch, RECORDINGS_SECONDS)


def _added_up(rows, now: datetime.datetime) -> list[Stay]:
    stays: dict[int, Stay] = {}
    for row in rows:
        if row.seconds is not None:
            seconds = row.seconds
        else:
            seconds = max(0, int(((row.left_at or now) - row.joined_at).total_seconds()))
        stay = stays.get(row.user_id)
        if stay is None:
            stays[row.user_id] = Stay(
                user=row.user,
                moderator=row.moderator,
                joined_at=row.joined_at,
                left_at=row.left_at,
                seconds=seconds,
            )
            continue
        stay.moderator = stay.moderator or row.moderator
        stay.seconds += seconds
        # Still in the room while any stay is open; else the last departure.
        stay.left_at = None if stay.left_at is None or row.left_at is None else row.left_at
    return list(stays.values())


def room_attendance(room: VideoRoom, now: datetime.datetime | None = None) -> list[Stay]:
    """Who joined, first arrival and last departure, and the time spent, in order of
    arrival (one query)."""
    rows = Attendance.objects.filter(room=room).select_related("user")
    return _added_up(rows, now or timezone.now())


def video_panel(*, owner: VideoOwner, now: datetime.datetime | None = None) -> VideoPanel:
    """How the session's page offers joining: through the platform's room when a
    video server is configured, else the plain link; and once it is over, the
    recordings and (for its moderators) the attendance."""
    now = now or timezone.now()
    if not video.configured():
        return VideoPanel(
            owner=owner, uses_room=False, join_url=owner.link, is_open=owner.ends_at > now
        )
    panel = VideoPanel(
        owner=owner,
        uses_room=True,
        join_url=reverse("lms:video_join", kwargs={"key": owner.key}),
        is_open=owner.is_open(now),
        upcoming=now < owner.starts_at - OPEN_BEFORE,
    )
    room = room_for(owner.key) if owner.may_join or owner.moderator else None
    if room is not None:
        if now >= owner.ends_at:
            panel.recordings = room_recordings(room)
        if owner.moderator:
            panel.attendance = room_attendance(room, now)
    return panel


def attendance_counts(keys: list[str]) -> dict[str, int]:
    """How many people joined each of these sessions' rooms (owner key -> people;
    sessions without a room are left out), in one query: for reports."""
    rows = (
        Attendance.objects.filter(room__owner_key__in=keys)
        .values_list("room__owner_key")
        .annotate(people=Count("user", distinct=True))
    )
    return dict(rows)
