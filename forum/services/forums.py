"""Writes about forums: topics, posts, answers, moderation, subscriptions, members.

Every function takes keyword arguments, runs in one transaction, checks
permission first and sends notifications and emails only after commit. Posts
are rendered through ``lms.markup`` and nowhere else.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from forum.models import (
    AnnouncementDelivery,
    Attachment,
    Category,
    DigestPreference,
    Flag,
    JoinRequest,
    Mention,
    Post,
    PostRevision,
    Room,
    Space,
    SpaceHold,
    SpaceMembership,
    Subscription,
    Topic,
    TopicRead,
)
from forum.selectors.chat import space_role
from forum.selectors.forums import (
    SpaceAccess,
    mentioned_people,
    page_of,
    space_access,
    space_moderators,
    space_people,
    space_readers,
)
from forum.selectors.nav import nav_counts_forget
from forum.services.sockets import chat_access_changed
from lms.markup import MarkupTooLong, render_markdown
from lms.models import ImportJob, User
from lms.services.jobs import Step, import_job_run, import_job_start
from lms.services.learning import ALLOWED_SUBMISSION_TYPES
from lms.services.notifications import in_language_of, notifications_fan_out
from lms.services.people import accounts_ensure
from lms.uploads import check_image_pixels, content_matches, upload_extension

# Notification titles, translated in each recipient's language when sent.
MENTIONED = gettext_noop("%(name)s mentioned you in “%(topic)s”")
NEW_TOPIC = gettext_noop("New topic in %(space)s: “%(topic)s”")
REPLIED = gettext_noop("%(name)s replied in “%(topic)s”")
YOUR_ANSWER_ACCEPTED = gettext_noop("Your reply was accepted as the answer to “%(topic)s”")
ANSWER_ACCEPTED = gettext_noop("“%(topic)s” has an accepted answer")

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


def _require_read(access: SpaceAccess) -> None:
    if not access.can_read:
        raise PermissionDenied(_("This space is for its members."))


def _require_post(access: SpaceAccess) -> None:
    _require_read(access)
    if access.held_until is not None:
        with translation.override(translation.get_language()):
            until = timezone.localtime(access.held_until).strftime("%Y-%m-%d %H:%M")
        raise PermissionDenied(
            _("A moderator has put you on hold in this space until %(time)s.") % {"time": until}
        )
    if not access.can_post:
        raise PermissionDenied(_("You can read this space; only its members write in it."))


def _require_reply(access: SpaceAccess, topic: Topic) -> None:
    if access.can_reply(topic):
        return
    if topic.deleted_at is not None:
        raise ValidationError(_("This topic was deleted."))
    raise PermissionDenied(_("This topic is locked: it takes no more replies."))


def _require_moderator(access: SpaceAccess) -> None:
    if not access.can_moderate:
        raise PermissionDenied(_("Only the moderators of this space can do this."))


def _flood_check(*, user: User, space: Space) -> None:
    seconds = settings.RIAL_FORUM_FLOOD_SECONDS
    if seconds <= 0:
        return
    since = timezone.now() - datetime.timedelta(seconds=seconds)
    if Post.objects.filter(author=user, topic__space=space, created_at__gt=since).exists():
        raise ValidationError(
            _("Please wait %(n)s seconds between two posts in this space; your text is kept.")
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


def _token(value) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return uuid.uuid4()


# --- notifications ------------------------------------------------------------------------


def post_url(post: Post) -> str:
    path = reverse("forum:topic", kwargs={"topic_id": post.topic_id})
    page = page_of(post.number)
    return f"{path}?page={page}#post-{post.number}" if page > 1 else f"{path}#post-{post.number}"


def _tell(*, people, kind: str, title: str, params: dict, post: Post, key: str) -> int:
    """An in-app notification and an email to each person, in their language, with a
    one-click unsubscribe from the topic (a task's work: see ``notifications_fan_out``).

    ``title`` is an untranslated message (marked with gettext_noop), translated
    for each recipient.
    """
    target = f"topic:{post.topic_id}"
    return notifications_fan_out(
        people=people,
        kind=kind,
        key=key,
        write=lambda person: {
            "title": _(title) % params,
            "body": Truncator(post.body).chars(240),
            "url": post_url(post),
            "unsubscribe_url": unsubscribe_url(person, target),
        },
        email=True,
    )


def _levels(topic: Topic) -> dict[int, str]:
    """Each subscriber's level for the topic: the closest of topic, category, space."""
    subs = Subscription.objects.filter(
        Q(topic=topic) | Q(category_id=topic.category_id) | Q(space_id=topic.space_id)
    ).values_list("user_id", "topic_id", "category_id", "level")
    closest: dict[int, tuple[int, str]] = {}
    for user_id, topic_id, category_id, level in subs:
        rank = 0 if topic_id else 1 if category_id else 2
        if user_id not in closest or rank < closest[user_id][0]:
            closest[user_id] = (rank, level)
    return {user_id: level for user_id, (_rank, level) in closest.items()}


def _readers_among(topic: Topic, ids) -> dict[int, User]:
    """The people among ``ids`` who may read the topic's space, in one query."""
    return {
        person.pk: person for person in space_readers(space=topic.space).filter(pk__in=list(ids))
    }


def post_notify(
    *, post_id: int, mentioned_ids: list[int], is_new_topic: bool, tell_watchers: bool = True
) -> int:
    """Tell mentioned people and watchers about a post (a task's work, not the request's).

    After an edit only the newly mentioned are told (``tell_watchers=False``).
    Each person is told once per post; a second run tells nobody again.
    """
    post = Post.objects.select_related("topic", "topic__space", "author").get(pk=post_id)
    topic = post.topic
    levels = _levels(topic)
    mentioned = [i for i in mentioned_ids if levels.get(i) != Subscription.Level.MUTED]
    watching = [
        i for i, level in levels.items() if tell_watchers and level == Subscription.Level.WATCHING
    ]
    readers = _readers_among(topic, set(mentioned) | set(watching))
    mentioned = [i for i in dict.fromkeys(mentioned) if i != post.author_id and i in readers]
    watching = [i for i in watching if i != post.author_id and i in readers and i not in mentioned]
    params = {
        "name": post.author.get_full_name(),
        "space": topic.space.name,
        "topic": topic.title,
    }
    told = _tell(
        people=[readers[i] for i in mentioned],
        kind="forum_mention",
        title=MENTIONED,
        params=params,
        post=post,
        key=f"post:{post.pk}:mention",
    )
    told += _tell(
        people=[readers[i] for i in watching],
        kind="forum_reply",
        title=NEW_TOPIC if is_new_topic else REPLIED,
        params=params,
        post=post,
        key=f"post:{post.pk}:reply",
    )
    return told


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
    token = _token(token)
    existing = Post.objects.select_related("topic").filter(author=user, token=token).first()
    if existing is not None:
        return Created(existing, created=False)
    access = space_access(user=user, space=space)
    _require_post(access)
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
    token = _token(token)
    existing = Post.objects.select_related("topic").filter(author=user, token=token).first()
    if existing is not None:
        return Created(existing, created=False)
    access = space_access(user=user, space=topic.space)
    _require_post(access)
    _require_reply(access, topic)
    body_html = _render(body)
    checked = _check_files(files)
    _flood_check(user=user, space=topic.space)
    try:
        with transaction.atomic():
            locked = Topic.objects.select_for_update().get(pk=topic.pk)
            # Checked again on the locked row: a moderator may have just locked it.
            _require_reply(access, locked)
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
    from forum.selectors.forums import handle

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
        _require_post(access)  # the clear message for someone on hold
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
    mentioned = _record_mentions(post)
    if mentioned:
        _enqueue_notify(post.pk, mentioned, False, False)
    return post


def _hide(post: Post, actor: User) -> None:
    """Hide a post (deleted or moderated): a first post takes its topic along, and a
    hidden post is no longer anybody's accepted answer."""
    if post.deleted_at is not None:
        return
    post.deleted_at = timezone.now()
    post.deleted_by = actor
    post.save(update_fields=["deleted_at", "deleted_by"])
    if post.number == 1:
        Topic.objects.filter(pk=post.topic_id).update(deleted_at=post.deleted_at)
    Topic.objects.filter(pk=post.topic_id, accepted_post=post).update(
        accepted_post=None, answered_at=None
    )


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
    _hide(post, actor)
    return post


@transaction.atomic
def post_restore(*, actor: User, post: Post) -> Post:
    """Bring a deleted or hidden post back (moderators)."""
    _require_moderator(space_access(user=actor, space=post.topic.space))
    if post.deleted_at is not None:
        post.deleted_at = None
        post.deleted_by = None
        post.save(update_fields=["deleted_at", "deleted_by"])
        if post.number == 1:
            Topic.objects.filter(pk=post.topic_id).update(deleted_at=None)
    return post


@transaction.atomic
def answer_accept(*, actor: User, post: Post) -> Topic:
    """Mark the post as the answer to its question (the asker, a moderator or an expert)."""
    topic = Topic.objects.select_for_update().select_related("space").get(pk=post.topic_id)
    access = space_access(user=actor, space=topic.space)
    _require_read(access)
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


def answer_notify(*, post_id: int) -> int:
    """Tell the topic's watchers, its asker and the reply's author that the reply is
    the accepted answer (a task's work); a second run tells nobody again."""
    post = Post.objects.select_related("topic", "topic__space", "author").get(pk=post_id)
    topic = post.topic
    if topic.accepted_post_id != post.pk:
        return 0  # taken back meanwhile
    levels = _levels(topic)
    people = {i for i, level in levels.items() if level == Subscription.Level.WATCHING}
    people |= {i for i in (post.author_id, topic.author_id) if levels.get(i) != "muted"}
    readers = _readers_among(topic, people)
    author = [readers[i] for i in readers if i == post.author_id]
    others = [person for i, person in readers.items() if i != post.author_id]
    told = 0
    for group, title in ((author, YOUR_ANSWER_ACCEPTED), (others, ANSWER_ACCEPTED)):
        told += _tell(
            people=group,
            kind="forum_answer",
            title=title,
            params={"topic": topic.title},
            post=post,
            key=f"answer:{post.pk}",
        )
    return told


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


@transaction.atomic
def topic_moderate(*, actor: User, topic: Topic, action: str, category: Category | None = None):
    """Pin, unpin, lock, unlock or move a topic (moderators)."""
    _require_moderator(space_access(user=actor, space=topic.space))
    changes = {
        "pin": {"is_pinned": True},
        "unpin": {"is_pinned": False},
        "lock": {"is_locked": True},
        "unlock": {"is_locked": False},
    }
    if action == "move":
        if category is None or category.space_id != topic.space_id:
            raise ValidationError(_("Choose a category of this space."))
        changes["move"] = {"category": category}
    if action not in changes:
        raise ValidationError(_("Unknown action."))
    for name, value in changes[action].items():
        setattr(topic, name, value)
    topic.save(update_fields=list(changes[action]))
    return topic


def topic_mark_read(*, user: User, topic: Topic, number: int) -> None:
    """Remember how far the person read (never backwards)."""
    number = max(0, min(int(number), topic.post_count))
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


# --- flags and holds ------------------------------------------------------------------------


@transaction.atomic
def flag_create(*, user: User, post: Post, reason: str, note: str = "") -> Flag:
    access = space_access(user=user, space=post.topic.space)
    _require_read(access)
    if not access.can_flag(post):
        if post.deleted_at is not None:
            raise ValidationError(_("This post was deleted."))
        raise ValidationError(_("You cannot flag your own post."))
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    flag, created = Flag.objects.get_or_create(
        post=post, user=user, defaults={"reason": reason, "note": note[:500]}
    )
    if created:
        from forum.tasks import flag_notify

        transaction.on_commit(lambda: flag_notify.enqueue(flag.pk))
    return flag


def flag_notify(*, flag_id: int) -> int:
    """Tell the space's moderators about a flag (a task's work; once each)."""
    flag = Flag.objects.select_related("post__topic__space").filter(pk=flag_id).first()
    if flag is None:
        return 0
    space = flag.post.topic.space
    return notifications_fan_out(
        people=space_moderators(space=space),
        kind="forum_flag",
        key=f"flag:{flag.pk}",
        write=lambda _person: {
            "title": _("A post was flagged in %(space)s") % {"space": space.name},
            "url": reverse("forum:moderation", kwargs={"slug": space.slug}),
        },
    )


@transaction.atomic
def flags_resolve(*, actor: User, post: Post, hide: bool) -> int:
    """Close the open flags of a post, hiding it or keeping it (moderators)."""
    _require_moderator(space_access(user=actor, space=post.topic.space))
    if hide:
        _hide(post, actor)
    return Flag.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=actor
    )


