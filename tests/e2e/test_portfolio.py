"""The portfolio of programmes in chromium: a focal point submits a programme, the
secretariat approves and translates it, and anyone finds it in the search."""

import pytest

from courses.models import Area, Theme
from courses.taxonomy import AREAS
from lms.choices import Role
from portfolio.models import Programme, ProgrammeInterest
from tests.e2e.conftest import E2E, axe_violations, guarded_context, sign_in
from tests.factories import PASSWORD, ProfileFactory, UserFactory

pytestmark = E2E

NAME_ES = "Inspección itinerante en zonas rurales"
NAME_EN = "Roving labour inspection in rural areas"


def _taxonomy():
    """The areas and themes a data migration loads: a transactional test before this
    one may have emptied the tables, so load them again if needed."""
    for area_order, (code, es, en, pt, fr, themes) in enumerate(AREAS):
        area, _created = Area.objects.get_or_create(
            code=code,
            defaults={
                "name_es": es,
                "name_en": en,
                "name_pt": pt,
                "name_fr": fr,
                "sort_order": area_order,
            },
        )
        for theme_order, (theme_code, t_es, t_en, t_pt, t_fr) in enumerate(themes):
            Theme.objects.get_or_create(
                code=theme_code,
                defaults={
                    "area": area,
                    "name_es": t_es,
                    "name_en": t_en,
                    "name_pt": t_pt,
                    "name_fr": t_fr,
                    "sort_order": theme_order,
                },
            )


@pytest.fixture
def portfolio_people(site_content, secretariat):
    _taxonomy()
    focal = UserFactory(full_name="Rosa Quispe", roles=[Role.PARTICIPANT, Role.FOCAL_POINT])
    ProfileFactory(user=focal, country="PE", institution="Ministerio de Trabajo del Perú")
    official = ProfileFactory(
        user__full_name="Camila Fuentes", user__roles=["participant", "focal_point"], country="CL"
    ).user
    return focal, secretariat, official


def _status_tag(page):
    return page.locator("h1 + p.meta .tag").inner_text().strip()


