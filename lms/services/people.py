"""Writes about people: profiles, languages, roles and accounts made for them.

Every function takes keyword-only arguments, runs in one transaction and checks
who is acting before it writes.
"""

import unicodedata
from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.choices import ActorType, InterfaceLanguage, Role, SpokenLanguage
from lms.models import Profile, ProfileLanguage, RoleGrant, User, validate_time_zone
from lms.services.notifications import absolute_url

SECRETARIAT_GROUP = "Technical Secretariat"

# What the secretariat may do in the Wagtail admin: manage people, pages,
# images, documents and translations.
_SECRETARIAT_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("lms", "add_user"),
    ("lms", "change_user"),
    ("lms", "view_user"),
    ("simple_translation", "submit_translation"),
    # What the move to Annex I's taxonomy did to each record (read only).
    ("courses", "view_taxonomychange"),
    # The documentation centre, repositories, events, cooperation calls, work plans and
    # the funding directory (the portal apps' snippets in the Wagtail admin), as
    # (app label, model).
    *[
        (app_label, f"{action}_{model}")
        for app_label, model in (
            ("library", "publication"),
            ("library", "instrument"),
            ("library", "repository"),
            ("events", "event"),
            ("cooperation", "call"),
            ("priorities", "questionnaire"),
            ("workplan", "workplan"),
            ("workplan", "action"),
            ("workplan", "funder"),
            ("bodies", "body"),
            ("bodies", "seat"),
            ("bodies", "member"),
            ("funding", "funder"),
            ("funding", "fundingcall"),
        )
        for action in ("add", "change", "delete", "view")
    ],
]
_SECRETARIAT_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]
_SECRETARIAT_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def clean_name(name: str) -> str:
    """One line, single spaces, no control characters (names go in email headers)."""
    printable = "".join(
        ch for ch in (name or "") if unicodedata.category(ch)[0] != "C" or ch in " \t\n"
    )
    return " ".join(printable.split())


def _require_secretariat(actor: User) -> None:
    if actor is None or not actor.is_authenticated or not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat can grant or remove roles."))


@transaction.atomic
def secretariat_group_ensure() -> Group:
    """Create or update the Wagtail group that secretariat members belong to."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    for app_label, codename in _SECRETARIAT_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)

    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in _SECRETARIAT_PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission
            )

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for app_label, codename in _SECRETARIAT_COLLECTION_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
    return group


def secretariat_group_refresh() -> None:
    """For a migration that adds to ``_SECRETARIAT_PERMISSIONS``: an existing
    secretariat group gets what the list grants today (a new database has none;
    the first role grant makes it). The permissions are created first: Django
    makes them only after all migrations ran."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    if not Group.objects.filter(name=SECRETARIAT_GROUP).exists():
        return
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0)
    secretariat_group_ensure()


def _sync_secretariat_access(user: User) -> None:
    """Secretariat members get the admin group; others lose it."""
    group = secretariat_group_ensure()
    is_secretariat = RoleGrant.objects.filter(user=user, role=Role.SECRETARIAT).exists()
    if is_secretariat:
        user.groups.add(group)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    else:
        user.groups.remove(group)
        if user.is_staff and not user.is_superuser:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
    user.__dict__.pop("roles", None)


@transaction.atomic
def profile_ensure(*, user: User) -> Profile:
    """Return the person's profile, creating an empty one the first time."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def user_register(*, user: User, full_name: str, preferred_language: str) -> Profile:
    """Complete a new account: name, language, and the participant role.

    Everyone who signs up takes part; the system grants that role, the
    secretariat grants every other one.
    """
    full_name = clean_name(full_name)
    if user.full_name != full_name:
        user.full_name = full_name
        user.save(update_fields=["full_name"])
    if preferred_language not in InterfaceLanguage.values:
        preferred_language = InterfaceLanguage.SPANISH
    profile, _created = Profile.objects.get_or_create(
        user=user, defaults={"preferred_language": preferred_language}
    )
    RoleGrant.objects.get_or_create(user=user, role=Role.PARTICIPANT)
    return profile


@transaction.atomic
def profile_update(
    *,
    actor: User,
    user: User,
    full_name: str,
    country: str,
    institution: str,
    position: str,
    preferred_language: str,
    time_zone: str,
    spoken_languages: Iterable[str],
    constituency: str | None = None,
    sex: str | None = None,
    actor_type: str | None = None,
) -> Profile:
    """Save what a person says about themselves. Roles are not part of it.

    ``constituency``, ``sex`` and ``actor_type`` are optional answers ("" for not
    said); None leaves them as they are. A changed actor type waits for the
    secretariat's verification again (``profile_actor_type_verify``)."""
    if actor.pk != user.pk and not actor.is_secretariat:
        raise PermissionDenied(_("You can only edit your own profile."))
    if preferred_language not in InterfaceLanguage.values:
        raise ValidationError({"preferred_language": _("Choose one of the listed languages.")})
    validate_time_zone(time_zone)
    wanted = list(dict.fromkeys(spoken_languages))
    unknown = set(wanted) - set(SpokenLanguage.values)
    if unknown:
        raise ValidationError({"spoken_languages": _("Choose languages from the list.")})

    full_name = clean_name(full_name)
    if user.full_name != full_name:
        user.full_name = full_name
        user.save(update_fields=["full_name"])

    profile = Profile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        profile = Profile(user=user)
    if country != profile.country and not actor.is_secretariat and user.has_role(Role.FOCAL_POINT):
        # A focal point answers for the ministry of their country: changing it
        # would make them answer for another ministry.
        raise ValidationError(
            {
                "country": _(
                    "Your country is your ministry's: ask the Technical Secretariat to change it."
                )
            }
        )
    profile.country = country
    profile.institution = institution.strip()
    profile.position = position.strip()
    profile.preferred_language = preferred_language
    profile.time_zone = time_zone
    if constituency is not None:
        profile.constituency = constituency
    if sex is not None:
        profile.sex = sex
    if actor_type is not None and actor_type != profile.actor_type:
        profile.actor_type = actor_type
        profile.actor_type_verified_at = None
        profile.actor_type_verified_by = None
    profile.full_clean(exclude=["user"])
    profile.save()

    existing = set(profile.spoken_languages.values_list("language", flat=True))
    profile.spoken_languages.exclude(language__in=wanted).delete()
    ProfileLanguage.objects.bulk_create(
        [ProfileLanguage(profile=profile, language=code) for code in wanted if code not in existing]
    )
    return profile