@transaction.atomic
def member_hold(*, actor: User, space: Space, user: User, days: int) -> SpaceHold:
    """Stop a member from posting and chatting in the space for some days; they still read."""
    access = space_access(user=actor, space=space)
    _require_moderator(access)
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot put yourself on hold."))
    if not access.can_hold(user, space_role(user=user, space=space)):
        # Readers cannot post anyway; moderators and coordinators are not held.
        raise ValidationError(_("Only members who write in this space can be put on hold."))
    if not 1 <= days <= 365:
        raise ValidationError(_("Hold for between one and 365 days."))
    hold, _created = SpaceHold.objects.update_or_create(
        space=space,
        user=user,
        defaults={"until": timezone.now() + datetime.timedelta(days=days), "by": actor},
    )
    # Open chat sockets in the space's rooms become read-only.
    chat_access_changed(space=space, users=[user])
    return hold


@transaction.atomic
def member_release(*, actor: User, space: Space, user: User) -> None:
    _require_moderator(space_access(user=actor, space=space))
    SpaceHold.objects.filter(space=space, user=user).delete()
    chat_access_changed(space=space, users=[user])


# --- members ----------------------------------------------------------------------------------


@dataclass
class MembersImport:
    """The check of a list: its problems (line, message), or the job that adds
    everyone in it (counters on the job, filled by the worker)."""

    errors: list[tuple[int, str]] = field(default_factory=list)
    job: ImportJob | None = None


