"""The header's search box, by keyboard, to the site-wide results page: axe-clean."""

from playwright.sync_api import expect

from portfolio.models import Programme
from portfolio.search import programme_index
from tests.e2e.conftest import E2E, axe_violations

pytestmark = E2E


def test_the_header_search_box_leads_to_grouped_results(page, site_content):
    programme = Programme.objects.create(
        name="Diálogo social tripartito",
        country="PE",
        description="Mesas de diálogo.",
        status=Programme.Status.PUBLISHED,
    )
    programme_index(programme=programme)
    page.goto("/en/")
    box = page.get_by_role("searchbox", name="Search the site")
    box.focus()
    page.keyboard.type("dialogo")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/search/?q=dialogo")
    expect(page.get_by_role("heading", name="Programmes")).to_be_visible()
    expect(page.get_by_role("link", name="Diálogo social tripartito")).to_be_visible()
    assert axe_violations(page) == []
    page.goto("/es/search/?q=nada+de+nada")
    assert axe_violations(page) == []
