"""Reads about the experts network, filtered by what the acting person may see."""

import datetime
import statistics
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.utils import timezone

from courses.caching import cache_version, cache_version_bump
from courses.invalidation import forget_now_and_after_commit
from courses.models import Theme
from courses.prepared import PreparedModels
from forum.access import MODERATOR
from forum.models import (
    ExpertInvitation,
    ExpertProfile,
    ExpertQuestion,
    OfficeHour,
    OfficeHourQuestion,
    OfficeHourSubscription,
    OfficeHourVote,
    SpaceMembership,
)
from lms.models import User
from lms.selectors.people import person_time_zone

EXPERTS_PER_PAGE = 24
TRANSCRIPT_MAX = 5000  # messages shown on an ended session's page


def user_zone_named(zone: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(zone or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def user_zone(user: User) -> zoneinfo.ZoneInfo:
    """The person's time zone (their profile's), for showing session times."""
    return user_zone_named(person_time_zone(user))


def askable_experts():
    """Experts who take questions now (a User queryset)."""
    return User.objects.filter(
        is_active=True,
        expert_profile__is_listed=True,
        expert_profile__accepts_questions=True,
    )


@dataclass
class Record:
    answered: int = 0
    helpful: int = 0
    median_seconds: float | None = None


def expert_records(user_ids) -> dict[int, Record]:
    """Questions answered, answers marked helpful and the median time to a first
    answer, for many experts in one query."""
    rows = ExpertQuestion.objects.filter(
        answered_by_id__in=list(user_ids), first_answer_at__isnull=False
    ).values_list("answered_by_id", "created_at", "first_answer_at", "helpful_message__author_id")
    waits: dict[int, list[float]] = {}
    records: dict[int, Record] = {}
    for expert_id, created, answered, helpful_author in rows:
        record = records.setdefault(expert_id, Record())
        record.answered += 1
        if helpful_author == expert_id:
            record.helpful += 1
        waits.setdefault(expert_id, []).append(max(0.0, (answered - created).total_seconds()))
    for expert_id, values in waits.items():
        records[expert_id].median_seconds = statistics.median(values)
    return records


def directory(*, theme=None, area=None, language: str = "", country: str = "", query: str = ""):
    """Listed experts matching the filters (a queryset, ready to paginate)."""
    experts = (
        ExpertProfile.objects.filter(is_listed=True, user__is_active=True)
        .select_related("user__profile", "photo")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.select_related("area")),
            "user__profile__spoken_languages",
        )
    )
    # Filters through many-valued relations (themes, languages) may match an
    # expert more than once: only they need DISTINCT, whose count is much dearer.
    repeats = False
    if theme is not None:
        experts, repeats = experts.filter(themes=theme), True
    if area is not None:
        experts, repeats = experts.filter(themes__area=area), True
    if language:
        experts = experts.filter(user__profile__spoken_languages__language=language)
        repeats = True
    if country:
        experts = experts.filter(user__profile__country=country)
    if query:
        from forum.search import expert_matching

        experts = expert_matching(experts, query)  # pk__in: no repeats
    if repeats:
        experts = experts.distinct()
    return experts.order_by("user__full_name", "pk")


# --- The whole directory, the same for everyone ---------------------------------------------
#
# The directory without filters (most visits) shows nothing of the person who reads
# it: its pages are rendered once per process for each language and version of what
# they show (``forum.views.experts``). The version changes, in the shared cache, when
# anything a card shows changes: an expert's profile, themes or photo, their name,
# account, institution, country or languages, a question answered or marked helpful
# (signals connected in forum.receivers, and the services that write without them).

DIRECTORY_VERSION_KEY = "forum:experts-directory-version"


def directory_version() -> str:
    return cache_version(DIRECTORY_VERSION_KEY, None)


def _forget_directory() -> None:
    cache_version_bump(DIRECTORY_VERSION_KEY, None)


def directory_changed(**_kwargs) -> None:
    """What the directory shows changed: its pages are made again, now and after the
    commit (a page made meanwhile may have read the rows before it)."""
    forget_now_and_after_commit(_forget_directory)


def expert_profile(*, user_id: int, viewer: User) -> ExpertProfile | None:
    """An expert's profile; hidden ones only for themselves and the secretariat."""
    profile = (
        ExpertProfile.objects.select_related("user__profile", "photo", "office_space")
        .prefetch_related("themes__area", "user__profile__spoken_languages", "workshops")
        .filter(user_id=user_id)
        .first()
    )
    if profile is None:
        return None
    hidden = not (profile.is_listed and profile.user.is_active)
    if hidden and viewer.pk != profile.user_id and not viewer.is_secretariat:
        return None
    return profile