def _parse_people(text: str, result: MembersImport) -> list[list]:
    import csv
    import io

    from django.core.validators import validate_email

    rows = []
    seen = set()
    for number, row in enumerate(csv.reader(io.StringIO(text.strip())), start=1):
        cells = [cell.strip() for cell in row]
        if not cells or not any(cells):
            continue
        email = cells[0].lower()
        name = cells[1] if len(cells) > 1 else ""
        if number == 1 and email in {"email", "correo", "e-mail", "courriel"}:
            continue
        try:
            validate_email(email)
        except ValidationError:
            result.errors.append(
                (number, _("“%(value)s” is not an email address.") % {"value": cells[0]})
            )
            continue
        if email in seen:
            continue
        seen.add(email)
        rows.append([number, email, name[:200]])
    if not rows and not result.errors:
        result.errors.append((0, _("The list has nobody in it.")))
    return rows


def space_members_import(*, actor: User, space: Space, text: str, token=None) -> MembersImport:
    """Check a list (``email[,name]`` per line) and start adding everyone to the space.

    People without an account get one and an invitation to set their password.
    Every line is checked first: if one is wrong, nobody is added. Otherwise the
    lines go to a job the worker works through (``space_members_import_run``);
    the same form sent twice makes one job.
    """
    access = space_access(user=actor, space=space)
    if not access.can_manage_members:
        raise PermissionDenied(_("Only the secretariat and coordinators add members."))
    result = MembersImport()
    rows = _parse_people(text, result)
    if result.errors:
        return result
    members = ["forum:members", {"slug": space.slug}]
    result.job = import_job_start(
        actor=actor,
        kind=ImportJob.Kind.MEMBERS,
        target_id=space.pk,
        target_label=space.name,
        links={"back": members, "again": members},
        rows=rows,
        task_path="forum.tasks.members_import",
        token=token,
    )
    return result


