"""The secretariat's editing surface (the Wagtail admin): checks everything first,
refuses changes to what an approved plan says, records the changes it allows."""

import importlib
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList

from forum.models import Space
from lms.services.people import SECRETARIAT_GROUP
from tests.mfa import mfa_force_login
from tests.workplan.builders import make_action, make_event, make_plan
from workplan.forms import ActionAdminForm
from workplan.models import Action, PlanChange, PriorityLine, WorkPlan
from workplan.wagtail_hooks import WorkPlanViewSet

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
        "spaces": [space.pk for space in action.spaces.all()] if action.pk else [],
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
        "events": ("", str(event.pk), secretariat),
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


def test_an_approved_action_edited_in_the_admin_shows_focal_points_only_what_they_may_see(
    admin_client, client, focal, fund, secretariat
):
    plan = make_plan(approved=True)
    action = make_action(plan.lines.first(), title="Taller", approved_amount=Decimal("100"))
    hidden = make_event("oculto", days=5, published=False)
    shown = make_event("visible", days=5)
    private = Space.objects.create(kind="workshop", name="Espacio privado", slug="privado")
    response = admin_client.post(
        f"{ACTIONS}edit/{action.pk}/",
        _action_data(
            action,
            host_country="PE",
            source=fund.pk,
            events=[hidden.pk, shown.pk],
            spaces=[private.pk],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.force_login(focal)
    page = client.get(f"/en/work-plan/{plan.pk}/budget/").content.decode()
    assert "host country: — → Peru" in page
    assert "source of funds: — → Fondo de la RIAL" in page
    assert "events: — → Taller visible, 1 record you may not see" in page
    assert "→ 1 record you may not see" in page  # the private space
    assert "Taller oculto" not in page and "Espacio privado" not in page
    assert f"{hidden.pk}," not in page
    mfa_force_login(client, secretariat)  # the same client, the secretariat again
    admin_page = client.get(f"/en/work-plan/{plan.pk}/budget/").content.decode()
    assert "events: — → Taller oculto, Taller visible" in admin_page
    assert "→ Espacio privado" in admin_page


def test_an_approval_committed_after_the_check_still_refuses_the_change(secretariat):
    plan = make_plan()
    action = make_action(plan.lines.first(), title="Taller")
    form_class = (
        ObjectList(Action.panels, base_form_class=ActionAdminForm)
        .bind_to_model(Action)
        .get_form_class()
    )
    data = _action_data(action, title="Otro título")
    form = form_class(data, instance=action, for_user=secretariat)
    assert form.is_valid(), form.errors  # a draft: its title may change
    WorkPlan.objects.filter(pk=plan.pk).update(status=WorkPlan.Status.APPROVED)
    with pytest.raises(ValidationError):
        form.save()
    action.refresh_from_db()
    assert action.title == "Taller"


def test_a_funder_an_approved_budget_names_keeps_its_name(admin_client, fund):
    plan = make_plan(approved=True)
    make_action(plan.lines.first(), source=fund)
    edit = f"/admin/snippets/workplan/funder/edit/{fund.pk}/"
    refused = admin_client.post(edit, {"name": "Otro fondo", "kind": fund.kind})
    assert refused.status_code == 200 and "name" in refused.context["form"].errors
    fund.refresh_from_db()
    assert fund.name == "Fondo de la RIAL"
    assert admin_client.post(edit, {"name": fund.name, "kind": "partner"}).status_code == 302


def test_the_plans_list_labels_its_period_column(admin_client):
    make_plan()
    with translation.override("es"):
        page = admin_client.get(PLANS, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Plan 2022-2024" in page
    assert WorkPlanViewSet.list_display[1].label == _("period")


def test_the_migration_gives_an_existing_secretariat_group_the_work_plans_permissions():
    group = Group.objects.create(name=SECRETARIAT_GROUP)
    assert not group.permissions.filter(content_type__app_label="workplan").exists()
    migration = importlib.import_module("workplan.migrations.0003_secretariat_permissions")
    migration.ensure_secretariat_group(None, None)
    codenames = set(
        group.permissions.filter(content_type__app_label="workplan").values_list(
            "codename", flat=True
        )
    )
    assert {"change_action", "add_workplan", "view_funder"} <= codenames
