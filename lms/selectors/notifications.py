"""A person's notifications, and whether they want a kind of notification on a channel."""

from collections.abc import Iterable

from django.core.paginator import Page, Paginator

from lms.models import Notification, NotificationPreference, PushSubscription, User
from lms.notification_kinds import Channel, KindGroup, all_listed_kinds, default_enabled, group_of
from lms.notification_kinds import kinds_of as group_kinds

NOTIFICATIONS_PER_PAGE = 25


def notifications_page(*, user: User, group: str = "", page: str | int | None = 1) -> Page:
    """A page of the person's notifications, newest first, of one kind group or all."""
    items = Notification.objects.filter(user=user).order_by("-created_at", "-pk")
    if group == KindGroup.OTHER:
        items = items.exclude(kind__in=all_listed_kinds())
    elif group in KindGroup.values:
        items = items.filter(kind__in=group_kinds(group))
    return Paginator(items, NOTIFICATIONS_PER_PAGE).get_page(page)


def channel_enabled(*, user: User, kind: str, channel: str) -> bool:
    """Whether the person wants notifications of this kind on this channel."""
    return user.pk in channel_enabled_for(user_ids=[user.pk], kind=kind, channel=channel)


def channel_enabled_for(*, user_ids: Iterable[int], kind: str, channel: str) -> set[int]:
    """Who among these people wants notifications of this kind on this channel (one query)."""
    ids = set(user_ids)
    if channel == Channel.CAMPUS or not ids:
        return ids
    group = group_of(kind)
    changed = dict(
        NotificationPreference.objects.filter(
            user_id__in=ids, group=group, channel=channel
        ).values_list("user_id", "enabled")
    )
    default = default_enabled(group, channel)
    return {pk for pk in ids if changed.get(pk, default)}


def preferences_of(*, user: User) -> dict[tuple[str, str], bool]:
    """Every (group, channel) of the person and whether it is on, defaults included."""
    changed = {
        (group, channel): enabled
        for group, channel, enabled in NotificationPreference.objects.filter(user=user).values_list(
            "group", "channel", "enabled"
        )
    }
    return {
        (group, channel): channel == Channel.CAMPUS
        or changed.get((group, channel), default_enabled(group, channel))
        for group in KindGroup.values
        for channel in Channel.values
    }


def push_devices(*, user: User) -> list[PushSubscription]:
    """The person's installed apps that receive pushes, newest first."""
    return list(PushSubscription.objects.filter(user=user).order_by("-created_at", "-pk"))
