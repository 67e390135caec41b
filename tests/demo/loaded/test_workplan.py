"""The demo's work plans, loaded with the whole demo: linked, budgeted, idempotent."""

from demo.workplan import ensure_workplan
from tests.workplan.builders import url
from workplan import selectors
from workplan.models import Action, Funder, PlanChange, PriorityLine, WorkPlan


def test_the_demo_plan_is_approved_linked_budgeted_and_loads_once(demo, client):
    plan = WorkPlan.objects.get(start_year=2022, end_year=2024)
    assert plan.is_approved and plan.approved_by.email == "secretariat@example.org"
    assert plan.lines.count() == 8
    actions = Action.objects.filter(line__plan=plan)
    assert all(
        actions.filter(**{f"{name}__isnull": False}).exists()
        for name in ("events", "cohorts", "spaces", "proposals", "publications")
    )
    # Every name in the data file found its record.
    assert actions.filter(title__contains="educación y trabajo").get().publications.count() == 2
    assert actions.filter(kind="course").get().cohorts.count() == 2
    assert sum(action.approved_amount for action in actions) > 0
    draft = WorkPlan.objects.get(start_year=2025)
    assert not draft.is_approved
    counts = [
        model.objects.count() for model in (WorkPlan, PriorityLine, Action, Funder, PlanChange)
    ]
    assert ensure_workplan() == 0
    assert [
        model.objects.count() for model in (WorkPlan, PriorityLine, Action, Funder, PlanChange)
    ] == counts
    page = client.get(url("plan", pk=plan.pk))
    assert page.status_code == 200
    view = selectors.plan_view(user=page.wsgi_request.user, plan=plan)
    statuses = {row.action.title: row.status for line in view.lines for row in line.actions}
    assert statuses["Taller hemisférico sobre diálogo social"] == "fulfilled"
    assert statuses["Curso virtual sobre violencia basada en género en el trabajo"] == "ongoing"
    assert statuses["Diálogo virtual sobre inspección del trabajo y teletrabajo"] == "future"
    assert client.get(url("plans")).content.decode().count(url("plan", pk=draft.pk)) == 0
