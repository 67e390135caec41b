"""Moderation of a space's forum: pin, lock and move topics, flags, hidden posts, holds.

Moderators are the space's listed moderators and coordinators, a cohort's
tutors and the secretariat (``forum.access``).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.access import space_access, space_moderators, space_role
from forum.models import Category, Flag, Post, Space, SpaceHold, Topic
from forum.search import post_index, topic_index
from forum.services.sockets import chat_access_changed
from lms.models import User
from lms.services.notifications import notifications_fan_out


def post_hide(*, actor: User, post: Post) -> None:
    """Hide a post (deleted or moderated): a first post takes its topic along, and a
    hidden post is no longer anybody's accepted answer. Callers hold the transaction
    and have checked permission."""
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
    _index(post)


@transaction.atomic
def post_restore(*, actor: User, post: Post) -> Post:
    """Bring a deleted or hidden post back (moderators)."""
    space_access(user=actor, space=post.topic.space).require_moderate()
    if post.deleted_at is not None:
        post.deleted_at = None
        post.deleted_by = None
        post.save(update_fields=["deleted_at", "deleted_by"])
        if post.number == 1:
            Topic.objects.filter(pk=post.topic_id).update(deleted_at=None)
        _index(post)
    return post


def _index(post: Post) -> None:
    """A first post hidden or restored takes its whole topic out of the index or back."""
    if post.number == 1:
        topic_index(topic=post.topic)
    else:
        post_index(post=post)


@transaction.atomic
def topic_moderate(*, actor: User, topic: Topic, action: str, category: Category | None = None):
    """Pin, unpin, lock, unlock or move a topic (moderators)."""
    space_access(user=actor, space=topic.space).require_moderate()
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


# --- flags ------------------------------------------------------------------------------------


@transaction.atomic
def flag_create(*, user: User, post: Post, reason: str, note: str = "") -> Flag:
    access = space_access(user=user, space=post.topic.space)
    access.require_read()
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
            "title": _("A post was flagged in %(space)s") % {"space": space.display_name},
            "url": reverse("forum:moderation", kwargs={"slug": space.slug}),
        },
    )


@transaction.atomic
def flags_resolve(*, actor: User, post: Post, hide: bool) -> int:
    """Close the open flags of a post, hiding it or keeping it (moderators)."""
    space_access(user=actor, space=post.topic.space).require_moderate()
    if hide:
        post_hide(actor=actor, post=post)
    return Flag.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=actor
    )


# --- holds ------------------------------------------------------------------------------------


@transaction.atomic
def member_hold(*, actor: User, space: Space, user: User, days: int) -> SpaceHold:
    """Stop a member from posting and chatting in the space for some days; they still read."""
    access = space_access(user=actor, space=space)
    access.require_moderate()
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
    space_access(user=actor, space=space).require_moderate()
    SpaceHold.objects.filter(space=space, user=user).delete()
    chat_access_changed(space=space, users=[user])
