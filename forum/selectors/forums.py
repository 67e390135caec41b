"""Reads about forums, filtered by what the acting person may see.

Lists cost the same number of queries whatever their length: counters live on
the topic row, and the person's reading position comes in as a subquery.
"""

import datetime
import re

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from forum.models import (
    Category,
    Flag,
    Post,
    Space,
    Subscription,
    Topic,
    TopicRead,
)
from forum.selectors.chat import (
    CURRENT_ENROLMENT,
    MODERATORS,
    WRITERS,
    held_until,
    readable_spaces_filter,
    space_role,
)
from lms.choices import Role
from lms.models import User
from lms.selectors.people import secretariat_people

NEW_TOPIC_DAYS = 14  # a topic nobody opened counts as new this long
TOPICS_PER_PAGE = 30
POSTS_PER_PAGE = 20
MENTION = re.compile(r"(?<![\w@])@([a-z0-9][a-z0-9-]{1,60}[a-z0-9])", re.IGNORECASE)


class SpaceAccess:
    """A person's role in a space and what it lets them do."""

    def __init__(self, space: Space, user: User, role: str | None, held_until=None):
        self.space = space
        self.user = user
        self.role = role
        self.held_until = held_until if held_until and held_until > timezone.now() else None

    @property
    def can_read(self) -> bool:
        return self.role is not None

    @property
    def can_post(self) -> bool:
        return self.role in WRITERS and self.held_until is None

    @property
    def can_moderate(self) -> bool:
        return self.role in MODERATORS

    @property
    def can_manage_members(self) -> bool:
        return self.user.is_secretariat or self.role == "coordinator"

    @property
    def can_announce(self) -> bool:
        return self.role in MODERATORS

    def can_accept(self, topic: Topic) -> bool:
        if not topic.is_question:
            return False
        if topic.author_id == self.user.pk or self.can_moderate:
            return True
        return self.user.has_role(Role.EXPERT)

    def can_hold(self, person: User, role: str | None) -> bool:
        """Moderators hold members (not readers, not other moderators, not themselves)."""
        return self.can_moderate and person.pk != self.user.pk and role == "member"

    def can_remove(self, person: User, listed: bool) -> bool:
        """Listed members only: a cohort's people belong through their enrolment."""
        return self.can_manage_members and listed and person.pk != self.user.pk

    def can_flag(self, post: Post) -> bool:
        return self.can_read and post.author_id != self.user.pk and post.deleted_at is None

    def can_reply(self, topic: Topic) -> bool:
        """Open topics take replies from people who post; locked ones from moderators."""
        if topic.deleted_at is not None or not self.can_post:
            return False
        return not topic.is_locked or self.can_moderate

    def can_edit(self, post: Post) -> bool:
        if post.deleted_at is not None:
            return False
        return self.can_moderate or (post.author_id == self.user.pk and self.can_post)

    def can_delete(self, post: Post, topic: Topic) -> bool:
        """Authors delete their posts, but not a first post that has replies (it takes
        the whole topic along): that is for moderators."""
        if self.can_moderate:
            return True
        if post.author_id != self.user.pk:
            return False
        return post.number > 1 or topic.post_count == 1


def space_access(*, user: User, space: Space) -> SpaceAccess:
    role = space_role(user=user, space=space)
    return SpaceAccess(space, user, role, held_until(user=user, space=space))


def space_moderators(*, space: Space):
    """Who moderates: listed moderators and coordinators, and a cohort's tutors."""
    users = User.objects.filter(
        space_memberships__space=space, space_memberships__role__in=MODERATORS
    )
    if space.cohort_id:
        users = users | User.objects.filter(tutored_groups__cohort_id=space.cohort_id)
    return users.filter(is_active=True).distinct()


def space_readers(*, space: Space):
    """Everyone who may read the space, as one queryset (for notifying many at once)."""
    if space.readable_by_all:
        return User.objects.filter(is_active=True)
    who = Q(space_memberships__space=space) | Q(pk__in=secretariat_people().values("pk"))
    if space.cohort_id:
        who |= Q(
            enrolments__cohort_id=space.cohort_id, enrolments__status__in=CURRENT_ENROLMENT
        ) | Q(tutored_groups__cohort_id=space.cohort_id)
    return User.objects.filter(who, is_active=True).distinct()


def _unread_filter(user: User) -> Q:
    read_exists = TopicRead.objects.filter(topic_id=OuterRef("pk"), user=user)
    behind = TopicRead.objects.filter(
        topic_id=OuterRef("pk"), user=user, last_read_number__lt=OuterRef("post_count")
    )
    recent = timezone.now() - datetime.timedelta(days=NEW_TOPIC_DAYS)
    return Q(Exists(behind)) | (~Q(Exists(read_exists)) & Q(created_at__gte=recent))


def readable_spaces(*, user: User):
    """Spaces the person may read, each with ``unread`` (topics new or with new posts)."""
    if not user.is_authenticated:
        return Space.objects.none()
    # A question to experts is a private conversation (its room), and an
    # expert's office-hours space holds sessions: neither is a forum.
    spaces = (
        Space.objects.filter(readable_spaces_filter(user))
        .exclude(kind__in=[Space.Kind.QUESTION, Space.Kind.OFFICE_HOURS])
        .order_by("name")
    )
    unread = (
        Topic.objects.filter(space_id=OuterRef("pk"), deleted_at__isnull=True)
        .filter(_unread_filter(user))
        .order_by()
        .values("space_id")
    )
    unread_count = unread.annotate(n=Count("pk")).values("n")[:1]
    return spaces.annotate(unread=Coalesce(Subquery(unread_count), 0))


