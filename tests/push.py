"""A push service on 127.0.0.1 for tests, and a browser's side of Web Push.

``PushService`` answers POSTs as a push service does (201, or the status its
path asks for: ``/gone/...`` 410, ``/broken/...`` 500) and keeps each request.
``BrowserKeys`` are what a browser's ``pushManager.subscribe()`` makes: the
receiving key pair and auth secret; ``read`` decrypts a push (RFC 8291) as the
browser would, and ``vapid_claims`` checks the server's VAPID signature
(RFC 8292) and returns its claims. Nothing leaves the machine.
"""

import base64
import json
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Push:
    path: str
    headers: dict  # lower-case names
    body: bytes


@dataclass
class PushService:
    server: ThreadingHTTPServer
    received: list[Push] = field(default_factory=list)

    @property
    def origin(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def endpoint(self, name: str = "ok") -> str:
        return f"{self.origin}/{name}/{b64url(os.urandom(12))}"


def _service() -> PushService:
    service = PushService(server=None)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            service.received.append(
                Push(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            status = {"gone": 410, "broken": 500}.get(self.path.split("/")[1], 201)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    service.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    return service


@contextmanager
def running_push_service():
    """A local push service, for as long as the block runs."""
    service = _service()
    thread = threading.Thread(target=service.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield service
    finally:
        service.server.shutdown()
        service.server.server_close()


@pytest.fixture
def push_service(settings):
    """A local push service, and this server's push switched on with fresh keys."""
    from lms.services.push import vapid_keys_generate

    public, private = vapid_keys_generate()
    settings.WEB_PUSH_VAPID_PUBLIC_KEY = public
    settings.WEB_PUSH_VAPID_PRIVATE_KEY = private
    settings.WEB_PUSH_SUBJECT = "mailto:campus@example.org"
    settings.WEB_PUSH_ALLOW_LOCAL_ENDPOINTS = True
    with running_push_service() as service:
        yield service


class BrowserKeys:
    """The keys of one browser's subscription."""

    def __init__(self):
        self.private = ec.generate_private_key(ec.SECP256R1())
        self.auth_secret = os.urandom(16)

    @property
    def p256dh(self) -> str:
        return b64url(
            self.private.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)

    def subscription(self, endpoint: str) -> dict:
        return {"endpoint": endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}

    def read(self, push: Push) -> dict:
        """The push's JSON, decrypted as the browser does."""
        assert push.headers["content-encoding"] == "aes128gcm"
        plain = http_ece.decrypt(
            push.body, private_key=self.private, auth_secret=self.auth_secret, version="aes128gcm"
        )
        return json.loads(plain)


def vapid_claims(push: Push, public_key: str) -> dict:
    """The VAPID token's claims, after checking its signature with the server's key."""
    scheme, _, params = push.headers["authorization"].partition(" ")
    assert scheme == "vapid"
    values = dict(part.strip().split("=", 1) for part in params.split(","))
    assert values["k"] == public_key
    head, payload, signature = values["t"].split(".")
    raw = b64url_decode(signature)
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url_decode(public_key))
    key.verify(
        encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")),
        f"{head}.{payload}".encode(),
        ec.ECDSA(hashes.SHA256()),
    )
    assert json.loads(b64url_decode(head))["alg"] == "ES256"
    return json.loads(b64url_decode(payload))
