"""Bodies for the tests: a body with seats, members and meetings."""

import datetime

from django.utils import timezone

from bodies.models import Body, Meeting, Member, Seat
from tests.factories import ProfileFactory

COUNTRIES = ["AR", "BR", "CL", "CO", "MX", "PE", "HT", "CA", "US", "UY"]


def make_body(*, slug="red", seats=3, is_public=False, space=None, **fields) -> Body:
    body = Body.objects.create(
        slug=slug,
        name=fields.pop("name", f"Cuerpo {slug}"),
        kind=fields.pop("kind", Body.Kind.FOCAL_POINTS),
        is_public=is_public,
        space=space,
        **fields,
    )
    for n in range(seats):
        Seat.objects.create(
            body=body,
            country=COUNTRIES[n % len(COUNTRIES)],
            institution=f"Institución {n}",
            constituency=Seat.Constituency.GOVERNMENT,
        )
    return body


def make_member(body: Body, *, seat=None, role=Member.Role.MEMBER, **term) -> Member:
    user = ProfileFactory().user
    seat = seat or body.seats.order_by("pk").first()
    return Member.objects.create(
        body=body,
        seat=seat,
        user=user,
        role=role,
        starts_on=term.get("starts_on", timezone.localdate() - datetime.timedelta(days=30)),
        ends_on=term.get("ends_on"),
    )


def make_meeting(body: Body, *, days=10, title="Reunión") -> Meeting:
    starts = timezone.now() + datetime.timedelta(days=days)
    return Meeting.objects.create(
        body=body,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        format=Meeting.Format.VIRTUAL,
        link="https://meet.example.org/x",
    )
