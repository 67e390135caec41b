"""The writes: meetings, attendance and quorum, the minutes' workflow, agreements carried
from meeting to meeting, the cadence a community that is a body keeps, and a body's own
space that follows its members."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bodies import selectors, services
from bodies.models import (
    AgendaItem,
    Agreement,
    Attendance,
    Body,
    Decision,
    Meeting,
    Member,
    Minutes,
    MinutesComment,
    Seat,
)
from forum.models import Room, Space, SpaceEvent
from forum.selectors.communities import meeting_due
from tests.bodies.helpers import make_body, make_meeting, make_member
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _create(actor, body, **fields):
    starts = timezone.now() + datetime.timedelta(days=5)
    return services.meeting_create(
        actor=actor,
        body=body,
        **{
            "title": "R",
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "format": "virtual",
            "link": "https://x.example.org",
            **fields,
        },
    )


def test_a_meeting_is_checked_whole_and_only_the_secretariat_creates_it(secretariat):
    body = make_body()
    member = make_member(body).user
    with pytest.raises(PermissionDenied):
        _create(member, body)
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        _create(
            secretariat,
            body,
            title=" ",
            starts_at=now,
            ends_at=now - datetime.timedelta(hours=1),
            format="in_person",
            link="ftp://x",
            place="",
        )
    assert set(error.value.message_dict) == {"title", "ends_at", "link", "place"}
    # Virtual without a link: only a body with its own room may.
    with pytest.raises(ValidationError) as error:
        _create(secretariat, body, link="")
    assert "link" in error.value.message_dict
    assert not Meeting.objects.exists()
    meeting = _create(secretariat, body, format="in_person", place="Panamá", link="")
    assert meeting.place == "Panamá" and meeting.created_by == secretariat
    space = Space.objects.create(kind=Space.Kind.COMMUNITY, name="Red", slug="red-sala")
    with_space = make_body(slug="con-espacio", space=space)
    with pytest.raises(ValidationError):  # a space without a room is not enough
        _create(secretariat, with_space, link="")
    Room.objects.create(space=space, name="Sala", slug="sala-red")
    assert _create(secretariat, with_space, link="").link == ""


def test_attendance_is_all_or_nothing_and_quorum_is_more_than_half(secretariat):
    body = make_body(seats=4)
    seats = list(body.seats.order_by("pk"))
    other_seat = make_body(slug="otro", seats=1).seats.get()
    meeting = make_meeting(body)
    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=secretariat,
            meeting=meeting,
            statuses={seats[0].pk: "present", other_seat.pk: "present"},
        )
    with pytest.raises(ValidationError):
        services.attendance_record(
            actor=secretariat, meeting=meeting, statuses={seats[0].pk: "asleep"}
        )
    assert not Attendance.objects.exists()
    services.attendance_record(
        actor=secretariat,
        meeting=meeting,
        statuses={seats[0].pk: "present", seats[1].pk: "represented", seats[2].pk: "absent"},
    )
    quorum = selectors.quorum_of(selectors.attendance_rows(meeting=meeting))
    assert (quorum.counted, quorum.seats, quorum.reached) == (2, 4, False)  # half is not more
    services.attendance_record(
        actor=secretariat, meeting=meeting, statuses={seats[3].pk: "present"}
    )
    quorum = selectors.quorum_of(selectors.attendance_rows(meeting=meeting))
    assert (quorum.counted, quorum.reached) == (3, True)
    # A seat retired afterwards still counts where its attendance was recorded; not at
    # a meeting where it was not.
    seats[3].is_active = False
    seats[3].save()
    assert selectors.quorum_of(selectors.attendance_rows(meeting=meeting)).seats == 4
    later = make_meeting(body, days=30)
    assert selectors.quorum_of(selectors.attendance_rows(meeting=later)).seats == 3
    # Its attendance may still be corrected at the meeting it sat in.
    services.attendance_record(actor=secretariat, meeting=meeting, statuses={seats[3].pk: "absent"})
    member = make_member(body).user
    with pytest.raises(PermissionDenied):
        services.attendance_record(actor=member, meeting=meeting, statuses={})


def test_minutes_go_draft_circulated_approved_and_then_never_change(secretariat):
    body = make_body()
    member = make_member(body).user
    outsider = UserFactory()
    meeting = make_meeting(body, days=-3)
    with pytest.raises(PermissionDenied):
        services.minutes_save(actor=member, meeting=meeting, text="Acta")
    with pytest.raises(ValidationError):
        services.minutes_save(actor=secretariat, meeting=meeting, text="  ")
    minutes = services.minutes_save(actor=secretariat, meeting=meeting, text="**Acta** <script>")
    assert "<strong>Acta</strong>" in minutes.text_html and "<script>" not in minutes.text_html
    # Approving a draft is refused: it must be circulated first; members cannot comment yet.
    with pytest.raises(ValidationError):
        services.minutes_approve(actor=secretariat, minutes=minutes)
    with pytest.raises(ValidationError):
        services.minutes_comment_add(actor=member, minutes=minutes, text="Hola")
    with pytest.raises(PermissionDenied):
        services.minutes_circulate(actor=member, minutes=minutes)
    services.minutes_circulate(actor=secretariat, minutes=minutes)
    with pytest.raises(PermissionDenied):
        services.minutes_comment_add(actor=outsider, minutes=minutes, text="Hola")
    comment = services.minutes_comment_add(actor=member, minutes=minutes, text="Falta un punto")
    assert comment.author == member and comment.created_at
    # Amended after the comments: back to draft, circulated again.
    services.minutes_save(actor=secretariat, meeting=meeting, text="Acta corregida")
    services.minutes_circulate(actor=secretariat, minutes=minutes)
    with pytest.raises(PermissionDenied):
        services.minutes_approve(actor=member, minutes=minutes)
    approved = services.minutes_approve(actor=secretariat, minutes=minutes)
    assert approved.approved_by == secretariat and approved.approved_at is not None
    decisions = list(Decision.objects.values_list("kind", "actor"))
    assert decisions == [
        (Decision.Kind.MINUTES_CIRCULATED, secretariat.pk),
        (Decision.Kind.MINUTES_WITHDRAWN, secretariat.pk),
        (Decision.Kind.MINUTES_CIRCULATED, secretariat.pk),
        (Decision.Kind.MINUTES_APPROVED, secretariat.pk),
    ]
    # From now on: no edit, no second approval, no comment, no change to the record.
    for attempt in (
        lambda: services.minutes_save(actor=secretariat, meeting=meeting, text="Otra"),
        lambda: services.minutes_approve(actor=secretariat, minutes=minutes),
        lambda: services.minutes_comment_add(actor=member, minutes=minutes, text="Tarde"),
        lambda: services.attendance_record(actor=secretariat, meeting=meeting, statuses={}),
        lambda: services.agenda_item_add(actor=secretariat, meeting=meeting, title="Más"),
        lambda: services.agreement_add(actor=secretariat, meeting=meeting, text="Otro"),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.messages
    minutes = Minutes.objects.get()
    assert minutes.text == "Acta corregida" and minutes.status == Minutes.Status.APPROVED
    assert MinutesComment.objects.count() == 1


def _approved(secretariat, meeting, text="Acta"):
    minutes = services.minutes_save(actor=secretariat, meeting=meeting, text=text)
    services.minutes_circulate(actor=secretariat, minutes=minutes)
    return services.minutes_approve(actor=secretariat, minutes=minutes)


def test_seats_changed_later_do_not_rewrite_an_approved_meetings_quorum(secretariat):
    body = make_body(seats=3)
    seats = list(body.seats.order_by("pk"))
    meeting = make_meeting(body, days=-3)
    services.attendance_record(
        actor=secretariat,
        meeting=meeting,
        statuses={seats[0].pk: "present", seats[1].pk: "present", seats[2].pk: "absent"},
    )
    _approved(secretariat, meeting)

    def quorum():
        reread = Meeting.objects.select_related("minutes").get(pk=meeting.pk)
        result = selectors.quorum_of(selectors.attendance_rows(meeting=reread))
        return result.seats, result.counted, result.reached

    assert quorum() == (3, 2, True)
    # The admin adds two seats and retires one: the approved record stays as it was.
    for country in ("UY", "PE"):
        Seat.objects.create(body=body, country=country, constituency=Seat.Constituency.GOVERNMENT)
    seats[1].is_active = False
    seats[1].save()
    assert quorum() == (3, 2, True)


def test_a_body_that_has_met_is_not_deleted(secretariat):
    from django.db.models import ProtectedError

    body = make_body()
    _approved(secretariat, make_meeting(body, days=-3))
    with pytest.raises(ProtectedError):
        body.delete()
    assert Minutes.objects.filter(status=Minutes.Status.APPROVED).count() == 1
    assert Decision.objects.filter(body=body).count() == 2


def test_editing_circulated_minutes_sends_them_back_to_draft_on_record(secretariat):
    body = make_body()
    member = make_member(body).user
    meeting = make_meeting(body, days=-3)
    minutes = services.minutes_save(actor=secretariat, meeting=meeting, text="Acta")
    services.minutes_circulate(actor=secretariat, minutes=minutes)
    access = selectors.access_for(user=member, body=body)
    # Saving the same text changes nothing.
    services.minutes_save(actor=secretariat, meeting=meeting, text="Acta")
    assert Minutes.objects.get().status == Minutes.Status.CIRCULATED
    services.minutes_save(actor=secretariat, meeting=meeting, text="Acta cambiada")
    minutes = Minutes.objects.get()
    assert minutes.status == Minutes.Status.DRAFT and not access.can_see_minutes(minutes)
    withdrawn = Decision.objects.get(kind=Decision.Kind.MINUTES_WITHDRAWN)
    assert (withdrawn.actor, withdrawn.old_value, withdrawn.new_value) == (
        secretariat,
        "circulated",
        "draft",
    )
    with pytest.raises(ValidationError):  # circulate them again before approving
        services.minutes_approve(actor=secretariat, minutes=minutes)
    services.minutes_circulate(actor=secretariat, minutes=minutes)
    # The members are told the text changed since they first read it.
    page = selectors.meeting_page(access=access, meeting=Meeting.objects.get(pk=meeting.pk))
    assert page.minutes_changed_at == withdrawn.at
    assert services.minutes_approve(actor=secretariat, minutes=minutes).text == "Acta cambiada"


def test_every_writer_of_a_meetings_record_locks_the_meeting_first(secretariat, monkeypatch):
    """Approval and the writers take the meeting's lock, and check after it: a writer
    that read the meeting before the approval is refused once it has the lock."""
    body = make_body()
    member = make_member(body).user
    meeting = make_meeting(body, days=-3)
    item = services.agenda_item_add(actor=secretariat, meeting=meeting, title="A")
    services.agenda_item_add(actor=secretariat, meeting=meeting, title="B")
    minutes = services.minutes_save(actor=secretariat, meeting=meeting, text="Acta")
    services.minutes_circulate(actor=secretariat, minutes=minutes)
    locked = []
    real = services._lock_meeting

    def spy(meeting_id):
        locked.append(meeting_id)
        if len(locked) == 1 and approving:
            # Another request approves while this one waits for the lock.
            Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.APPROVED)
        return real(meeting_id)

    monkeypatch.setattr(services, "_lock_meeting", spy)
    approving = True
    for attempt in (
        lambda: services.agenda_item_remove(actor=secretariat, item=item),
        lambda: services.agenda_item_move(actor=secretariat, item=item, up=False),
        lambda: services.minutes_comment_add(actor=member, minutes=minutes, text="Tarde"),
    ):
        locked.clear()
        Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.CIRCULATED)
        with pytest.raises(ValidationError):
            attempt()
        assert locked == [meeting.pk]
    assert AgendaItem.objects.count() == 2 and not MinutesComment.objects.exists()
    assert list(AgendaItem.objects.values_list("title", flat=True)) == ["A", "B"]
    approving = False
    locked.clear()
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.CIRCULATED)
    services.minutes_approve(actor=secretariat, minutes=minutes)
    assert locked == [meeting.pk]


def test_agreements_are_carried_to_later_meetings_until_done(secretariat):
    body = make_body(seats=2)
    seat, other_seat = body.seats.order_by("pk")
    owner = make_member(body, seat=seat).user
    other = make_member(body, seat=other_seat).user
    first = make_meeting(body, days=-60, title="Primera")
    second = make_meeting(body, days=-5, title="Segunda")
    third = make_meeting(body, days=20, title="Tercera")
    foreign = make_body(slug="otro", seats=1).seats.get()
    with pytest.raises(ValidationError) as error:
        services.agreement_add(actor=secretariat, meeting=first, text="", owner_seat_id=foreign.pk)
    assert set(error.value.message_dict) == {"text", "owner"}
    overdue = services.agreement_add(
        actor=secretariat,
        meeting=first,
        text="Reunir protocolos",
        owner_seat_id=seat.pk,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    later = services.agreement_add(actor=secretariat, meeting=second, text="Preparar guía")
    assert overdue.is_overdue and later.owner_seat is None

    def carried(meeting):
        access = selectors.access_for(user=secretariat, body=body)
        return [a.text for a in selectors.meeting_page(access=access, meeting=meeting).carried]

    assert carried(first) == []
    assert carried(second) == ["Reunir protocolos"]
    assert carried(third) == ["Reunir protocolos", "Preparar guía"]
    # Follow-up: the owning seat's member and the secretariat; not another seat.
    with pytest.raises(PermissionDenied):
        services.agreement_note_add(actor=other, agreement=overdue, text="Yo")
    note = services.agreement_note_add(actor=owner, agreement=overdue, text="Enviado a 3 países")
    assert note.author == owner
    with pytest.raises(PermissionDenied):
        services.agreement_status_set(actor=owner, agreement=overdue, status="done")
    with pytest.raises(ValidationError):
        services.agreement_status_set(actor=secretariat, agreement=overdue, status="lost")
    services.agreement_status_set(actor=secretariat, agreement=overdue, status="in_progress")
    assert carried(third) == ["Reunir protocolos", "Preparar guía"]
    services.agreement_status_set(actor=secretariat, agreement=overdue, status="done")
    assert carried(third) == ["Preparar guía"]
    done = Agreement.objects.get(pk=overdue.pk)
    with pytest.raises(ValidationError):  # closed: no more follow-up
        services.agreement_note_add(actor=owner, agreement=done, text="Otra")
    assert (done.status_changed_by, done.status) == (secretariat, "done")
    assert list(Decision.objects.filter(agreement=done).values_list("old_value", "new_value")) == [
        ("pending", "in_progress"),
        ("in_progress", "done"),
    ]


def test_agenda_items_are_ordered_and_moved(secretariat):
    meeting = make_meeting(make_body())
    with pytest.raises(ValidationError) as error:
        services.agenda_item_add(
            actor=secretariat, meeting=meeting, title="", document_url="javascript:x"
        )
    assert set(error.value.message_dict) == {"title", "document_url"}
    a = services.agenda_item_add(actor=secretariat, meeting=meeting, title="A")
    services.agenda_item_add(actor=secretariat, meeting=meeting, title="B", notes="*nota*")
    services.agenda_item_move(actor=secretariat, item=a, up=False)
    assert list(AgendaItem.objects.values_list("title", flat=True)) == ["B", "A"]


def test_a_community_that_is_a_body_meets_at_the_bodys_cadence():
    space = Space.objects.create(kind=Space.Kind.COMMUNITY, name="Red", slug="red")
    SpaceEvent.objects.create(
        space=space,
        kind=SpaceEvent.Kind.MEETING,
        title="R",
        starts_at=timezone.now() - datetime.timedelta(days=150),
        duration_minutes=60,
    )
    # Six months from the last meeting while the space is no body's.
    status = meeting_due(space=space)
    assert status.months == 6 and not status.overdue
    body = make_body(space=space, meetings_per_year=4, in_person_per_year=1)
    # The body's own meetings count: one 100 days ago, three months of cadence.
    last = make_meeting(body, days=-100)
    status = meeting_due(space=space)
    assert status.months == 3 and status.last == last
    assert status.overdue  # three months after a meeting 100 days ago
    # The body schedules its next meeting: the community page and the body page agree.
    upcoming = make_meeting(body, days=10)
    status = meeting_due(space=space)
    assert status.next == upcoming and not status.overdue and status.next_is_late  # scheduled, late
    cadence = selectors.space_cadence(space)
    assert (cadence.months, cadence.last, cadence.next) == (3, last, upcoming)


def test_a_bodys_own_space_follows_its_members_terms_day_by_day():
    """The body's own space lists its current members (its chair and secretariat
    moderate); terms that start or end by date are applied by the daily job."""
    from bodies.tasks import body_spaces_sync
    from forum.models import SpaceMembership

    body = make_body(seats=2)
    today = timezone.localdate()
    current = make_member(body)
    chair = make_member(body, role=Member.Role.CHAIR)
    staff = make_member(body, seat=None, role=Member.Role.SECRETARIAT)
    starting = make_member(body, starts_on=today + datetime.timedelta(days=1))
    make_member(body, ends_on=today - datetime.timedelta(days=1))
    gone = make_member(body)
    gone.user.is_active = False
    gone.user.save(update_fields=["is_active"])
    space = services.body_space_ensure(body=body)
    assert services.body_space_ensure(body=body) == space  # once

    def listed():
        return dict(SpaceMembership.objects.filter(space=space).values_list("user_id", "role"))

    assert listed() == {
        current.user_id: "member",
        chair.user_id: "moderator",
        staff.user_id: "moderator",
    }
    # A day later: one term ended, another started.
    Member.objects.filter(pk=current.pk).update(ends_on=today - datetime.timedelta(days=1))
    Member.objects.filter(pk=starting.pk).update(starts_on=today)
    assert body_spaces_sync.call() == 2
    assert set(listed()) == {chair.user_id, staff.user_id, starting.user_id}
    assert body_spaces_sync.call() == 0
    # The secretariat chooses a community instead: the space it had lists nobody.
    community = Space.objects.create(kind=Space.Kind.COMMUNITY, name="Red", slug="comunidad")
    Body.objects.filter(pk=body.pk).update(space=community)
    assert services.body_space_ensure(body=body) == community
    assert listed() == {} and not community.memberships.exists()
    # A deleted body's own space too (the daily job sweeps what the admin did not).
    other = make_body(slug="otro", seats=1)
    make_member(other)
    space = services.body_space_ensure(body=other)
    assert len(listed()) == 1
    Member.objects.filter(body=other).delete()
    other.delete()
    assert body_spaces_sync.call() == 1 and listed() == {}
    assert Space.objects.filter(pk=space.pk).exists()  # its conversation is kept


def test_a_body_made_before_bodies_had_spaces_gets_its_own_from_the_daily_job():
    from bodies.tasks import body_spaces_sync

    body = make_body(slug="antiguo", seats=1)  # written directly: no space
    member = make_member(body)
    assert body.space_id is None
    assert body_spaces_sync.call() >= 1
    body.refresh_from_db()
    assert body.space.kind == Space.Kind.BODY
    assert body.space.memberships.filter(user=member.user).exists()
    assert body_spaces_sync.call() == 0  # once


def test_syncing_every_bodys_space_costs_the_same_per_body_whatever_its_members(
    django_assert_max_num_queries,
):
    counts = []
    for n, slug in ((2, "uno"), (40, "dos")):
        body = make_body(slug=slug, seats=1)
        for _ in range(n):
            make_member(body)
        with django_assert_max_num_queries(30) as captured:
            services.body_space_ensure(body=body)
        counts.append(len(captured.captured_queries))
        body.refresh_from_db()
        assert services.body_space_members_sync(body=body) == 0
        assert body.space.memberships.count() == n
    assert counts[0] == counts[1], counts


def test_nobody_adds_or_removes_members_of_a_bodys_space_in_the_forum(secretariat):
    """Its members are the body's: a change on the forum's member pages would be undone
    by the next sync, so it is refused there (the bodies admin is where they change)."""
    from forum.access import space_access
    from forum.services import members as forum_members

    body = make_body(slug="grupo", seats=1)
    member = make_member(body)
    space = services.body_space_ensure(body=body)
    assert not space_access(user=secretariat, space=space).can_manage_members
    with pytest.raises(PermissionDenied):
        forum_members.space_member_remove(actor=secretariat, space=space, user=member.user)
    assert space.memberships.filter(user=member.user).exists()