@transaction.atomic
def profile_country_set(*, actor: User, user: User, country: str) -> Profile:
    """The secretariat sets someone's country (a focal point's is their ministry)."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat does this."))
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    profile.country = country
    profile.full_clean(exclude=["user"])
    profile.save(update_fields=["country"])
    return profile


@transaction.atomic
def profile_actor_type_verify(*, actor: User, user: User, verified: bool) -> Profile:
    """The secretariat confirms (or withdraws its confirmation of) the actor type a
    person declared: only a verified one is shown beside their name."""
    if actor is None or not actor.is_authenticated or not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat does this."))
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    if not verified:
        profile.actor_type_verified_at = None
        profile.actor_type_verified_by = None
    elif profile.actor_type not in ActorType.values:
        raise ValidationError(_("This person has not said which kind of actor they are."))
    elif profile.actor_type_verified_at is None:
        profile.actor_type_verified_at = timezone.now()
        profile.actor_type_verified_by = actor
    profile.save(update_fields=["actor_type_verified_at", "actor_type_verified_by"])
    return profile


@transaction.atomic
def profile_set_language(*, user: User, language: str) -> None:
    """Remember the interface language someone picked in the switcher."""
    if language not in InterfaceLanguage.values:
        raise ValidationError(_("Choose one of the listed languages."))
    Profile.objects.update_or_create(user=user, defaults={"preferred_language": language})


@transaction.atomic
def role_grant(*, actor: User, user: User, role: str) -> RoleGrant:
    _require_secretariat(actor)
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    grant, _created = RoleGrant.objects.get_or_create(
        user=user, role=role, defaults={"granted_by": actor, "granted_at": timezone.now()}
    )
    if role == Role.SECRETARIAT:
        _sync_secretariat_access(user)
    user.__dict__.pop("roles", None)
    return grant


@transaction.atomic
def role_revoke(*, actor: User, user: User, role: str) -> None:
    _require_secretariat(actor)
    if role == Role.SECRETARIAT and actor.pk == user.pk and not actor.is_superuser:
        raise PermissionDenied(_("You cannot remove your own secretariat role."))
    RoleGrant.objects.filter(user=user, role=role).delete()
    if role == Role.SECRETARIAT:
        _sync_secretariat_access(user)
    user.__dict__.pop("roles", None)


@transaction.atomic
def roles_set(*, actor: User, user: User, roles: Iterable[str]) -> frozenset[str]:
    """Make the person's roles exactly ``roles``: grant the new, revoke the rest."""
    _require_secretariat(actor)
    wanted = set(roles)
    current = set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))
    for role in sorted(wanted - current):
        role_grant(actor=actor, user=user, role=role)
    for role in sorted(current - wanted):
        role_revoke(actor=actor, user=user, role=role)
    return frozenset(wanted)


@transaction.atomic
def email_confirm_by_reset(*, user: User) -> None:
    """A password reset link reached the person's inbox: the address is theirs.

    People enrolled by the secretariat first sign in through such a link (their
    invitation); without this they would be asked to confirm the address again.
    """
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=False).update(
        verified=True
    )


def invitation_link(user: User, language: str) -> str:
    """The address where a new account chooses its password (a reset link), in ``language``."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    key = default_token_generator.make_token(user)
    with translation.override(language):
        path = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
        )
    return absolute_url(path)


@transaction.atomic
def accounts_ensure(*, people: list[tuple[str, str, dict]]) -> tuple[dict[str, User], set[str]]:
    """Accounts for these addresses (``(email, full name, profile fields)``, emails
    in lower case), creating the missing ones: no password (an invitation lets the
    person choose it), the address not yet confirmed. In bulk, for imports: the
    same few queries for one person or two hundred. Returns the accounts by email
    and the emails of the accounts created."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import IntegrityError

    users = {user.email: user for user in User.objects.filter(email__in=[p[0] for p in people])}
    missing = [person for person in people if person[0] not in users]
    if not missing:
        return users, set()
    try:
        with transaction.atomic():
            new = User.objects.bulk_create(
                User(email=email, full_name=name, password=make_password(None))
                for email, name, _fields in missing
            )
    except IntegrityError:
        # Someone signed up with one of these addresses meanwhile: one at a time.
        new = []
        for email, name, _fields in missing:
            user, created = User.objects.get_or_create(
                email=email, defaults={"full_name": name, "password": make_password(None)}
            )
            if created:
                new.append(user)
            else:
                users[email] = user
    fields = {email: profile for email, _name, profile in missing}
    Profile.objects.bulk_create(Profile(user=user, **fields[user.email]) for user in new)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, primary=True, verified=False) for user in new
    )
    users.update((user.email, user) for user in new)
    return users, {user.email for user in new}
