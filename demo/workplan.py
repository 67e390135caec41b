"""Demo work plans: the approved 2022-2024 plan with its eight priority lines, actions
linked to the demo's workshops, cohorts, spaces, cooperation proposals and documents,
with a budget and its performance report (forewords, summary published); and a draft
of the next plan. Texts in demo/data/workplan.toml.

Written directly (not through the admin's forms): the demo is the record as it stands,
approval included, and a plan already there (by its period) is left alone."""

from decimal import Decimal

from django.db import transaction

from cooperation.models import Proposal
from demo.files import read_toml
from events.models import Event
from forum.models import Space
from library.models import Publication
from lms.models import Cohort, User
from reports.models import PerformanceReport, ReportAction, ReportForeword
from workplan.models import Action, Funder, PriorityLine, WorkPlan
from workplan.services import plan_approval_record

DATA = read_toml("workplan.toml")
AMOUNTS = ("approved_amount", "host_contribution", "in_kind_value", "spent")
LINKS = {
    "events": (Event, "slug"),
    "cohorts": (Cohort, "name"),
    "spaces": (Space, "slug"),
    "proposals": (Proposal, "topic"),
    "publications": (Publication, "title"),
}
FIELDS = ("title", "kind", "host_country", "starts_on", "ends_on", "typed_status")
TEXTS = ("mandates", "financing", "in_kind_description")


@transaction.atomic
def ensure_workplan() -> int:
    """Create the plans that are missing; returns how many were created."""
    funders = {}
    for spec in DATA["funders"]:
        funders[spec["name"]], _created = Funder.objects.get_or_create(
            name=spec["name"], defaults={"kind": spec["kind"]}
        )
    created = 0
    for spec in DATA["plans"]:
        existing = WorkPlan.objects.filter(
            start_year=spec["start_year"], end_year=spec["end_year"]
        ).first()
        if existing is not None:
            # A demo loaded before reports existed gets the report alone.
            if "report" in spec and not PerformanceReport.objects.filter(plan=existing).exists():
                _report(existing, spec["report"])
            continue
        _plan(spec, funders)
        created += 1
    return created


def _plan(spec: dict, funders: dict) -> WorkPlan:
    plan = WorkPlan.objects.create(
        title=spec["title"],
        start_year=spec["start_year"],
        end_year=spec["end_year"],
        summary=spec.get("summary", ""),
    )
    for number, line_spec in enumerate(spec["lines"]):
        line = PriorityLine.objects.create(
            plan=plan,
            sort_order=number,
            title=line_spec["title"],
            description=line_spec.get("description", ""),
        )
        for order, action_spec in enumerate(line_spec.get("actions", [])):
            _action(line, order, action_spec, funders)
    if "approved_at" in spec:
        approver = User.objects.filter(email=spec.get("approved_by", "")).first()
        plan_approval_record(plan=plan, by=approver, at=spec["approved_at"])
    if "report" in spec:
        _report(plan, spec["report"])
    return plan


def _report(plan: WorkPlan, spec: dict) -> None:
    publisher = User.objects.filter(email=spec.get("published_by", "")).first()
    report = PerformanceReport.objects.create(
        plan=plan,
        is_public="published_at" in spec,
        published_at=spec.get("published_at"),
        published_by=publisher,
    )
    if report.is_public:
        ReportAction.objects.create(
            report=report, kind=ReportAction.Kind.PUBLISHED, by=publisher, at=report.published_at
        )
    for language, text in spec.get("forewords", {}).items():
        ReportForeword.objects.create(
            report=report,
            language=language,
            text=text.strip(),
            updated_at=spec.get("published_at") or report.created_at,
            updated_by=publisher,
        )


def _action(line: PriorityLine, order: int, spec: dict, funders: dict) -> Action:
    action = Action.objects.create(
        line=line,
        sort_order=order,
        source=funders.get(spec.get("source", "")),
        **{name: spec[name] for name in FIELDS if name in spec},
        **{name: spec.get(name, "") for name in TEXTS},
        **{name: Decimal(str(spec.get(name, 0))) for name in AMOUNTS},
    )
    for name, (model, key) in LINKS.items():
        wanted = spec.get(name, [])
        if wanted:
            getattr(action, name).set(model.objects.filter(**{f"{key}__in": wanted}))
    return action