def forum_unread_total(*, user: User) -> int:
    return sum(space.unread for space in readable_spaces(user=user))


def space_topics(*, space: Space, user: User, category: Category | None = None, status=""):
    """The space's topics, pinned first then by last activity, with the reader's position."""
    topics = (
        Topic.objects.filter(space=space, deleted_at__isnull=True)
        .select_related("author", "last_post_author", "category")
        .annotate(
            last_read=Subquery(
                TopicRead.objects.filter(topic_id=OuterRef("pk"), user=user).values(
                    "last_read_number"
                )[:1]
            )
        )
        .annotate(unread_posts=F("post_count") - Coalesce(F("last_read"), 0))
        .order_by("-is_pinned", "-last_posted_at", "-pk")
    )
    if category is not None:
        topics = topics.filter(category=category)
    if status == "answered":
        topics = topics.filter(is_question=True, accepted_post__isnull=False)
    elif status == "waiting":
        topics = topics.filter(is_question=True, accepted_post__isnull=True)
    elif status == "unread":
        topics = topics.filter(_unread_filter(user))
    return topics


def topic_posts(*, topic: Topic):
    """The topic's posts in order, with what a page needs (authors, roles, files)."""
    return (
        Post.objects.filter(topic=topic)
        .select_related("author", "author__profile", "deleted_by")
        .prefetch_related("author__role_grants", "attachments")
        .order_by("number")
    )


def first_unread_number(*, topic: Topic, user: User) -> int:
    read = (
        TopicRead.objects.filter(topic=topic, user=user)
        .values_list("last_read_number", flat=True)
        .first()
    )
    if read is None:
        return 1
    return min(read + 1, topic.post_count)


def page_of(number: int) -> int:
    return (number - 1) // POSTS_PER_PAGE + 1


def search_posts(*, user: User, query: str, space: Space | None = None):
    """Posts whose text or topic title has every word, in spaces the person may read."""
    words = [w for w in query.split() if len(w) > 1][:8]
    if not words:
        return Post.objects.none()
    posts = Post.objects.filter(
        deleted_at__isnull=True,
        topic__deleted_at__isnull=True,
    ).filter(readable_spaces_filter(user, prefix="topic__space__"))
    if space is not None:
        posts = posts.filter(topic__space=space)
    for word in words:
        posts = posts.filter(Q(body__icontains=word) | Q(topic__title__icontains=word))
    return posts.select_related("topic", "topic__space", "author").order_by("-created_at")


def moderation_queue(*, space: Space):
    """Posts with open flags, most flagged first."""
    return (
        Post.objects.filter(topic__space=space, flags__resolved_at__isnull=True)
        .annotate(open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True)))
        .select_related("topic", "author")
        .prefetch_related("flags", "flags__user")
        .order_by("-open_flags", "-created_at")
    )


def open_flag_count(*, space: Space) -> int:
    return Flag.objects.filter(post__topic__space=space, resolved_at__isnull=True).count()


def handle(user: User) -> str:
    """How to mention someone: @ and their name in lower case with hyphens."""
    return slugify(user.full_name) or f"participant-{user.pk}"


def space_people(*, space: Space):
    """Everyone who takes part in the space (listed members, cohort learners and tutors)."""
    users = User.objects.filter(space_memberships__space=space)
    if space.cohort_id:
        users = (
            users
            | User.objects.filter(
                enrolments__cohort_id=space.cohort_id,
                enrolments__status__in=CURRENT_ENROLMENT,
            )
            | User.objects.filter(tutored_groups__cohort_id=space.cohort_id)
        )
    return users.distinct().order_by("full_name", "email")


def mentioned_people(*, space: Space, body: str) -> list[User]:
    handles = {m.lower() for m in MENTION.findall(body)}
    if not handles:
        return []
    return [person for person in space_people(space=space) if handle(person) in handles]


def subscription_level(*, user: User, topic: Topic) -> str:
    """The level that applies to this person for this topic (topic > category > space)."""
    subs = Subscription.objects.filter(user=user).filter(
        Q(topic=topic) | Q(category_id=topic.category_id) | Q(space_id=topic.space_id)
    )
    levels = {
        ("topic" if s.topic_id else "category" if s.category_id else "space"): s.level for s in subs
    }
    return levels.get("topic") or levels.get("category") or levels.get("space") or "normal"


def waiting_questions(*, cohort, limit: int = 20) -> list[dict]:
    """Open questions of a cohort's space, oldest first: what its tutors should answer."""
    from django.urls import reverse

    topics = (
        Topic.objects.filter(
            space__cohort=cohort,
            is_question=True,
            accepted_post__isnull=True,
            deleted_at__isnull=True,
        )
        .select_related("author")
        .order_by("created_at")[:limit]
    )
    return [
        {
            "title": topic.title,
            "author": topic.author.get_full_name(),
            "asked_at": topic.created_at,
            "replies": topic.reply_count,
            "url": reverse("forum:topic", kwargs={"topic_id": topic.pk}),
        }
        for topic in topics
    ]
