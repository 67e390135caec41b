"""Calls for enrolment, applications, cohorts, groups and bulk enrolment."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task
from wagtail import hooks

from courses.models import CoursePage
from lms.choices import Country, Role
from lms.models import (
    Application,
    Cohort,
    CohortGroup,
    Enrolment,
    EnrolmentCall,
    Profile,
    RoleGrant,
    User,
)
from lms.models.cohorts import normalise_institution
from lms.services.notifications import absolute_url, in_language_of, notification_create
from lms.services.people import clean_name


def _require_secretariat(actor: User) -> None:
    if not (actor and actor.is_authenticated and actor.is_secretariat):
        raise PermissionDenied(_("Only the Technical Secretariat manages calls and cohorts."))


# --- Calls and cohorts -------------------------------------------------------------------------


@transaction.atomic
def call_create(
    *,
    actor: User,
    course: CoursePage,
    title: str,
    description: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    seats: int,
    starts_on: datetime.date,
    time_zone: str,
    eligibility: str = EnrolmentCall.Eligibility.ANYONE,
    countries: list[str] | None = None,
    institutions: str = "",
    cohort_name: str = "",
) -> EnrolmentCall:
    """Open a call for one course in one language, with the cohort it fills."""
    _require_secretariat(actor)
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The call must close after it opens.")})
    if starts_on < closes_at.date():
        raise ValidationError({"starts_on": _("The cohort should start after the call closes.")})
    if seats < 1:
        raise ValidationError({"seats": _("A call needs at least one seat.")})
    countries = sorted(set(countries or []))
    if set(countries) - set(Country.values):
        raise ValidationError({"countries": _("Choose countries from the list.")})
    if eligibility == EnrolmentCall.Eligibility.LISTED and not (countries or institutions.strip()):
        raise ValidationError(
            {"eligibility": _("List the countries or institutions that may apply.")}
        )
    call = EnrolmentCall(
        course=course,
        title=title.strip(),
        description=description.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        seats=seats,
        eligibility=eligibility,
        eligible_countries=countries,
        eligible_institutions=institutions.strip(),
        created_by=actor,
    )
    call.full_clean()
    call.save()
    cohort = Cohort(
        course=course,
        call=call,
        name=cohort_name.strip() or title.strip(),
        starts_on=starts_on,
        time_zone=time_zone,
    )
    cohort.full_clean()
    cohort.save()
    # Other apps add what a cohort needs (the forum: its space and chat room).
    for hook in hooks.get_hooks("rial_cohort_created"):
        hook(cohort)
    return call


@transaction.atomic
def group_create(*, actor: User, cohort: Cohort, name: str, tutor: User | None) -> CohortGroup:
    _require_secretariat(actor)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the group a name.")})
    if CohortGroup.objects.filter(cohort=cohort, name__iexact=name).exists():
        raise ValidationError({"name": _("This cohort already has a group with that name.")})
    if tutor is not None and not RoleGrant.objects.filter(user=tutor, role=Role.TUTOR).exists():
        raise ValidationError({"tutor": _("Only people with the tutor role can tutor a group.")})
    return CohortGroup.objects.create(cohort=cohort, name=name, tutor=tutor)


@transaction.atomic
def group_set_tutor(*, actor: User, group: CohortGroup, tutor: User | None) -> CohortGroup:
    _require_secretariat(actor)
    if tutor is not None and not RoleGrant.objects.filter(user=tutor, role=Role.TUTOR).exists():
        raise ValidationError({"tutor": _("Only people with the tutor role can tutor a group.")})
    group.tutor = tutor
    group.save(update_fields=["tutor"])
    return group


@transaction.atomic
def enrolment_move(*, actor: User, enrolment: Enrolment, group: CohortGroup | None) -> Enrolment:
    _require_secretariat(actor)
    if group is not None and group.cohort_id != enrolment.cohort_id:
        raise ValidationError(_("That group belongs to another cohort."))
    enrolment.group = group
    enrolment.save(update_fields=["group"])
    return enrolment


def _emptiest_group(cohort: Cohort) -> CohortGroup | None:
    from django.db.models import Count

    return (
        CohortGroup.objects.filter(cohort=cohort)
        .annotate(
            learners=Count("enrolments", filter=~Q(enrolments__status=Enrolment.Status.WITHDRAWN))
        )
        .order_by("learners", "name")
        .first()
    )


def _enrol(*, cohort: Cohort, user: User, group: CohortGroup | None) -> tuple[Enrolment, bool]:
    enrolment, created = Enrolment.objects.get_or_create(
        cohort=cohort, user=user, defaults={"group": group or _emptiest_group(cohort)}
    )
    if not created and enrolment.status == Enrolment.Status.WITHDRAWN:
        enrolment.status = Enrolment.Status.ACTIVE
        enrolment.save(update_fields=["status"])
        created = True
    RoleGrant.objects.get_or_create(user=user, role=Role.PARTICIPANT)
    return enrolment, created


def _notify_enrolled(enrolment: Enrolment) -> None:
    cohort = enrolment.cohort
    with in_language_of(enrolment.user):
        notification_create(
            user=enrolment.user,
            kind="enrolled",
            title=_("You are enrolled in “%(course)s”") % {"course": cohort.course.title},
            body=_("The course starts on %(date)s. Week 1 opens that day.")
            % {"date": formats.date_format(cohort.starts_on, "DATE_FORMAT")},
            url=reverse("lms:dashboard"),
            email=True,
        )


# --- Applications ---------------------------------------------------------------------------


@transaction.atomic
def application_create(*, user: User, call: EnrolmentCall, motivation: str) -> Application:
    if not user.is_authenticated:
        raise PermissionDenied(_("Sign in to apply."))
    if not call.is_open():
        raise ValidationError(_("This call is not open for applications."))
    profile = Profile.objects.filter(user=user).first()
    if not call.admits(profile):
        raise PermissionDenied(
            _(
                "This call is open to the countries and institutions it lists. Check that "
                "your profile shows your country and institution."
            )
        )
    motivation = (motivation or "").strip()
    if len(motivation) < 20:
        raise ValidationError({"motivation": _("Tell us in a few sentences why you apply.")})
    if len(motivation) > 2000:
        raise ValidationError({"motivation": _("At most 2,000 characters.")})
    cohort = getattr(call, "cohort", None)
    if (
        cohort
        and Enrolment.objects.filter(
            cohort=cohort,
            user=user,
            status__in=[Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED],
        ).exists()
    ):
        raise ValidationError(_("You are already enrolled in this cohort."))
    existing = Application.objects.select_for_update().filter(call=call, user=user).first()
    if existing is not None:
        if existing.status != Application.Status.WITHDRAWN:
            raise ValidationError(_("You have already applied to this call."))
        existing.motivation = motivation
        existing.status = Application.Status.PENDING
        existing.save(update_fields=["motivation", "status"])
        return existing
    try:
        with transaction.atomic():
            return Application.objects.create(call=call, user=user, motivation=motivation)
    except IntegrityError as error:
        # The same form arrived twice at the same moment.
        raise ValidationError(_("You have already applied to this call.")) from error


@transaction.atomic
def application_withdraw(*, user: User, application: Application) -> Application:
    if application.user_id != user.pk:
        raise PermissionDenied(_("This is not your application."))
    if application.status != Application.Status.PENDING:
        raise ValidationError(_("Only applications waiting for a decision can be withdrawn."))
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])
    return application


@dataclass
class Decision:
    accepted: int = 0
    rejected: int = 0
    unchanged: int = 0


@transaction.atomic
def applications_decide(
    *, actor: User, call: EnrolmentCall, application_ids: list[int], accept: bool
) -> Decision:
    """Accept (enrolling in the call's cohort) or reject applications, one or many."""
    _require_secretariat(actor)
    EnrolmentCall.objects.select_for_update().filter(pk=call.pk).first()
    applications = list(
        Application.objects.filter(call=call, pk__in=application_ids).select_related("user")
    )
    if not applications:
        raise ValidationError(_("Choose at least one application."))
    pending = [a for a in applications if a.status == Application.Status.PENDING]
    result = Decision(unchanged=len(applications) - len(pending))
    cohort = getattr(call, "cohort", None)
    if accept:
        if cohort is None:
            raise ValidationError(_("This call has no cohort to enrol people in."))
        taken = (
            Enrolment.objects.filter(cohort=cohort)
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .count()
        )
        left = call.seats - taken
        enrolled = set(
            Enrolment.objects.filter(cohort=cohort)
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .values_list("user_id", flat=True)
        )
        # People already in the cohort (enrolled by CSV, say) take no new seat.
        needed = sum(1 for application in pending if application.user_id not in enrolled)
        if needed > left:
            raise ValidationError(
                ngettext(
                    "Only %(left)s seat is left and you chose %(chosen)s people.",
                    "Only %(left)s seats are left and you chose %(chosen)s people.",
                    max(left, 0),
                )
                % {"left": max(left, 0), "chosen": needed}
            )
    now = timezone.now()
    for application in pending:
        application.status = Application.Status.ACCEPTED if accept else Application.Status.REJECTED
        application.decided_by = actor
        application.decided_at = now
        application.save(update_fields=["status", "decided_by", "decided_at"])
        if accept:
            enrolment, _created = _enrol(cohort=cohort, user=application.user, group=None)
            _notify_enrolled(enrolment)
            result.accepted += 1
        else:
            with in_language_of(application.user):
                notification_create(
                    user=application.user,
                    kind="application",
                    title=_("Your application to “%(call)s”") % {"call": call.title},
                    body=_(
                        "Thank you for applying. This time we could not offer you a seat; "
                        "we will let you know about the next calls."
                    ),
                    url=reverse("lms:dashboard"),
                    email=True,
                )
            result.rejected += 1
    return result


# --- Bulk enrolment by CSV ------------------------------------------------------------------------

CSV_COLUMNS = ["email", "name", "country", "institution", "group"]


def _country_lookup() -> dict[str, str]:
    """Country codes by code and by name in any of the four languages."""
    lookup = {}
    for code, label in Country.choices:
        lookup[code.casefold()] = code
        for language in ("es", "en", "pt", "fr"):
            with translation.override(language):
                lookup[normalise_institution(str(label))] = code
    return lookup


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)  # (line number, message)
    created_accounts: int = 0
    enrolled: int = 0
    already_enrolled: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    line: int
    email: str
    name: str
    country: str
    institution: str
    group: CohortGroup | None