def _members_step(job: ImportJob, batch: list) -> Step:
    """Add one batch of checked lines to the space (in the worker), in bulk."""
    space = Space.objects.get(pk=job.target_id)
    step = Step()
    users, created = accounts_ensure(people=[(email, name, {}) for _line, email, name in batch])
    step.created_accounts = len(created)
    ids = [user.pk for user in users.values()]
    members = set(
        SpaceMembership.objects.filter(space=space, user__in=ids).values_list("user_id", flat=True)
    )
    added = [pk for pk in ids if pk not in members]
    SpaceMembership.objects.bulk_create(
        [SpaceMembership(space=space, user_id=pk) for pk in added], ignore_conflicts=True
    )
    # A reader of an open space who becomes a member writes without reconnecting.
    chat_access_changed(space=space, users=added)
    # Added by a coordinator: their requests to join, if any, are answered.
    JoinRequest.objects.filter(space=space, user__in=ids, status=JoinRequest.Status.PENDING).update(
        status=JoinRequest.Status.APPROVED, decided_by=job.created_by_id, decided_at=timezone.now()
    )
    for line, email, _name in batch:
        if users[email].pk in members:
            step.already += 1
            continue
        step.added += 1
        if email in created:
            step.emails.append([line, "invitation", users[email].pk, email])
    return step


