"""The forums and chat rooms in the site's search.

A forum post is one entry; the topic's title is in its first post's entry only
(not repeated in every reply). A chat message is one entry. Hidden and deleted
posts and messages leave the index; each entry's scope is its space or room, and
a search names only the spaces and rooms the person may read (then the selectors
check again).
"""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from forum.access import readable_spaces_filter
from forum.models import ExpertProfile, Message, Post, Room, Space, Topic
from lms.models import User
from search import engine
from search.providers import Paged, Provider, Result, in_hit_order, paged
from search.services import Document, entries_delete, entries_rebuild, entries_replace, entry_add

POST = "post"
CHAT = "chat"
EXPERT = "expert"


def _post_document(post: Post, topic: Topic) -> Document:
    return Document(
        title=topic.title if post.number == 1 else "",
        body=post.body,
        scope=f"space{topic.space_id}",
        updated=post.created_at,
    )


def post_index(*, post: Post, created: bool = False) -> None:
    """After a post is written, edited, hidden or restored."""
    topic = post.topic
    if post.deleted_at is not None or topic.deleted_at is not None:
        entries_delete(kind=POST, object_ids=[post.pk])
    elif created:
        entry_add(kind=POST, object_id=post.pk, document=_post_document(post, topic))
    else:
        entries_replace(kind=POST, object_id=post.pk, documents=[_post_document(post, topic)])


def topic_index(*, topic: Topic) -> None:
    """After a topic is hidden or restored (its first post): every post of it."""
    topic.refresh_from_db(fields=["deleted_at"])
    posts = list(Post.objects.filter(topic=topic))
    entries_delete(kind=POST, object_ids=[p.pk for p in posts])
    if topic.deleted_at is None:
        for post in posts:
            if post.deleted_at is None:
                entry_add(kind=POST, object_id=post.pk, document=_post_document(post, topic))


def message_index(*, message: Message, created: bool = False) -> None:
    if message.deleted_at is not None:
        entries_delete(kind=CHAT, object_ids=[message.pk])
        return
    document = Document(
        title="", body=message.body, scope=f"room{message.room_id}", updated=message.created_at
    )
    if created:
        entry_add(kind=CHAT, object_id=message.pk, document=document)
    else:
        entries_replace(kind=CHAT, object_id=message.pk, documents=[document])


def rebuild_posts() -> int:
    posts = Post.objects.filter(deleted_at__isnull=True, topic__deleted_at__isnull=True)
    return entries_rebuild(
        kind=POST,
        documents=(
            (post.pk, _post_document(post, post.topic))
            for post in posts.select_related("topic").iterator(chunk_size=2000)
        ),
    )


def rebuild_messages() -> int:
    messages = Message.objects.filter(deleted_at__isnull=True).only(
        "pk", "room_id", "body", "created_at"
    )
    return entries_rebuild(
        kind=CHAT,
        documents=(
            (m.pk, Document(title="", body=m.body, scope=f"room{m.room_id}", updated=m.created_at))
            for m in messages.iterator(chunk_size=2000)
        ),
    )


def _expert_documents(profile: ExpertProfile) -> list[Document]:
    user = profile.user
    if not (profile.is_listed and user.is_active):
        return []  # hidden profiles are found by no one
    institution = getattr(getattr(user, "profile", None), "institution", "") or ""
    themes = " ".join(
        f"{t.name_es} {t.name_en} {t.name_pt} {t.name_fr}" for t in profile.themes.all()
    )
    body = " ".join(
        part
        for part in (profile.headline, profile.bio, institution, profile.seminars, themes)
        if part
    )
    return [Document(title=user.get_full_name(), body=body)]


def expert_index(*, profile: ExpertProfile) -> None:
    """After an expert is named, edits their profile, or is hidden or listed again."""
    entries_replace(kind=EXPERT, object_id=profile.pk, documents=_expert_documents(profile))


def experts_reindex(*, user_id: int) -> None:
    """The person's expert entry again (their name, institution or account changed)."""
    profiles = ExpertProfile.objects.filter(user_id=user_id).select_related("user__profile")
    for profile in profiles.prefetch_related("themes"):
        expert_index(profile=profile)


def rebuild_experts() -> int:
    profiles = ExpertProfile.objects.select_related("user__profile").prefetch_related("themes")
    return entries_rebuild(
        kind=EXPERT,
        documents=((p.pk, d) for p in profiles for d in _expert_documents(p)),
    )


