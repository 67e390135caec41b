"""Who sees what: the list, a body, a meeting, the minutes at each step; the same 404
for another body's pages as for missing ones; the secretariat's pages refuse the members;
flat query counts as meetings, agreements and seats grow; the calendar and .ics."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar

from bodies import services
from bodies.models import Agreement, Attendance, Body, Meeting, Member, Minutes, Seat
from forum.access import room_access, space_access
from forum.models import Category, Room, Space, SpaceMembership
from lms.selectors.calendar import entries_between
from tests.bodies.helpers import make_body, make_meeting, make_member
from tests.factories import UserFactory
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"bodies:{name}", kwargs=kwargs)


@pytest.fixture
def network(secretariat):
    body = make_body(slug="red", name="Red de género", seats=3)
    member = make_member(body)
    meeting = make_meeting(body, days=-2, title="Reunión de marzo")
    minutes = services.minutes_save(actor=secretariat, meeting=meeting, text="Acta de marzo")
    return body, member.user, meeting, minutes


def test_the_list_shows_each_person_their_bodies(client, secretariat, network):
    _body, member, _meeting, _minutes = network
    public = make_body(slug="publico", name="Grupo público", is_public=True, seats=1)
    make_body(slug="privado", name="Grupo privado", seats=1)
    names = {
        None: ["Grupo público"],
        member: ["Grupo público", "Red de género"],
        UserFactory(): ["Grupo público"],
    }
    for person, expected in names.items():
        client.logout()
        if person is not None:
            client.force_login(person)
        html = client.get(url("index")).content.decode()
        shown = [n for n in ("Grupo privado", "Grupo público", "Red de género") if n in html]
        assert shown == expected, person
    mfa_force_login(client, secretariat)
    html = client.get(url("index")).content.decode()
    assert all(n in html for n in ("Grupo privado", "Grupo público", "Red de género"))
    assert public.slug in html


def test_a_private_body_is_404_for_others_and_the_same_as_missing(client, network):
    body, member, meeting, _minutes = network
    other_body = make_body(slug="otro", seats=1)
    other_meeting = make_meeting(other_body)
    for person in (None, UserFactory(), make_member(other_body).user):
        client.logout()
        if person is not None:
            client.force_login(person)
        assert client.get(url("body", slug=body.slug)).status_code == 404
        assert client.get(url("meeting", slug=body.slug, pk=meeting.pk)).status_code == 404
        assert client.get(url("body", slug="nadie")).status_code == 404
    client.force_login(member)
    assert client.get(url("body", slug=body.slug)).status_code == 200
    # Another body's meeting under this body's address: missing.
    assert client.get(url("meeting", slug=body.slug, pk=other_meeting.pk)).status_code == 404
    # A past member (term over) no longer sees it.
    past = make_member(
        body,
        starts_on=timezone.localdate() - datetime.timedelta(days=400),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    client.force_login(past.user)
    assert client.get(url("body", slug=body.slug)).status_code == 404
    # Their term stays in the rotation's history, for the members.
    client.force_login(member)
    html = client.get(url("body", slug=body.slug)).content.decode()
    assert "Mandatos anteriores" in html and escape(past.user.get_full_name()) in html


def test_minutes_are_shown_by_their_status(client, secretariat, network):
    body, member, meeting, minutes = network
    page = url("meeting", slug=body.slug, pk=meeting.pk)
    client.force_login(member)
    assert "Acta de marzo" not in client.get(page).content.decode()  # a draft
    services.minutes_circulate(actor=secretariat, minutes=minutes)
    html = client.get(page).content.decode()
    assert "Acta de marzo" in html and "Enviar el comentario" in html
    response = client.post(
        url("minutes_action", slug=body.slug, pk=meeting.pk),
        {"action": "comment", "text": "Añadir el punto 3"},
    )
    assert response.status_code == 302
    # Members do not approve: refused, nothing changes.
    client.post(url("minutes_action", slug=body.slug, pk=meeting.pk), {"action": "approve"})
    assert Minutes.objects.get().status == Minutes.Status.CIRCULATED
    client.logout()
    assert client.get(page).status_code == 404  # private body
    services.minutes_approve(actor=secretariat, minutes=minutes)
    body.is_public = True
    body.save()
    html = client.get(page).content.decode()
    assert "Acta de marzo" in html and "Añadir el punto 3" not in html  # comments: members
    assert 'id="attendance-title"' not in html
    # The secretariat's page for the minutes refuses to edit approved ones.
    mfa_force_login(client, secretariat)
    response = client.get(url("minutes", slug=body.slug, pk=meeting.pk), follow=True)
    assert "está aprobada: su registro ya no cambia" in response.content.decode()


def test_visitors_of_a_public_body_see_only_approved_minutes(client, secretariat, network):
    body, member, meeting, minutes = network
    body.is_public = True
    body.save()
    link = meeting.link
    page = url("meeting", slug=body.slug, pk=meeting.pk)
    ics = url("meeting_ics", slug=body.slug, pk=meeting.pk)
    assert "Acta de marzo" not in client.get(page).content.decode()
    services.minutes_circulate(actor=secretariat, minutes=minutes)
    assert "Acta de marzo" not in client.get(page).content.decode()
    assert "Acta de marzo" not in client.get(url("body", slug=body.slug)).content.decode()
    services.minutes_approve(actor=secretariat, minutes=minutes)
    # Signed out, then signed in but not a member: the same.
    for visitor in (None, UserFactory()):
        if visitor is not None:
            client.force_login(visitor)
        html = client.get(url("body", slug=body.slug)).content.decode()
        # The seats, not who holds them: that is for the members.
        assert "Argentina" in html and escape(member.get_full_name()) not in html
        html = client.get(page).content.decode()
        assert "Acta de marzo" in html  # approved: public
        assert link not in html
        response = client.get(ics)
        assert response.status_code == 200 and link.encode() not in response.content
        (event,) = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(event["location"]).endswith(page)  # the page, not the way in
    # A member gets the names, the link and the link in the .ics.
    client.force_login(member)
    html = client.get(url("body", slug=body.slug)).content.decode()
    assert escape(member.get_full_name()) in html
    assert link in client.get(page).content.decode()
    assert link.encode() in client.get(ics).content


def test_members_cannot_use_the_secretariats_pages(client, network):
    body, member, meeting, _minutes = network
    client.force_login(member)
    for name in ("meeting_edit", "agenda", "attendance", "minutes", "agreement_new"):
        assert client.get(url(name, slug=body.slug, pk=meeting.pk)).status_code == 403, name
    assert client.get(url("meeting_new", slug=body.slug)).status_code == 403
    response = client.post(
        url("attendance", slug=body.slug, pk=meeting.pk),
        {f"seat_{seat.pk}": "present" for seat in body.seats.all()},
    )
    assert response.status_code == 403 and not Attendance.objects.exists()


def test_the_secretariat_records_a_meeting_through_the_pages(client, secretariat, network):
    body, _member, meeting, _minutes = network
    mfa_force_login(client, secretariat)
    response = client.post(
        url("meeting_new", slug=body.slug),
        {
            "title": "Reunión de junio",
            "starts_at": "2031-06-10T09:00",
            "ends_at": "2031-06-10T08:00",
            "format": "in_person",
            "place": "",
        },
    )
    assert response.status_code == 200 and Meeting.objects.count() == 1
    html = response.content.decode()
    assert "La reunión termina después de empezar." in html
    assert "Indique dónde se realiza la reunión." in html
    response = client.post(
        url("meeting_new", slug=body.slug),
        {
            "title": "Reunión de junio",
            "starts_at": "2031-06-10T09:00",
            "ends_at": "2031-06-10T12:00",
            "format": "in_person",
            "place": "Panamá",
        },
    )
    june = Meeting.objects.get(title="Reunión de junio")
    assert response.status_code == 302
    # 09:00 typed means 09:00 in the body's time zone.
    zone = zoneinfo.ZoneInfo(body.time_zone)
    assert timezone.localtime(june.starts_at, zone).hour == 9
    seats = list(body.seats.order_by("pk"))
    response = client.post(
        url("attendance", slug=body.slug, pk=meeting.pk),
        {f"seat_{seats[0].pk}": "present", f"seat_{seats[1].pk}": "represented"},
    )
    assert response.status_code == 302
    html = client.get(url("meeting", slug=body.slug, pk=meeting.pk)).content.decode()
    assert "Hay quórum" in html and "2 de 3 puestos presentes o representados." in html
    response = client.post(
        url("agreement_new", slug=body.slug, pk=meeting.pk),
        {"text": "Reunir protocolos", "owner": str(seats[0].pk), "due_on": "2020-01-01"},
    )
    assert response.status_code == 302
    html = client.get(url("meeting", slug=body.slug, pk=june.pk)).content.decode()
    assert "Acuerdos abiertos de reuniones anteriores" in html and "Reunir protocolos" in html
    assert "La asistencia todavía no está registrada." in html and "No hay quórum" not in html
    agreement = Agreement.objects.get()
    client.post(
        url("agreement_action", slug=body.slug, pk=agreement.pk),
        {"action": "status", "status": "done", "back": june.pk},
    )
    html = client.get(url("meeting", slug=body.slug, pk=june.pk)).content.decode()
    assert "Reunir protocolos" not in html


def test_a_body_page_and_a_meeting_page_cost_the_same_for_3_and_30(
    client, secretariat, django_assert_max_num_queries
):
    body = make_body(seats=3)
    member = make_member(body)

    def grow(n):
        seats = list(body.seats.all())
        for i in range(n):
            meeting = make_meeting(body, days=-100 + i, title=f"R{i}")
            services.minutes_save(actor=secretariat, meeting=meeting, text="Acta")
            agreement = services.agreement_add(
                actor=secretariat, meeting=meeting, text=f"Acuerdo {i}", owner_seat_id=seats[0].pk
            )
            services.agreement_note_add(actor=member.user, agreement=agreement, text="nota")
            services.agreement_status_set(
                actor=secretariat, agreement=agreement, status="in_progress"
            )
        return make_meeting(body, days=30, title="Próxima")

    client.force_login(member.user)
    client.get(url("index"))  # the first page of a session costs its own set-up
    counts = []
    for n, seats in ((3, 0), (27, 27)):
        body.seats.model.objects.bulk_create(
            [
                body.seats.model(
                    body=body, country="CL", institution=f"S{i}", constituency="workers"
                )
                for i in range(seats)
            ]
        )
        nxt = grow(n)
        with django_assert_max_num_queries(40) as captured:
            assert client.get(url("body", slug=body.slug)).status_code == 200
        body_queries = len(captured.captured_queries)
        with django_assert_max_num_queries(40) as captured:
            html = client.get(url("meeting", slug=body.slug, pk=nxt.pk)).content.decode()
        assert "Acuerdo 0" in html
        counts.append((body_queries, len(captured.captured_queries)))
    assert counts[0] == counts[1], counts


def test_members_have_the_meetings_in_their_calendar_and_an_ics(client, network):
    body, member, meeting, _minutes = network
    start = timezone.now() - datetime.timedelta(days=10)
    end = timezone.now() + datetime.timedelta(days=10)
    entries = entries_between(user=member, start=start, end=end)
    assert [entry.title for entry in entries if entry.kind == "body_meeting"] == [
        "Reunión de marzo · Red de género"
    ]
    assert not [
        e
        for e in entries_between(user=UserFactory(), start=start, end=end)
        if e.kind == "body_meeting"
    ]
    client.force_login(member)
    response = client.get(url("meeting_ics", slug=body.slug, pk=meeting.pk))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Reunión de marzo · Red de género"]
    # Members have the way in, in the calendar and the file.
    assert [str(event["location"]) for event in events] == [meeting.link]
    mine = [entry for entry in entries if entry.kind == "body_meeting"]
    assert [entry.location for entry in mine] == [meeting.link]


def test_deleting_a_body_that_met_is_refused_in_the_admin(client, secretariat, network):
    body, _member, meeting, minutes = network
    services.minutes_circulate(actor=secretariat, minutes=minutes)
    services.minutes_approve(actor=secretariat, minutes=minutes)
    mfa_force_login(client, secretariat)
    response = client.post(f"/admin/snippets/bodies/body/delete/{body.pk}/", follow=True)
    assert response.status_code == 200
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert Minutes.objects.filter(status=Minutes.Status.APPROVED).exists()
    unmet = make_body(slug="nuevo", seats=0)
    client.post(f"/admin/snippets/bodies/body/delete/{unmet.pk}/")
    assert not type(body).objects.filter(pk=unmet.pk).exists()


def _body_with_two_lists(secretariat, *, past: int, agreements: int, digits: int):
    """A body with ``past`` meetings held and ``agreements`` open; its member."""
    body = make_body(seats=1)
    member = make_member(body).user
    for i in range(past):
        make_meeting(body, days=-200 + i, title=f"Pasada {i:02d}")
    meeting = make_meeting(body, days=5, title="Próxima")
    for i in range(agreements):
        services.agreement_add(actor=secretariat, meeting=meeting, text=f"Acuerdo {i:0{digits}d}")
    return body, member


def test_past_meetings_and_open_agreements_are_paginated(client, secretariat):
    body, member = _body_with_two_lists(secretariat, past=25, agreements=55, digits=2)
    client.force_login(member)
    html = client.get(url("body", slug=body.slug)).content.decode()
    assert "Pasada 24" in html and "Pasada 04" not in html
    assert "?page=2" in html and "?agreements=2" in html
    assert "Acuerdo 00" in html and "Acuerdo 54" not in html
    html = client.get(url("body", slug=body.slug) + "?page=2&agreements=2").content.decode()
    assert "Pasada 04" in html and "Pasada 24" not in html
    assert "Acuerdo 54" in html and "Acuerdo 00" not in html


def test_each_list_pages_without_losing_the_other_lists_page(client, secretariat):
    """The past meetings and the open agreements page on their own: a link of one list
    keeps the other's page (and whatever else the address asks)."""
    body, member = _body_with_two_lists(secretariat, past=45, agreements=105, digits=3)
    client.force_login(member)
    html = client.get(url("body", slug=body.slug) + "?page=2&agreements=2&x=y").content.decode()
    assert "Pasada 24" in html and "Acuerdo 050" in html  # both second pages
    # Past meetings: to pages 1 and 3, on the second page of agreements.
    assert 'href="?page=1&amp;agreements=2&amp;x=y"' in html
    assert 'href="?page=3&amp;agreements=2&amp;x=y"' in html
    # Agreements: to pages 1 and 3, on the second page of past meetings.
    assert 'href="?page=2&amp;agreements=1&amp;x=y"' in html
    assert 'href="?page=2&amp;agreements=3&amp;x=y"' in html
    # Following one: the other list stays where it was.
    html = client.get(url("body", slug=body.slug) + "?page=3&agreements=2&x=y").content.decode()
    assert "Pasada 04" in html and "Acuerdo 050" in html and "Acuerdo 000" not in html


