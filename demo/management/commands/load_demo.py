from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from demo import (
    accounts,
    bodies,
    cohorts,
    communities,
    cooperation,
    evaluations,
    events,
    expertgroups,
    experts,
    forums,
    funding,
    library,
    needs,
    newsletter,
    pages,
    pilots,
    portfolio,
    priorities,
    spaces,
    voices,
    workplan,
)
from lms.choices import Role
from lms.services.certificates import verification_url
from search.providers import rebuild as search_rebuild


class Command(BaseCommand):
    help = (
        "Load the demo content (accounts, pages and their translations). Safe to run "
        "again: it only creates what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even with DEBUG off. Demo accounts share a published password.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo accounts with DEBUG off: their password is public. "
                "Use --force on a throwaway installation."
            )
        # The demo's own activity (submissions, enrolments, questions to experts)
        # would email people who do not exist: keep those emails out of the
        # console. Its background tasks (notifications, search and reference
        # indexes) run here, as each transaction commits, not in the worker: the
        # demo is complete when this command ends, and leaves nothing in the
        # queue to email later.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        ):
            people = accounts.ensure_people()
            secretariat = next(user for person, user, _c in people if person.key == "secretariat")
            recovery_codes = accounts.ensure_two_factor(secretariat)
            created_pages = pages.ensure_pages()["pages"]
            cohort, cohort_created = cohorts.ensure_demo_cohort()
            certificate = cohorts.ensure_finished_cohort(cohort.course)
            spaces.ensure_spaces()
            forums.ensure_forums()
            voices.ensure_voices()
            communities.ensure_communities()
            bodies.ensure_bodies()
            experts.ensure_experts()
            expertgroups.ensure_expertgroups()
            portfolio.ensure_portfolio()
            library.ensure_library()
            events.ensure_events()
            evaluations.ensure_evaluations()
            cooperation.ensure_cooperation()
            needs.ensure_needs()
            priorities.ensure_priorities()
            # Before the newsletter: its demo issue lists the new calls.
            funding.ensure_funding()
            newsletter.ensure_newsletter()
            workplan.ensure_workplan()
            pilots.ensure_pilots()
            # The demo's objects (some written without their services) in the search.
            search_rebuild()

        new_people = sum(1 for _person, _user, created in people if created)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {new_people} new accounts, {created_pages} new pages."
            )
        )
        self.stdout.write("")
        self.stdout.write("Demo accounts (password for all: " + accounts.DEMO_PASSWORD + "):")
        width = max(len(person.email) for person, _user, _created in people)
        for person, _user, _created in people:
            roles = ", ".join(str(Role(role).label) for role in person.roles)
            self.stdout.write(f"  {person.email.ljust(width)}  {person.key:<12} {roles}")
        self.stdout.write(
            f"  learner2@example.org ... learner7@example.org: more learners in {cohort.name}"
            + (" (new)" if cohort_created else "")
        )
        self.stdout.write(
            f"  {certificate.enrolment.user.email}: completed {certificate.enrolment.cohort.name}"
            f" ({certificate.holder_name})"
        )
        self.stdout.write("  expert2@example.org: a second expert (Marie-Claude Tremblay)")
        self.stdout.write(
            "  valeria.castro@, guadalupe.hernandez@, sarah.thompson@, camila.fuentes@, "
            "rosa.quispe@, yokasta.pena@, andrea.campbell@example.org: the gender network"
        )
        self.stdout.write("")
        self.stdout.write(
            f"Certificate to check: code {certificate.code}, at {verification_url(certificate)}"
        )
        self.stdout.write("")
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        secret = accounts.DEMO_TOTP_SECRET
        self.stdout.write(
            f"Two-factor sign-in: {secretariat.email} asks for a code after the password."
        )
        self.stdout.write(
            f"  Authenticator app: add the secret key {secret} (time-based, 6 digits, 30 s;"
        )
        self.stdout.write(f"  or in a terminal: oathtool --totp -b {secret}).")
        if recovery_codes:
            self.stdout.write(
                "  Recovery codes (each works once): " + ", ".join(recovery_codes[:2])
            )
        else:
            self.stdout.write("  Recovery codes: all used; make new ones on its two-factor page.")
        self.stdout.write("")
        self.stdout.write(
            f"Sign in at {base}/es/accounts/login/ "
            f"(Wagtail admin: {base}/admin/ as secretariat@example.org)."
        )
