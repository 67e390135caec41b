"""The secretariat's editing surface (the Wagtail admin): checks everything first,
refuses changes to what an approved plan says, records the changes it allows."""

from decimal import Decimal

import pytest

from tests.mfa import mfa_force_login
from tests.workplan.builders import make_action, make_event, make_plan
from workplan.models import Action, PlanChange, PriorityLine, WorkPlan

pytestmark = pytest.mark.django_db

ACTIONS = "/admin/snippets/workplan/action/"
PLANS = "/admin/snippets/workplan/workplan/"


def _action_data(action, **changes):
    data = {
        "line": action.line_id,
        "title": action.title,
        "sort_order": action.sort_order,
        "kind": action.kind,
        "host_country": action.host_country,
        "typed_status": action.typed_status,
        "starts_on": action.starts_on or "",
        "ends_on": action.ends_on or "",
        "mandates": action.mandates,
        "financing": action.financing,
        "source": action.source_id or "",
        "approved_amount": action.approved_amount,
        "host_contribution": action.host_contribution,
        "in_kind_description": action.in_kind_description,
        "in_kind_value": action.in_kind_value,
        "spent": action.spent,
        "events": [event.pk for event in action.events.all()] if action.pk else [],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def admin_client(client, secretariat):
    mfa_force_login(client, secretariat)
    return client


def test_the_admin_lists_and_edits_actions(admin_client, fund):
    plan = make_plan()
    action = make_action(plan.lines.first(), title="Taller de Lima")
    assert "Taller de Lima" in admin_client.get(ACTIONS).content.decode()
    assert "Plan 2022-2024" in admin_client.get(PLANS).content.decode()
    assert (
        "Fondo de la RIAL" in admin_client.get("/admin/snippets/workplan/funder/").content.decode()
    )
    edit = admin_client.get(f"{ACTIONS}edit/{action.pk}/")
    assert edit.status_code == 200 and "2022-2024 · Línea 1" in edit.content.decode()
    response = admin_client.post(
        f"{ACTIONS}edit/{action.pk}/", _action_data(action, title="Taller de Quito")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    action.refresh_from_db()
    assert action.title == "Taller de Quito"
    assert not PlanChange.objects.exists()  # a draft: nothing to record


def test_bad_input_is_refused_whole(admin_client):
    plan = make_plan()
    action = make_action(plan.lines.first(), title="Taller", approved_amount=Decimal("100"))
    response = admin_client.post(
        f"{ACTIONS}edit/{action.pk}/",
        _action_data(
            action,
            title="Cambiado",
            starts_on="2023-05-02",
            ends_on="2023-05-01",
            spent="150",
            host_contribution="-5",
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"ends_on", "spent", "host_contribution"} <= set(errors)
    action.refresh_from_db()
    assert action.title == "Taller" and action.spent == 0


def test_an_approved_plans_action_refuses_new_content_and_records_the_rest(
    admin_client, secretariat
):
    plan = make_plan(approved=True)
    action = make_action(plan.lines.first(), title="Taller", approved_amount=Decimal("100"))
    refused = admin_client.post(
        f"{ACTIONS}edit/{action.pk}/", _action_data(action, title="Otro", spent="50")
    )
    assert refused.status_code == 200 and "title" in refused.context["form"].errors
    action.refresh_from_db()
    assert action.title == "Taller" and action.spent == 0
    event = make_event("lima", days=-3)
    allowed = admin_client.post(
        f"{ACTIONS}edit/{action.pk}/", _action_data(action, spent="50", events=[event.pk])
    )
    assert allowed.status_code == 302, allowed.content.decode()[:2000]
    action.refresh_from_db()
    assert action.spent == 50 and list(action.events.all()) == [event]
    changes = {c.field: (c.before, c.after, c.by) for c in PlanChange.objects.all()}
    assert changes == {
        "spent": ("0.00", "50.00", secretariat),
        "events": ("", "Taller lima", secretariat),
    }
    added = admin_client.post(
        f"{ACTIONS}add/", _action_data(Action(line=plan.lines.first(), title="Nueva", kind="study"))
    )
    assert added.status_code == 200 and "line" in added.context["form"].errors
    assert Action.objects.count() == 1


def _plan_data(plan, **changes):
    lines = list(plan.lines.all())
    data = {
        "title": plan.title,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "summary": plan.summary,
        "lines-TOTAL_FORMS": len(lines),
        "lines-INITIAL_FORMS": len(lines),
        "lines-MIN_NUM_FORMS": 1,
        "lines-MAX_NUM_FORMS": 1000,
    }
    for n, line in enumerate(lines):
        data |= {
            f"lines-{n}-id": line.pk,
            f"lines-{n}-title": line.title,
            f"lines-{n}-description": line.description,
            f"lines-{n}-ORDER": n + 1,
            f"lines-{n}-DELETE": "",
        }
    data.update(changes)
    return data


def test_an_approved_plan_and_its_lines_do_not_change(admin_client):
    plan = make_plan(approved=True)
    same = admin_client.post(f"{PLANS}edit/{plan.pk}/", _plan_data(plan))
    assert same.status_code == 302, same.content.decode()[:2000]
    for changes in ({"title": "Otro"}, {"lines-0-title": "Otra línea"}, {"end_year": 2030}):
        response = admin_client.post(f"{PLANS}edit/{plan.pk}/", _plan_data(plan, **changes))
        assert response.status_code == 200, changes
    plan.refresh_from_db()
    assert plan.title == "Plan 2022-2024" and plan.end_year == 2024
    assert list(PriorityLine.objects.values_list("title", flat=True)) == ["Línea 1", "Línea 2"]
    bad = make_plan(start=2025, end=2027)
    response = admin_client.post(f"{PLANS}edit/{bad.pk}/", _plan_data(bad, end_year=2020))
    assert response.status_code == 200 and "end_year" in response.context["form"].errors


def test_an_approved_plan_is_not_deleted(admin_client):
    plan = make_plan(approved=True)
    response = admin_client.post(f"{PLANS}delete/{plan.pk}/", follow=True)
    assert WorkPlan.objects.filter(pk=plan.pk).exists()
    # The admin speaks the site's language to someone who chose none: Spanish.
    assert "Un plan aprobado no se puede eliminar." in response.content.decode()
    draft = make_plan(start=2025, end=2027)
    admin_client.post(f"{PLANS}delete/{draft.pk}/")
    assert not WorkPlan.objects.filter(pk=draft.pk).exists()
