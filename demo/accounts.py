"""The demo accounts (demo/data/accounts.toml) and how any demo person is made."""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from demo.files import read_toml
from lms import services as lms_services
from lms.choices import Role
from lms.models import Profile, ProfileLanguage, User

DEMO_PASSWORD = "rial-demo-2026"
# Two-factor sign-in is required for the secretariat (lms/mfa.py), the demo's
# included: its authenticator app uses this published secret (add it to any
# authenticator app), and load_demo prints two unused recovery codes. Demo only.
DEMO_TOTP_SECRET = "RIALCAMPUSDEMOTOTPSECRETKEYAAAAA"


@dataclass(frozen=True)
class DemoPerson:
    key: str
    email: str
    full_name: str
    country: str
    institution: str
    position: str
    preferred_language: str
    time_zone: str
    languages: tuple[str, ...]
    roles: tuple[str, ...] = field(default=(Role.PARTICIPANT,))
    superuser: bool = False
    # What the person chose to say, for the network's reports ("" not said).
    constituency: str = ""
    sex: str = ""


def person_from(record: dict) -> DemoPerson:
    """A person as the data files write one (lists where the dataclass keeps tuples)."""
    return DemoPerson(
        **record | {"languages": tuple(record["languages"]), "roles": tuple(record["roles"])}
    )


# The demo accounts load_demo lists, in demo/data/accounts.toml.
PEOPLE = [person_from(record) for record in read_toml("accounts.toml")["people"]]


@transaction.atomic
def ensure_person(person: DemoPerson) -> tuple[User, bool]:
    """Create the demo account if missing; an existing one is left as it is."""
    user = User.objects.filter(email__iexact=person.email).first()
    if user is not None:
        return user, False

    if person.superuser:
        user = User.objects.create_superuser(
            person.email, DEMO_PASSWORD, full_name=person.full_name
        )
    else:
        user = User.objects.create_user(person.email, DEMO_PASSWORD, full_name=person.full_name)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    profile = Profile.objects.create(
        user=user,
        country=person.country,
        institution=person.institution,
        position=person.position,
        preferred_language=person.preferred_language,
        time_zone=person.time_zone,
        constituency=person.constituency,
        sex=person.sex,
    )
    ProfileLanguage.objects.bulk_create(
        [ProfileLanguage(profile=profile, language=code) for code in person.languages]
    )
    # The secretariat account grants the others their roles, as in real life.
    granter = User.objects.filter(is_superuser=True).order_by("pk").first() or user
    for role in person.roles:
        lms_services.role_grant(actor=granter, user=user, role=role)
    return user, True


@transaction.atomic
def ensure_two_factor(user: User) -> list[str]:
    """Give ``user`` the demo authenticator app and recovery codes if missing.

    Returns the unused recovery codes. What a tester changed (codes used or made
    anew, another app set up) is left as it is.
    """
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return RecoveryCodes.activate(user).get_unused_codes()


def ensure_people() -> list[tuple[DemoPerson, User, bool]]:
    results = []
    # The secretariat first, so it is the one who grants the others' roles.
    for person in sorted(PEOPLE, key=lambda p: not p.superuser):
        user, created = ensure_person(person)
        results.append((person, user, created))
    order = {p.key: i for i, p in enumerate(PEOPLE)}
    return sorted(results, key=lambda item: order[item[0].key])
