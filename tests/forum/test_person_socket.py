"""A person's own socket (/ws/me/): the header's count, live, on pages without a chat room.

Through the real ASGI application and the in-memory channel layer, as the chat's
sockets are tested (test_socket_rules.py): the count on connecting and on every
change, only to that person; the session's end closes it; too many pages in one
process are refused; it takes no frames; no session, no socket.
"""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.urls import reverse

from config.asgi import application
from forum import hub as hub_module
from tests.factories import ProfileFactory
from tests.forum.conftest import drain, receive_until

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


async def connect(client: Client | None, *, origin=b"http://testserver"):
    headers = [(b"host", b"testserver")]
    if origin is not None:
        headers.append((b"origin", origin))
    if client is not None:
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    socket = WebsocketCommunicator(application, "/ws/me/", headers=headers)
    connected, _code = await socket.connect()
    return socket, connected


def person(language="es"):
    return ProfileFactory(preferred_language=language).user


async def test_the_count_comes_on_connecting_and_follows_every_change_of_that_person_only():
    from lms.services.notifications import notification_create, notifications_mark_read

    bruno, alice = await database_sync_to_async(lambda: (person("pt"), person("es")))()
    await database_sync_to_async(notification_create)(user=bruno, kind="chat_mention", title="x")
    mine, connected = await connect(await database_sync_to_async(signed_in)(bruno))
    assert connected
    frame, _ = await receive_until(mine, "notifications")
    assert frame == {"type": "notifications", "unread": 1, "label": "1 notificação não lida"}
    hers, connected = await connect(await database_sync_to_async(signed_in)(alice))
    frame, _ = await receive_until(hers, "notifications")
    assert frame["unread"] == 0 and frame["label"] == "0 notificaciones sin leer"

    await database_sync_to_async(notification_create)(user=bruno, kind="direct_message", title="y")
    frame, _ = await receive_until(mine, "notifications")
    assert frame["unread"] == 2 and frame["label"] == "2 notificações não lidas"
    # Read in another tab: the badge goes.
    await database_sync_to_async(notifications_mark_read)(user=bruno)
    frame, _ = await receive_until(mine, "notifications")
    assert frame["unread"] == 0
    assert await drain(hers) == []
    for socket in (mine, hers):
        await socket.disconnect()


async def test_signing_out_closes_the_persons_socket_with_4401():
    alice = await database_sync_to_async(person)()
    client = await database_sync_to_async(signed_in)(alice)
    socket, connected = await connect(client)
    assert connected
    await receive_until(socket, "notifications")
    await database_sync_to_async(client.post)(reverse("account_logout"))
    frame, _ = await receive_until(socket, "error")
    assert frame["code"] == "signed_out"
    closed = await socket.receive_output(timeout=3)
    assert closed == {"type": "websocket.close", "code": 4401}
    # The ended session opens no new one.
    _again, connected = await connect(client)
    assert not connected


async def test_no_session_or_another_origin_gets_no_socket():
    alice = await database_sync_to_async(person)()
    _socket, connected = await connect(None)
    assert not connected
    _socket, connected = await connect(
        await database_sync_to_async(signed_in)(alice), origin=b"http://evil.example"
    )
    assert not connected


async def test_it_takes_no_frames_and_stays_open():
    alice = await database_sync_to_async(person)()
    socket, _ = await connect(await database_sync_to_async(signed_in)(alice))
    await receive_until(socket, "notifications")
    await socket.send_to(text_data='{"type": "message", "body": "hola"}')
    frame = await socket.receive_json_from(timeout=3)
    assert frame["type"] == "error" and frame["code"] == "invalid"
    assert frame["message"] == "Este canal no recibe mensajes."
    await socket.send_to(bytes_data=b"\x00\xff")
    frame = await socket.receive_json_from(timeout=3)
    assert frame["code"] == "invalid"
    await socket.disconnect()


async def test_too_many_pages_of_one_person_in_one_process_are_refused(monkeypatch):
    monkeypatch.setattr(hub_module, "PERSON_SOCKETS", 2)
    alice = await database_sync_to_async(person)()
    client = await database_sync_to_async(signed_in)(alice)
    first, _ = await connect(client)
    second, _ = await connect(client)
    for socket in (first, second):
        await receive_until(socket, "notifications")
    third, connected = await connect(client)
    assert connected  # accepted, then told why it closes
    frame, _ = await receive_until(third, "error")
    assert frame["code"] == "too_many_sockets"
    assert await third.receive_output(timeout=3) == {"type": "websocket.close", "code": 4429}
    # One page closed: another may open.
    await first.disconnect()
    fourth, _ = await connect(client)
    frame, _ = await receive_until(fourth, "notifications")
    assert frame["unread"] == 0
    for socket in (second, fourth):
        await socket.disconnect()
