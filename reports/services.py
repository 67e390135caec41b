"""Writes about performance reports: the foreword, publishing the public summary, and
the report's CSV (its PDF is in reports/pdf.py).

Only the secretariat writes. Publishing, withdrawing and every change of a foreword
are recorded (``ReportAction``) with who and when, and never rewritten.
"""

import csv
import io

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import User
from lms.selectors.reports import csv_safe  # the one guard against formulas in CSV
from reports.models import PerformanceReport, ReportAction, ReportForeword
from workplan.models import WorkPlan

FOREWORD_MAX = 20_000


def _require_secretariat(actor) -> None:
    if actor is None or not actor.is_authenticated or not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat edits performance reports."))


def _report(plan: WorkPlan) -> PerformanceReport:
    """The plan's report row, locked for this transaction (made the first time)."""
    report, _created = PerformanceReport.objects.get_or_create(plan=plan)
    return PerformanceReport.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def report_forewords_set(
    *, actor: User, plan: WorkPlan, texts: dict[str, str]
) -> PerformanceReport:
    """Save the foreword in each language given (an empty text removes that language's).
    Every text is checked before anything is saved."""
    _require_secretariat(actor)
    languages = {code for code, _name in settings.LANGUAGES}
    errors = {}
    for language, text in texts.items():
        if language not in languages:
            errors[language] = _("Choose one of the network's languages.")
        elif len(text) > FOREWORD_MAX:
            errors[language] = _("At most %(n)s characters.") % {"n": f"{FOREWORD_MAX:,}"}
    if errors:
        raise ValidationError(errors)
    report = _report(plan)
    current = {foreword.language: foreword for foreword in report.forewords.all()}
    now = timezone.now()
    for language, text in texts.items():
        text = text.strip()
        foreword = current.get(language)
        if not text:
            if foreword is not None:
                foreword.delete()
                _record(report, ReportAction.Kind.FOREWORD_REMOVED, actor, now, language)
            continue
        if foreword is not None and foreword.text == text:
            continue
        foreword = foreword or ReportForeword(report=report, language=language)
        foreword.text = text
        foreword.updated_at = now
        foreword.updated_by = actor
        foreword.save()
        _record(report, ReportAction.Kind.FOREWORD, actor, now, language)
    return report


def _record(report, kind, actor, at, language="") -> None:
    ReportAction.objects.create(report=report, kind=kind, by=actor, at=at, language=language)


@transaction.atomic
def report_publish(*, actor: User, plan: WorkPlan) -> PerformanceReport:
    """Publish the public summary of an approved plan's report."""
    _require_secretariat(actor)
    if not plan.is_approved:
        raise ValidationError(_("Only an approved plan's report can be published."))
    report = _report(plan)
    if not report.is_public:
        report.is_public = True
        report.published_at = timezone.now()
        report.published_by = actor
        report.save(update_fields=["is_public", "published_at", "published_by"])
        _record(report, ReportAction.Kind.PUBLISHED, actor, report.published_at)
    return report


@transaction.atomic
def report_withdraw(*, actor: User, plan: WorkPlan) -> PerformanceReport:
    """Take the public summary down (who published it last, and when, stays recorded)."""
    _require_secretariat(actor)
    report = _report(plan)
    if report.is_public:
        report.is_public = False
        report.save(update_fields=["is_public"])
        _record(report, ReportAction.Kind.WITHDRAWN, actor, timezone.now())
    return report


def _blank(value):
    """A number, or an empty cell where there is none (never a 0 that was not measured)."""
    return "" if value is None else value


def report_csv(*, report) -> str:
    """The report (``selectors.report_for``, already checked for the reader) as CSV:
    one table after the other, each under its title, numbers as numbers and every
    typed text guarded against formulas. Starts with a byte-order mark so that
    spreadsheets read accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def table(title, header, rows):
        writer.writerow([title])
        writer.writerow(header)
        writer.writerows(rows)
        writer.writerow([])

    statuses = [label for _code, label, _n in report.counts]
    table(
        _("Activities per priority line"),
        [_("Priority line"), *statuses],
        [[csv_safe(line.title), *(n for _code, _label, n in line.counts)] for line in report.lines],
    )
    table(
        _("Actions"),
        [_("Priority line"), _("Action"), _("Status"), _("Participants"), _("Countries")],
        [
            [
                csv_safe(line.title),
                csv_safe(row.action.title),
                row.status_label,
                row.participants,
                len(row.countries),
            ]
            for line in report.lines
            for row in line.actions
        ],
    )
    people = report.participation
    table(
        _("Participants by country and constituency"),
        [_("Country"), _("Participants"), *people.constituency_labels],
        [[row.name, row.total, *row.by_constituency] for row in people.countries],
    )
    if people.sex is not None:
        table(
            _("Participants by sex"),
            [_("Sex"), _("Participants")],
            [[label, _blank(n)] for label, n in people.sex],
        )
    table(
        _("Participants by institution"),
        [_("Country"), _("Institution"), _("Participants")],
        [[country, csv_safe(name), n] for country, name, n in people.institutions],
    )
    training = report.training
    table(
        _("Officials trained and certified"),
        [
            _("Cohort"),
            _("Course"),
            _("Enrolled"),
            _("Completed"),
            _("Certified"),
            _("Survey respondents"),
            _("Mean rating (1-5)"),
        ],
        [
            [
                csv_safe(row.name),
                csv_safe(row.course),
                row.enrolled,
                row.completed,
                row.certified,
                row.respondents,
                _blank(row.rating),
            ]
            for row in training.cohorts
        ],
    )
    table(
        _("Ministries in each dialogue"),
        [_("Dialogue"), _("Countries"), _("Ministries")],
        [
            [csv_safe(item.title), len(item.countries), "; ".join(item.countries)]
            for item in report.dialogues
        ],
    )
    table(
        _("Cooperation activities"),
        [_("Topic"), _("Status"), _("Providing ministry"), _("Beneficiaries"), _("Results")],
        [
            [
                csv_safe(item.topic),
                item.status,
                item.providing,
                "; ".join(item.beneficiaries),
                "; ".join(item.results),
            ]
            for item in report.cooperation
        ],
    )
    table(
        _("Pilot projects"),
        [
            _("Pilot project"),
            _("Leading ministry"),
            _("Partner ministries"),
            _("Status"),
            _("Currency"),
            _("Funding sought"),
            _("Funding obtained"),
            _("Source of the funding"),
        ],
        [
            [
                csv_safe(item.title),
                item.leading,
                "; ".join(item.partners),
                item.status,
                item.currency,
                item.sought,
                item.obtained,
                csv_safe(item.source),
            ]
            for item in report.pilots
        ],
    )
    table(
        _("Evaluations"),
        [_("Evaluation of"), _("Answers"), _("Satisfaction (1-5)"), _("Usefulness (1-5)")],
        [
            [csv_safe(row.title), row.respondents, _blank(row.satisfaction), _blank(row.usefulness)]
            for row in report.evaluations
        ],
    )
    if report.with_budget:
        table(
            _("Budget executed"),
            [_("Priority line"), _("Approved (USD)"), _("Spent to date (USD)"), _("Executed (%)")],
            [
                *(
                    [csv_safe(line.title), line.approved, line.spent, _blank(line.execution)]
                    for line in report.lines
                ),
                [_("Total of the plan"), report.approved, report.spent, _blank(report.execution)],
            ],
        )
    return "\ufeff" + buffer.getvalue()
