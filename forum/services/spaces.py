"""Spaces made by other features: a cohort's (when the cohort is created) and a
workshop's follow-up (by the secretariat, from an event)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from forum.models import Category, Room, Space, SpaceMembership
from lms.models import Cohort, User


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


def _unique_slug(model, base: str) -> str:
    base = slugify(base)[:60] or "space"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


@transaction.atomic
def space_ensure_for_cohort(*, cohort: Cohort) -> Space:
    """A cohort's space with its general chat room; its members are the cohort's."""
    space = Space.objects.filter(cohort=cohort).first()
    if space is None:
        space = Space.objects.create(
            kind=Space.Kind.COHORT,
            name=cohort.name,
            slug=_unique_slug(Space, cohort.name),
            cohort=cohort,
            description=cohort.course.title,
        )
        Room.objects.create(space=space, name=_("General"), slug=_unique_slug(Room, cohort.name))
    return space
