"""Demo spaces and chat rooms: each cohort's, a workshop follow-up, the gender
focal-point network and an open room for questions to experts (demo/data/spaces.toml)."""

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from demo.files import read_toml
from forum.models import Message, Room, Space, SpaceMembership
from forum.services import space_ensure_for_cohort
from lms.markup import render_markdown
from lms.models import Cohort, User

SPACES = read_toml("spaces.toml")


@transaction.atomic
def ensure_spaces() -> int:
    created = 0
    for cohort in Cohort.objects.select_related("course"):
        space_ensure_for_cohort(cohort=cohort)
    for spec in SPACES["spaces"]:
        translations = spec.get("name_translations", {})
        # A space loaded before its name had translations gets them (once).
        if Space.objects.filter(slug=spec["slug"]).exists():
            Space.objects.filter(slug=spec["slug"], name_translations={}).update(
                name_translations=translations
            )
            continue
        space = Space.objects.create(
            kind=spec["kind"],
            name=spec["name"],
            name_translations=translations,
            slug=spec["slug"],
            description=spec["description"],
            readable_by_all=spec.get("readable_by_all", False),
        )
        for member in spec["members"]:
            user = User.objects.filter(email=member["email"]).first()
            if user is not None:
                SpaceMembership.objects.create(space=space, user=user, role=member["role"])
        room = spec["room"]
        _messages(
            Room.objects.create(
                space=space,
                name=room["name"],
                slug=room["slug"],
                topic=room["topic"],
                is_public=room.get("public", False),
            ),
            room["messages"],
        )
        created += 1
    cohort = SPACES["cohort_room"]
    cohort_room = Room.objects.filter(space__cohort__name__startswith=cohort["cohort"]).first()
    if cohort_room is not None and not cohort_room.messages.exists():
        _messages(cohort_room, cohort["messages"])
    return created


def _messages(room: Room, lines: list[dict]) -> None:
    start = timezone.now() - datetime.timedelta(hours=len(lines))
    for number, line in enumerate(lines, start=1):
        author, body = User.objects.get(email=line["author"]), line["body"]
        Message.objects.create(
            room=room,
            seq=number,
            author=author,
            client_id=uuid.uuid4(),
            body=body,
            body_html=render_markdown(body),
            created_at=start + datetime.timedelta(minutes=number * 7),
        )
    Room.objects.filter(pk=room.pk).update(last_seq=len(lines))
