"""Reads about people, returning only what the acting user may see."""

from django.conf import settings
from django.db import connections, router
from django.db.models import Prefetch, Q, QuerySet

from lms.choices import Role
from lms.models import Profile, ProfileLanguage, RoleGrant, User


def profile_for_user(*, user: User) -> Profile:
    """The person's own profile with languages loaded; unsaved and empty if none yet."""
    profile = (
        Profile.objects.filter(user=user)
        .prefetch_related(Prefetch("spoken_languages", queryset=ProfileLanguage.objects.all()))
        .first()
    )
    if profile is None:
        profile = Profile(user=user)
    else:
        profile.user = user  # already loaded: do not fetch it again
    return profile


def remember_roles(users) -> None:
    """Each person's roles (``User.roles``) read in one query for all of them.

    For long lists (a room's messages, a topic's posts): cheaper than prefetching
    ``role_grants``, which builds a RoleGrant object per grant to keep only its code.
    """
    pending: dict[int, list[User]] = {}
    for user in users:
        if user is not None and "roles" not in user.__dict__:
            pending.setdefault(user.pk, []).append(user)
    if not pending:
        return
    granted: dict[int, set[str]] = {}
    for user_id, role in _grants_of(list(pending)):
        granted.setdefault(user_id, set()).add(role)
    for user_id, people in pending.items():
        roles = frozenset(granted.get(user_id, ()))
        for user in people:
            user.__dict__["roles"] = roles  # the cached_property's place


def _grants_of(user_ids: list[int]) -> list[tuple[int, str]]:
    """(user id, role) of these people's grants. The SQL written out: the ORM built
    this query anew for every page of posts or messages, 0.4 ms of Python for two
    columns of one table."""
    using = router.db_for_read(RoleGrant)
    connection = connections[using]
    name = connection.ops.quote_name
    meta = RoleGrant._meta
    user, role = meta.get_field("user").column, meta.get_field("role").column
    places = ", ".join(["%s"] * len(user_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {name(user)}, {name(role)} FROM {name(meta.db_table)} "  # noqa: S608 - names from the model
            f"WHERE {name(user)} IN ({places})",
            user_ids,
        )
        return cursor.fetchall()


def user_with_roles(*, user_id: int) -> User | None:
    return User.objects.prefetch_related("role_grants").filter(pk=user_id).first()


def person_country(user) -> str:
    """The person's ministry, as the ISO code of its country ("" when unknown or anonymous).

    A focal point acts for this country's ministry; programmes, proposals and
    needs are "theirs" when their country matches.
    """
    profile = getattr(user, "profile", None) if getattr(user, "is_authenticated", False) else None
    return (getattr(profile, "country", "") or "") if profile is not None else ""


def person_time_zone(user) -> str:
    """The zone the person reads dates in: their profile's, else the site's."""
    profile = getattr(user, "profile", None) if getattr(user, "is_authenticated", False) else None
    return (getattr(profile, "time_zone", "") or "") or settings.TIME_ZONE


PROFILE_ESSENTIALS = ("country", "institution", "time_zone")


def profile_missing(*, user: User) -> list[str]:
    """The names (translated labels) of what the person's profile still lacks among its
    essentials: country, institution and time zone (all of them without a profile)."""
    try:
        profile = user.profile
    except Profile.DoesNotExist:
        profile = None
    return [
        str(Profile._meta.get_field(name).verbose_name)
        for name in PROFILE_ESSENTIALS
        if profile is None or not getattr(profile, name)
    ]


def person_language(user, default: str | None = settings.LANGUAGE_CODE) -> str | None:
    """The language of the person's emails and notifications (``default`` when they
    have no profile yet)."""
    profile = getattr(user, "profile", None) if getattr(user, "is_authenticated", False) else None
    return (getattr(profile, "preferred_language", "") or "") or default


def secretariat_people() -> QuerySet[User]:
    """Everyone ``User.is_secretariat`` is true for and who can sign in:
    superusers and holders of the secretariat role."""
    return User.objects.filter(
        Q(role_grants__role=Role.SECRETARIAT) | Q(is_superuser=True), is_active=True
    ).distinct()


def focal_points_of(country: str) -> QuerySet[User]:
    """Active focal points of one country's ministry."""
    return User.objects.filter(
        role_grants__role=Role.FOCAL_POINT, profile__country=country, is_active=True
    ).distinct()
