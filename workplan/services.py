"""Writes about work plans: approval, the rules that keep an approved plan from
changing silently, the record of the changes that are allowed, the budget's CSV.

What an approved plan says it will do is refused if changed: the plan's title,
period and summary, its priority lines, and each action's line, title, kind and
mandates; no action is added to it or taken away. What moves while the plan runs
(dates, host country, status, links to what realised an action, the financing
summary and the budget) may change, and each change is written in ``PlanChange``
with who and when. Spend to date never exceeds the approved amount: an overrun is
recorded by revising the approved amount first (itself recorded).
"""

import csv
import io
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import User
from lms.selectors.reports import csv_safe  # the one guard against formulas in CSV
from workplan.models import Action, Funder, PlanChange, WorkPlan

# What the body approved: refused if changed once the plan is approved.
FROZEN_PLAN_FIELDS = ("title", "start_year", "end_year", "summary", "approving_body")
FROZEN_ACTION_FIELDS = ("line", "title", "kind", "mandates")
# What moves while the plan runs: allowed, each change recorded.
RECORDED_ACTION_FIELDS = (
    "sort_order",
    "host_country",
    "starts_on",
    "ends_on",
    "typed_status",
    "financing",
    "events",
    "cohorts",
    "spaces",
    "proposals",
    "publications",
    "source",
    "approved_amount",
    "host_contribution",
    "in_kind_description",
    "in_kind_value",
    "spent",
)


def require_secretariat(actor) -> None:
    if actor is None or not actor.is_authenticated or not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat edits work plans."))


def action_value_errors(
    *, starts_on=None, ends_on=None, approved_amount=None, spent=None, line=None, **_ignored
) -> dict:
    """Checks on an action's own values, whatever its plan's state."""
    errors = {}
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The action ends on or after the day it starts.")
    if line is not None:
        plan = line.plan
        for name, day in (("starts_on", starts_on), ("ends_on", ends_on)):
            if day and not plan.start_year <= day.year <= plan.end_year and name not in errors:
                errors[name] = _(
                    "The action's dates fall within its plan's years (%(period)s)."
                ) % {"period": plan.period}
    if approved_amount is not None and spent is not None and spent > approved_amount:
        errors["spent"] = _(
            "Spend to date is over the approved amount: revise the approved amount first "
            "(the revision is recorded)."
        )
    return errors


def plan_edit_errors(*, plan: WorkPlan, changed: set[str], lines_changed: bool) -> dict:
    """What an edit of the plan (and its lines) may not change once it is approved."""
    if not plan.pk or not plan.is_approved:
        return {}
    errors = {}
    for name in FROZEN_PLAN_FIELDS:
        if name in changed:
            errors[name] = _("The plan is approved: this cannot change.")
    if lines_changed:
        errors["__all__"] = _("The plan is approved: its priority lines cannot change.")
    return errors


def action_edit_errors(*, action: Action, changed: set[str], new_line=None) -> dict:
    """What an edit of an action may not change (``action`` as it is stored;
    ``new_line`` the line it is being put in)."""
    errors = {}
    stored_plan = action.line.plan if action.pk else None
    target_plan = new_line.plan if new_line is not None else stored_plan
    if not action.pk:
        if target_plan is not None and target_plan.is_approved:
            errors["line"] = _("This plan is approved: it takes no new action.")
        return errors
    if stored_plan.is_approved:
        for name in FROZEN_ACTION_FIELDS:
            if name in changed:
                errors[name] = _("The plan is approved: this cannot change.")
    elif target_plan is not None and target_plan.is_approved and "line" in changed:
        errors["line"] = _("This plan is approved: it takes no new action.")
    return errors


def _shown(value) -> str:
    if hasattr(value, "all"):  # links: their ids, named for each reader when read
        return ",".join(str(pk) for pk in sorted(item.pk for item in value.all()))
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return "" if value is None else str(value)


def action_snapshot(action: Action) -> dict:
    """The recorded fields' values as text, to compare before and after an edit."""
    if not action.pk:
        return {}
    return {name: _shown(getattr(action, name)) for name in RECORDED_ACTION_FIELDS}


@transaction.atomic
def action_changes_record(*, actor: User, action: Action, before: dict) -> list[PlanChange]:
    """After an edit of an action of an approved plan: one row per changed field."""
    plan = action.line.plan
    if not plan.is_approved or not before:
        return []
    after = action_snapshot(action)
    now = timezone.now()
    changes = [
        PlanChange(
            plan=plan,
            action=action,
            field=name,
            before=before.get(name, ""),
            after=after[name],
            by=actor,
            at=now,
        )
        for name in RECORDED_ACTION_FIELDS
        if before.get(name, "") != after[name]
    ]
    return PlanChange.objects.bulk_create(changes)


