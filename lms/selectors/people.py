"""Reads about people, returning only what the acting user may see."""

from django.db.models import Prefetch

from lms.models import Profile, ProfileLanguage, User


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


def user_with_roles(*, user_id: int) -> User | None:
    return User.objects.prefetch_related("role_grants").filter(pk=user_id).first()
