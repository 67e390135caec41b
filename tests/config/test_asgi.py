"""The ASGI application: HTTP to Django, WebSockets behind origin and session checks."""

import pytest
from channels.testing import HttpCommunicator, WebsocketCommunicator

from config.asgi import application


@pytest.mark.django_db(transaction=True)
async def test_http_goes_to_django():
    communicator = HttpCommunicator(
        application, "GET", "/healthz", headers=[(b"host", b"testserver")]
    )
    response = await communicator.get_response()
    assert response["status"] == 200
    assert b'"database": "ok"' in response["body"]


@pytest.mark.django_db(transaction=True)
async def test_websocket_from_another_origin_is_refused():
    communicator = WebsocketCommunicator(
        application, "/ws/anything/", headers=[(b"origin", b"https://evil.example")]
    )
    connected, _code = await communicator.connect()
    assert not connected


@pytest.mark.django_db(transaction=True)
async def test_websocket_to_an_unknown_path_is_refused_cleanly():
    communicator = WebsocketCommunicator(
        application, "/ws/nowhere/", headers=[(b"origin", b"http://testserver")]
    )
    connected, _code = await communicator.connect()
    assert not connected
    await communicator.wait()
