from channels.generic.websocket import WebsocketConsumer


class UnknownPathConsumer(WebsocketConsumer):
    """Refuses the handshake for any WebSocket path no real consumer claims.

    Without it Channels' router raises for an unknown path, which the server
    logs as an error; a refusal is what a client that mistyped a URL deserves.
    """

    def connect(self):
        self.close()
