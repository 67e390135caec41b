"""Demo experts network: two experts with profiles, office hours (one past with its
transcript, one coming up with subscribers and queued questions) and questions
to experts, one answered and marked helpful, one waiting.

People, texts and times are in demo/data/experts.toml.
"""

import datetime
import uuid
import zoneinfo

from django.db import transaction
from django.utils import timezone

from courses.models import Theme
from demo.accounts import ensure_person, person_from
from demo.files import read_toml
from forum import services as expert_services
from forum.models import (
    ExpertProfile,
    ExpertQuestion,
    Message,
    OfficeHour,
    OfficeHourQuestion,
    OfficeHourSubscription,
    OfficeHourVote,
    Room,
    Space,
    SpaceMembership,
)
from lms.markup import render_markdown
from lms.models import User

EXPERTS = read_toml("experts.toml")


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _profile(email: str, granter: User) -> ExpertProfile:
    user = _user(email)
    profile = ExpertProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    data = EXPERTS["profiles"][email]
    profile = expert_services.expert_grant(actor=granter, user=user)
    expert_services.expert_profile_update(
        actor=granter,
        profile=profile,
        headline=data["headline"],
        bio=data["bio"],
        themes=list(Theme.objects.filter(code__in=data["themes"])),
        workshops=list(Space.objects.filter(slug__in=data["workshops"])),
        seminars=data["seminars"],
        availability=data["availability"],
        accepts_questions=True,
    )
    return profile


def _message(room: Room, author: User, body: str, at: datetime.datetime) -> Message:
    seq = room.last_seq + 1
    message = Message.objects.create(
        room=room,
        seq=seq,
        author=author,
        client_id=uuid.uuid4(),
        body=body,
        body_html=render_markdown(body),
        created_at=at,
    )
    room.last_seq = seq
    Room.objects.filter(pk=room.pk).update(last_seq=seq)
    return message


def _session(
    *, expert: User, topic: str, description: str, language: str, starts_at, zone: str
) -> OfficeHour:
    """Create the session without the service's "in the future" check (past demo data)."""
    profile = ExpertProfile.objects.get(user=expert)
    space = profile.office_space
    room = Room.objects.create(
        space=space, name=topic[:120], slug=f"oh-demo-{uuid.uuid4().hex[:8]}", topic=topic
    )
    return OfficeHour.objects.create(
        space=space,
        expert=expert,
        topic=topic,
        description=description,
        description_html=render_markdown(description),
        language=language,
        starts_at=starts_at,
        time_zone=zone,
        duration_minutes=60,
        room=room,
    )


def _queue(session: OfficeHour, items) -> list[OfficeHourQuestion]:
    questions = []
    for author, body, voters in items:
        OfficeHourSubscription.objects.get_or_create(session=session, user=author)
        question = OfficeHourQuestion.objects.create(
            session=session, author=author, body=body, body_html=render_markdown(body)
        )
        for voter in voters:
            OfficeHourSubscription.objects.get_or_create(session=session, user=voter)
            OfficeHourVote.objects.create(question=question, user=voter)
        question.vote_count = len(voters)
        question.save(update_fields=["vote_count"])
        questions.append(question)
    return questions


def _office_hour(spec: dict, starts_at: datetime.datetime) -> OfficeHour:
    session = _session(
        expert=_user(spec["expert"]),
        topic=spec["topic"],
        description=spec["description"],
        language=spec["language"],
        starts_at=starts_at,
        zone=spec["time_zone"],
    )
    questions = _queue(
        session,
        [
            (_user(q["author"]), q["body"], [_user(email) for email in q["voters"]])
            for q in spec["questions"]
        ],
    )
    for line in spec.get("transcript", []):
        message = _message(
            session.room,
            _user(line["author"]),
            line["body"],
            session.starts_at + datetime.timedelta(minutes=line["minute"]),
        )
        if "answers" in line:
            question = questions[line["answers"] - 1]
            question.answered_at = message.created_at
            question.answer_seq = message.seq
            question.save(update_fields=["answered_at", "answer_seq"])
    return session


def _question(spec: dict, now: datetime.datetime) -> None:
    expert = _user(spec["expert"]) if "expert" in spec else None
    question = expert_services.question_ask(
        user=_user(spec["author"]),
        title=spec["title"],
        body=spec["body"],
        expert=expert,
        theme=Theme.objects.get(code=spec["theme"]) if "theme" in spec else None,
    )
    asked_at = question.created_at
    if "days_ago" in spec:
        asked_at = now - datetime.timedelta(days=spec["days_ago"])
        ExpertQuestion.objects.filter(pk=question.pk).update(created_at=asked_at)
    if "answer" in spec:
        reply = _message(
            question.room,
            expert,
            spec["answer"]["body"],
            asked_at + datetime.timedelta(hours=spec["answer"]["hours_later"]),
        )
        ExpertQuestion.objects.filter(pk=question.pk).update(
            status=ExpertQuestion.Status.ANSWERED,
            first_answer_at=reply.created_at,
            answered_by=expert,
            helpful_message=reply,
        )


@transaction.atomic
def ensure_experts() -> None:
    if OfficeHour.objects.exists():
        return
    ensure_person(person_from(EXPERTS["second_expert"]))
    granter = User.objects.filter(is_superuser=True).order_by("pk").first()
    for email in EXPERTS["profiles"]:
        _profile(email, granter)
    now = timezone.now().replace(second=0, microsecond=0)

    # A past session, with its transcript.
    past = EXPERTS["office_hours"]["past"]
    _office_hour(past, now - datetime.timedelta(days=past["days_ago"], hours=past["hours_ago"]))

    # A session coming up, with subscribers and queued questions.
    coming = EXPERTS["office_hours"]["coming"]
    local_day = (now + datetime.timedelta(days=coming["in_days"])).astimezone(
        zoneinfo.ZoneInfo(coming["time_zone"])
    )
    at = coming["local_time"]
    _office_hour(coming, local_day.replace(hour=at.hour, minute=at.minute))

    # Questions to experts: one answered and marked helpful, one waiting.
    for spec in EXPERTS["questions"]:
        _question(spec, now)
    # The experts answer in the network's public room too.
    room = EXPERTS["public_room"]
    for email in room["moderators"]:
        SpaceMembership.objects.get_or_create(
            space=Space.objects.get(slug=room["space"]),
            user=_user(email),
            defaults={"role": SpaceMembership.Role.MODERATOR},
        )
