"""Spaces made by other features: a cohort's (when the cohort is created), a
workshop's follow-up (by the secretariat, from an event) and a body's (when one of
the network's bodies is created; its members are kept by the feature that keeps the
body's, through ``space_members_set``)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from forum.models import RESERVED_ROOM_SLUGS, Category, Room, Space, SpaceMembership
from forum.selectors.nav import nav_counts_forget
from forum.services.sockets import chat_access_changed
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
    while (model is Room and slug in RESERVED_ROOM_SLUGS) or model.objects.filter(
        slug=slug
    ).exists():
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


@transaction.atomic
def body_space_create(*, name: str, slug_base: str) -> Space:
    """A space for one of the network's bodies: private to its listed members (the
    secretariat moderates it, as every space), with a "General" forum category and a
    chat room. Its members are set by whoever keeps the body's (``space_members_set``)."""
    space = Space.objects.create(
        kind=Space.Kind.BODY,
        name=name[:200],
        slug=_unique_slug(Space, slug_base),
    )
    Room.objects.create(space=space, name=name[:120], slug=_unique_slug(Room, slug_base))
    Category.objects.create(space=space, name=_("General"), slug="general")
    return space


@transaction.atomic
def space_members_set(*, space: Space, roles: dict[int, str]) -> set[int]:
    """Make the space's listed members exactly these people (``{user id: role}``), for
    a space whose members another feature keeps (a body's): the others listed lose
    their membership, roles are brought up to date. Open chat sockets of everyone
    whose access changed are checked again. Returns those people's ids."""
    if any(role not in SpaceMembership.Role.values for role in roles.values()):
        raise ValueError("space_members_set takes SpaceMembership roles")
    listed = dict(
        SpaceMembership.objects.select_for_update()
        .filter(space=space)
        .values_list("user_id", "role")
    )
    gone = [user for user in listed if user not in roles]
    SpaceMembership.objects.filter(space=space, user_id__in=gone).delete()
    SpaceMembership.objects.bulk_create(
        [
            SpaceMembership(space=space, user_id=user, role=role)
            for user, role in roles.items()
            if user not in listed
        ],
        ignore_conflicts=True,
    )
    moved = [user for user, role in roles.items() if user in listed and listed[user] != role]
    for role in {roles[user] for user in moved}:
        SpaceMembership.objects.filter(
            space=space, user_id__in=[user for user in moved if roles[user] == role]
        ).update(role=role)
    changed = set(gone) | {user for user in roles if user not in listed} | set(moved)
    if changed:
        chat_access_changed(space=space, users=changed)
        transaction.on_commit(lambda: _forget_counts(changed))
    return changed


def _forget_counts(users) -> None:
    """Their header counts (unread in their spaces) are counted again."""
    for user in users:
        nav_counts_forget(user)
