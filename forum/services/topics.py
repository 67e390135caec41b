"""Writes about a forum's topics and posts: open, reply, edit, delete, accept an answer.

Every function takes keyword arguments, runs in one transaction, checks
permission first (``forum.access``) and leaves notifications to a task
(``forum.services.subscriptions.post_notify``) that runs after commit. Posts
are rendered through ``lms.markup`` and nowhere else.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forum.access import space_access
from forum.models import (
    Attachment,
    Category,
    Mention,
    Post,
    PostRevision,
    Space,
    Subscription,
    Topic,
    TopicRead,
)
from forum.search import post_index
from forum.selectors.forums import handle, mentioned_people, page_of
from forum.selectors.nav import nav_counts_forget
from forum.services.moderation import post_hide
from forum.services.text import form_token
from lms.markup import MarkupTooLong, render_markdown
from lms.models import User
from lms.services.learning import ALLOWED_SUBMISSION_TYPES
from lms.uploads import check_image_pixels, content_matches, upload_extension

MAX_POST = 20_000
MAX_TITLE = 200
MAX_ATTACHMENTS = 5
IMAGE_TYPES = {
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".gif": b"GIF8",
    ".webp": b"RIFF",
}
# The documents an assignment accepts, and slides.
DOCUMENT_TYPES = {**ALLOWED_SUBMISSION_TYPES, ".odp": b"PK\x03\x04"}


@dataclass
class Created:
    """What a write produced, and whether it was new (a repeated form creates nothing)."""

    post: Post
    created: bool

    @property
    def topic(self) -> Topic:
        return self.post.topic


# --- checks -------------------------------------------------------------------------------


def _flood_check(*, user: User, space: Space) -> None:
    seconds = settings.RIAL_FORUM_FLOOD_SECONDS
    if seconds <= 0:
        return
    since = timezone.now() - datetime.timedelta(seconds=seconds)
    if Post.objects.filter(author=user, topic__space=space, created_at__gt=since).exists():
        raise ValidationError(
            ngettext(
                "Please wait %(n)s second between two posts in this space; your text is kept.",
                "Please wait %(n)s seconds between two posts in this space; your text is kept.",
                seconds,
            )
            % {"n": seconds}
        )


def _render(body: str) -> str:
    if not isinstance(body, str) or not body.strip():
        raise ValidationError({"body": _("Write something first.")})
    if len(body) > MAX_POST:
        raise ValidationError(
            {
                "body": _("A post has at most %(n)s characters; yours has %(length)s.")
                % {"n": MAX_POST, "length": len(body)}
            }
        )
    try:
        return render_markdown(body)
    except MarkupTooLong as error:
        raise ValidationError({"body": _("The post is too long.")}) from error


def check_attachment(upload) -> bool:
    """Refuse files of the wrong type or size; True for images."""
    name = upload.name or ""
    extension = upload_extension(upload)
    if extension not in IMAGE_TYPES and extension not in DOCUMENT_TYPES:
        raise ValidationError(
            {
                "files": _(
                    "Attach documents (PDF, Word, Excel, PowerPoint, OpenDocument, text) "
                    "or images (PNG, JPEG, GIF, WebP)."
                )
            }
        )
    limit = settings.RIAL_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {
                "files": _("%(name)s is too large: at most %(mb)s MB.")
                % {"name": name, "mb": limit // (1024 * 1024)}
            }
        )
    magic = IMAGE_TYPES.get(extension, DOCUMENT_TYPES.get(extension))
    if not content_matches(upload, magic):
        if magic is None:
            raise ValidationError({"files": _("A text file must be in UTF-8.")})
        raise ValidationError(
            {"files": _("The content of %(name)s does not match its type.") % {"name": name}}
        )
    if extension == ".webp" and upload.read(12)[8:12] != b"WEBP":
        raise ValidationError(
            {"files": _("The content of %(name)s does not match its type.") % {"name": name}}
        )
    upload.seek(0)
    if extension in IMAGE_TYPES:
        check_image_pixels(upload, field="files")
    return extension in IMAGE_TYPES


def _check_files(files) -> list[tuple[object, bool]]:
    files = list(files or [])
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"files": _("Attach at most %(n)s files to a post.") % {"n": MAX_ATTACHMENTS}}
        )
    return [(upload, check_attachment(upload)) for upload in files]


def _save_files(post: Post, checked) -> None:
    for upload, is_image in checked:
        attachment = Attachment(
            post=post, name=(upload.name or "file")[:200], size=upload.size, is_image=is_image
        )
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()


# --- links and mentions -------------------------------------------------------------------


def post_url(post: Post) -> str:
    path = reverse("forum:topic", kwargs={"topic_id": post.topic_id})
    page = page_of(post.number)
    return f"{path}?page={page}#post-{post.number}" if page > 1 else f"{path}#post-{post.number}"


def _enqueue_notify(post_id: int, mentioned: list[int], is_new: bool, watchers: bool = True):
    from forum.tasks import notify_post

    transaction.on_commit(lambda: notify_post.enqueue(post_id, mentioned, is_new, watchers))


def _record_mentions(post: Post) -> list[int]:
    """Mention rows for people named in the post for the first time; their ids."""
    already = set(Mention.objects.filter(post=post).values_list("user_id", flat=True))
    new = [
        person
        for person in mentioned_people(space=post.topic.space, body=post.body)
        if person.pk not in already and person.pk != post.author_id
    ]
    Mention.objects.bulk_create([Mention(post=post, user=person) for person in new])
    return [person.pk for person in new]


def _watch(user: User, topic: Topic) -> None:
    """Authors and repliers watch the topic unless they chose otherwise."""
    Subscription.objects.get_or_create(
        user=user, topic=topic, defaults={"level": Subscription.Level.WATCHING}
    )


# --- topics and posts ---------------------------------------------------------------------


def category_default(*, space: Space) -> Category:
    """A space has at least one category: "General" if nobody made any."""
    category = space.categories.first()
    if category is None:
        category, _created = Category.objects.get_or_create(
            space=space, slug="general", defaults={"name": _("General")}
        )
    return category


def topic_create(
    *,
    user: User,
    space: Space,
    category: Category | None,
    title: str,
    body: str,
    token=None,
    is_question: bool = False,
    is_announcement: bool = False,
    files=(),
) -> Created:
    """Open a topic with its first post. The same form sent twice creates one topic."""
    token = form_token(token)
    existing = Post.objects.select_related("topic").filter(author=user, token=token).first()
    if existing is not None:
        return Created(existing, created=False)
    access = space_access(user=user, space=space)
    access.require_post()
    if category is None:
        category = category_default(space=space)  # a space nobody gave categories
    if category.space_id != space.pk:
        raise ValidationError({"category": _("Choose a category of this space.")})
    if is_announcement and not access.can_announce:
        raise PermissionDenied(_("Only coordinators and moderators post announcements."))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the topic a title.")})
    if len(title) > MAX_TITLE:
        raise ValidationError(
            {"title": _("A title has at most %(n)s characters.") % {"n": MAX_TITLE}}
        )
    body_html = _render(body)
    checked = _check_files(files)
    _flood_check(user=user, space=space)
    try:
        with transaction.atomic():
            now = timezone.now()
            topic = Topic.objects.create(
                space=space,
                category=category,
                title=title,
                author=user,
                created_at=now,
                last_posted_at=now,
                last_post_author=user,
                post_count=1,
                is_question=is_question,
                is_announcement=is_announcement,
            )
            post = Post.objects.create(
                topic=topic,
                number=1,
                author=user,
                body=body,
                body_html=body_html,
                token=token,
                created_at=now,
            )
            _save_files(post, checked)
            post_index(post=post, created=True)
            mentioned = _record_mentions(post)
            _watch(user, topic)
            TopicRead.objects.create(topic=topic, user=user, last_read_number=1)
            _enqueue_notify(post.pk, mentioned, True)
            if is_announcement:
                from forum.tasks import send_announcement

                transaction.on_commit(lambda: send_announcement.enqueue(topic.pk))
    except IntegrityError:
        existing = Post.objects.select_related("topic").filter(author=user, token=token).first()
        if existing is None:
            raise
        return Created(existing, created=False)
    nav_counts_forget(user.pk)
    return Created(post, created=True)


def post_reply(*, user: User, topic: Topic, body: str, token=None, files=()) -> Created:
    """Add a reply at the end of the topic. The same form sent twice creates one post."""
    token = form_token(token)
    existing = Post.objects.select_related("topic").filter(author=user, token=token).first()
    if existing is not None:
        return Created(existing, created=False)
    access = space_access(user=user, space=topic.space)
    access.require_post()
    access.require_reply(topic)
    body_html = _render(body)
    checked = _check_files(files)
    _flood_check(user=user, space=topic.space)
    try:
        with transaction.atomic():
            locked = Topic.objects.select_for_update().get(pk=topic.pk)
            # Checked again on the locked row: a moderator may have just locked it.
            access.require_reply(locked)
            now = timezone.now()
            post = Post.objects.create(
                topic=locked,
                number=locked.post_count + 1,
                author=user,
                body=body,
                body_html=body_html,
                token=token,
                created_at=now,
            )
            Topic.objects.filter(pk=topic.pk).update(
                post_count=F("post_count") + 1, last_posted_at=now, last_post_author=user
            )
            _save_files(post, checked)
            post_index(post=post, created=True)
            mentioned = _record_mentions(post)
            _watch(user, locked)
            TopicRead.objects.update_or_create(
                topic=locked, user=user, defaults={"last_read_number": post.number}
            )
            _enqueue_notify(post.pk, mentioned, False)
    except IntegrityError:
        existing = Post.objects.select_related("topic").filter(author=user, token=token).first()
        if existing is None:
            raise
        return Created(existing, created=False)
    topic.post_count = post.number
    nav_counts_forget(user.pk)
    return Created(post, created=True)


def quote_text(post: Post) -> str:
    """Markdown that quotes a post, for the reply box."""
    lines = post.body.strip().splitlines() or [""]
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return f"@{handle(post.author)}:\n{quoted}\n\n"


@transaction.atomic
def post_edit(*, actor: User, post: Post, body: str) -> Post:
    """Change a post's text; the previous text stays in its history."""
    access = space_access(user=actor, space=post.topic.space)
    if post.deleted_at is not None:
        raise ValidationError(_("A deleted post cannot be edited."))
    if post.author_id == actor.pk and not access.can_moderate:
        access.require_post()  # the clear message for someone on hold
    if not access.can_edit(post):
        raise PermissionDenied(_("Only the author and the moderators edit a post."))
    body_html = _render(body)
    if body == post.body:
        return post
    PostRevision.objects.create(post=post, body=post.body, editor=actor)
    post.body = body
    post.body_html = body_html
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    post_index(post=post)
    mentioned = _record_mentions(post)
    if mentioned:
        _enqueue_notify(post.pk, mentioned, False, False)
    return post


