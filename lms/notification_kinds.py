"""Kinds of notification, grouped for the notification centre's filter and the
person's preferences (one group per line of the preferences page).

A notification's ``kind`` is free-form text written by the app that creates it;
each kind belongs to one group here, and any kind not listed is ``other``.
Defined here, in lms, so that lms never imports the apps that produce the kinds
(forum, chat).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KindGroup(models.TextChoices):
    MENTION = "mention", _("Mentions")
    DIRECT_MESSAGE = "direct_message", _("Direct messages")
    REPLY = "reply", _("Replies to my messages and topics")
    QUESTION = "question", _("Questions to experts and their answers")
    ANNOUNCEMENT = "announcement", _("Announcements and community news")
    COURSE = "course", _("Courses, sessions and reminders")
    MODERATION = "moderation", _("Reports for the secretariat and moderators")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    CAMPUS = "campus", _("In the campus")
    EMAIL = "email", _("Email")
    PUSH = "push", _("Push to the installed app")


KINDS: dict[str, tuple[str, ...]] = {
    KindGroup.MENTION: ("forum_mention", "chat_mention"),
    KindGroup.DIRECT_MESSAGE: ("direct_message",),
    KindGroup.REPLY: ("forum_reply", "forum_answer"),
    # forum.services.questions: QUESTION_RECEIVED, QUESTION_ANSWERED;
    # forum.services.experts: EXPERT_INVITED.
    # expertgroups.services: invitations to an ad-hoc group, answers, signatures asked,
    # the opinion delivered, its deadline coming.
    KindGroup.QUESTION: (
        "expert_question",
        "expert_answer",
        "expert_invitation",
        "expert_group_invitation",
        "expert_group_answer",
        "expert_group_signature",
        "expert_group_opinion",
        "expert_group_reminder",
    ),
    # Announcements are emailed by the forum without a notification today; the
    # community kinds were emailed before preferences existed and stay on by default.
    KindGroup.ANNOUNCEMENT: (
        "announcement",
        "forum_announcement",
        "community_event",
        "community_request",
        "community_joined",
        "community_declined",
        # priorities.services: the questionnaire sent to focal points, its reminders.
        "priorities_invitation",
        "priorities_reminder",
        # evaluations.services: the evaluation of an event or activity that ended.
        "evaluation_invitation",
        # pilots.services: a followed pilot's milestone changed status, its results.
        "pilot_milestone",
        "pilot_results",
        # funding.services: a new call of a followed theme, its deadline coming.
        "funding_call",
        "funding_deadline",
    ),
    # A conversation reported to the secretariat (forum.services.direct).
    KindGroup.MODERATION: ("direct_report",),
    KindGroup.COURSE: (
        "reminder",
        "live_reminder",
        "schedule",
        "feedback",
        "submission",
        "certificate",
        "enrolled",
        "application",
        "office_hour_reminder",
    ),
}

_GROUP_OF = {kind: group for group, kinds in KINDS.items() for kind in kinds}

# Whether a channel is on for a group when the person has not said (no row).
DEFAULTS: dict[str, frozenset[str]] = {
    Channel.CAMPUS: frozenset(KindGroup.values),
    Channel.EMAIL: frozenset(KindGroup.values) - {KindGroup.OTHER},
    Channel.PUSH: frozenset({KindGroup.MENTION, KindGroup.DIRECT_MESSAGE}),
}

# Groups whose emails wait (NOTIFICATION_EMAIL_DELAY_MINUTES) and go out together,
# one email listing what is still unread.
BATCHED = (KindGroup.MENTION, KindGroup.DIRECT_MESSAGE)


def group_of(kind: str) -> str:
    """The group of a notification kind (``other`` for a kind not listed)."""
    return _GROUP_OF.get(kind, KindGroup.OTHER)


def kinds_of(group: str) -> tuple[str, ...]:
    """The kinds of a group; empty for ``other``, which is every kind not listed."""
    return KINDS.get(group, ())


def all_listed_kinds() -> tuple[str, ...]:
    return tuple(_GROUP_OF)


def batched_kinds() -> list[str]:
    """The kinds whose emails wait and go out together."""
    return [kind for group in BATCHED for kind in kinds_of(group)]


def default_enabled(group: str, channel: str) -> bool:
    return group in DEFAULTS.get(channel, frozenset())
