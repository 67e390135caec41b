"""The pages behind the room's threads, reactions and edits: they work without
JavaScript, and only for those the rules allow."""

import uuid

import pytest
from django.urls import reverse

from forum.models import Message
from forum.services import chat_message_edit, chat_message_send

pytestmark = pytest.mark.django_db


def send(community, who, body, reply_to=None):
    return chat_message_send(
        user=community[who],
        room=community["room"],
        client_id=uuid.uuid4(),
        body=body,
        reply_to=reply_to,
    ).message


def url(name, seq, slug="red-general"):
    return reverse(f"forum:{name}", kwargs={"slug": slug, "seq": seq})


def test_a_thread_has_a_page_and_a_reply_form_that_answers_in_it(client, community):
    root = send(community, "alice", "¿Alguien tiene la guía?")
    send(community, "bruno", "Aquí está", reply_to=root.seq)
    client.force_login(community["alice"])
    room_html = client.get(reverse("forum:room", kwargs={"slug": "red-general"})).content.decode()
    # The room shows the thread's count, not its replies.
    assert "1 respuesta" in room_html and "Aquí está" not in room_html
    page = client.get(url("room_thread", root.seq))
    html = page.content.decode()
    assert page.status_code == 200 and "¿Alguien tiene la guía?" in html and "Aquí está" in html
    response = client.post(
        reverse("forum:room_post", kwargs={"slug": "red-general"}),
        {"client_id": str(uuid.uuid4()), "body": "¡Gracias!", "reply_to": str(root.seq)},
    )
    assert response.status_code == 302 and response["Location"] == url("room_thread", root.seq)
    root.refresh_from_db()
    assert root.reply_count == 2
    assert Message.objects.filter(reply_to=root).count() == 2
    # A reply has no thread of its own; an outsider sees no thread at all.
    reply = Message.objects.filter(reply_to=root).first()
    assert client.get(url("room_thread", reply.seq)).status_code == 404
    client.force_login(community["outsider"])
    assert client.get(url("room_thread", root.seq)).status_code in (403, 404)


def test_reactions_toggle_without_javascript(client, community):
    message = send(community, "alice", "Informe listo")
    client.force_login(community["bruno"])
    response = client.post(url("room_react", message.seq), {"emoji": "🎉"})
    assert response["Location"].endswith(f"#m-{message.seq}")
    message.refresh_from_db()
    assert message.reactions_given == {"🎉": [community["bruno"].pk]}
    html = client.get(reverse("forum:room", kwargs={"slug": "red-general"})).content.decode()
    assert 'aria-pressed="true"' in html
    client.post(url("room_react", message.seq), {"emoji": "🎉"})
    message.refresh_from_db()
    assert message.reactions_given == {}
    client.post(url("room_react", message.seq), {"emoji": "<script>"})
    message.refresh_from_db()
    assert message.reactions_given == {}


def test_authors_edit_on_a_page_and_moderators_read_earlier_versions(client, community):
    message = send(community, "alice", "El taller es el lunes")
    client.force_login(community["bruno"])
    assert client.get(url("message_edit", message.seq)).status_code == 404
    client.force_login(community["alice"])
    data = client.get(url("message_edit", message.seq), HTTP_ACCEPT="application/json").json()
    assert data == {"id": message.seq, "body": "El taller es el lunes"}
    too_long = client.post(url("message_edit", message.seq), {"body": "x" * 4001})
    assert too_long.status_code == 400 and "x" * 4001 in too_long.content.decode()
    response = client.post(url("message_edit", message.seq), {"body": "El taller es el *martes*"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.edited_at and "<em>martes</em>" in message.body_html
    # Only moderators read what it said before.
    assert client.get(url("message_versions", message.seq)).status_code == 403
    client.force_login(community["mod"])
    html = client.get(url("message_versions", message.seq)).content.decode()
    assert "El taller es el lunes" in html and "<em>martes</em>" in html
    room_html = client.get(reverse("forum:room", kwargs={"slug": "red-general"})).content.decode()
    assert url("message_versions", message.seq) in room_html


def test_the_room_page_costs_no_more_queries_with_threads_reactions_and_edits(
    client, community, django_assert_max_num_queries, settings
):
    from forum.services import chat_message_react

    settings.RIAL_CHAT_RATE_LIMIT = (1000, 5)
    roots = [send(community, "alice", f"m{n}") for n in range(20)]
    for root in roots:
        send(community, "bruno", "r", reply_to=root.seq)
        chat_message_react(
            actor=community["bruno"], room=community["room"], seq=root.seq, emoji="👍", on=True
        )
        chat_message_edit(actor=community["alice"], room=community["room"], seq=root.seq, body="e")
    client.force_login(community["bruno"])
    page = reverse("forum:room", kwargs={"slug": "red-general"})
    client.get(page)
    # As test_chat_views' room page: 8, the person's facts in a query of their own.
    with django_assert_max_num_queries(8):
        assert client.get(page).status_code == 200


def test_the_room_marks_where_the_person_left_off(client, community):
    send(community, "bruno", "Antes")
    client.force_login(community["alice"])
    page = reverse("forum:room", kwargs={"slug": "red-general"})
    assert 'id="chat-unread"' not in client.get(page).content.decode()  # first visit
    send(community, "alice", "Mi propio mensaje")
    assert 'id="chat-unread"' not in client.get(page).content.decode()  # one's own
    first_new = send(community, "bruno", "Nuevo uno")
    send(community, "bruno", "Nuevo dos")
    html = client.get(page).content.decode()
    line = html.index('id="chat-unread"')
    assert html.index("Mi propio mensaje") < line < html.index(f'id="m-{first_new.seq}"')
    assert "Nuevo dos" in html[line:]
    # Read now: the line is gone on the next visit.
    assert 'id="chat-unread"' not in client.get(page).content.decode()
