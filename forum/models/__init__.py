"""The forum's models, one module per feature; every model is importable from here.

``spaces`` (spaces, memberships, holds), ``chat`` (rooms and messages),
``forums`` (categories, topics, posts), ``subscriptions`` (who follows what,
digests, announcements), ``communities`` (requests to join, events),
``experts`` (profiles, invitations, questions) and ``office_hours``.
"""

from forum.models.chat import (
    REACTIONS,
    RESERVED_ROOM_SLUGS,
    ChatFile,
    DirectBlock,
    DirectReport,
    Message,
    MessageEdit,
    Reaction,
    Room,
    RoomMute,
    RoomPresence,
    RoomRead,
    validate_room_slug,
)
from forum.models.communities import (
    JoinRequest,
    SpaceEvent,
    SpaceEventDocument,
    event_document_path,
)
from forum.models.experts import ExpertInvitation, ExpertProfile, ExpertQuestion
from forum.models.forums import (
    Attachment,
    Category,
    Flag,
    Mention,
    Post,
    PostRevision,
    Topic,
    TopicRead,
    attachment_path,
)
from forum.models.office_hours import (
    OfficeHour,
    OfficeHourQuestion,
    OfficeHourSubscription,
    OfficeHourVote,
)
from forum.models.spaces import KindRules, Space, SpaceHold, SpaceMembership
from forum.models.subscriptions import (
    AnnouncementDelivery,
    DigestDelivery,
    DigestPreference,
    Subscription,
)

__all__ = [
    "REACTIONS",
    "RESERVED_ROOM_SLUGS",
    "AnnouncementDelivery",
    "Attachment",
    "Category",
    "ChatFile",
    "DigestDelivery",
    "DigestPreference",
    "DirectBlock",
    "DirectReport",
    "ExpertInvitation",
    "ExpertProfile",
    "ExpertQuestion",
    "Flag",
    "JoinRequest",
    "KindRules",
    "Mention",
    "Message",
    "MessageEdit",
    "OfficeHour",
    "OfficeHourQuestion",
    "OfficeHourSubscription",
    "OfficeHourVote",
    "Post",
    "PostRevision",
    "Reaction",
    "Room",
    "RoomMute",
    "RoomPresence",
    "RoomRead",
    "Space",
    "SpaceEvent",
    "SpaceEventDocument",
    "SpaceHold",
    "SpaceMembership",
    "Subscription",
    "Topic",
    "TopicRead",
    "attachment_path",
    "event_document_path",
    "validate_room_slug",
]
