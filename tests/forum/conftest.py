import pytest
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.test import Client

from config.asgi import application
from forum.models import Room, SpaceMembership
from lms.choices import Role
from tests.factories import ProfileFactory, SpaceFactory, UserFactory
from tests.mfa import sign_in


@pytest.fixture(autouse=True)
def _fresh_channel_layer():
    """Each test gets its own in-memory layer (or Redis prefix): no leftovers."""
    channel_layers.backends = {}
    yield
    channel_layers.backends = {}


@pytest.fixture
def community(db):
    """A community of practice with a room, two members, a moderator, an outsider."""
    space = SpaceFactory(kind="community", name="Red de puntos focales", slug="red")
    room = Room.objects.create(space=space, name="General", slug="red-general")
    alice = ProfileFactory(user__full_name="Alicia Gómez").user
    bruno = ProfileFactory(user__full_name="Bruno Reis", preferred_language="pt").user
    mod = UserFactory(full_name="Moderadora Paz", roles=[Role.PARTICIPANT, Role.FOCAL_POINT])
    ProfileFactory(user=mod)
    outsider = ProfileFactory(user__full_name="Persona Ajena").user
    SpaceMembership.objects.create(space=space, user=alice)
    SpaceMembership.objects.create(space=space, user=bruno)
    SpaceMembership.objects.create(space=space, user=mod, role="moderator")
    return {
        "space": space,
        "room": room,
        "alice": alice,
        "bruno": bruno,
        "mod": mod,
        "outsider": outsider,
    }


def session_cookie(user) -> str:
    client = Client()
    sign_in(client, user)
    return client.cookies["sessionid"].value


async def open_socket(user, slug, *, after=None, changes=None, origin=b"http://testserver"):
    headers = [(b"origin", origin), (b"host", b"testserver")]
    if user is not None:
        key = await database_sync_to_async(session_cookie)(user)
        headers.append((b"cookie", f"sessionid={key}".encode()))
    path = f"/ws/chat/{slug}/" + (f"?after={after}" if after is not None else "")
    if changes is not None:
        path += f"&changes={changes}"
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, _code = await communicator.connect()
    return communicator, connected


async def receive_until(communicator, kind, timeout=10):
    """Frames until one of this type (the others are returned too).

    ``timeout`` is patience for a busy machine, not a deadline the code must meet:
    a frame the code fails to send never comes, however long the wait (the hub's
    periodic checks run every minute)."""
    seen = []
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        seen.append(frame)
        if frame["type"] == kind:
            return frame, seen


async def drain(communicator, timeout=0.3):
    """Every frame that arrives within ``timeout`` (waiting never stops the app)."""
    frames = []
    while not await communicator.receive_nothing(timeout=timeout):
        frames.append(await communicator.receive_json_from())
    return frames


from tests.forum.forum_fixtures import english, no_flood, workshop  # noqa: E402, F401
