"""Calls for enrolment, applications, cohorts, groups and bulk enrolment."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks

from courses.models import CoursePage
from lms.choices import Country, Role
from lms.models import (
    Application,
    Cohort,
    CohortGroup,
    Enrolment,
    EnrolmentCall,
    ImportJob,
    Notification,
    Profile,
    RoleGrant,
    User,
)
from lms.models.cohorts import normalise_institution
from lms.services.jobs import Step, import_job_run, import_job_start
from lms.services.notifications import (
    absolute_url,
    in_language_of,
    language_or_default,
    notification_email,
    notifications_fan_out,
)
from lms.services.people import accounts_ensure, clean_name


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


def _emptiest(groups: list[CohortGroup]) -> CohortGroup | None:
    """The group with the fewest learners (``learners`` annotated and kept up to date)."""
    return min(groups, key=lambda group: (group.learners, group.name), default=None)


def _enrol_many(
    *, cohort: Cohort, people: list[tuple[User, CohortGroup | None]]
) -> dict[int, tuple[Enrolment, bool]]:
    """Enrol these people, in bulk: each user id gives its enrolment and whether it
    is new (a withdrawn learner comes back). People without a group join the
    emptiest one. Everyone enrolled is a participant."""
    groups = list(
        CohortGroup.objects.filter(cohort=cohort).annotate(
            learners=Count("enrolments", filter=~Q(enrolments__status=Enrolment.Status.WITHDRAWN))
        )
    )
    by_id = {group.pk: group for group in groups}
    existing = {
        enrolment.user_id: enrolment
        for enrolment in Enrolment.objects.filter(
            cohort=cohort, user__in=[user.pk for user, _group in people]
        )
    }
    new, back, outcome = [], [], {}
    for user, group in people:
        group = by_id.get(group.pk) if group is not None else None
        enrolment = existing.get(user.pk)
        if enrolment is None:
            enrolment = Enrolment(cohort=cohort, user=user, group=group or _emptiest(groups))
            new.append(enrolment)
            existing[user.pk] = enrolment
        elif enrolment.status == Enrolment.Status.WITHDRAWN:
            enrolment.status = Enrolment.Status.ACTIVE
            if group is not None:
                enrolment.group = group
            back.append(enrolment)
        else:
            outcome[user.pk] = (enrolment, False)
            continue
        if enrolment.group_id in by_id:
            by_id[enrolment.group_id].learners += 1
        outcome[user.pk] = (enrolment, True)
    # Someone enrolled by another hand meanwhile keeps that enrolment.
    Enrolment.objects.bulk_create(new, ignore_conflicts=True)
    Enrolment.objects.bulk_update(back, ["status", "group"])
    ids = [user.pk for user, _group in people]
    granted = set(
        RoleGrant.objects.filter(user__in=ids, role=Role.PARTICIPANT).values_list(
            "user_id", flat=True
        )
    )
    RoleGrant.objects.bulk_create(
        [
            RoleGrant(user_id=pk, role=Role.PARTICIPANT)
            for pk in dict.fromkeys(ids)
            if pk not in granted
        ],
        ignore_conflicts=True,
    )
    return outcome


def _enrolled_text(cohort: Cohort) -> dict:
    """The "you are enrolled" notification, in the active language."""
    return {
        "title": _("You are enrolled in “%(course)s”") % {"course": cohort.course.title},
        "body": _("The course starts on %(date)s. Week 1 opens that day.")
        % {"date": formats.date_format(cohort.starts_on, "DATE_FORMAT")},
        "url": reverse("lms:dashboard"),
    }


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
    status = Application.Status.ACCEPTED if accept else Application.Status.REJECTED
    decided = [application.pk for application in pending]
    Application.objects.filter(pk__in=decided).update(
        status=status, decided_by=actor, decided_at=timezone.now()
    )
    if accept:
        _enrol_many(cohort=cohort, people=[(application.user, None) for application in pending])
        result.accepted = len(pending)
    else:
        result.rejected = len(pending)
    if decided:
        # Everyone is told (and emailed) by the worker, not in this request.
        from lms.tasks import applications_notify

        transaction.on_commit(lambda: applications_notify.enqueue(decided))
    return result


def applications_notify(*, application_ids: list[int]) -> int:
    """Tell each person the decision on their application (a task's work): accepted
    ones that they are enrolled, the others that there was no seat. A second run
    tells nobody twice."""
    applications = Application.objects.filter(
        pk__in=application_ids,
        status__in=[Application.Status.ACCEPTED, Application.Status.REJECTED],
    ).select_related("user", "call__cohort__course")
    by_decision: dict[tuple, list[Application]] = {}
    for application in applications:
        by_decision.setdefault((application.call, application.status), []).append(application)
    told = 0
    for (call, status), decided in by_decision.items():
        if status == Application.Status.ACCEPTED:
            cohort = call.cohort

            def write(_person, cohort=cohort):
                return _enrolled_text(cohort)

            kind = "enrolled"
        else:

            def write(_person, call=call):
                return {
                    "title": _("Your application to “%(call)s”") % {"call": call.title},
                    "body": _(
                        "Thank you for applying. This time we could not offer you a seat; "
                        "we will let you know about the next calls."
                    ),
                    "url": reverse("lms:dashboard"),
                }

            kind = "application"
        told += notifications_fan_out(
            people=[application.user for application in decided],
            kind=kind,
            key=f"application:{call.pk}:{status}",
            write=write,
            email=True,
        )
    return told


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
    """The check of a file: its problems (line number, message), or the job that
    enrols everyone in it (counters on the job, filled by the worker)."""

    errors: list = field(default_factory=list)
    job: ImportJob | None = None

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


def invitation_email(user: User, cohort: Cohort) -> EmailMessage:
    """The invitation of a new account to its course, in the person's language."""
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
        return EmailMessage(
            subject="[RIAL Campus] "
            + _("You are invited to “%(course)s”") % {"course": cohort.course.title},
            body=body,
            to=[user.email],
        )


def enrolments_import_csv(*, actor: User, cohort: Cohort, text: str, token=None) -> ImportResult:
    """Check every line of the file and start enrolling everyone in it, creating
    accounts that do not exist yet.

    If any line is wrong, nothing is saved and each problem is reported with its
    line number. Otherwise the checked lines go to a job that the worker works
    through (``enrolment_import_run``); the same form sent twice makes one job.
    """
    _require_secretariat(actor)
    result = ImportResult()
    rows = _parse_csv(cohort, text, result)
    if result.errors:
        return result
    result.job = import_job_start(
        actor=actor,
        kind=ImportJob.Kind.ENROLMENT,
        target_id=cohort.pk,
        target_label=cohort.name,
        links={
            "back": ["lms:manage_cohort", {"cohort_id": cohort.pk}],
            "again": ["lms:manage_cohort_import", {"cohort_id": cohort.pk}],
        },
        rows=[
            [row.line, row.email, row.name, row.country, row.institution, group_id]
            for row in rows
            for group_id in [row.group.pk if row.group else None]
        ],
        task_path="lms.tasks.enrolment_import",
        token=token,
    )
    return result


def _enrolment_step(job: ImportJob, batch: list) -> Step:
    """Enrol one batch of checked lines (in the worker), in bulk."""
    cohort = Cohort.objects.select_related("course").get(pk=job.target_id)
    step = Step()
    language = cohort.language
    users, created = accounts_ensure(
        people=[
            (email, name, {"country": c, "institution": i, "preferred_language": language})
            for _line, email, name, c, i, _group in batch
        ]
    )
    step.created_accounts = len(created)
    groups = {group.pk: group for group in CohortGroup.objects.filter(cohort=cohort)}
    people = []
    for line, email, _name, _country, _institution, group_id in batch:
        group = groups.get(group_id) if group_id else None
        if group_id and group is None:
            step.errors.append(
                (line, _("The group of this line was deleted meanwhile: enrolled without it."))
            )
        people.append((users[email], group))
    outcome = _enrol_many(cohort=cohort, people=people)
    told = []
    for line, email, *_fields in batch:
        user = users[email]
        _enrolment, new = outcome[user.pk]
        if not new:
            step.already += 1
            continue
        step.added += 1
        if email in created:
            step.emails.append([line, "invitation", user.pk, email])
        else:
            told.append((line, user))
    # People who had an account are told in the campus and by email (the job
    # sends it: claimed here, so no other task sends it again).
    languages = dict(
        Profile.objects.filter(user__in=[user for _line, user in told]).values_list(
            "user_id", "preferred_language"
        )
    )
    now = timezone.now()
    notices = []
    for _line, user in told:
        with translation.override(language_or_default(languages.get(user.pk))):
            notices.append(
                Notification(user=user, kind="enrolled", emailed_at=now, **_enrolled_text(cohort))
            )
    Notification.objects.bulk_create(notices)
    step.emails += [
        [line, "notice", notice.pk, user.email]
        for (line, user), notice in zip(told, notices, strict=True)
    ]
    return step


def _enrolment_emails(job: ImportJob, outbox: list) -> list[tuple[list, EmailMessage]]:
    cohort = Cohort.objects.select_related("course").get(pk=job.target_id)
    users = User.objects.select_related("profile").in_bulk(
        [entry[2] for entry in outbox if entry[1] == "invitation"]
    )
    notices = Notification.objects.select_related("user__profile").in_bulk(
        [entry[2] for entry in outbox if entry[1] == "notice"]
    )
    messages = []
    for entry in outbox:
        if entry[1] == "invitation" and entry[2] in users:
            messages.append((entry, invitation_email(users[entry[2]], cohort)))
        elif entry[1] == "notice" and entry[2] in notices:
            messages.append((entry, notification_email(notices[entry[2]])))
    return messages


def enrolment_import_run(*, job_id: int) -> ImportJob | None:
    """Enrol the lines of an import job (the worker's part; safe to run again)."""
    return import_job_run(job_id=job_id, step=_enrolment_step, emails=_enrolment_emails)
