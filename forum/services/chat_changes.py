"""Changes to chat messages already sent: edits, deletions (by the author too),
reactions and pins. Each takes the room's next change number (the room's row is
locked, as for a new message, so numbers follow commit order) and marks the message
with it: a client that reconnects with ``changes=<the last it saw>`` gets every
message changed since (forum/consumers.py). Sending is ``forum.services.chat``."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forum.access import room_access_for, room_person_facts
from forum.events import broadcast, deleted_payload, edited_payload, reaction_users, user_payload
from forum.models import REACTIONS, Message, MessageEdit, Reaction, Room
from forum.search import message_index
from forum.services.chat import (
    ChatError,
    check_body,
    check_may_write,
    mention_excerpt,
    mention_key,
    mentions_later,
    rate_limit,
)
from lms.models import User
from lms.services.notifications import notifications_rewrite, notifications_withdraw


def _change(*, room: Room, seq) -> tuple[int, Message]:
    """Lock the room, take its next change number; the message (locked) or invalid."""
    if not isinstance(seq, int) or isinstance(seq, bool):
        raise ChatError("invalid", _("There is no such message."))
    locked = Room.objects.select_for_update(no_key=True).get(pk=room.pk)
    message = Message.objects.select_for_update().filter(room=locked, seq=seq).first()
    if message is None:
        raise ChatError("invalid", _("There is no such message."))
    return locked.last_change + 1, message


def _changed(*, room: Room, message: Message, change: int, payload: dict, publish: bool) -> dict:
    """The room's change number taken, the message marked with it; ``payload`` sent to
    the room after commit (``publish``) and returned."""
    Room.objects.filter(pk=room.pk).update(last_change=change)
    Message.objects.filter(pk=message.pk).update(changed=change)
    message.changed = change
    if publish:
        transaction.on_commit(lambda: broadcast(room.pk, payload))
    return payload


def chat_message_edit(*, actor: User, room: Room, seq: int, body: str, publish: bool = True):
    """Change a message's text: its author (who may still write), or a moderator. The
    earlier text is kept for moderators (``MessageEdit``). Returns the ``edited``
    event (None when nothing changed), published after commit unless ``publish`` is
    False (the consumer publishes it)."""
    body_html = check_body(body)
    facts = room_person_facts(user=actor, room=room)  # the role and the mute, one query
    access = room_access_for(user=actor, room=room, facts=facts)
    with transaction.atomic():
        change, message = _change(room=room, seq=seq)
        if message.deleted_at is not None:
            raise ChatError("invalid", _("A deleted message cannot be edited."))
        if not access.may_edit(message, actor):
            raise ChatError("forbidden", _("You can edit only your own messages."))
        if not access.can_moderate:
            check_may_write(user=actor, room=room, facts=facts)  # a muted author waits too
        if body == message.body:
            return None
        rate_limit(user=actor, room=room)
        MessageEdit.objects.create(
            message=message, body=message.body, body_html=message.body_html, edited_by=actor
        )
        message.body, message.body_html, message.edited_at = body, body_html, timezone.now()
        message.save(update_fields=["body", "body_html", "edited_at"])
        if message.pinned_at is not None:
            _repin(room=room, message=message, keep=True)
        notifications_rewrite(key=mention_key(message), body=mention_excerpt(message))
        message_index(message=message)
        mentions_later(message)  # someone mentioned in the edit is told (once)
        payload = edited_payload(message, change)
        return _changed(room=room, message=message, change=change, payload=payload, publish=publish)


def chat_message_delete(*, actor: User, room: Room, seq: int, publish: bool = True):
    """Delete a message: its author, or a moderator. Returns the ``deleted`` event (None
    when it was deleted already), published after commit unless ``publish`` is False."""
    access = room_access_for(user=actor, room=room)
    with transaction.atomic():
        change, message = _change(room=room, seq=seq)
        if not access.may_delete(message, actor):
            raise ChatError("forbidden", _("You can delete only your own messages."))
        if message.deleted_at is not None:
            return None
        message.deleted_at = timezone.now()
        message.deleted_by = actor
        message.save(update_fields=["deleted_at", "deleted_by"])
        if message.pinned_at is not None:
            _repin(room=room, message=message, keep=False)
        if message.reply_to_id is not None:
            Message.objects.filter(pk=message.reply_to_id, reply_count__gt=0).update(
                reply_count=F("reply_count") - 1
            )
        # Nobody is told (nor emailed, ten minutes later) about a message that is gone.
        notifications_withdraw(key=mention_key(message))
        message_index(message=message)
        payload = deleted_payload(message, change)
        return _changed(room=room, message=message, change=change, payload=payload, publish=publish)


def chat_message_react(
    *, actor: User, room: Room, seq: int, emoji, on: bool | None, publish: bool = True
):
    """Give (``on``) or take back a reaction from the fixed set; ``on=None`` turns it
    over (the page's buttons). Returns the ``reaction`` event (None when nothing
    changed), published after commit unless ``publish`` is False."""
    if not isinstance(emoji, str) or emoji not in REACTIONS:
        raise ChatError("invalid", _("Choose one of the reactions offered."))
    if on is not None and not isinstance(on, bool):
        raise ChatError("invalid", _("Say whether the reaction is given or taken back."))
    check_may_write(user=actor, room=room)
    with transaction.atomic():
        change, message = _change(room=room, seq=seq)
        if message.deleted_at is not None:
            raise ChatError("invalid", _("There is no such message."))
        mine = Reaction.objects.filter(message=message, user=actor, emoji=emoji)
        given_already = mine.exists()
        if on is None:
            on = not given_already
        if on == given_already:
            return None
        rate_limit(user=actor, room=room)
        if on:
            Reaction.objects.create(message=message, user=actor, emoji=emoji)
        else:
            mine.delete()
        users = list(
            Reaction.objects.filter(message=message, emoji=emoji)
            .order_by("created_at", "pk")
            .values_list("user_id", flat=True)
        )
        given = dict(message.reactions_given or {})
        if users:
            given[emoji] = users
        else:
            given.pop(emoji, None)
        # In the order of the fixed set, so every page lists them alike.
        message.reactions_given = {e: given[e] for e in REACTIONS if e in given}
        message.save(update_fields=["reactions_given"])
        payload = {
            "type": "reaction",
            "id": message.seq,
            "emoji": emoji,
            "count": len(users),
            "users": users,
            "user": user_payload(actor),
            "on": on,
            "change": change,
        }
        return _changed(room=room, message=message, change=change, payload=payload, publish=publish)


MAX_PINS = 10


def chat_message_pin(*, actor: User, room: Room, seq: int, on: bool, publish: bool = True):
    """Pin a message above the room's log (``on``) or take it down: its moderators only,
    at most MAX_PINS at a time. Returns the ``pinned`` event (None when nothing
    changed), published after commit unless ``publish`` is False."""
    if not isinstance(on, bool):
        raise ChatError("invalid", _("Say whether the message is pinned or taken down."))
    if not room_access_for(user=actor, room=room).can_moderate:
        raise ChatError("forbidden", _("Only moderators pin messages."))
    with transaction.atomic():
        change, message = _change(room=room, seq=seq)
        if message.deleted_at is not None:
            raise ChatError("invalid", _("There is no such message."))
        if on == (message.pinned_at is not None):
            return None
        locked = Room.objects.get(pk=room.pk)  # its row is locked by _change
        pins = [pin for pin in locked.pins if pin["id"] != message.seq]
        if on:
            if len(pins) >= MAX_PINS:
                raise ChatError(
                    "invalid",
                    ngettext(
                        "At most %(n)s message is pinned: take it down first.",
                        "At most %(n)s messages are pinned: take one down first.",
                        MAX_PINS,
                    )
                    % {"n": MAX_PINS},
                )
            pins.insert(0, pin_summary(message))
        message.pinned_at = timezone.now() if on else None
        message.save(update_fields=["pinned_at"])
        Room.objects.filter(pk=room.pk).update(pins=pins)
        room.pins = pins
        payload = {
            "type": "pinned",
            "id": message.seq,
            "on": on,
            "pins": pins,
            "change": change,
        }
        return _changed(room=room, message=message, change=change, payload=payload, publish=publish)


def _repin(*, room: Room, message: Message, keep: bool) -> None:
    """A pinned message was edited (its excerpt follows) or deleted (taken down)."""
    pins = Room.objects.get(pk=room.pk).pins
    if keep:
        pins = [pin_summary(message) if pin["id"] == message.seq else pin for pin in pins]
    else:
        pins = [pin for pin in pins if pin["id"] != message.seq]
    Room.objects.filter(pk=room.pk).update(pins=pins)
    room.pins = pins


def pin_summary(message: Message) -> dict:
    """What the room shows of a pinned message: who wrote it and its first words."""
    text = strip_tags(str(message.body_html)).strip() or ", ".join(
        item["name"] for item in message.files_given or []
    )
    return {
        "id": message.seq,
        "author": message.author.get_full_name(),
        "excerpt": Truncator(text).chars(140),
    }


def reactions_payload(message: Message) -> dict:
    """A ``reactions`` frame: every reaction a message has now (a client catching up)."""
    return {
        "type": "reactions",
        "id": message.seq,
        "reactions": reaction_users(message),
        "change": message.changed,
    }
