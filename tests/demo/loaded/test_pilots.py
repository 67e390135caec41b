"""The demo's pilots: two from the Bogotá workshop, with partners, milestones and funding,
on the workshop's page and in the plan's performance report; loaded twice, made once."""

from django.urls import reverse
from django.utils import translation

from demo import pilots as demo_pilots
from events.models import Event
from lms.models import User
from pilots import selectors
from pilots.models import Pilot
from reports import selectors as reports
from tests.demo.loaded import KEPT_THEMES
from workplan.models import WorkPlan


def test_the_demo_pilots_come_from_the_bogota_workshop_and_load_once(demo, client):
    assert demo_pilots.ensure_pilots() == 0
    bogota = Event.objects.get(slug="taller-dialogo-social-bogota-2022")
    pilots = list(Pilot.objects.order_by("pk"))
    assert len(pilots) == 2
    for pilot in pilots:
        assert pilot.event == bogota and pilot.partners.count() >= 2
        assert pilot.milestones.count() >= 3 and pilot.experts.exists()
        assert pilot.funding_sought > 0 and pilot.funding_obtained > 0
        assert pilot.theme.code in KEPT_THEMES
        assert selectors.ministry_of(pilot.created_by) == pilot.leading_country
    # The partners' focal points follow them (told of changes: tests/pilots/test_pilots.py).
    chile = User.objects.get(email="camila.fuentes@example.org")
    assert chile in set(selectors.followers(pilots[0]))
    statuses = {p.title: selectors.status_of(p) for p in selectors.pilots_for(user=chile)}
    assert sorted(statuses.values()) == ["in_progress", "late"]

    client.force_login(chile)
    with translation.override("en"):
        page = client.get(reverse("events:event", kwargs={"slug": bogota.slug})).content.decode()
        assert all(pilot.title in page for pilot in pilots)
        plan = WorkPlan.objects.get(start_year=2022)
        secretariat = User.objects.get(email="secretariat@example.org")
        rows = reports.report_for(user=secretariat, plan=plan).pilots
    assert sorted(row.title for row in rows) == sorted(pilot.title for pilot in pilots)