def _sessions_of_listed_experts():
    return OfficeHour.objects.select_related("expert", "expert__profile").filter(
        expert__is_active=True, expert__expert_profile__is_listed=True
    )


# The directory's short list: the next few sessions, no counts, on every visit of
# the directory. Its query (with a subquery) is compiled once: building it cost
# Django more than a millisecond each time.
NEXT_OFFICE_HOURS = 3
_next_office_hours = PreparedModels(
    lambda now, user: (
        _sessions_of_listed_experts()
        .filter(ends_at__gt=now)
        .annotate(
            subscribed=Exists(
                OfficeHourSubscription.objects.filter(session=OuterRef("pk"), user_id=user)
            )
        )
        .order_by("starts_at")[:NEXT_OFFICE_HOURS]
    ),
    now=datetime.datetime,
    user=int,
)


def next_office_hours(*, user: User) -> list[OfficeHour]:
    """The next ``NEXT_OFFICE_HOURS`` sessions not ended yet, soonest first, with
    ``subscribed`` for this signed-in person."""
    return _next_office_hours.all(now=timezone.now(), user=user.pk)


def upcoming_office_hours(*, user: User | None = None, expert: User | None = None, limit=50):
    """Sessions not ended yet, soonest first, with ``subscribed``, ``subscriber_count``
    and ``question_count``."""
    sessions = _sessions_of_listed_experts().filter(ends_at__gt=timezone.now())
    if expert is not None:
        sessions = sessions.filter(expert=expert)
    sessions = sessions.annotate(
        subscriber_count=Count("subscriptions", distinct=True),
        question_count=Count("questions", distinct=True),
    )
    if user is not None and user.is_authenticated:
        sessions = sessions.annotate(
            subscribed=Exists(
                OfficeHourSubscription.objects.filter(session=OuterRef("pk"), user=user)
            )
        )
    return list(sessions.order_by("starts_at")[:limit])


def past_office_hours(*, expert: User | None = None):
    """Ended sessions (their transcripts), latest first: a queryset to paginate."""
    sessions = _sessions_of_listed_experts().filter(ends_at__lte=timezone.now())
    if expert is not None:
        sessions = sessions.filter(expert=expert)
    return sessions.annotate(question_count=Count("questions")).order_by("-starts_at")


def office_hour(*, session_id: int) -> OfficeHour | None:
    return (
        OfficeHour.objects.select_related("expert__profile", "room", "space")
        .filter(pk=session_id)
        .first()
    )


def is_subscribed(*, user: User, session: OfficeHour) -> bool:
    return (
        user.is_authenticated
        and OfficeHourSubscription.objects.filter(session=session, user=user).exists()
    )


def office_hour_queue(*, session: OfficeHour, user: User):
    """The questions sent for a session, most voted first, with ``voted`` for this person."""
    questions = OfficeHourQuestion.objects.filter(session=session).select_related("author")
    if user.is_authenticated:
        questions = questions.annotate(
            voted=Exists(OfficeHourVote.objects.filter(question=OuterRef("pk"), user=user))
        )
    return list(questions.order_by("-vote_count", "created_at"))


# --- Questions ------------------------------------------------------------------------------


def question_party(*, user: User, question: ExpertQuestion) -> str | None:
    """asker, expert (one it went to), secretariat, or None (no access)."""
    if not user.is_authenticated:
        return None
    if question.asker_id == user.pk:
        return "asker"
    if SpaceMembership.objects.filter(space_id=question.space_id, user=user).exists():
        return "expert"
    if user.is_secretariat:
        return "secretariat"
    return None


def question_for(*, user: User, question_id: int) -> tuple[ExpertQuestion, str] | None:
    question = (
        ExpertQuestion.objects.select_related(
            "asker__profile", "expert", "theme", "room", "space", "helpful_message__author"
        )
        .filter(pk=question_id)
        .first()
    )
    if question is None:
        return None
    party = question_party(user=user, question=question)
    if party is None:
        return None
    return question, party


def questions_asked(*, user: User):
    return (
        ExpertQuestion.objects.filter(asker=user)
        .select_related("expert", "theme", "answered_by", "room")
        .order_by("-created_at")
    )


def questions_received(*, user: User):
    """Questions sent to this expert, or to a theme of theirs (they are in its space)."""
    return (
        ExpertQuestion.objects.filter(
            space__memberships__user=user, space__memberships__role=MODERATOR
        )
        .select_related("asker", "theme", "answered_by", "room")
        .order_by("-created_at")
    )


def waiting_question_count(*, user: User) -> int:
    return questions_received(user=user).filter(status=ExpertQuestion.Status.WAITING).count()


def pending_invitations(*, user: User):
    return ExpertInvitation.objects.filter(user=user, answered_at__isnull=True).select_related(
        "space"
    )