def space_invitation_email(user: User, space: Space):
    """The invitation of a new account to a space, in the person's language."""
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string

    from lms.services.people import invitation_link

    with in_language_of(user):
        language = translation.get_language()
        body = render_to_string(
            "forum/email/invitation.txt",
            {"user": user, "space": space, "link": invitation_link(user, language)},
        )
        return EmailMessage(
            subject="[RIAL Campus] " + _("You are invited to “%(space)s”") % {"space": space.name},
            body=body,
            to=[user.email],
        )


def _members_emails(job: ImportJob, outbox: list) -> list:
    space = Space.objects.get(pk=job.target_id)
    users = User.objects.select_related("profile").in_bulk([entry[2] for entry in outbox])
    return [
        (entry, space_invitation_email(users[entry[2]], space))
        for entry in outbox
        if entry[2] in users
    ]


def space_members_import_run(*, job_id: int) -> ImportJob | None:
    """Add the lines of an import job to its space (the worker's part; safe to run again)."""
    return import_job_run(job_id=job_id, step=_members_step, emails=_members_emails)


@transaction.atomic
def space_member_remove(*, actor: User, space: Space, user: User) -> None:
    access = space_access(user=actor, space=space)
    if not access.can_manage_members:
        raise PermissionDenied(_("Only the secretariat and coordinators remove members."))
    SpaceMembership.objects.filter(space=space, user=user).delete()
    # Their open chat sockets in the space's rooms close (or become read-only).
    chat_access_changed(space=space, users=[user])


# --- subscriptions, unsubscribe, digests, announcements ---------------------------------------

UNSUBSCRIBE_SALT = "rial.forum.unsubscribe"


def subscription_set(*, user: User, target, level: str) -> Subscription:
    """Watch, follow normally or mute a space, a category or a topic."""
    if level not in Subscription.Level.values:
        raise ValidationError(_("Unknown level."))
    space = target if isinstance(target, Space) else target.space
    _require_read(space_access(user=user, space=space))
    key = {
        Space: "space",
        Category: "category",
        Topic: "topic",
    }[type(target)]
    subscription, _created = Subscription.objects.update_or_create(
        user=user, **{key: target}, defaults={"level": level}
    )
    return subscription


def unsubscribe_url(user: User, target: str) -> str:
    """A link that stops emails about ``target`` ("topic:12", "digest") with no sign-in."""
    from lms.services.notifications import absolute_url

    token = signing.dumps({"u": user.pk, "t": target}, salt=UNSUBSCRIBE_SALT, compress=True)
    return absolute_url(reverse("forum:unsubscribe", kwargs={"token": token}))


