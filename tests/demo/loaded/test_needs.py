"""The demo's needs, loaded with the whole demo: seven ministries, each answer of the
cycle, one nobody answered for weeks; loading again adds nothing."""

from django.urls import reverse
from django.utils import translation

from demo.needs import ensure_needs
from lms.models import User
from needs import selectors
from needs.models import Need, Outcome
from tests.demo.loaded import KEPT_THEMES


def test_the_demo_needs_cover_the_cycle_and_load_once(demo, client):
    assert ensure_needs() == 0
    needs = list(Need.objects.select_related("theme"))
    assert len(needs) == 7 and len({need.country for need in needs}) == 7
    assert {need.theme.code for need in needs} <= KEPT_THEMES
    statuses = sorted(need.status for need in needs)
    assert statuses == ["answered"] * 3 + ["closed"] + ["open"] * 3
    kinds = set(Outcome.objects.values_list("kind", flat=True))
    assert kinds == {"question", "proposal", "secretariat"}
    proposal = Outcome.objects.get(kind="proposal").proposal
    assert proposal.programme.country == "MX" and proposal.beneficiaries.get().country == "PE"
    [waiting] = selectors.waiting(older_than_days=selectors.WAITING_DAYS)
    assert waiting.country == "HT"

    client.force_login(User.objects.get(email="focal@example.org"))
    with translation.override("en"):
        page = client.get(reverse("needs:need", kwargs={"pk": waiting.pk})).content.decode()
    assert "Inspection du travail dans les parcs industriels" in page
    assert "Programmes of the portfolio" in page and "Ask this expert" in page