def test_every_carried_agreement_is_on_the_meeting_page_at_a_flat_cost(
    client, secretariat, django_assert_max_num_queries
):
    """None is left out however many are open (there used to be a cap of 200), and the
    page costs the same number of queries for 5 of them and for 230."""
    body = make_body(seats=2)
    member = make_member(body)
    seat = body.seats.order_by("pk").first()
    earlier = make_meeting(body, days=-30, title="Anterior")
    upcoming = make_meeting(body, days=10, title="Próxima")
    client.force_login(member.user)
    client.get(url("index"))  # the first page of a session costs its own set-up
    counts = []
    for total in (5, 230):
        have = Agreement.objects.filter(body=body).count()
        Agreement.objects.bulk_create(
            Agreement(
                meeting=earlier,
                body=body,
                text=f"Acuerdo {i:03d}",
                text_html=f"<p>Acuerdo {i:03d}</p>",
                owner_seat=seat if i % 2 else None,
            )
            for i in range(have, total)
        )
        for agreement in Agreement.objects.filter(body=body).order_by("-pk")[:3]:
            services.agreement_note_add(actor=secretariat, agreement=agreement, text="nota")
        with django_assert_max_num_queries(40) as captured:
            html = client.get(url("meeting", slug=body.slug, pk=upcoming.pk)).content.decode()
        counts.append(len(captured.captured_queries))
        assert all(f"Acuerdo {i:03d}" in html for i in range(total))
        assert f"{total} acuerdos abiertos, todos listados aquí." in html
    assert counts[0] == counts[1], counts


