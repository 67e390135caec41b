"""Chat pages: the list of rooms, a room, sending without JavaScript, previews, mutes,
unread counts in the header, and what a room page costs."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from forum.models import Message, RoomMute


def url(name, **kwargs):
    with translation.override("es"):
        return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
def test_chat_index_lists_readable_rooms_with_unread_counts(client, community):
    from forum.services import chat_message_send

    chat_message_send(
        user=community["alice"], room=community["room"], client_id=uuid.uuid4(), body="hola"
    )
    client.force_login(community["bruno"])
    html = client.get(url("forum:chat_index")).content.decode()
    assert "Red de puntos focales" in html and url("forum:room", slug="red-general") in html
    assert '<span class="badge" aria-hidden="true">1</span>' in html  # also in the nav
    client.force_login(community["outsider"])
    assert "red-general" not in client.get(url("forum:chat_index")).content.decode()


@pytest.mark.django_db
def test_room_page(client, community):
    from forum.services import chat_message_send

    chat_message_send(
        user=community["alice"],
        room=community["room"],
        client_id=uuid.uuid4(),
        body="**Bienvenidas** <img src=x onerror=alert(1)>",
    )
    client.force_login(community["bruno"])
    response = client.get(url("forum:room", slug="red-general"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Bienvenidas</strong>" in html and "<img" not in html
    assert 'id="chat-strings"' in html
    client.force_login(community["outsider"])
    assert client.get(url("forum:room", slug="red-general")).status_code == 403
    assert client.get(url("forum:room", slug="no-room")).status_code == 404
    client.logout()
    assert client.get(url("forum:room", slug="red-general")).status_code == 302


@pytest.mark.django_db
def test_sending_without_javascript(client, community):
    client.force_login(community["alice"])
    client_id = str(uuid.uuid4())
    for _ in range(2):
        response = client.post(
            url("forum:room_post", slug="red-general"), {"client_id": client_id, "body": "hola"}
        )
        assert response.status_code == 302
    assert Message.objects.count() == 1
    client.force_login(community["outsider"])
    response = client.post(
        url("forum:room_post", slug="red-general"), {"client_id": str(uuid.uuid4()), "body": "x"}
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_preview_goes_through_the_sanitiser(client, community):
    client.force_login(community["alice"])
    response = client.post(url("forum:chat_preview"), {"body": "*hola* <script>x()</script>"})
    assert response.json()["html"] == "<p><em>hola</em> &lt;script&gt;x()&lt;/script&gt;</p>"
    response = client.post(url("forum:chat_preview"), {"body": "x" * 4001})
    assert response.status_code == 400


@pytest.mark.django_db
def test_mark_read_endpoint(client, community):
    client.force_login(community["bruno"])
    assert client.post(url("forum:room_read", slug="red-general"), {"seq": "x"}).status_code == 400
    assert client.post(url("forum:room_read", slug="red-general"), {"seq": "5"}).json() == {
        "read": 0
    }


@pytest.mark.django_db
def test_moderators_mute_from_the_page(client, community):
    client.force_login(community["mod"])
    page = client.get(url("forum:room", slug="red-general")).content.decode()
    assert 'name="minutes"' in page
    client.post(
        url("forum:room_mute", slug="red-general"),
        {"user": community["bruno"].pk, "minutes": "30", "action": "mute"},
    )
    assert RoomMute.objects.filter(user=community["bruno"]).exists()
    client.post(
        url("forum:room_mute", slug="red-general"),
        {"user": community["bruno"].pk, "action": "unmute"},
    )
    assert not RoomMute.objects.exists()
    client.force_login(community["alice"])
    assert (
        'name="minutes"' not in client.get(url("forum:room", slug="red-general")).content.decode()
    )
    client.post(
        url("forum:room_mute", slug="red-general"),
        {"user": community["bruno"].pk, "minutes": "30", "action": "mute"},
    )
    assert not RoomMute.objects.exists()


@pytest.mark.django_db
def test_room_page_query_count_does_not_grow(
    client, community, django_assert_max_num_queries, settings
):
    settings.RIAL_CHAT_RATE_LIMIT = (1000, 5)
    from forum.services import chat_message_send

    client.force_login(community["bruno"])
    page = url("forum:room", slug="red-general")
    for number in range(60):
        chat_message_send(
            user=community["alice"] if number % 2 else community["mod"],
            room=community["room"],
            client_id=uuid.uuid4(),
            body=f"m{number}",
        )
    client.get(page)
    # session, user, role grants; the room with the person's role facts, reading and
    # mute in one query compiled once per process (forum.access._ROOM_FOUND); its
    # messages (compiled once too) and their authors' roles; who is present (names
    # only: no roles). Read already: no write, not even a transaction.
    with django_assert_max_num_queries(7) as queries:
        assert client.get(page).status_code == 200
    assert all(q["sql"].startswith("SELECT") for q in queries.captured_queries)


@pytest.mark.django_db
def test_every_page_shows_unread_counts_in_the_header(client, community):
    from forum.services import chat_message_send
    from lms.models import Notification

    chat_message_send(
        user=community["alice"], room=community["room"], client_id=uuid.uuid4(), body="hola"
    )
    Notification.objects.create(user=community["bruno"], kind="x", title="Aviso")
    client.force_login(community["bruno"])
    response = client.get("/es/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 mensaje sin leer" in html or "1 unread message" in html
    assert "1 notificación sin leer" in html or "1 unread notification" in html


@pytest.mark.django_db
def test_room_and_its_space_forum_link_each_other_for_who_may_read_both(client, community):
    from forum.models import Room, SpaceMembership
    from tests.factories import SpaceFactory

    workshop = SpaceFactory(slug="taller")  # a workshop's follow-up
    other = Room.objects.create(space=workshop, name="Otra sala", slug="otra-sala")
    SpaceMembership.objects.create(space=workshop, user=community["bruno"])
    forum_page = url("forum:space", slug="red")
    room_page = url("forum:room", slug="red-general")

    client.force_login(community["bruno"])
    html = client.get(room_page).content.decode()
    assert f'href="{forum_page}"' in html
    html = client.get(forum_page).content.decode()
    assert f'href="{room_page}"' in html and "General" in html
    assert url("forum:room", slug=other.slug) not in html  # another space's room
    html = client.get(url("forum:space", slug="taller")).content.decode()
    assert f'href="{url("forum:room", slug="otra-sala")}"' in html and room_page not in html
    html = client.get(url("forum:room", slug="otra-sala")).content.decode()
    assert f'href="{url("forum:space", slug="taller")}"' in html
    client.force_login(community["alice"])  # not in the workshop: neither its room nor forum
    assert client.get(url("forum:room", slug="otra-sala")).status_code == 403

    # A public room is read by everyone; its space's forum is not: no link to it.
    community["room"].is_public = True
    community["room"].save(update_fields=["is_public"])
    client.force_login(community["outsider"])
    html = client.get(room_page).content.decode()
    assert 'id="chat"' in html and forum_page not in html
    assert client.get(forum_page).status_code == 404


@pytest.mark.django_db
def test_the_room_page_tells_the_script_the_zone_and_format_of_its_times(client, community):
    from forum.services import chat_message_send
    from lms.middleware import SESSION_KEY

    chat_message_send(
        user=community["alice"], room=community["room"], client_id=uuid.uuid4(), body="hola"
    )
    client.force_login(community["bruno"])
    session = client.session
    session[SESSION_KEY] = "America/Sao_Paulo"
    session.save()
    with translation.override("en"):
        page = reverse("forum:room", kwargs={"slug": "red-general"})
    response = client.get(page)
    html = response.content.decode()
    assert 'data-time-zone="America/Sao_Paulo"' in html
    assert 'data-time-format="m/d/Y P"' in html  # Django's SHORT_DATETIME_FORMAT in English
    assert response.context["chat_strings"]["day_periods"] == {
        "am": "a.m.",
        "pm": "p.m.",
        "AM": "AM",
        "PM": "PM",
        "midnight": "midnight",
        "noon": "noon",
    }
    # A valid <time datetime>: UTC, to the second (no microseconds).
    message = Message.objects.get()
    stamp = message.created_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert f'datetime="{stamp}"' in html
    client.force_login(community["alice"])  # no zone in the session: the site's
    html = client.get(url("forum:room", slug="red-general")).content.decode()
    assert 'data-time-zone="America/New_York"' in html and 'data-time-format="d/m/Y H:i"' in html
