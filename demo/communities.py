"""Demo community of practice: the network of gender focal points of the ministries of
labour, with its purpose, steering committee, members, events and documents.

Written for the demo (texts and people in demo/data/communities.toml); idempotent
(what exists is left as it is). Runs after ``spaces.ensure_spaces()`` (which
creates the space) and after the demo cohort (whose learner Diego Armando Salazar
asks to join).
"""

import datetime
import zoneinfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from fpdf import FPDF

from demo.accounts import ensure_person, person_from
from demo.files import read_toml
from forum.models import (
    Category,
    JoinRequest,
    Post,
    Space,
    SpaceEvent,
    SpaceEventDocument,
    SpaceMembership,
    Topic,
)
from forum.services.communities import join_request_create
from lms.markup import render_markdown
from lms.models import User

COMMUNITY = read_toml("communities.toml")
SPACE = COMMUNITY["community"]
# A member record is the person, then these fields of the membership.
MEMBERSHIP = ("role", "phone", "show_email", "show_phone")


@transaction.atomic
def ensure_communities() -> int:
    """Fill in the gender focal-point network. Returns the number of things created."""
    space = Space.objects.filter(slug=SPACE["slug"]).first()
    if space is None:
        return 0
    created = 0
    if not space.purpose:
        space.purpose = SPACE["purpose"]
        space.areas_of_action = SPACE["areas_of_action"]
        space.join_policy = Space.JoinPolicy.REQUEST
        space.save()
    created += _members(space)
    coordinator = User.objects.get(email=SPACE["coordinator"])
    SpaceMembership.objects.filter(space=space, user=coordinator).update(
        role=SpaceMembership.Role.COORDINATOR
    )
    created += _events(space, coordinator)
    created += _announcement(space, coordinator)
    created += _pending_request(space)
    return created


def _members(space: Space) -> int:
    created = 0
    for member in COMMUNITY["members"]:
        person = person_from({k: v for k, v in member.items() if k not in MEMBERSHIP})
        user, _new = ensure_person(person)
        _membership, new = SpaceMembership.objects.get_or_create(
            space=space,
            user=user,
            defaults={k: member[k] for k in MEMBERSHIP},
        )
        created += int(new)
    # María Fernanda (Costa Rica) shares her address with the network.
    contact = COMMUNITY["shared_contact"]
    SpaceMembership.objects.filter(space=space, user__email=contact["email"], phone="").update(
        phone=contact["phone"], show_email=contact["show_email"]
    )
    return created


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    zone = zoneinfo.ZoneInfo(SPACE["time_zone"])
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)


def _events(space: Space, coordinator: User) -> int:
    created = 0
    for spec in COMMUNITY["events"]:
        if SpaceEvent.objects.filter(space=space, title=spec["title"]).exists():
            continue
        description, outcome = spec["description"], spec["outcome"]
        event = SpaceEvent.objects.create(
            space=space,
            kind=spec["kind"],
            title=spec["title"],
            description=description,
            description_html=render_markdown(description),
            starts_at=_at(spec["days"], spec["hour"]),
            time_zone=SPACE["time_zone"],
            duration_minutes=spec["minutes"],
            link=SPACE["meeting_link"] if spec["days"] > 0 else "",
            outcome=outcome,
            outcome_html=render_markdown(outcome) if outcome else "",
            created_by=coordinator,
        )
        if "document" in spec:
            doc_title, filename = spec["document"]["title"], spec["document"]["filename"]
            content = outcome_pdf(doc_title, event.starts_at, spec["document"]["paragraphs"])
            item = SpaceEventDocument(
                event=event, title=doc_title, size=len(content), uploaded_by=coordinator
            )
            item.file.save(filename, ContentFile(content), save=False)
            item.save()
        created += 1
    return created


def outcome_pdf(title: str, when: datetime.datetime, paragraphs: list[str]) -> bytes:
    """A one-page outcome document (Latin-1 text: the PDF core fonts)."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author("Red de puntos focales de género - RIAL")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.cell(0, 8, "Red Interamericana para la Administración Laboral (RIAL)")
    pdf.ln(8)
    pdf.cell(0, 8, "Red de puntos focales de género de los ministerios de trabajo")
    pdf.ln(14)
    pdf.set_font("helvetica", "B", 16)
    pdf.multi_cell(0, 8, title)
    pdf.ln(4)
    pdf.set_font("helvetica", "", 11)
    pdf.cell(0, 6, "Fecha: " + when.strftime("%d/%m/%Y"))
    pdf.ln(10)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln(3)
    pdf.ln(6)
    pdf.set_font("helvetica", "I", 10)
    pdf.multi_cell(0, 5, "Documento de demostración de RIAL Campus.")
    return bytes(pdf.output())


def _announcement(space: Space, coordinator: User) -> int:
    title, body = COMMUNITY["announcement"]["title"], COMMUNITY["announcement"]["body"]
    if Topic.objects.filter(space=space, title=title).exists():
        return 0
    category = Category.objects.filter(space=space).order_by("position", "pk").first()
    if category is None:
        category = Category.objects.create(space=space, name="General", slug="general")
    when = timezone.now() - datetime.timedelta(days=2)
    topic = Topic.objects.create(
        space=space,
        category=category,
        title=title,
        author=coordinator,
        created_at=when,
        last_posted_at=when,
        last_post_author=coordinator,
        post_count=1,
        is_announcement=True,
        is_pinned=True,
    )
    Post.objects.create(
        topic=topic,
        number=1,
        author=coordinator,
        body=body,
        body_html=render_markdown(body),
        created_at=when,
    )
    return 1


def _pending_request(space: Space) -> int:
    """Diego Armando Salazar (Peru, demo cohort) asks to join; a coordinator answers."""
    request = COMMUNITY["join_request"]
    diego = User.objects.filter(email=request["email"]).first()
    if diego is None or JoinRequest.objects.filter(space=space, user=diego).exists():
        return 0
    if SpaceMembership.objects.filter(space=space, user=diego).exists():
        return 0
    join_request_create(user=diego, space=space, message=request["message"])
    return 1