def _parse_csv(cohort: Cohort, text: str, result: ImportResult) -> list[_Row]:
    text = text.lstrip("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        rows = list(reader)
    except csv.Error as error:
        result.errors.append(
            (reader.line_num, _("This line cannot be read as CSV: %(error)s") % {"error": error})
        )
        return []
    if not rows:
        result.errors.append((0, _("The file is empty.")))
        return []
    header = [cell.strip().casefold() for cell in rows[0]]
    if header[: len(CSV_COLUMNS)] != CSV_COLUMNS:
        result.errors.append(
            (
                1,
                _("The first line must be the column names: %(cols)s.")
                % {"cols": ",".join(CSV_COLUMNS)},
            )
        )
        return []
    groups = {normalise_institution(g.name): g for g in CohortGroup.objects.filter(cohort=cohort)}
    countries = _country_lookup()
    seen = {}
    parsed = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        cells = [cell.strip() for cell in cells] + [""] * len(CSV_COLUMNS)
        email, name, country, institution, group_name = cells[: len(CSV_COLUMNS)]
        name = clean_name(name)
        email = email.lower()
        problems = []
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("“%(email)s” is not a valid email address.") % {"email": email})
        if email in seen:
            problems.append(
                _("The same email is already on line %(line)s.") % {"line": seen[email]}
            )
        if not name:
            problems.append(_("The name is missing."))
        elif len(name) > 200:
            problems.append(_("The name is longer than 200 characters."))
        code = ""
        if country:
            code = countries.get(country.casefold()) or countries.get(
                normalise_institution(country), ""
            )
            if not code:
                problems.append(
                    _("“%(country)s” is not an OAS member state.") % {"country": country}
                )
        if len(institution) > 200:
            problems.append(_("The institution is longer than 200 characters."))
        group = None
        if group_name:
            group = groups.get(normalise_institution(group_name))
            if group is None:
                problems.append(
                    _("The cohort has no group “%(group)s” (groups: %(groups)s).")
                    % {
                        "group": group_name,
                        "groups": ", ".join(g.name for g in groups.values()) or "-",
                    }
                )
        if problems:
            result.errors.extend((number, problem) for problem in problems)
        else:
            seen[email] = number
            parsed.append(_Row(number, email, name, code, institution, group))
    if not parsed and not result.errors:
        result.errors.append((0, _("The file has no learners.")))
    return parsed


