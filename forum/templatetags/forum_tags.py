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
