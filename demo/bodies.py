"""Demo bodies: the gender focal-point network as a body (seats, members, a past
meeting with approved minutes and open agreements, the next meeting's agenda). Its
ad-hoc expert groups are convened by demo/expertgroups.py. Texts in demo/data/bodies.toml. Idempotent: a body that exists
is left as it is. Runs after the communities (their people and space)."""

import datetime
import zoneinfo

from django.db import transaction
from django.utils import timezone

from bodies import services
from bodies.models import Agreement, Body, Meeting, Member, Seat
from demo.files import read_toml
from forum.models import Space
from lms.models import User

BODIES = read_toml("bodies.toml")["bodies"]


@transaction.atomic
def ensure_bodies() -> int:
    """Create the demo bodies that are missing. Returns the number created."""
    created = 0
    secretariat = User.objects.filter(email="secretariat@example.org").first()
    if secretariat is None:
        return 0
    for spec in BODIES:
        if Body.objects.filter(slug=spec["slug"]).exists():
            continue
        body = Body.objects.create(
            slug=spec["slug"],
            kind=spec["kind"],
            name=spec["name"],
            description=spec["description"].strip(),
            is_public=spec["is_public"],
            meetings_per_year=spec["meetings_per_year"],
            in_person_per_year=spec["in_person_per_year"],
            time_zone=spec["time_zone"],
            space=Space.objects.filter(slug=spec.get("space", "")).first(),
        )
        seats = _seats(body, spec)
        staff = User.objects.filter(email=spec["secretariat"]["email"]).first()
        if staff is not None:
            Member.objects.create(
                body=body,
                user=staff,
                role=Member.Role.SECRETARIAT,
                starts_on=timezone.localdate() - datetime.timedelta(days=400),
            )
        # Its space: the community it names, or a private one of its own (its members).
        services.body_space_ensure(body=body)
        for meeting in spec.get("meetings", []):
            _meeting(body, seats, meeting, secretariat)
        created += 1
    return created


def _seats(body: Body, spec: dict) -> dict[str, Seat]:
    seats = {}
    start = timezone.localdate() - datetime.timedelta(days=400)
    for row in spec["seats"]:
        seat = Seat.objects.create(
            body=body,
            country=row.get("country", ""),
            institution=row.get("institution", ""),
            constituency=row["constituency"],
        )
        seats[row.get("country") or row["institution"]] = seat
        for email, role in row["members"]:
            user = User.objects.filter(email=email).first()
            if user is not None:
                Member.objects.create(body=body, seat=seat, user=user, role=role, starts_on=start)
    return seats


def _at(body: Body, days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(body.time_zone)
    )


def _meeting(body: Body, seats: dict, spec: dict, secretariat: User) -> Meeting:
    starts_at = _at(body, spec["days"], spec["hour"])
    meeting = services.meeting_create(
        actor=secretariat,
        body=body,
        title=spec["title"],
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=spec["hours"]),
        format=spec["format"],
        link=spec.get("link", ""),
        place=spec.get("place", ""),
    )
    for title, presenter, url in spec["agenda"]:
        services.agenda_item_add(
            actor=secretariat, meeting=meeting, title=title, presenter=presenter, document_url=url
        )
    if "attendance" in spec:
        services.attendance_record(
            actor=secretariat,
            meeting=meeting,
            statuses={seats[key].pk: status for key, status in spec["attendance"].items()},
        )
    for text, owner, due_days, status in spec.get("agreements", []):
        agreement = services.agreement_add(
            actor=secretariat,
            meeting=meeting,
            text=text,
            owner_seat_id=seats[owner].pk if owner else None,
            due_on=timezone.localdate() + datetime.timedelta(days=due_days),
        )
        if status != Agreement.Status.PENDING:
            services.agreement_status_set(actor=secretariat, agreement=agreement, status=status)
    if "minutes" in spec:
        minutes = services.minutes_save(
            actor=secretariat, meeting=meeting, text=spec["minutes"].strip()
        )
        minutes = services.minutes_circulate(actor=secretariat, minutes=minutes)
        email, comment = spec["comment"]
        author = User.objects.filter(email=email).first()
        if author is not None:
            services.minutes_comment_add(actor=author, minutes=minutes, text=comment)
        services.minutes_approve(actor=secretariat, minutes=minutes)
    return meeting
