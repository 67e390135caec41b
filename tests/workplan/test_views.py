"""Who sees which plan, budget and link; the approval button; the CSV; flat query counts."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

from cooperation.models import Proposal
from courses.models import Theme
from forum.models import Space, SpaceMembership
from library.models import Publication
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login
from tests.workplan.builders import (
    make_action,
    make_event,
    make_plan,
    make_proposal,
    make_publication,
    url,
)
from workplan import selectors, services
from workplan.models import PlanChange, WorkPlan

pytestmark = pytest.mark.django_db


def test_approved_plans_are_public_and_drafts_are_the_secretariats(client, member, secretariat):
    approved = make_plan(approved=True, title="Plan aprobado")
    make_action(approved.lines.first(), title="Taller de Lima")
    draft = make_plan(start=2025, end=2027, title="Plan borrador")
    listing = client.get(url("plans")).content.decode()
    assert "Plan aprobado" in listing and "Plan borrador" not in listing
    page = client.get(url("plan", pk=approved.pk))
    assert page.status_code == 200 and "Taller de Lima" in page.content.decode()
    assert "Budget" not in page.content.decode()
    assert client.get(url("plan", pk=draft.pk)).status_code == 404
    assert client.get(url("plan", pk=9999)).status_code == 404
    client.force_login(member)
    assert client.get(url("plan", pk=draft.pk)).status_code == 404
    mfa_force_login(client, secretariat)
    listing = client.get(url("plans")).content.decode()
    assert "Plan borrador" in listing
    page = client.get(url("plan", pk=draft.pk)).content.decode()
    assert url("approve", pk=draft.pk) in page and url("budget", pk=draft.pk) in page


def test_the_budget_is_for_the_secretariat_and_the_focal_points(client, member, focal):
    plan = make_plan(approved=True)
    make_action(plan.lines.first(), title="Taller", approved_amount=Decimal("1234.50"))
    draft = make_plan(start=2025, end=2027, title="Plan 2025-2027")
    budget = url("budget", pk=plan.pk)
    assert client.get(budget).status_code == 302  # to sign in
    assert client.get(url("budget_csv", pk=plan.pk)).status_code == 302
    client.force_login(member)
    assert client.get(budget).status_code == 404
    assert client.get(url("budget_csv", pk=plan.pk)).status_code == 404
    assert "Budget" not in client.get(url("plan", pk=plan.pk)).content.decode()
    client.force_login(focal)
    page = client.get(budget)
    assert page.status_code == 200 and "1,234.50" in page.content.decode()
    assert url("budget", pk=plan.pk) in client.get(url("plan", pk=plan.pk)).content.decode()
    client.force_login(member)
    assert client.get(url("budget", pk=draft.pk)).status_code == 404
    assert client.get(url("plan", pk=draft.pk)).status_code == 404
    client.logout()
    assert client.get(url("plan", pk=draft.pk)).status_code == 404
    assert "Plan 2025" not in client.get(url("plans")).content.decode()


def test_the_approving_body_reviews_a_draft_and_its_budget(client, focal):
    draft = make_plan(start=2025, end=2027, title="Plan 2025-2027")
    make_action(draft.lines.first(), title="Taller", approved_amount=Decimal("1234.50"))
    client.force_login(focal)
    assert "Plan 2025-2027" in client.get(url("plans")).content.decode()
    page = client.get(url("plan", pk=draft.pk)).content.decode()
    assert "Draft — for the approving body" in page
    assert url("approve", pk=draft.pk) not in page and url("budget", pk=draft.pk) in page
    budget = client.get(url("budget", pk=draft.pk)).content.decode()
    assert "1,234.50" in budget and "for the approving body" in budget


def test_the_secretariat_approves_with_a_confirmation(client, secretariat, focal):
    plan = make_plan()
    make_action(plan.lines.first())
    client.force_login(focal)  # reads the draft, may not approve it
    assert client.post(url("approve", pk=plan.pk), {"confirm": "on"}).status_code == 403
    mfa_force_login(client, secretariat)
    page = client.get(url("approve", pk=plan.pk))
    assert page.status_code == 200 and 'name="confirm"' in page.content.decode()
    unconfirmed = client.post(url("approve", pk=plan.pk), {})
    assert unconfirmed.status_code == 200
    plan.refresh_from_db()
    assert plan.status == WorkPlan.Status.DRAFT
    done = client.post(url("approve", pk=plan.pk), {"confirm": "on"}, follow=True)
    plan.refresh_from_db()
    assert plan.is_approved and plan.approved_by == secretariat
    text = done.content.decode()
    assert "Approval recorded on" in text and "Secretaría Técnica" in text
    assert url("approve", pk=plan.pk) not in text
    # Approved by the secretariat; a focal point may not approve anything.
    other = make_plan(start=2025, end=2027, approved=True)
    client.force_login(focal)
    assert client.post(url("approve", pk=other.pk), {"confirm": "on"}).status_code == 403


def test_an_approval_without_actions_is_refused_on_the_page(client, secretariat):
    plan = make_plan()
    mfa_force_login(client, secretariat)
    page = client.post(url("approve", pk=plan.pk), {"confirm": "on"})
    assert page.status_code == 200
    assert "with its priority lines and actions" in page.content.decode()
    plan.refresh_from_db()
    assert not plan.is_approved


def _linked_action(line, n, people=()):
    action = make_action(line, title=f"Acción {n}", approved_amount=Decimal("100"))
    action.events.add(make_event(f"taller-{line.pk}-{n}", days=-30, registrations=people))
    action.proposals.add(make_proposal(f"Cooperación {line.pk}-{n}"))
    action.publications.add(make_publication(f"Estudio {line.pk}-{n}"))
    action.spaces.add(
        Space.objects.create(kind="workshop", name=f"Espacio {n}", slug=f"e-{line.pk}-{n}")
    )
    return action


def test_links_the_reader_may_not_see_never_show(client, member, secretariat):
    plan = make_plan(approved=True)
    action = make_action(plan.lines.first(), title="Acción con enlaces")
    person = ProfileFactory(country="HN").user
    hidden_event = make_event("oculto", days=-5, published=False, registrations=[person])
    shown_event = make_event("visible", days=-5, registrations=[member])
    action.events.add(hidden_event, shown_event)
    action.proposals.add(
        make_proposal("Propuesta sin decidir", status=Proposal.Status.CONFIRMED),
        make_proposal("Cooperación hecha"),
    )
    action.publications.add(
        make_publication("Sugerencia privada", status=Publication.Status.SUGGESTED),
        make_publication("Estudio publicado"),
    )
    private = Space.objects.create(kind="workshop", name="Espacio privado", slug="privado")
    community = Space.objects.create(kind="community", name="Red de género", slug="red")
    action.spaces.add(private, community)
    secret_bits = ["Taller oculto", "Propuesta sin decidir", "Sugerencia privada"]
    for reader in (None, member):
        if reader is not None:
            client.force_login(reader)
        page = client.get(url("plan", pk=plan.pk)).content.decode()
        for hidden in [*secret_bits, "Espacio privado", "Honduras"]:
            assert hidden not in page, hidden
        for shown in ("Taller visible", "Cooperación hecha", "Estudio publicado", "Red de género"):
            assert shown in page, shown
    # An action realised only by an unpublished event: its dates and status are not
    # the public's (the status typed by the secretariat stands).
    quiet = make_action(plan.lines.first(), title="Acción discreta", typed_status="ongoing")
    secret = make_event("secreto", days=40, published=False)
    quiet.events.add(secret)
    client.logout()
    row = selectors.plan_view(user=AnonymousUser(), plan=plan).lines[0].actions[1]
    assert row.action == quiet and (row.starts_on, row.ends_on) == (None, None)
    assert (row.status, row.from_platform) == ("ongoing", False)
    assert selectors.plan_view(user=secretariat, plan=plan).lines[0].actions[1].status == "future"
    hidden_day = timezone.localdate(secret.starts_at)
    page = client.get(url("plan", pk=plan.pk)).content.decode()
    assert date_format(hidden_day, "DATE_FORMAT") not in page
    SpaceMembership.objects.create(space=private, user=member)
    client.force_login(member)
    assert "Espacio privado" in client.get(url("plan", pk=plan.pk)).content.decode()
    mfa_force_login(client, secretariat)
    page = client.get(url("plan", pk=plan.pk)).content.decode()
    assert all(bit in page for bit in [*secret_bits, "Honduras"])


def test_typed_text_is_rendered_safely(client):
    plan = make_plan(approved=True)
    plan.summary = "<script>alert(1)</script> **firme**"
    plan.save()
    make_action(plan.lines.first(), mandates="<img src=x onerror=alert(1)> párrafo 5")
    page = client.get(url("plan", pk=plan.pk)).content.decode()
    assert "<script>alert(1)" not in page and "<strong>firme</strong>" in page
    assert "<img" not in page and "párrafo 5" in page


def test_the_csv_has_every_action_and_totals_and_no_formula(client, focal, fund):
    plan = make_plan(approved=True)
    first, second = plan.lines.all()
    make_action(
        first,
        title='=HYPERLINK("http://evil")',
        source=fund,
        approved_amount=Decimal("1000"),
        host_contribution=Decimal("100"),
        in_kind_description="@SUM(A1:A2)",
        in_kind_value=Decimal("50"),
        spent=Decimal("300"),
    )
    make_action(second, title="+Taller", approved_amount=Decimal("200"), spent=Decimal("200"))
    client.force_login(focal)
    response = client.get(url("budget_csv", pk=plan.pk))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[0][0] == "Priority line" and len(rows) == 1 + 2 + 2 + 1
    action = rows[1]
    assert action[:3] == ["Línea 1", '\'=HYPERLINK("http://evil")', "Fondo de la RIAL"]
    assert action[3:] == ["1000.00", "100.00", "'@SUM(A1:A2)", "50.00", "300.00", "700.00"]
    assert rows[3][1] == "'+Taller"
    assert rows[-1][:2] == ["Plan 2022-2024", "Total of the plan"]
    assert rows[-1][3] == "1200.00" and rows[-1][7] == "500.00" and rows[-1][8] == "700.00"
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def _count(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_plan_and_budget_pages_cost_the_same_for_3_and_30_actions(client, focal, member):
    plan = make_plan(approved=True, lines=3)
    lines = list(plan.lines.all())
    for n in range(3):
        _linked_action(lines[n % 3], n, people=[member])
    client.get(url("plans"))  # the site's caches, read once
    public_few = _count(client, url("plan", pk=plan.pk))
    client.force_login(focal)
    client.get(url("plans"))  # the session, read once
    few = (_count(client, url("plan", pk=plan.pk)), _count(client, url("budget", pk=plan.pk)))
    csv_few = _count(client, url("budget_csv", pk=plan.pk))
    for n in range(3, 30):
        _linked_action(lines[n % 3], n, people=[member])
    many = (_count(client, url("plan", pk=plan.pk)), _count(client, url("budget", pk=plan.pk)))
    assert many == few and few[0] <= 25
    assert _count(client, url("budget_csv", pk=plan.pk)) == csv_few
    client.logout()
    assert _count(client, url("plan", pk=plan.pk)) == public_few <= 15
    page = client.get(url("plan", pk=plan.pk)).content.decode()
    assert "Acción 29" in page


def test_a_plan_page_shows_figures_from_its_links(client, member, other_user):
    plan = make_plan(approved=True)
    action = make_action(plan.lines.first(), title="Taller")
    event = make_event("lima", days=-20, registrations=[member, other_user])
    action.events.add(event)
    page = client.get(url("plan", pk=plan.pk)).content.decode()
    # No dates typed: the event's.
    row = selectors.plan_view(user=member, plan=plan).lines[0].actions[0]
    assert row.starts_on == timezone.localdate(event.starts_at)
    assert row.ends_on == timezone.localdate(event.ends_at)
    assert "<dt>Dates</dt>" in page
    # Two registrations (Chile, Peru), hosted in Colombia: three countries.
    assert "<dt>Participants</dt><dd>2</dd>" in page
    assert "<dt>Countries</dt><dd>3</dd>" in page
    assert "Chile, Colombia, Peru" in page
    assert "<dt>Fulfilled</dt><dd>1</dd>" in page


def test_the_budget_page_lists_recorded_changes(client, secretariat):
    plan = make_plan(approved=True)
    action = make_action(plan.lines.first(), title="Taller")
    PlanChange.objects.create(
        plan=plan, action=action, field="spent", before="0.00", after="10.00", by=secretariat
    )
    PlanChange.objects.create(
        plan=plan, field="status", before="draft", after="approved", by=secretariat
    )
    mfa_force_login(client, secretariat)
    page = client.get(url("budget", pk=plan.pk)).content.decode()
    assert "Changes since approval" in page
    assert "spent to date (USD): 0.00 → 10.00" in page
    assert "status: Draft → Approved" in page


def test_a_cohort_shows_its_course_only_while_the_course_is_published(client, world):
    plan = make_plan(approved=True)
    action = make_action(plan.lines.first(), kind="course")
    action.cohorts.add(world.cohort)
    page = client.get(url("plan", pk=plan.pk)).content.decode()
    assert world.cohort.name in page and "Curso de prueba" in page
    assert "<dt>Participants</dt><dd>1</dd>" in page  # the world's learner
    world.course.unpublish()
    page = client.get(url("plan", pk=plan.pk)).content.decode()
    assert world.cohort.name in page and "Curso de prueba" not in page


def test_a_deleted_account_is_named_so_not_none(client, secretariat, focal):
    plan = make_plan(approved=True)
    action = make_action(plan.lines.first(), title="Taller")
    PlanChange.objects.create(plan=plan, action=action, field="spent", before="0", after="1")
    page = client.get(url("plan", pk=plan.pk)).content.decode()
    assert "by a deleted account." in page and "None" not in page
    client.force_login(focal)
    page = client.get(url("budget", pk=plan.pk)).content.decode()
    assert "· a deleted account ·" in page and "None" not in page


def test_the_budgets_changes_are_paginated_and_its_line_rows_head_their_group(client, focal):
    plan = make_plan(approved=True)
    action = make_action(plan.lines.first(), title="Taller")
    PlanChange.objects.bulk_create(
        PlanChange(plan=plan, action=action, field="spent", before=f"{n}.00", after=f"{n + 1}.00")
        for n in range(55)
    )
    client.force_login(focal)
    first = client.get(url("budget", pk=plan.pk)).content.decode()
    assert first.count("spent to date (USD):") == 50 and 'scope="rowgroup"' in first
    assert "colgroup" not in first and "Page 1 of 2" in first and '?page=2"' in first
    second = client.get(url("budget", pk=plan.pk) + "?page=2").content.decode()
    assert second.count("spent to date (USD):") == 5 and '?page=1"' in second


def test_event_dates_are_written_in_the_readers_language(client):
    plan = make_plan(approved=True)
    action = make_action(plan.lines.first(), title="Taller")
    event = make_event("lima", days=-20)
    action.events.add(event)
    day = timezone.localdate(event.starts_at)
    page = client.get(url("plan", pk=plan.pk)).content.decode()
    assert day.isoformat() not in page
    with translation.override("es"):
        spanish = date_format(day, "DATE_FORMAT")
        page = client.get(f"/es/work-plan/{plan.pk}/").content.decode()
    assert f"Taller lima</a> ({spanish})" in page


def test_a_plan_names_its_approving_body_whose_members_alone_review_the_draft(
    client, focal, secretariat
):
    from tests.bodies.helpers import make_body, make_member

    body = make_body(slug="autoridades", name="Reunión de autoridades")
    sitting = make_member(body).user  # no focal point role: the body makes her a reviewer
    past = make_member(body, starts_on=timezone.localdate() - datetime.timedelta(days=900))
    past.ends_on = timezone.localdate() - datetime.timedelta(days=400)
    past.save()
    draft = make_plan(start=2025, end=2027, title="Plan de las autoridades")
    draft.approving_body = body
    draft.save()
    make_action(draft.lines.first(), title="Diálogo de ministros")
    client.force_login(sitting)
    assert "Plan de las autoridades" in client.get(url("plans")).content.decode()
    assert client.get(url("plan", pk=draft.pk)).status_code == 200
    assert client.get(url("budget", pk=draft.pk)).status_code == 200
    # A focal point outside the body, and a member whose term ended, do not.
    for outsider in (focal, past.user):
        client.force_login(outsider)
        assert "Plan de las autoridades" not in client.get(url("plans")).content.decode()
        assert client.get(url("plan", pk=draft.pk)).status_code == 404
        assert client.get(url("budget", pk=draft.pk)).status_code == 404
    # Once approved, the body that approved it is part of the record.
    services.plan_approve(actor=secretariat, plan=draft)
    draft.refresh_from_db()
    assert "approving_body" in services.plan_edit_errors(
        plan=draft, changed={"approving_body"}, lines_changed=False
    )
    client.logout()
    assert client.get(url("plan", pk=draft.pk)).status_code == 200  # now public
    assert client.get(url("budget", pk=draft.pk)).status_code == 302  # sign in first


def test_the_plan_shows_what_the_ministries_asked_for_in_its_period(client, secretariat):
    from priorities.models import Answer, Choice, Questionnaire
    from tests.priorities.conftest import make_focal, today

    plan = make_plan(start=2025, end=2027, approved=True)
    questionnaire = Questionnaire.objects.create(
        title="Prioridades 2025-2027",
        period="2025-2027",
        opens_on=today() - datetime.timedelta(days=60),
        closes_on=today() + datetime.timedelta(days=5),
    )
    themes = list(Theme.objects.order_by("pk")[:2])
    for country, order in (("PE", themes), ("CL", themes[::-1]), ("MX", themes[:1])):
        answer = Answer.objects.create(
            questionnaire=questionnaire, country=country, status=Answer.Status.SUBMITTED
        )
        for rank, theme in enumerate(order, 1):
            Choice.objects.create(answer=answer, theme=theme, rank=rank)
    mfa_force_login(client, secretariat)
    page = client.get(url("plan", pk=plan.pk)).content.decode()
    assert "priorities-title" in page and f"/priorities/{questionnaire.pk}/results/" in page
    first, second = page.index(escape(themes[0].name)), page.index(escape(themes[1].name))
    assert first < second  # ranked: named first by two ministries, and by all three
    # A focal point reads the results once the questionnaire closed; visitors never.
    focal = make_focal("PE")
    client.force_login(focal)
    assert "priorities-title" not in client.get(url("plan", pk=plan.pk)).content.decode()
    Questionnaire.objects.filter(pk=questionnaire.pk).update(
        closes_on=today() - datetime.timedelta(days=1)
    )
    assert "priorities-title" in client.get(url("plan", pk=plan.pk)).content.decode()
    client.logout()
    assert "priorities-title" not in client.get(url("plan", pk=plan.pk)).content.decode()
