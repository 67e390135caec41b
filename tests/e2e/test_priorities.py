"""The priorities questionnaire in chromium: a focal point drafts her ministry's
answer, comes back and submits it after confirming; the secretariat sees it ranked
in the results, and on the draft plan of that period, which the answers prepare
(the rest of the cycle: tests/e2e/test_workplan.py and test_bodies.py)."""

import datetime

from django.utils import timezone

from courses.models import Theme
from priorities.models import Answer, Questionnaire
from tests.e2e.conftest import E2E, axe_violations, guarded_context, sign_in
from tests.e2e.test_portfolio import _taxonomy
from tests.factories import PASSWORD, ProfileFactory, UserFactory
from tests.workplan.builders import make_plan

pytestmark = E2E


def test_a_focal_point_drafts_and_submits_and_the_secretariat_sees_it(
    browser, live_server, site_content, secretariat
):
    _taxonomy()
    focal = UserFactory(full_name="Marie Joseph", roles=["participant", "focal_point"])
    ProfileFactory(user=focal, country="HT", institution="Ministère des Affaires Sociales")
    today = timezone.localdate()
    questionnaire = Questionnaire.objects.create(
        title="Prioridades 2028-2030",
        period="2028-2030",
        introduction="Elija sus **cinco** temas.",
        opens_on=today - datetime.timedelta(days=2),
        closes_on=today + datetime.timedelta(days=20),
    )
    inspection = Theme.objects.get(code="labour-inspection")
    youth = Theme.objects.get(code="youth-employment")
    base = f"/es/priorities/{questionnaire.pk}/"
    focal_ctx, focal_foreign = guarded_context(browser, live_server.url)
    st_ctx, st_foreign = guarded_context(browser, live_server.url)
    try:
        page = focal_ctx.new_page()
        sign_in(page, focal.email, PASSWORD)
        page.goto(base)
        page.locator(f'a[href="{base}answer/"]').first.click()
        page.wait_for_url(f"**{base}answer/")
        page.locator("#id_theme_1").select_option(str(inspection.pk))
        page.locator("#id_theme_2").select_option(str(youth.pk))
        page.locator("#id_challenges").fill("La informalidad en los parques industriales.")
        assert axe_violations(page) == []
        page.locator('button[name="action"][value="save"]').click()
        page.wait_for_url(f"**{base}")
        assert Answer.objects.get().status == Answer.Status.DRAFT

        # Back later: the draft is there; submitted after the confirmation.
        page.locator(f'a[href="{base}answer/"]').first.click()
        assert page.locator("#id_theme_2").input_value() == str(youth.pk)
        page.locator('button[name="action"][value="submit"]').click()
        page.wait_for_url(f"**{base}submit/")
        assert axe_violations(page) == []
        page.locator("form.form button[type=submit]").click()
        page.wait_for_url(f"**{base}")
        answer = Answer.objects.get()
        assert answer.is_submitted and answer.submitted_by == focal
        assert page.locator(f'a[href="{base}answer/"]').count() == 0  # read-only now
        assert axe_violations(page) == []

        # The secretariat sees it in the results.
        st = st_ctx.new_page()
        sign_in(st, secretariat.email, PASSWORD)
        st.goto(f"{base}results/")
        ranking = st.locator("#priorities-ranking tbody tr")
        ranking.first.wait_for()
        assert ranking.count() == 2
        assert inspection.name_es in ranking.first.inner_text()
        assert "2028-2030" in st.locator("h2").first.inner_text()
        assert axe_violations(st) == []

        # The plan of that period, drafted next, shows what the ministries asked for.
        plan = make_plan(start=2028, end=2030, title="Plan de trabajo 2028-2030")
        st.goto(f"/es/work-plan/{plan.pk}/")
        st.locator("#priorities-title").wait_for()
        assert (
            inspection.name_es
            in st.locator("section[aria-labelledby=priorities-title]").inner_text()
        )
        assert axe_violations(st) == []
    finally:
        focal_ctx.close()
        st_ctx.close()
    assert not focal_foreign and not st_foreign
