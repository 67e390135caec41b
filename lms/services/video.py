"""Joining a video room, ending it, and keeping attendance.

Attendance: the join records the arrival; the departure is read from the server.
``video_attendance_sync`` (the ``video-attendance`` job, every minute) asks
``getMeetingInfo`` for each room with someone still counted in, and closes the stays
of those the server no longer lists (or all of them when the meeting is over). It
needs no address of the platform reachable from the server (as
``meta_endCallbackUrl`` or webhooks would), misses no departure when a callback is
lost, and costs one call per running room a minute. A departure is known to the
minute.
"""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.caching import cache_delete_many
from lms import video
from lms.models import Attendance, User, VideoRoom
from lms.selectors.video import VideoOwner

logger = logging.getLogger(__name__)

# A person counted in is not counted out before this: the client takes a moment to
# enter the meeting after the redirect.
GRACE = datetime.timedelta(minutes=2)
RECREATE_AFTER = datetime.timedelta(minutes=1)
# The server ends an empty meeting on its own; a meeting lasts at most the session
# and this margin (BigBlueButton's ``duration``).
OVERTIME_MINUTES = 60


def _room(owner: VideoOwner) -> VideoRoom:
    room = VideoRoom.objects.filter(owner_key=owner.key).first()
    if room is not None:
        return room
    try:
        with transaction.atomic():
            return VideoRoom.objects.create(owner_key=owner.key, name=owner.title[:200])
    except IntegrityError:  # made meanwhile by someone joining at the same moment
        return VideoRoom.objects.get(owner_key=owner.key)


def video_room_join(*, user: User, owner: VideoOwner, logout_url: str) -> str:
    """Create the meeting on the server when needed, count the person in, and give the
    signed address where their browser enters it (as moderator or attendee, as the
    session's owner decides). VideoError when the server does not answer."""
    if not owner.may_join:
        raise PermissionDenied(_("This session's room is for its participants."))
    if not owner.is_open():
        raise ValidationError(_("The room opens 15 minutes before the session starts."))
    client = video.Client.from_settings()
    room = _room(owner)
    minutes = int((owner.ends_at - owner.starts_at).total_seconds() // 60) + OVERTIME_MINUTES
    now = timezone.now()
    # Asking the server to create a meeting that already runs is harmless, and creates
    # it again after the server ended it for being empty; not asked again when someone
    # joined in the last minute (a cohort joining at once waits for no call each).
    if room.started_at is None or now - room.started_at > RECREATE_AFTER:
        client.create(
            meeting_id=room.meeting_id,
            name=room.name,
            moderator_pw=room.moderator_pw,
            attendee_pw=room.attendee_pw,
            logout_url=logout_url,
            duration_minutes=minutes,
            meta={"rial-owner": owner.key},
        )
    with transaction.atomic():
        VideoRoom.objects.filter(pk=room.pk).update(started_at=now)
        open_stay = (
            Attendance.objects.select_for_update()
            .filter(room=room, user=user, left_at__isnull=True)
            .first()
        )
        if open_stay is None:
            try:  # a second click at the same moment, on another process, made it first
                with transaction.atomic():
                    Attendance.objects.create(
                        room=room, user=user, moderator=owner.moderator, joined_at=now
                    )
            except IntegrityError:
                pass
        elif owner.moderator and not open_stay.moderator:
            open_stay.moderator = True
            open_stay.save(update_fields=["moderator"])
    return client.join_url(
        meeting_id=room.meeting_id,
        full_name=user.get_full_name(),
        user_id=str(user.pk),
        moderator=owner.moderator,
        password=room.moderator_pw if owner.moderator else room.attendee_pw,
    )


def video_room_end(*, user: User, owner: VideoOwner) -> None:
    """A moderator ends the meeting for everyone; everyone's stay closes now."""
    if not owner.moderator:
        raise PermissionDenied(_("Only whoever runs the session can end its room."))
    room = VideoRoom.objects.filter(owner_key=owner.key).first()
    if room is None:
        return
    video.Client.from_settings().end(meeting_id=room.meeting_id, moderator_pw=room.moderator_pw)
    # Whoever joins next creates the meeting again (video_room_join).
    VideoRoom.objects.filter(pk=room.pk).update(started_at=None)
    _close(room, present=set(), now=timezone.now(), grace=False)
    transaction.on_commit(lambda: cache_delete_many([f"video:recordings:{room.meeting_id}"]))


def _close(room: VideoRoom, *, present: set[str], now: datetime.datetime, grace: bool) -> int:
    """Close the open stays in ``room`` of those not ``present`` (user ids as the server
    lists them); with ``grace``, not those who joined in the last moments."""
    closed = 0
    with transaction.atomic():
        rows = Attendance.objects.select_for_update().filter(room=room, left_at__isnull=True)
        if grace:
            rows = rows.filter(joined_at__lte=now - GRACE)
        for row in rows:
            if str(row.user_id) in present:
                continue
            row.left_at = now
            row.seconds = max(0, int((now - row.joined_at).total_seconds()))
            row.save(update_fields=["left_at", "seconds"])
            closed += 1
    return closed


def video_attendance_sync(*, now: datetime.datetime | None = None) -> int:
    """Count out those the server no longer lists in the rooms where someone is still
    counted in; a room whose server does not answer waits for the next run. Returns
    how many stays closed."""
    if not video.configured():
        return 0
    now = now or timezone.now()
    client = video.Client.from_settings()
    room_ids = set(
        Attendance.objects.filter(left_at__isnull=True).values_list("room_id", flat=True)
    )
    closed = 0
    for room in VideoRoom.objects.filter(pk__in=room_ids):
        try:
            info = client.get_meeting_info(meeting_id=room.meeting_id)
        except video.VideoError as error:
            logger.warning("attendance of room %s: %s", room.pk, error)
            continue
        present = (
            {attendee.user_id for attendee in info.attendees}
            if info is not None and info.running
            else set()
        )
        closed += _close(room, present=present, now=now, grace=True)
    return closed