def test_the_secretariat_keeps_bodies_seats_and_members_in_the_admin(client, secretariat):
    mfa_force_login(client, secretariat)
    for model in ("body", "seat", "member"):
        response = client.get(f"/admin/snippets/bodies/{model}/add/")
        assert response.status_code == 200, model


def _admin_post(client, path, data):
    response = client.post(f"/admin/snippets/bodies/{path}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]


def _body_fields(*, name, slug, kind="working_group") -> dict:
    """A body as the admin's form sends it (without its space)."""
    return {
        "kind": kind,
        "name": name,
        "slug": slug,
        "description": "",
        "meetings_per_year": "4",
        "in_person_per_year": "1",
        "time_zone": "America/Bogota",
    }


def test_a_body_created_in_the_admin_gets_its_own_space_for_its_members(client, secretariat):
    """Without a chosen space, a new body gets a private one (forum and chat room); the
    members added, changed or removed in the admin gain or lose access to it."""
    mfa_force_login(client, secretariat)
    body_fields = _body_fields(name="Grupo de trabajo", slug="grupo-trabajo")
    _admin_post(client, "body/add", {**body_fields, "space": ""})
    body = Body.objects.select_related("space").get(slug="grupo-trabajo")
    space = body.space
    assert (space.kind, space.name, space.readable_by_all) == ("body", "Grupo de trabajo", False)
    room = Room.objects.get(space=space)
    assert Category.objects.filter(space=space).count() == 1
    assert not SpaceMembership.objects.filter(space=space).exists()  # no member yet
    _admin_post(
        client,
        "seat/add",
        {"body": body.pk, "country": "CL", "institution": "", "constituency": "government"},
    )
    seat = body.seats.get()
    person, outsider = UserFactory(), UserFactory()
    member_fields = {
        "body": body.pk,
        "seat": seat.pk,
        "user": person.pk,
        "role": "member",
        "starts_on": str(timezone.localdate() - datetime.timedelta(days=10)),
        "ends_on": "",
    }
    _admin_post(client, "member/add", member_fields)
    member = Member.objects.get(body=body, user=person)
    assert space_access(user=person, space=space).can_post
    assert room_access(user=person, slug=room.slug).can_write
    assert not space_access(user=outsider, space=space).can_read
    assert room_access(user=outsider, slug=room.slug).role is None
    # The body page leads its members to the forum and the room.
    client.force_login(person)
    html = client.get(url("body", slug=body.slug)).content.decode()
    assert f'href="{reverse("forum:space", kwargs={"slug": space.slug})}"' in html
    assert f'href="{reverse("forum:room", kwargs={"slug": room.slug})}"' in html
    mfa_force_login(client, secretariat)
    # Chairing: moderates the space.
    _admin_post(client, f"member/edit/{member.pk}", {**member_fields, "role": "chair"})
    assert space_access(user=person, space=space).can_moderate
    # The term ended: no more access.
    yesterday = str(timezone.localdate() - datetime.timedelta(days=1))
    _admin_post(client, f"member/edit/{member.pk}", {**member_fields, "ends_on": yesterday})
    assert not space_access(user=person, space=space).can_read
    # Moved to another body and given to another person in one edit: the old body's
    # space loses the old person at once.
    _admin_post(client, "body/add", {**_body_fields(name="Otro", slug="otro"), "space": ""})
    other = Body.objects.select_related("space").get(slug="otro")
    other_seat = Seat.objects.create(body=other, country="PE", constituency="government")
    _admin_post(client, f"member/edit/{member.pk}", member_fields)  # current again
    assert space_access(user=person, space=space).can_read
    _admin_post(
        client,
        f"member/edit/{member.pk}",
        {**member_fields, "body": other.pk, "seat": other_seat.pk, "user": outsider.pk},
    )
    assert not space_access(user=person, space=space).can_read
    assert space_access(user=outsider, space=other.space).can_read
    _admin_post(client, f"member/edit/{member.pk}", member_fields)  # back as it was
    assert not space_access(user=outsider, space=other.space).can_read
    # Back, then removed.
    _admin_post(client, f"member/edit/{member.pk}", member_fields)
    assert space_access(user=person, space=space).can_read
    _admin_post(client, f"member/delete/{member.pk}", {})
    assert not Member.objects.filter(pk=member.pk).exists()
    assert not space_access(user=person, space=space).can_read
    # The body renamed: its own space follows; saved again, no second space.
    _admin_post(
        client, f"body/edit/{body.pk}", {**body_fields, "name": "Grupo GT", "space": space.pk}
    )
    space.refresh_from_db()
    assert space.name == "Grupo GT"
    assert Space.objects.filter(kind="body").exclude(pk=other.space_id).count() == 1


def test_a_body_that_is_a_community_keeps_the_communitys_members(client, secretariat):
    community = Space.objects.create(kind=Space.Kind.COMMUNITY, name="Red", slug="red-comunidad")
    someone = UserFactory()
    SpaceMembership.objects.create(space=community, user=someone)
    mfa_force_login(client, secretariat)
    fields = _body_fields(name="Red de puntos focales", slug="red-pf", kind="focal_points")
    _admin_post(client, "body/add", {**fields, "space": community.pk})
    body = Body.objects.get(slug="red-pf")
    assert body.space_id == community.pk
    assert not Space.objects.filter(kind=Space.Kind.BODY).exists()
    member = make_member(body)
    services.body_spaces_sync()
    # Its members are the community's, kept by its coordinators.
    assert list(community.memberships.values_list("user_id", flat=True)) == [someone.pk]
    assert not space_access(user=member.user, space=community).can_read


def test_a_member_holds_a_seat_of_their_body(db):
    body, other = make_body(seats=1), make_body(slug="otro", seats=1)
    person = UserFactory()
    for fields in (
        {"seat": other.seats.get(), "role": "member"},
        {"seat": None, "role": "chair"},
        {
            "seat": body.seats.get(),
            "role": "member",
            "ends_on": timezone.localdate() - datetime.timedelta(days=400),
        },
    ):
        with pytest.raises(ValidationError):
            Member(body=body, user=person, **fields).full_clean()
    Member(body=body, user=person, seat=None, role="secretariat").full_clean()


def test_the_secretariat_edits_an_agenda_item(client, secretariat, network):
    body, member, meeting, _minutes = network
    item = services.agenda_item_add(actor=secretariat, meeting=meeting, title="Apertura")
    page = url("agenda_item", slug=body.slug, pk=meeting.pk, item_pk=item.pk)
    client.force_login(member)
    assert client.post(page, {"title": "Otro"}).status_code == 403
    mfa_force_login(client, secretariat)
    response = client.post(page, {"title": "", "document_url": "notaurl"})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.title == "Apertura"
    response = client.post(page, {"title": "Apertura y agenda", "notes": "**Hoy**"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, str(item.notes_html)) == (
        "Apertura y agenda",
        "<p><strong>Hoy</strong></p>",
    )
    other = make_meeting(make_body(slug="otro", seats=1))
    other_item = services.agenda_item_add(actor=secretariat, meeting=other, title="X")
    assert (
        client.get(
            url("agenda_item", slug=body.slug, pk=meeting.pk, item_pk=other_item.pk)
        ).status_code
        == 404
    )