@transaction.atomic
def action_links_record_deleted(*, field: str, record_pk: int) -> list[PlanChange]:
    """A record linked to actions (``field`` one of ``PlanChange.LINK_FIELDS``) is being
    deleted elsewhere: its link goes with it, recorded for each approved plan's action."""
    actions = Action.objects.filter(
        **{field: record_pk}, line__plan__status=WorkPlan.Status.APPROVED
    ).select_related("line__plan")
    now = timezone.now()
    changes = []
    for action in actions:
        before = _shown(getattr(action, field))
        after = ",".join(pk for pk in before.split(",") if pk != str(record_pk))
        changes.append(
            PlanChange(
                plan=action.line.plan,
                action=action,
                field=field,
                before=before,
                after=after,
                by=None,
                at=now,
                reason=PlanChange.RECORD_DELETED,
            )
        )
    return PlanChange.objects.bulk_create(changes)


def funder_edit_errors(*, funder: Funder, changed: set[str]) -> dict:
    """A source of funds an approved plan's budget names keeps its name."""
    if funder.pk and "name" in changed:
        used = Action.objects.filter(source=funder, line__plan__status=WorkPlan.Status.APPROVED)
        if used.exists():
            return {"name": _("An approved plan's budget names this source: it keeps its name.")}
    return {}


def action_delete_check(*, actor: User, actions) -> None:
    require_secretariat(actor)
    if any(action.line.plan.is_approved for action in actions):
        raise ValidationError(_("The plan is approved: its actions cannot be taken away."))


def plan_delete_check(*, actor: User, plans) -> None:
    require_secretariat(actor)
    if any(plan.is_approved for plan in plans):
        raise ValidationError(_("An approved plan cannot be deleted."))


@transaction.atomic
def plan_approve(*, actor: User, plan: WorkPlan) -> WorkPlan:
    """The secretariat records the plan's approval (draft to approved): who and when."""
    require_secretariat(actor)
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_approved:
        raise ValidationError(_("This plan is already approved."))
    if not Action.objects.filter(line__plan=plan).exists():
        raise ValidationError(_("A plan is approved with its priority lines and actions."))
    plan_approval_record(plan=plan, by=actor, at=timezone.now())
    return plan


def plan_approval_record(*, plan: WorkPlan, by: User | None, at) -> None:
    """Write the approval on the plan and in its record of changes (the demo's too)."""
    plan.status = WorkPlan.Status.APPROVED
    plan.approved_by = by
    plan.approved_at = at
    plan.save(update_fields=["status", "approved_by", "approved_at"])
    PlanChange.objects.create(
        plan=plan,
        field="status",
        before=WorkPlan.Status.DRAFT,
        after=WorkPlan.Status.APPROVED,
        by=by,
        at=at,
    )


# --- the budget's CSV --------------------------------------------------------------------------


def budget_csv(*, budget) -> str:
    """The budget (``selectors.budget_for``: already checked for the reader) as CSV, one
    row per action then one per line's total and the plan's. Amounts in US dollars,
    numbers as numbers; every typed text guarded against formulas. Starts with a
    byte-order mark so that spreadsheets read accents right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("Priority line"),
            _("Action"),
            _("Source of funds"),
            _("Approved (USD)"),
            _("Host contribution (USD)"),
            _("In-kind contribution"),
            _("In-kind value (USD)"),
            _("Spent to date (USD)"),
            _("Balance (USD)"),
        ]
    )
    for line in budget.lines:
        for row in line.actions:
            action = row.action
            writer.writerow(
                [
                    csv_safe(line.line.title),
                    csv_safe(action.title),
                    csv_safe(action.source.name if action.source else ""),
                    action.approved_amount,
                    action.host_contribution,
                    csv_safe(action.in_kind_description),
                    action.in_kind_value,
                    action.spent,
                    row.balance,
                ]
            )
        _total_row(writer, _("Total of the line"), csv_safe(line.line.title), line.totals)
    _total_row(writer, _("Total of the plan"), csv_safe(budget.plan.title), budget.totals)
    return "\ufeff" + buffer.getvalue()


def _total_row(writer, label, name, totals) -> None:
    writer.writerow(
        [
            name,
            label,
            "",
            totals.approved,
            totals.host,
            "",
            totals.in_kind,
            totals.spent,
            totals.balance,
        ]
    )
