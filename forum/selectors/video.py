"""The forum's sessions that may have a video room (lms asks through the
``rial_video_owners`` hook): a community's virtual dialogues and meetings.

Who may join is who sees the community's members' area (its members, the
secretariat); its coordinators and moderators and the secretariat join as
moderators (``CommunityAccess.can_manage``).
"""

from django.urls import reverse

from forum.models import Space, SpaceEvent
from forum.selectors.communities import CommunityAccess, community_access
from lms.models import User
from lms.selectors.video import VideoOwner, owner_key

SPACE_EVENT = "forum.spaceevent"


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


def video_owners() -> dict:
    return {SPACE_EVENT: space_event_owner}
