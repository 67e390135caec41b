"""The demo's bodies: the gender network as a body and the ad-hoc expert groups it asked
for an opinion, loaded twice."""

from bodies.models import Agreement, Body, Meeting, Member, Minutes
from demo import bodies as demo_bodies
from demo import expertgroups as demo_expertgroups
from expertgroups.models import Consultation
from forum.selectors.communities import meeting_due


def test_the_demo_bodies_load_once(demo, client):
    # The network and the two ad-hoc groups convened for its questions.
    assert Body.objects.count() == 3
    assert demo_bodies.ensure_bodies() == 0  # again: nothing new
    assert demo_expertgroups.ensure_expertgroups() == 0
    assert Meeting.objects.count() == 2
    network = Body.objects.get(slug="red-genero")
    assert (network.meetings_per_year, network.in_person_per_year) == (4, 1)
    assert set(network.seats.values_list("constituency", flat=True)) == {
        "government",
        "workers",
        "employers",
    }
    assert Member.objects.current().filter(body=network, user__email="focal@example.org").exists()
    past, upcoming = Meeting.objects.filter(body=network).order_by("starts_at")
    assert past.minutes.status == Minutes.Status.APPROVED and past.minutes.comments.count() == 1
    assert upcoming.agenda_items.count() == 3
    open_ones = Agreement.objects.filter(body=network, status__in=Agreement.OPEN)
    assert open_ones.count() == 2 and sum(a.is_overdue for a in open_ones) == 1
    delivered, forming = Consultation.objects.order_by("created_at", "pk")
    assert delivered.meeting == past and delivered.status == "delivered"
    assert delivered.publication.kind == "opinion" and delivered.publication.status == "published"
    assert delivered.signatures.count() == 2
    group = delivered.group
    assert Member.objects.filter(body=group, user__email="expert@example.org").exists()
    # An ad-hoc group has its own private space, for its members.
    assert group.kind == "ad_hoc" and not group.is_public
    assert group.space.kind == "body" and group.space.rooms.count() == 1
    assert group.space.memberships.filter(user__email="expert@example.org").exists()
    # The second group is being formed: the expert has yet to answer.
    assert forming.status == "open"
    assert forming.invitations.get().status == "invited"
    # The community is the body: it meets every three months.
    assert meeting_due(space=network.space).months == 3
    # Public body: visitors read the approved minutes.
    html = client.get(f"/en/bodies/red-genero/meetings/{past.pk}/").content.decode()
    assert "Puntos principales" in html
    assert delivered.question in html  # the question it put, and the opinion, public
