import hashlib

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def wait_words(seconds) -> str:
    """A waiting time in words: "40 minutes", "5 hours", "2 days"."""
    if seconds is None:
        return ""
    minutes = max(1, round(float(seconds) / 60))
    if minutes < 90:
        return ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes}
    hours = round(minutes / 60)
    if hours < 48:
        return ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
    days = round(hours / 24)
    return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}


@register.simple_tag
def message_reactions(message, user) -> list[tuple[str, int, bool]]:
    """(emoji, how many gave it, whether this person did) for each reaction a chat
    message has, in the order of the fixed set."""
    given = message.reactions_given or {}
    return [(emoji, len(users), user.pk in users) for emoji, users in given.items() if users]


@register.simple_tag
def reaction_choices() -> tuple[str, ...]:
    """The reactions a chat message may get (a small fixed set)."""
    from forum.models import REACTIONS

    return REACTIONS


@register.simple_tag
def message_rights(message, access, user) -> dict:
    """What this person may do with a chat message, by the room's rule
    (``RoomAccess.may_edit`` and ``may_delete``)."""
    if access is None or message.deleted_at is not None:
        return {"edit": False, "delete": False}
    return {"edit": access.may_edit(message, user), "delete": access.may_delete(message, user)}


# What a post or a chat message shows the same to every reader (its author, time,
# text, files), as the key its rendering is kept under ({% memo %}, site_tags): every
# value it is made from, so an edit, a deletion, an accepted answer, a renamed author or
# a badge verified since gives another key.


def _digest(text) -> bytes:
    """A key's stand-in for a text (posts may be 20,000 characters): kept fragments
    hold their text once, in what they render, not a second time in their key."""
    return hashlib.blake2b(str(text).encode(), digest_size=16).digest()


def _author_key(author) -> tuple:
    roles = tuple(sorted(author.roles))
    return (author.pk, author.get_full_name(), getattr(author, "voice", ""), roles)


@register.simple_tag
def post_memo_key(post, topic) -> tuple:
    files = tuple((item.pk, item.name, item.size, item.is_image) for item in post.attachments.all())
    return (
        "post",
        post.pk,
        post.number,
        _author_key(post.author),
        post.created_at,
        post.edited_at,
        post.deleted_at,
        post.pk == topic.accepted_post_id,
        _digest(post.body_html),
        files,
    )


@register.simple_tag
def message_view_key(
    message, room, access, user, rights, reactions, in_thread, helpful_seq, helpful_url
):
    """Everything a chat message's rendering shows (templates/forum/includes/message.html):
    what it shows every reader (``message_memo_key``) and what this reader may do with
    it, without the reader: two people with the same rights share the kept fragment."""
    helpful = (
        "given"
        if helpful_seq and message.seq == helpful_seq
        else "offered"
        if helpful_url and message.author_id != user.pk
        else ""
    )
    return (
        message_memo_key(message),
        getattr(room, "slug", ""),
        message.seq,
        message.author_id,
        message.edited_at,
        message.reply_to_id,
        message.deleted_by_id,
        getattr(message, "reply_count", 0),
        bool(getattr(access, "can_moderate", False)),
        bool(getattr(access, "can_write", False)),
        bool(in_thread),
        (bool(rights["edit"]), bool(rights["delete"])),
        tuple(reactions),
        helpful,
        str(helpful_url or "") if helpful == "offered" else "",
    )


@register.simple_tag
def message_memo_key(message) -> tuple:
    return (
        "message",
        message.pk,
        _author_key(message.author),
        message.created_at,
        message.pinned_at,
        message.deleted_at,
        _digest(message.body_html),
        message.files_given or (),
    )
