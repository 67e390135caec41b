"""The work plan in chromium: the secretariat approves a draft plan, opens its budget
and downloads it, then its performance report: writes the foreword, downloads the PDF
and publishes the summary; a focal point reads the approved plan and its budget; then,
signed out, the public reads the plan and the report's summary in English."""

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

        # The performance report, from the plan's page.
        report = f"/es/work-plan/{plan.pk}/report/"
        st.goto(f"/es/work-plan/{plan.pk}/")
        st.locator(f'a[href="{report}"]').click()
        st.wait_for_url(f"**{report}")
        st.locator("figure.chart svg rect").first.wait_for()
        assert axe_violations(st) == []
        st.locator(f'a[href="{report}foreword/"]').click()
        st.locator("#id_es").fill("Este informe rinde cuentas a los **ministros**.")
        st.locator("#id_en").fill("This report tells the **ministers** what was done.")
        assert axe_violations(st) == []
        st.locator("form.form button[type=submit]").click()
        st.wait_for_url(f"**{report}")
        assert st.locator(".user-text strong").inner_text() == "ministros"
        pdf = st.request.get(f"/es/work-plan/{plan.pk}/report-en.pdf")
        assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
        st.locator(f'form[action="{report}publish/"] button').click()
        st.wait_for_url(f"**{report}")
        st.locator(".tag--ok").first.wait_for()

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
        reader.locator(f'a[href="/en/work-plan/{plan.pk}/summary/"]').click()
        reader.get_by_role("heading", level=1, name="What the network did in 2022-2024").wait_for()
        assert "This report tells the ministers" in reader.locator(".user-text").inner_text()
        assert "Budget" not in reader.content()
        assert axe_violations(reader) == []
    finally:
        st_ctx.close()
        focal_ctx.close()
    assert st_foreign == [] and focal_foreign == []
