"""The forum's sessions that may have a video room (lms asks through the
``rial_video_owners`` hook): a community's virtual dialogues and meetings, and an
expert's office hours.

Who may join is who sees the community's members' area (its members, the
secretariat); its coordinators and moderators and the secretariat join as
moderators (``CommunityAccess.can_manage``). An office hour's room is for its
subscribers; the expert and the secretariat join as moderators. It has no plain link:
without a video server the office hour is its chat room only.
"""

from django.urls import reverse

from forum.models import OfficeHour, Space, SpaceEvent
from forum.selectors.communities import CommunityAccess, community_access
from forum.selectors.experts import is_subscribed
from lms.models import User
from lms.selectors.video import VideoOwner, owner_key

SPACE_EVENT = "forum.spaceevent"
OFFICE_HOUR = "forum.officehour"


def space_event_video_owner(*, event: SpaceEvent, access: CommunityAccess) -> VideoOwner:
    return VideoOwner(
        key=owner_key(SPACE_EVENT, event.pk),
        title=event.title,
        page_url=reverse(
            "forum:community_event", kwargs={"slug": event.space.slug, "event_id": event.pk}
        ),
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        link=event.link,
        may_join=access.can_see_members_area,
        moderator=access.can_manage,
    )


def space_event_owner(*, pk: int, user: User) -> VideoOwner | None:
    event = (
        SpaceEvent.objects.select_related("space")
        .filter(pk=pk, space__kind=Space.Kind.COMMUNITY)
        .first()
    )
    if event is None:
        return None
    return space_event_video_owner(
        event=event, access=community_access(user=user, space=event.space)
    )


def office_hour_video_owner(*, session: OfficeHour, user: User, subscribed: bool) -> VideoOwner:
    moderator = user.is_authenticated and (user.pk == session.expert_id or user.is_secretariat)
    return VideoOwner(
        key=owner_key(OFFICE_HOUR, session.pk),
        title=session.topic,
        page_url=reverse("forum:office_hour", kwargs={"session_id": session.pk}),
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        may_join=moderator or subscribed,
        moderator=moderator,
    )


def office_hour_owner(*, pk: int, user: User) -> VideoOwner | None:
    session = OfficeHour.objects.filter(pk=pk).first()
    if session is None or not user.is_authenticated:
        return None
    return office_hour_video_owner(
        session=session, user=user, subscribed=is_subscribed(user=user, session=session)
    )


def video_owners() -> dict:
    return {SPACE_EVENT: space_event_owner, OFFICE_HOUR: office_hour_owner}
