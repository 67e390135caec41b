from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

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


PEOPLE = [
    DemoPerson(
        key="learner",
        email="learner@example.org",
        full_name="María Fernanda Rojas Solano",
        country="CR",
        institution="Ministerio de Trabajo y Seguridad Social de Costa Rica",
        position="Inspectora de trabajo",
        preferred_language="es",
        time_zone="America/Costa_Rica",
        languages=("es", "en"),
    ),
    DemoPerson(
        key="tutor",
        email="tutor@example.org",
        full_name="Carlos Alberto Mendoza",
        country="AR",
        institution="Ministerio de Capital Humano de Argentina, Secretaría de Trabajo",
        position="Coordinador de formación",
        preferred_language="es",
        time_zone="America/Argentina/Buenos_Aires",
        languages=("es", "pt"),
        roles=(Role.PARTICIPANT, Role.TUTOR),
    ),
    DemoPerson(
        key="expert",
        email="expert@example.org",
        full_name="Patrícia Alves de Souza",
        country="BR",
        institution="Ministério do Trabalho e Emprego do Brasil",
        position="Especialista em igualdade de gênero no trabalho",
        preferred_language="pt",
        time_zone="America/Sao_Paulo",
        languages=("pt", "es", "en"),
        roles=(Role.PARTICIPANT, Role.EXPERT),
    ),
    DemoPerson(
        key="focal_point",
        email="focal@example.org",
        full_name="Jean-Baptiste Pierre",
        country="HT",
        institution="Ministère des Affaires Sociales et du Travail d'Haïti",
        position="Point focal genre",
        preferred_language="fr",
        time_zone="America/Port-au-Prince",
        languages=("fr", "ht", "en"),
        roles=(Role.PARTICIPANT, Role.FOCAL_POINT),
    ),
    DemoPerson(
        key="secretariat",
        email="secretariat@example.org",
        full_name="Laura Jiménez, RIAL Technical Secretariat",
        country="US",
        institution="Organization of American States, Department of Human Development, Education and Employment",
        position="RIAL coordinator",
        preferred_language="en",
        time_zone="America/New_York",
        languages=("en", "es", "fr", "pt"),
        roles=(Role.PARTICIPANT, Role.SECRETARIAT),
        superuser=True,
    ),
]


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
