"""Enrolling a list of people in a cohort from a CSV file: every line checked first,
then a job the worker runs, creating the accounts that do not exist and inviting them."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.choices import Country
from lms.models import Cohort, CohortGroup, ImportJob, Notification, Profile, User
from lms.models.cohorts import normalise_institution
from lms.services.cohorts import require_cohort_manager
from lms.services.enrolment import enrolled_text, enrolments_add
from lms.services.jobs import Step, import_job_run, import_job_start
from lms.services.notifications import in_language_of, language_or_default, notification_email
from lms.services.people import accounts_ensure, clean_name, invitation_link

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
    require_cohort_manager(actor)
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
    outcome = enrolments_add(cohort=cohort, people=people)
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
                Notification(user=user, kind="enrolled", emailed_at=now, **enrolled_text(cohort))
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