def test_submit_review_translate_and_find_a_programme(browser, live_server, portfolio_people):
    focal, secretariat, official = portfolio_people
    theme = Theme.objects.get(code="labour-inspection")
    rosa_ctx, rosa_foreign = guarded_context(browser, live_server.url)
    st_ctx, st_foreign = guarded_context(browser, live_server.url)
    visitor_ctx, visitor_foreign = guarded_context(browser, live_server.url)
    try:
        # The focal point writes a draft for her ministry.
        rosa = rosa_ctx.new_page()
        sign_in(rosa, focal.email, PASSWORD)
        rosa.goto("/es/portfolio/mine/")
        rosa.locator('a[href="/es/portfolio/new/"]').click()
        rosa.wait_for_url("**/es/portfolio/new/")
        rosa.locator("#id_name").fill(NAME_ES)
        rosa.locator("#id_institution").fill("Ministerio de Trabajo y Promoción del Empleo")
        rosa.locator("#id_contact_name").fill("Rosa Quispe")
        rosa.locator("#id_contact_position").fill("Directora de Inspección")
        rosa.locator("#id_contact_email").fill("rosa.quispe@example.org")
        rosa.locator("#id_contact_phone").fill("+51 1 000 0000")
        rosa.locator("#id_contact_address").fill("Av. Salaverry 655, Lima")
        rosa.locator("#id_record_type").select_option("policy")
        rosa.locator("#id_financed").select_option("true")
        rosa.locator("#id_category").select_option("labour_admin")
        rosa.locator(f'input[name="themes"][value="{theme.pk}"]').check()
        rosa.locator('input[name="targets"][value="rural"]').check()
        rosa.locator("#id_needs").fill("Llegar a los centros de trabajo alejados de las ciudades.")
        rosa.locator("#id_description").fill(
            "Equipos de inspectores con **tabletas** recorren las zonas rurales."
        )
        rosa.locator("#id_objectives").fill("- Más inspecciones\n- Menos informalidad")
        rosa.locator("#id_target_population").fill("Trabajadores agrícolas y de la pesca")
        rosa.locator("#id_consent_publish").check()
        assert axe_violations(rosa) == []
        rosa.locator('button[name="submit"][value="draft"]').click()
        rosa.get_by_role("heading", level=1, name=NAME_ES).wait_for()
        programme = Programme.objects.get()
        assert programme.status == Programme.Status.DRAFT
        assert programme.country == "PE" and programme.organisation == ""
        assert programme.record_type == "policy" and programme.financed is True
        assert programme.contact_phone == "+51 1 000 0000"
        assert _status_tag(rosa) == "Borrador"

        # Edited and sent for review: without the consent it is refused, with it sent.
        rosa.locator(f'a[href="/es/portfolio/{programme.pk}/edit/"]').click()
        assert rosa.locator("#id_name").input_value() == NAME_ES
        assert rosa.locator('input[name="targets"][value="rural"]').is_checked()
        rosa.locator("#id_consent_publish").uncheck()
        rosa.locator('button[name="submit"][value="review"]').click()
        rosa.locator(".errorlist").first.wait_for()
        programme.refresh_from_db()
        assert programme.status == Programme.Status.DRAFT
        assert axe_violations(rosa) == []
        rosa.locator("#id_consent_publish").check()
        rosa.locator('button[name="submit"][value="review"]').click()
        rosa.get_by_role("heading", level=1, name=NAME_ES).wait_for()
        programme.refresh_from_db()
        assert programme.status == Programme.Status.SUBMITTED
        assert _status_tag(rosa) == "En espera de revisión"
        assert axe_violations(rosa) == []
        rosa.goto("/es/portfolio/mine/")
        rosa.get_by_role("link", name=NAME_ES).wait_for()
        assert axe_violations(rosa) == []

        # The secretariat approves it and translates it into English.
        st = st_ctx.new_page()
        sign_in(st, secretariat.email, PASSWORD)
        st.goto("/es/portfolio/mine/")
        st.locator("#queue-title + ul").get_by_role("link", name=NAME_ES).click()
        st.get_by_role("heading", level=1, name=NAME_ES).wait_for()
        assert axe_violations(st) == []
        st.locator('input[name="action"][value="approve"]').check()
        st.locator(f'form[action="/es/portfolio/{programme.pk}/review/"] button').click()
        st.locator("#review-title").wait_for(state="detached")
        programme.refresh_from_db()
        assert programme.status == Programme.Status.PUBLISHED
        assert st.locator("h1 + p.meta .tag").count() == 0
        st.locator(f'a[href="/es/portfolio/{programme.pk}/translate/"]').click()
        st.locator('a[href="?language=en"]').click()
        st.wait_for_url("**/translate/?language=en")
        assert st.locator("#id_language").input_value() == "en"
        st.locator("#id_name").fill(NAME_EN)
        st.locator("#id_needs").fill("Reaching workplaces far from the cities.")
        st.locator("#id_description").fill("Teams of inspectors with **tablets** tour rural areas.")
        st.locator("#id_objectives").fill("- More inspections\n- Less informality")
        assert axe_violations(st) == []
        st.locator("form.form button[type=submit]").click()
        st.wait_for_url(f"**/es/portfolio/{programme.pk}/")
        assert programme.translations.get().name == NAME_EN

        # Anyone finds it, in Spanish and in English, and by country.
        visitor = visitor_ctx.new_page()
        visitor.goto("/es/portfolio/?q=itinerante")
        visitor.get_by_role("link", name=NAME_ES).wait_for()
        assert axe_violations(visitor) == []
        visitor.goto("/en/portfolio/?q=roving")
        visitor.get_by_role("link", name=NAME_EN).wait_for()
        assert visitor.get_by_role("link", name=NAME_ES).count() == 0
        visitor.goto("/en/portfolio/?language=en")
        visitor.get_by_role("link", name=NAME_EN).wait_for()
        visitor.goto("/es/portfolio/?language=fr")
        assert visitor.get_by_role("link", name=NAME_ES).count() == 0
        visitor.goto("/es/portfolio/")
        search = visitor.locator('main form[role="search"]')
        search.locator("#id_country").select_option("CL")
        search.locator("button[type=submit]").click()
        visitor.wait_for_url("**country=CL**")
        assert visitor.get_by_role("link", name=NAME_ES).count() == 0
        search.locator("#id_country").select_option("PE")
        search.locator("button[type=submit]").click()
        visitor.wait_for_url("**country=PE**")
        visitor.get_by_role("link", name=NAME_ES).click()
        visitor.get_by_role("heading", level=1, name=NAME_ES).wait_for()
        assert "tabletas" in visitor.locator(".user-text strong").first.inner_text()
        assert axe_violations(visitor) == []
        visitor.goto(f"/en/portfolio/{programme.pk}/")
        visitor.get_by_role("heading", level=1, name=NAME_EN).wait_for()
        visitor.goto("/es/portfolio/table/")
        visitor.locator(f'a[href="/es/portfolio/?theme={theme.pk}"]').wait_for()
        assert visitor.locator(f'a[href="/es/portfolio/?theme={theme.pk}"]').inner_text() == "1"
        ministries = f'a[href="/es/portfolio/?theme={theme.pk}&owner=ministries"]'
        assert visitor.locator(ministries).inner_text() == "1"
        assert axe_violations(visitor) == []

        # A Chilean official says her ministry would learn from it; the secretariat sees it.
        sign_in(visitor, official.email, PASSWORD)
        visitor.goto(f"/es/portfolio/{programme.pk}/")
        visitor.locator(
            f'form[action="/es/portfolio/{programme.pk}/interest/"] button[type=submit]'
        ).click()
        visitor.locator(".tag--ok").wait_for()
        assert ProgrammeInterest.objects.get().country == "CL"
        st.goto("/es/portfolio/supply-and-demand/")
        st.get_by_role("link", name=NAME_ES).wait_for()
        assert "Chile" in st.locator("table").last.inner_text()
        assert axe_violations(st) == []
    finally:
        rosa_ctx.close()
        st_ctx.close()
        visitor_ctx.close()
    assert not rosa_foreign and not st_foreign and not visitor_foreign
