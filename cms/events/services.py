"""Writes about events: registering, and the follow-up space of a workshop."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms.events.models import Event, EventRegistration
from forum.models import Category, Room, Space, SpaceMembership
from lms.models import User


def event_register(*, user: User, event: Event) -> EventRegistration:
    """Register for an event; registering twice is one registration."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to register."))
    if not event.is_published or not event.can_register():
        raise ValidationError(_("Registration for this event is closed."))
    try:
        with transaction.atomic():
            registration, _created = EventRegistration.objects.get_or_create(event=event, user=user)
    except IntegrityError:
        registration = EventRegistration.objects.get(event=event, user=user)
    return registration


@transaction.atomic
def event_unregister(*, user: User, event: Event) -> None:
    if event.is_past:
        raise ValidationError(_("This event has already taken place."))
    EventRegistration.objects.filter(event=event, user=user).delete()


@transaction.atomic
def event_follow_up_create(*, actor: User, event: Event) -> Space:
    """The workshop's follow-up space, with everyone who registered as a member, a
    chat room and a forum. Running it again adds who registered since."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat creates follow-up spaces."))
    event = Event.objects.select_for_update().get(pk=event.pk)
    space = event.follow_up_space
    if space is None:
        base = slugify(f"seguimiento-{event.slug}")[:70]
        slug, n = base, 1
        while Space.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        space = Space.objects.create(
            kind=Space.Kind.WORKSHOP,
            name=(_("Follow-up · %(title)s") % {"title": event.title})[:190],
            slug=slug,
            description=event.objective[:500],
        )
        room_slug = slug[:74]
        while Room.objects.filter(slug=room_slug).exists():
            room_slug = f"{slug[:66]}-{uuid.uuid4().hex[:6]}"
        Room.objects.create(space=space, name=event.title[:120], slug=room_slug)
        Category.objects.create(space=space, name=_("General"), slug="general")
        SpaceMembership.objects.create(
            space=space, user=actor, role=SpaceMembership.Role.COORDINATOR
        )
        event.follow_up_space = space
        event.save(update_fields=["follow_up_space"])
    people = User.objects.filter(event_registrations__event=event, is_active=True)
    existing = set(space.memberships.values_list("user_id", flat=True))
    SpaceMembership.objects.bulk_create(
        SpaceMembership(space=space, user=person) for person in people if person.pk not in existing
    )
    return space