@transaction.atomic
def post_delete(*, actor: User, post: Post) -> Post:
    """Hide a post (its author or a moderator); deleting the first post deletes the topic."""
    access = space_access(user=actor, space=post.topic.space)
    if not access.can_delete(post, post.topic):
        if post.author_id == actor.pk:
            raise ValidationError(
                _("This topic has replies: ask a moderator to remove it, or edit your post.")
            )
        raise PermissionDenied(_("Only the author and the moderators delete a post."))
    post_hide(actor=actor, post=post)
    return post


@transaction.atomic
def answer_accept(*, actor: User, post: Post) -> Topic:
    """Mark the post as the answer to its question (the asker, a moderator or an expert)."""
    topic = Topic.objects.select_for_update().select_related("space").get(pk=post.topic_id)
    access = space_access(user=actor, space=topic.space)
    access.require_read()
    if not topic.is_question:
        raise ValidationError(_("Only questions have an accepted answer."))
    if not access.can_accept(topic):
        raise PermissionDenied(
            _("The person who asked, a moderator or an expert marks the accepted answer.")
        )
    if post.number == 1 or post.deleted_at is not None:
        raise ValidationError(_("Choose a reply that is still there."))
    if topic.accepted_post_id == post.pk:
        return topic
    topic.accepted_post = post
    topic.answered_at = timezone.now()
    topic.save(update_fields=["accepted_post", "answered_at"])
    from forum.tasks import answer_accepted_notify

    transaction.on_commit(lambda: answer_accepted_notify.enqueue(post.pk))
    return topic


