"""The hub writes a room's frame, framed once, straight to each Daphne connection's
socket when nothing of that connection waits in Twisted's buffer (forum.hub.write_now).

Through a real Twisted TCP connection over a socket pair (the reactor is a recorder:
nothing here runs an event loop): the frame reaches the peer at once; what the
socket cannot take goes to Twisted's buffer behind it, in order; a connection with
something buffered, closing, or not open is left to Twisted.
"""

import socket

import pytest
from autobahn.websocket.protocol import PreparedMessage, WebSocketProtocol
from twisted.internet.tcp import Server

from forum.hub import write_now


class RecordingReactor:
    def __init__(self):
        self.writers = []

    def addWriter(self, writer):
        self.writers.append(writer)

    def removeWriter(self, writer):
        pass

    def addReader(self, reader):
        pass

    def removeReader(self, reader):
        pass


class Wire:
    """What write_now reads of Daphne's protocol (an autobahn WebSocket protocol)."""

    STATE_OPEN = WebSocketProtocol.STATE_OPEN

    def __init__(self, transport):
        self.transport = transport
        self.state = WebSocketProtocol.STATE_OPEN
        self.send_queue = []
        self._perMessageCompress = None


@pytest.fixture
def connection():
    ours, peer = socket.socketpair()
    reactor = RecordingReactor()
    transport = Server(ours, object(), ("127.0.0.1", 1), None, 1, reactor)
    transport.connected = 1
    peer.settimeout(2)
    yield Wire(transport), peer, reactor
    ours.close()
    peer.close()


def frame(text: str) -> PreparedMessage:
    return PreparedMessage(text.encode(), False, False, False)


def received(peer, size: int) -> bytes:
    data = b""
    while len(data) < size:
        data += peer.recv(size - len(data))
    return data


def test_a_frame_goes_to_the_socket_at_once(connection):
    wire, peer, reactor = connection
    hello = frame('{"type":"message","id":1}')
    assert write_now(wire, hello)
    assert received(peer, len(hello.payloadHybi)) == hello.payloadHybi
    assert reactor.writers == []  # Twisted was not asked to wait for the socket


def test_what_the_socket_cannot_take_waits_in_twisted_in_order(connection):
    wire, peer, reactor = connection
    wire.transport.socket.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
    big = [frame(f'{{"type":"message","id":{n},"body":"{"x" * 60000}"}}') for n in range(4)]
    assert write_now(wire, big[0])  # partly sent, the rest buffered in Twisted
    assert wire.transport._tempDataBuffer and reactor.writers == [wire.transport]
    # Something waits now: the next frames go behind it, through Twisted.
    assert not write_now(wire, big[1])
    for prepared in big[1:]:
        wire.transport.write(prepared.payloadHybi)
    expected = b"".join(prepared.payloadHybi for prepared in big)
    data = b""
    while len(data) < len(expected):
        wire.transport.doWrite()  # what the reactor does when the socket is writable
        data += peer.recv(len(expected) - len(data))
    assert data == expected


@pytest.mark.parametrize("state", ["closing", "not_open", "disconnecting", "compressing"])
def test_a_connection_not_plainly_open_is_left_to_twisted(connection, state):
    wire, peer, _reactor = connection
    if state == "closing":
        wire.transport._writeDisconnected = True
    elif state == "not_open":
        wire.state = WebSocketProtocol.STATE_CLOSING
    elif state == "disconnecting":
        wire.transport.disconnecting = True
    else:
        wire._perMessageCompress = object()
    assert not write_now(wire, frame('{"type":"gap"}'))
    peer.setblocking(False)
    with pytest.raises(BlockingIOError):
        peer.recv(10)


def test_only_daphnes_plain_tcp_connections(connection):
    wire, _peer, _reactor = connection
    wire.transport.TLS = True
    assert not write_now(wire, frame("{}"))
    wire.transport = object()
    assert not write_now(wire, frame("{}"))
