"""Approval, what an approved plan refuses and records, the status from links, totals."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from events.models import Event
from tests.workplan.builders import (
    make_action,
    make_event,
    make_plan,
    make_proposal,
    make_publication,
)
from workplan import selectors, services
from workplan.models import Action, PlanChange, WorkPlan

pytestmark = pytest.mark.django_db


def test_the_secretariat_approves_a_draft_once_with_who_and_when(secretariat, focal):
    plan = make_plan()
    make_action(plan.lines.first())
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=focal, plan=plan)
    plan.refresh_from_db()
    assert plan.status == WorkPlan.Status.DRAFT and plan.approved_by is None
    approved = services.plan_approve(actor=secretariat, plan=plan)
    assert approved.status == WorkPlan.Status.APPROVED
    assert approved.approved_by == secretariat and approved.approved_at is not None
    change = PlanChange.objects.get(plan=plan)
    assert (change.field, change.before, change.after, change.by) == (
        "status",
        "draft",
        "approved",
        secretariat,
    )
    with pytest.raises(ValidationError):
        services.plan_approve(actor=secretariat, plan=plan)
    assert PlanChange.objects.filter(plan=plan).count() == 1


def test_a_plan_without_actions_is_not_approved(secretariat):
    plan = make_plan()
    with pytest.raises(ValidationError):
        services.plan_approve(actor=secretariat, plan=plan)
    plan.refresh_from_db()
    assert not plan.is_approved


def test_an_action_checks_its_dates_and_spend():
    errors = services.action_value_errors(
        starts_on=datetime.date(2023, 5, 2),
        ends_on=datetime.date(2023, 5, 1),
        approved_amount=Decimal("100"),
        spent=Decimal("100.01"),
    )
    assert set(errors) == {"ends_on", "spent"}
    assert not services.action_value_errors(
        starts_on=datetime.date(2023, 5, 1),
        ends_on=datetime.date(2023, 5, 1),
        approved_amount=Decimal("100"),
        spent=Decimal("100"),
    )


def test_an_approved_plan_refuses_changes_to_what_was_approved():
    plan = make_plan(approved=True)
    action = make_action(plan.lines.first())
    errors = services.action_edit_errors(action=action, changed={"title", "kind", "spent"})
    assert set(errors) == {"title", "kind"}
    with translation.override("en"):
        assert services.action_edit_errors(
            action=Action(title="Nueva", kind="study"),
            changed={"title"},
            new_line=plan.lines.first(),
        ) == {"line": "This plan is approved: it takes no new action."}
    errors = services.plan_edit_errors(plan=plan, changed={"title"}, lines_changed=True)
    assert set(errors) == {"title", "__all__"}
    draft = make_plan(start=2025, end=2027)
    assert not services.plan_edit_errors(plan=draft, changed={"title"}, lines_changed=True)
    moved = make_action(draft.lines.first())
    assert "line" in services.action_edit_errors(
        action=moved, changed={"line"}, new_line=plan.lines.first()
    )


def test_allowed_changes_of_an_approved_plan_are_recorded(secretariat):
    plan = make_plan(approved=True)
    action = make_action(plan.lines.first(), spent=Decimal("10"))
    before = services.action_snapshot(action)
    action.spent = Decimal("250.00")
    action.save()
    event = make_event("lima", days=-10)
    action.events.add(event)
    changes = services.action_changes_record(actor=secretariat, action=action, before=before)
    assert {(c.field, c.before, c.after) for c in changes} == {
        ("spent", "10.00", "250.00"),
        ("events", "", str(event.pk)),  # ids: named for each reader when read
    }
    assert all(c.by == secretariat and c.plan == plan for c in changes)
    # A draft's edits are its own business: nothing recorded.
    draft = make_plan(start=2025, end=2027)
    other = make_action(draft.lines.first())
    before = services.action_snapshot(other)
    other.spent = Decimal("5")
    other.save()
    assert services.action_changes_record(actor=secretariat, action=other, before=before) == []


def test_approved_plans_and_their_actions_are_not_deleted(secretariat):
    plan = make_plan(approved=True)
    action = make_action(plan.lines.first())
    with pytest.raises(ValidationError):
        services.plan_delete_check(actor=secretariat, plans=[plan])
    with pytest.raises(ValidationError):
        services.action_delete_check(actor=secretariat, actions=[action])
    draft = make_plan(start=2025, end=2027)
    services.plan_delete_check(actor=secretariat, plans=[draft])


def _status(action):
    action = selectors._lines(action.line.plan)  # prefetched, as the pages read it
    return {a.pk: selectors.action_status(a) for line in action for a in line.actions.all()}


def test_status_comes_from_the_links_else_from_the_secretariat():
    plan = make_plan()
    line = plan.lines.first()
    past = make_action(line, title="Pasada", typed_status="future")
    past.events.add(make_event("pasado", days=-10))
    coming = make_action(line, title="Futura", typed_status="fulfilled")
    coming.events.add(make_event("futuro", days=10))
    mixed = make_action(line, title="Mixta")
    mixed.events.add(Event.objects.get(slug="pasado"), Event.objects.get(slug="futuro"))
    running = make_action(line, title="En curso")
    running.events.add(make_event("ahora", days=-1))
    studied = make_action(line, title="Estudio", kind="study", typed_status="future")
    studied.publications.add(make_publication("Estudio"))
    recorded = make_action(line, title="Diálogo grabado", kind="dialogue", typed_status="ongoing")
    recorded.publications.add(make_publication("Grabación"))
    not_selected = make_action(line, title="Cooperación", typed_status="ongoing")
    not_selected.proposals.add(make_proposal("No seleccionada", status="confirmed"))
    selected = make_action(line, title="Cooperación hecha", typed_status="future")
    selected.proposals.add(make_proposal("Seleccionada"))
    typed = make_action(line, title="Tecleada", typed_status="ongoing")
    got = _status(past)
    assert got[past.pk] == (Action.Status.FULFILLED, True)
    assert got[coming.pk] == (Action.Status.FUTURE, True)
    assert got[mixed.pk] == (Action.Status.ONGOING, True)
    assert got[running.pk] == (Action.Status.ONGOING, True)
    assert got[studied.pk] == (Action.Status.FULFILLED, True)
    assert got[recorded.pk] == (Action.Status.ONGOING, False)  # a recording ends no dialogue
    assert got[not_selected.pk] == (Action.Status.ONGOING, False)
    assert got[selected.pk] == (Action.Status.FULFILLED, True)
    assert got[typed.pk] == (Action.Status.ONGOING, False)


def test_a_running_cohort_makes_its_action_on_going(world):
    plan = make_plan()
    action = make_action(plan.lines.first(), kind="course", typed_status="future")
    action.cohorts.add(world.cohort)  # started today, four weeks
    assert _status(action)[action.pk] == (Action.Status.ONGOING, True)
    world.cohort.starts_on = timezone.localdate() - datetime.timedelta(weeks=10)
    world.cohort.save()
    assert _status(action)[action.pk] == (Action.Status.FULFILLED, True)


def test_totals_per_line_and_plan_and_counts_per_status(secretariat):
    plan = make_plan()
    first, second = plan.lines.all()
    make_action(
        first,
        approved_amount=Decimal("1000"),
        host_contribution=Decimal("200"),
        in_kind_value=Decimal("50"),
        spent=Decimal("400"),
        typed_status="fulfilled",
    )
    make_action(first, approved_amount=Decimal("500"), spent=Decimal("500"))
    make_action(second, approved_amount=Decimal("250.50"), spent=Decimal("0"))
    view = selectors.budget_for(user=secretariat, plan=plan)
    one, two = view.lines
    assert (one.totals.approved, one.totals.spent, one.totals.balance) == (1500, 900, 600)
    assert (one.totals.host, one.totals.in_kind) == (200, 50)
    assert two.totals.approved == Decimal("250.50")
    assert (view.totals.approved, view.totals.spent, view.totals.balance) == (
        Decimal("1750.50"),
        900,
        Decimal("850.50"),
    )
    assert [(code, n) for code, _label, n in one.counts] == [
        ("fulfilled", 1),
        ("ongoing", 0),
        ("future", 1),
    ]
    assert [n for _code, _label, n in view.counts] == [1, 0, 2]


def test_an_actions_dates_fall_within_its_plans_years():
    plan = make_plan(start=2022, end=2024)
    line = plan.lines.first()
    errors = services.action_value_errors(
        starts_on=datetime.date(2021, 12, 31), ends_on=datetime.date(2025, 1, 1), line=line
    )
    assert set(errors) == {"starts_on", "ends_on"}
    assert not services.action_value_errors(
        starts_on=datetime.date(2022, 1, 1), ends_on=datetime.date(2024, 12, 31), line=line
    )


def test_overlapping_plans_are_refused():
    make_plan(start=2022, end=2024)
    for start, end in ((2023, 2025), (2020, 2022), (2022, 2024)):
        with pytest.raises(ValidationError):
            WorkPlan(title="Otro", start_year=start, end_year=end).full_clean()
    WorkPlan(title="Siguiente", start_year=2025, end_year=2027).full_clean()


def test_the_database_refuses_spend_over_the_approved_amount_and_negative_amounts():
    line = make_plan().lines.first()
    for values in (
        {"approved_amount": Decimal("10"), "spent": Decimal("11")},
        {"host_contribution": Decimal("-1")},
        {"in_kind_value": Decimal("-1")},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            make_action(line, **values)


def test_a_linked_record_deleted_elsewhere_is_recorded_on_an_approved_plan(secretariat):
    plan = make_plan(approved=True)
    action = make_action(plan.lines.first())
    gone, kept = make_event("ido", days=-3), make_event("queda", days=-3)
    action.events.add(gone, kept)
    document = make_publication("Estudio")
    action.publications.add(document)
    draft_action = make_action(make_plan(start=2025, end=2027).lines.first())
    draft_action.events.add(gone)
    gone.delete()
    document.delete()
    changes = {c.field: c for c in PlanChange.objects.all()}
    assert set(changes) == {"events", "publications"}  # nothing for the draft
    assert changes["events"].after == str(kept.pk)
    assert changes["events"].reason == PlanChange.RECORD_DELETED
    assert changes["events"].by is None and changes["publications"].after == ""
    with translation.override("en"):
        page = selectors.changes_for(user=secretariat, plan=plan)
        shown = {c.field: (c.before_shown, c.after_shown) for c in page}
        assert shown["events"] == ("Taller queda, 1 record you may not see", "Taller queda")
        assert str(changes["events"].reason_label).startswith("Link removed")