def invitation_link(user: User, language: str) -> str:
    key = default_token_generator.make_token(user)
    with translation.override(language):
        path = reverse(
            "account_reset_password_from_key",
            kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
        )
    return absolute_url(path)


@task()
def send_invitation(user_id: int, cohort_id: int) -> None:
    user = User.objects.filter(pk=user_id).first()
    cohort = Cohort.objects.select_related("course__locale").filter(pk=cohort_id).first()
    if user is None or cohort is None:
        return
    with in_language_of(user):
        language = translation.get_language()
        body = render_to_string(
            "lms/email/invitation.txt",
            {
                "user": user,
                "cohort": cohort,
                "course": cohort.course,
                "link": invitation_link(user, language),
            },
        )
        send_mail(
            subject="[RIAL Campus] "
            + _("You are invited to “%(course)s”") % {"course": cohort.course.title},
            message=body,
            from_email=None,
            recipient_list=[user.email],
        )


def enrolments_import_csv(*, actor: User, cohort: Cohort, text: str) -> ImportResult:
    """Enrol everyone in the file, creating accounts that do not exist yet.

    Every line is checked first; if any line is wrong, nothing is saved and each
    problem is reported with its line number.
    """
    _require_secretariat(actor)
    result = ImportResult()
    rows = _parse_csv(cohort, text, result)
    if result.errors:
        return result
    language = cohort.language
    with transaction.atomic():
        existing = {
            user.email.lower(): user
            for user in User.objects.filter(email__in=[row.email for row in rows])
        }
        new_users = []
        for row in rows:
            user = existing.get(row.email)
            if user is None:
                user = User.objects.create_user(row.email, None, full_name=row.name)
                Profile.objects.create(
                    user=user,
                    country=row.country,
                    institution=row.institution,
                    preferred_language=language,
                )
                EmailAddress.objects.create(
                    user=user, email=row.email, primary=True, verified=False
                )
                new_users.append(user)
                result.created_accounts += 1
            enrolment, created = _enrol(cohort=cohort, user=user, group=row.group)
            if created:
                result.enrolled += 1
                if row.group is not None and enrolment.group_id != row.group.pk:
                    enrolment.group = row.group
                    enrolment.save(update_fields=["group"])
                if user not in new_users:
                    _notify_enrolled(enrolment)
            else:
                result.already_enrolled += 1
        for user in new_users:
            transaction.on_commit(
                lambda user_id=user.pk: send_invitation.enqueue(user_id, cohort.pk)
            )
    return result
