import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from lms.choices import (
    ActorType,
    Constituency,
    Country,
    InterfaceLanguage,
    Role,
    Sex,
    SpokenLanguage,
)


def nameless(pk) -> str:
    return str(_("Participant %(number)s") % {"number": pk})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person on the platform, identified by email.

    One ``full_name`` instead of first and last names: names across the Americas
    (two surnames, particles, single names) do not split the same way.
    """

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(
        _("email address"),
        max_length=254,
        unique=True,
        error_messages={"unique": _("A person with this email address already exists.")},
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="lms_user_email_unique_ci",
                violation_error_message=_("A person with this email address already exists."),
            ),
        ]

    def __str__(self):
        return self.get_full_name()

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        """The name others see. Without one, "Participant 42": an email address is
        contact data, which each person decides whether to show."""
        return self.full_name.strip() or nameless(self.pk)

    def get_short_name(self):
        if self.full_name.strip():
            return self.full_name.split()[0]
        return self.email.split("@")[0]

    @cached_property
    def roles(self) -> frozenset[str]:
        """Role codes granted to this user (prefetch ``role_grants`` to avoid a query)."""
        return frozenset(grant.role for grant in self.role_grants.all())

    @cached_property
    def voice(self) -> str:
        """The actor type the secretariat verified for this person ("": none), shown
        beside their name. Lists select the profile along
        (``select_related("author__profile")``): no query per name."""
        try:
            profile = self.profile
        except ObjectDoesNotExist:
            return ""
        return profile.verified_actor_type

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def is_secretariat(self) -> bool:
        return self.is_superuser or self.has_role(Role.SECRETARIAT)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(zone)s is not a known time zone."), params={"zone": value})


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    institution = models.CharField(
        _("institution"),
        max_length=200,
        blank=True,
        help_text=_("For example: Ministry of Labour and Social Security of Chile"),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    # Optional, for the network's reports only: counted by country and in totals,
    # never shown next to a name (reports.selectors).
    constituency = models.CharField(
        _("constituency"), max_length=12, choices=Constituency.choices, blank=True
    )
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices, blank=True)
    # Whom the person speaks for, as they declare it; shown beside their name only
    # once the secretariat verified it (changing it clears the verification).
    actor_type = models.CharField(
        _("actor type"), max_length=16, choices=ActorType.choices, blank=True
    )
    actor_type_verified_at = models.DateTimeField(_("actor type verified"), null=True, blank=True)
    actor_type_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor type verified by"),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=InterfaceLanguage.choices,
        default=InterfaceLanguage.SPANISH,
        help_text=_("The platform, its emails and its notifications use this language."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("Dates and times of live sessions are shown in this time zone."),
    )
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)

    @property
    def verified_actor_type(self) -> str:
        """The declared actor type once the secretariat verified it, else ""."""
        return self.actor_type if self.actor_type and self.actor_type_verified_at else ""

    @property
    def spoken_language_codes(self) -> list[str]:
        if self.pk is None:
            return []
        return [item.language for item in self.spoken_languages.all()]

    def get_spoken_languages_display(self) -> list[str]:
        labels = dict(SpokenLanguage.choices)
        return [str(labels.get(code, code)) for code in self.spoken_language_codes]


class ProfileLanguage(models.Model):
    """One language a person works in (a row each, so directories can filter on it)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="spoken_languages")
    language = models.CharField(_("language"), max_length=5, choices=SpokenLanguage.choices)

    class Meta:
        verbose_name = _("spoken language")
        verbose_name_plural = _("spoken languages")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "language"], name="lms_profile_language_once"
            ),
        ]

    def __str__(self):
        return self.get_language_display()


class RoleGrant(models.Model):
    """A role the Technical Secretariat gave someone; never self-assigned."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="lms_role_granted_once"),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()}"
