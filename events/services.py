"""Writes about events: registering, and the follow-up space of a workshop."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from events.models import Event, EventRegistration
from forum.models import Space
from forum.services import workshop_space_ensure
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
    chat room and a forum (made by the forum's service). Running it again adds who
    registered since."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat creates follow-up spaces."))
    event = Event.objects.select_for_update().get(pk=event.pk)
    space = workshop_space_ensure(
        actor=actor,
        space=event.follow_up_space,
        name=_("Follow-up · %(title)s") % {"title": event.title},
        slug_base=f"seguimiento-{event.slug}",
        topic=event.objective,
        people=User.objects.filter(event_registrations__event=event),
    )
    if event.follow_up_space_id != space.pk:
        event.follow_up_space = space
        event.save(update_fields=["follow_up_space"])
    return space