@transaction.atomic
def answer_unaccept(*, actor: User, topic: Topic) -> Topic:
    access = space_access(user=actor, space=topic.space)
    if not access.can_accept(topic):
        raise PermissionDenied(
            _("The person who asked, a moderator or an expert marks the accepted answer.")
        )
    Topic.objects.filter(pk=topic.pk).update(accepted_post=None, answered_at=None)
    topic.accepted_post = None
    topic.answered_at = None
    return topic


_UNKNOWN = object()


def topic_mark_read(*, user: User, topic: Topic, number: int) -> None:
    """Remember how far the person read (never backwards)."""
    number = max(0, min(int(number), topic.post_count))
    known = getattr(topic, "read_up_to", _UNKNOWN)  # brought by access_topic
    if known is not _UNKNOWN:
        if known is not None and number <= known:
            return  # read that far already: nothing to write
        topic.read_up_to = number if known is None else max(known, number)
    read, created = TopicRead.objects.get_or_create(
        topic=topic, user=user, defaults={"last_read_number": number}
    )
    if not created and number > read.last_read_number:
        TopicRead.objects.filter(pk=read.pk, last_read_number__lt=number).update(
            last_read_number=number
        )
        nav_counts_forget(user.pk)
    elif created:
        nav_counts_forget(user.pk)