def _unsubscribe_data(token: str) -> tuple[User, str]:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise ValidationError(_("This unsubscribe link is not valid.")) from error
    user = User.objects.filter(pk=data.get("u")).first()
    target = str(data.get("t", ""))
    if user is None or not (target == "digest" or target.startswith("topic:")):
        raise ValidationError(_("This unsubscribe link is not valid."))
    return user, target


def unsubscribe_target(*, token: str) -> str:
    """What an unsubscribe link would stop ("digest" or "topic:<id>"), changing nothing."""
    return _unsubscribe_data(token)[1]


def unsubscribe(*, token: str) -> tuple[User, str]:
    """Apply an unsubscribe link: mute the topic, or stop the digest. Idempotent."""
    user, target = _unsubscribe_data(token)
    if target == "digest":
        DigestPreference.objects.update_or_create(
            user=user, defaults={"frequency": DigestPreference.Frequency.NEVER}
        )
    elif target.startswith("topic:"):
        topic = Topic.objects.filter(pk=target.split(":", 1)[1]).first()
        if topic is not None:
            Subscription.objects.update_or_create(
                user=user, topic=topic, defaults={"level": Subscription.Level.MUTED}
            )
    else:
        raise ValidationError(_("This unsubscribe link is not valid."))
    return user, target


def digest_preference_set(*, user: User, frequency: str) -> DigestPreference:
    if frequency not in DigestPreference.Frequency.values:
        raise ValidationError(_("Choose never, daily or weekly."))
    preference, _created = DigestPreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    return preference


def announcement_send(*, topic_id: int) -> int:
    """Email an announcement to every member of its space, whatever their subscriptions.

    Each delivery is recorded before the email goes out and marked after, so a
    second run (after a crash, or by mistake) sends nobody a second copy.
    """
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    from lms.services.notifications import absolute_url

    topic = Topic.objects.select_related("space", "author").filter(pk=topic_id).first()
    if topic is None or not topic.is_announcement or topic.deleted_at is not None:
        return 0
    first = Post.objects.get(topic=topic, number=1)
    sent = 0
    for person in space_people(space=topic.space).filter(is_active=True):
        delivery, _created = AnnouncementDelivery.objects.get_or_create(topic=topic, user=person)
        if delivery.sent_at is not None:
            continue
        # Claim it: only the run that flips sent_at from empty sends.
        claimed = AnnouncementDelivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        if not claimed:
            continue
        with in_language_of(person):
            body = render_to_string(
                "forum/email/announcement.txt",
                {
                    "user": person,
                    "topic": topic,
                    "post": first,
                    "link": absolute_url(post_url(first)),
                },
            )
        try:
            send_mail(f"[{topic.space.name}] {topic.title}", body, None, [person.email])
        except Exception:
            # Not sent: let the next run send it.
            AnnouncementDelivery.objects.filter(pk=delivery.pk).update(sent_at=None)
            raise
        sent += 1
    return sent


@transaction.atomic
def workshop_space_ensure(
    *, actor: User, space: Space | None, name: str, slug_base: str, topic: str, people
) -> Space:
    """A workshop's follow-up space (a chat room, a "General" forum, the actor as its
    coordinator), created the first time; ``people`` become members, once each."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat creates follow-up spaces."))
    if space is None:
        base = slugify(slug_base)[:70] or "seguimiento"
        slug, n = base, 1
        while Space.objects.filter(slug=slug).exists() or Room.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        space = Space.objects.create(
            kind=Space.Kind.WORKSHOP, name=name[:190], slug=slug, description=topic[:500]
        )
        Room.objects.create(space=space, name=name[:120], slug=slug, topic=topic[:300])
        Category.objects.create(space=space, name=_("General"), slug="general")
        SpaceMembership.objects.create(
            space=space, user=actor, role=SpaceMembership.Role.COORDINATOR
        )
    existing = set(space.memberships.values_list("user_id", flat=True))
    SpaceMembership.objects.bulk_create(
        SpaceMembership(space=space, user=person)
        for person in people
        if person.pk not in existing and person.is_active
    )
    return space