def expert_matching(experts, query: str):
    """``experts`` (ExpertProfile queryset) narrowed to those matching ``query``."""
    ids = engine.matching_ids(query=query, kind=EXPERT, language=get_language())
    return experts if ids is None else experts.filter(pk__in=ids)


def _expert_results(user, query, hits):
    found = ExpertProfile.objects.filter(
        pk__in=[h.object_id for h in hits], is_listed=True, user__is_active=True
    ).select_related("user")
    return [
        Result(
            title=profile.user.get_full_name(),
            url=reverse("forum:expert", kwargs={"user_id": profile.user_id}),
            excerpt=profile.headline,
        )
        for profile in in_hit_order(hits, found)
    ]


# --- reading --------------------------------------------------------------------------------


def _space_scopes(user: User, space: Space | None = None) -> list[str]:
    if not user.is_authenticated:
        return []
    if space is not None:
        return [f"space{space.pk}"]
    # Asked once per request (the page counts, then lists): kept on the user object.
    if not hasattr(user, "_search_space_scopes"):
        ids = Space.objects.filter(readable_spaces_filter(user)).values_list("pk", flat=True)
        user._search_space_scopes = [f"space{pk}" for pk in ids]
    return user._search_space_scopes


def _visible_posts(user: User, ids):
    return (
        Post.objects.filter(pk__in=ids, deleted_at__isnull=True, topic__deleted_at__isnull=True)
        .filter(readable_spaces_filter(user, prefix="topic__space__"))
        .select_related("topic", "topic__space", "author", "author__profile")
    )


def post_search(*, user: User, query: str, space: Space | None = None) -> Paged:
    """Posts matching ``query`` in the spaces the person may read (or in ``space``,
    which the caller has checked), best first, for a Paginator."""
    return paged(
        kind=POST,
        query=query,
        scopes=_space_scopes(user, space),
        objects=lambda hits: in_hit_order(hits, _visible_posts(user, [h.object_id for h in hits])),
    )


def _room_scopes(user: User) -> list[str]:
    from forum.selectors.chat import readable_rooms

    if not hasattr(user, "_search_room_scopes"):
        ids = readable_rooms(user=user).values_list("pk", flat=True)
        user._search_room_scopes = [f"room{pk}" for pk in ids]
    return user._search_room_scopes


def message_search(*, user: User, query: str, room: Room | None = None) -> Paged:
    """Chat messages matching ``query`` in the rooms the person may read (or in ``room``,
    which the caller has checked), best first."""
    return paged(
        kind=CHAT,
        query=query,
        scopes=[f"room{room.pk}"] if room is not None else _room_scopes(user),
        objects=lambda hits: in_hit_order(hits, _visible_messages([h.object_id for h in hits])),
    )


def _post_results(user, query, hits):
    from forum.services import post_url

    posts = in_hit_order(hits, _visible_posts(user, [h.object_id for h in hits]))
    return [
        Result(
            title=post.topic.title,
            url=post_url(post),
            excerpt=Truncator(post.body).words(30),
            meta=f"{post.topic.space.name} · {post.author.get_full_name()}",
        )
        for post in posts
    ]


def _visible_messages(ids):
    return Message.objects.filter(pk__in=ids, deleted_at__isnull=True).select_related(
        "room", "author"
    )


def _message_results(user, query, hits):
    return [
        Result(
            title=message.room.name,
            url=reverse("forum:room", kwargs={"slug": message.room.slug})
            + "?"
            + urlencode({"q": query}),
            excerpt=Truncator(message.body).words(30),
            meta=message.author.get_full_name() if message.author else "",
        )
        for message in in_hit_order(hits, _visible_messages([h.object_id for h in hits]))
    ]


def providers() -> list[Provider]:
    return [
        Provider(
            kind=EXPERT,
            label=_("Experts"),
            results=_expert_results,
            more_url=lambda query: reverse("forum:experts") + "?" + urlencode({"q": query}),
            rebuild=rebuild_experts,
            order=20,
        ),
        Provider(
            kind=POST,
            label=_("Forum posts"),
            results=_post_results,
            scopes=_space_scopes,
            more_url=lambda query: reverse("forum:search") + "?" + urlencode({"q": query}),
            rebuild=rebuild_posts,
            order=40,
        ),
        Provider(
            kind=CHAT,
            label=_("Chat messages"),
            results=_message_results,
            scopes=_room_scopes,
            more_url=lambda query: "",
            rebuild=rebuild_messages,
            order=50,
        ),
    ]
