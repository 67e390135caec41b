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

from courses.prepared import PreparedModels
from forum.access import readable_spaces_filter, space_people
from forum.models import Attachment, Category, Flag, Post, Space, Subscription, Topic, TopicRead
from lms.models import User

NEW_TOPIC_DAYS = 14  # a topic nobody opened counts as new this long
TOPICS_PER_PAGE = 30
POSTS_PER_PAGE = 20
MENTION = re.compile(r"(?<![\w@])@([a-z0-9][a-z0-9-]{1,60}[a-z0-9])", re.IGNORECASE)


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
    spaces = Space.objects.forums().filter(readable_spaces_filter(user)).order_by("name")
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


def space_topics(
    *, space: Space, user: User, category: Category | None = None, status="", voice=""
):
    """The space's topics, pinned first then by last activity, with the reader's position
    (``voice``: only those started by someone of that verified actor type)."""
    topics = (
        Topic.objects.filter(space=space, deleted_at__isnull=True)
        .select_related(
            "author", "author__profile", "last_post_author", "last_post_author__profile", "category"
        )
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
    if voice:
        topics = topics.filter(
            author__profile__actor_type=voice, author__profile__actor_type_verified_at__isnull=False
        )
    return topics


def topic_posts(*, topic: Topic):
    """The topic's posts in order, with what a page needs (authors, files; the authors'
    roles: ``lms.selectors.people.remember_roles`` on the page's posts)."""
    return (
        Post.objects.filter(topic=topic)
        .select_related("author", "author__profile", "deleted_by")
        .prefetch_related("attachments")
        .order_by("number")
    )


_pages_prepared: dict[int, PreparedModels] = {}
PAGES_PREPARED = 200


def topic_page_posts(*, topic: Topic, number: int) -> list[Post]:
    """The posts of one page of a topic (``number`` from 1), as ``topic_posts`` gives
    them. The query of each page is compiled once per process (the first pages are
    those read): only the topic changes between two visits."""
    offset = (number - 1) * POSTS_PER_PAGE
    prepared = _pages_prepared.get(offset)
    if prepared is None:
        if len(_pages_prepared) >= PAGES_PREPARED:
            _pages_prepared.clear()
        prepared = _pages_prepared[offset] = PreparedModels(
            lambda topic: topic_posts(topic=topic).prefetch_related(None)[
                offset : offset + POSTS_PER_PAGE
            ],
            topic=int,
        )
    posts = prepared.all(topic=topic.pk)
    _attach_files(posts, topic)
    return posts


# The files of a page's posts: those of the topic's posts from the page's lowest post
# id to its highest (the page's, and any other between them, left out below). One
# query compiled once: Django's prefetch built its query anew on every page, half a
# millisecond of Python.
_page_files = PreparedModels(
    lambda topic, lowest, highest: Attachment.objects.filter(
        post__topic_id=topic, post_id__gte=lowest, post_id__lte=highest
    ).order_by("id"),
    topic=int,
    lowest=int,
    highest=int,
)


def _attach_files(posts: list[Post], topic: Topic) -> None:
    """``post.attachments.all()`` of each post, as ``prefetch_related("attachments")``
    leaves it (a queryset already filled; each file's ``post`` set), in one query."""
    if not posts:
        return
    files: dict[int, list] = {post.pk: [] for post in posts}
    ids = [post.pk for post in posts]
    for item in _page_files.all(topic=topic.pk, lowest=min(ids), highest=max(ids)):
        if item.post_id in files:
            files[item.post_id].append(item)
    for post in posts:
        found = files[post.pk]
        for item in found:
            item.post = post
        # Filled as Django's prefetch fills it; built on none(), so anything asked of it
        # beyond its rows (a filter, a count in SQL) finds nothing rather than every file.
        filled = Attachment.objects.none()
        filled._result_cache, filled._prefetch_done = found, True
        post._prefetched_objects_cache = {"attachments": filled}


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
    """Posts with every word (the last as a prefix; accents do not matter) in the spaces
    the person may read, or in ``space``; best first, for a Paginator."""
    from forum.search import post_search

    return post_search(user=user, query=query, space=space)


def moderation_queue(*, space: Space):
    """Posts with open flags, most flagged first."""
    return (
        # flags__isnull=False in the same filter: the join's rows are open flags, not
        # also the posts that have no flag at all (a LEFT JOIN's empty row).
        Post.objects.filter(
            topic__space=space, flags__isnull=False, flags__resolved_at__isnull=True
        )
        .annotate(open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True)))
        .select_related("topic", "author", "author__profile")
        .prefetch_related("flags", "flags__user")
        .order_by("-open_flags", "-created_at")
    )


def open_flag_count(*, space: Space) -> int:
    return Flag.objects.filter(post__topic__space=space, resolved_at__isnull=True).count()


def handle(user: User) -> str:
    """How to mention someone: @ and their name in lower case with hyphens."""
    return slugify(user.full_name) or f"participant-{user.pk}"


def mentioned_people(*, space: Space, body: str) -> list[User]:
    handles = {m.lower() for m in MENTION.findall(body)}
    if not handles:
        return []
    return [person for person in space_people(space=space) if handle(person) in handles]


def subscription_level(*, user: User, topic: Topic) -> str:
    """The level that applies to this person for this topic (topic > category > space)."""
    if hasattr(topic, "subscription_levels"):  # brought by access_topic
        levels = topic.subscription_levels
        return levels.get("topic") or levels.get("category") or levels.get("space") or "normal"
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
            "author_id": topic.author_id,
            "asked_at": topic.created_at,
            "replies": topic.reply_count,
            "url": reverse("forum:topic", kwargs={"topic_id": topic.pk}),
        }
        for topic in topics
    ]
