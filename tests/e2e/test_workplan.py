"""The work plan in chromium: the secretariat approves a draft plan, opens its budget
and downloads it; a focal point reads the approved plan and its budget; then, signed
out, the public reads the plan in English."""

from decimal import Decimal
from pathlib import Path

from tests.e2e.conftest import E2E, axe_violations, guarded_context, sign_in
from tests.factories import PASSWORD, ProfileFactory
from tests.workplan.builders import make_action, make_event, make_plan
from workplan.models import Funder, WorkPlan

pytestmark = E2E


def test_the_secretariat_approves_a_plan_and_reads_its_budget(
    browser, live_server, site_content, secretariat
):
    focal = ProfileFactory(
        user__full_name="Rosa Quispe", user__roles=["participant", "focal_point"], country="PE"
    ).user
    fund = Funder.objects.create(name="Fondo de la RIAL", kind="fund")
    plan = make_plan(title="Plan de trabajo 2022-2024")
    first, second = plan.lines.all()
    workshop = make_action(
        first,
        title="Taller de Bogotá",
        source=fund,
        approved_amount=Decimal("60000"),
        spent=Decimal("57800"),
    )
    workshop.events.add(make_event("bogota", days=-40, registrations=[focal]))
    make_action(
        second, title="Estudio de migración", kind="study", approved_amount=Decimal("15000")
    )
    st_ctx, st_foreign = guarded_context(browser, live_server.url)
    focal_ctx, focal_foreign = guarded_context(browser, live_server.url)
    try:
        st = st_ctx.new_page()
        sign_in(st, secretariat.email, PASSWORD)
        st.goto("/es/work-plan/")
        st.get_by_role("link", name="Plan de trabajo 2022-2024").click()
        st.get_by_role("heading", level=1, name="Plan de trabajo 2022-2024").wait_for()
        assert axe_violations(st) == []
        st.locator(f'a[href="/es/work-plan/{plan.pk}/approve/"]').click()
        st.locator("#id_confirm").check()
        assert axe_violations(st) == []
        st.locator("form.form button[type=submit]").click()
        st.wait_for_url(f"**/es/work-plan/{plan.pk}/")
        plan.refresh_from_db()
        assert plan.status == WorkPlan.Status.APPROVED and plan.approved_by == secretariat
        assert st.locator(f'a[href="/es/work-plan/{plan.pk}/approve/"]').count() == 0
        st.locator(f'a[href="/es/work-plan/{plan.pk}/budget/"]').click()
        st.get_by_role("table").wait_for()
        # 60,000 + 15,000 approved, written the Spanish way.
        assert "75\xa0000,00" in st.locator("tfoot").inner_text()
        assert axe_violations(st) == []
        with st.expect_download() as download:
            st.locator(f'a[href="/es/work-plan/{plan.pk}/budget.csv"]').click()
        text = Path(download.value.path()).read_text(encoding="utf-8-sig")
        assert "Taller de Bogotá" in text and "75000.00" in text

        reader = focal_ctx.new_page()
        sign_in(reader, focal.email, PASSWORD)
        reader.goto(f"/es/work-plan/{plan.pk}/")
        reader.get_by_role("heading", level=3, name="Taller de Bogotá").wait_for()
        reader.get_by_role("link", name="Taller bogota").wait_for()
        assert reader.locator(f'a[href="/es/work-plan/{plan.pk}/budget/"]').count() == 1
        assert axe_violations(reader) == []
        # Anyone reads the approved plan, in English too.
        reader.context.clear_cookies()
        reader.goto(f"/en/work-plan/{plan.pk}/")
        reader.get_by_role("heading", level=3, name="Taller de Bogotá").wait_for()
        assert reader.locator(f'a[href="/en/work-plan/{plan.pk}/budget/"]').count() == 0
        assert axe_violations(reader) == []
    finally:
        st_ctx.close()
        focal_ctx.close()
    assert st_foreign == [] and focal_foreign == []
