"""A small BigBlueButton server for the tests: a real HTTP server on a free port of
127.0.0.1, in a thread. It checks every call's checksum (sha1 of the call's name,
its query string and the shared secret), answers XML as BigBlueButton's API
documents it, keeps meetings and who is in them, and returns the recordings a test
gives it.

``join`` is where a browser lands: it enters the person (their ``userID``, name and
role) and answers a small HTML page saying who joined as what.

The ``fake_bbb`` fixture (tests/conftest.py) starts one and points ``BBB_URL`` and
``BBB_SECRET`` at it.
"""

import hashlib
import html
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

SECRET = "fake-bbb-shared-secret-0123456789"


@dataclass
class Meeting:
    meeting_id: str
    name: str
    moderator_pw: str
    attendee_pw: str
    create_time: int
    meta: dict = field(default_factory=dict)
    attendees: dict = field(default_factory=dict)  # userID -> (fullName, role)


@dataclass
class FakeRecording:
    record_id: str
    meeting_id: str
    name: str
    start_ms: int
    end_ms: int
    url: str
    published: bool = True


def _xml(**fields) -> str:
    inner = "".join(f"<{key}>{value}</{key}>" for key, value in fields.items())
    return f"<response>{inner}</response>"


def _failed(key: str, message: str) -> str:
    return _xml(returncode="FAILED", messageKey=key, message=escape(message))


class FakeBigBlueButton:
    def __init__(self, secret: str = SECRET):
        self.secret = secret
        self.meetings: dict[str, Meeting] = {}
        self.ended: dict[str, Meeting] = {}
        self.recordings: list[FakeRecording] = []
        self.calls: list[str] = []  # the calls' names, in order, checksums right
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                fake._answer(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """As ``bbb-conf --secret`` prints it."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/bigbluebutton/"

    def start(self) -> "FakeBigBlueButton":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    # What a test does to the server, as people and the recording process would.

    def leave(self, meeting_id: str, user_id) -> None:
        with self.lock:
            self.meetings[meeting_id].attendees.pop(str(user_id), None)

    def record(self, meeting_id: str, *, minutes: int = 55, published: bool = True):
        with self.lock:
            meeting = self.meetings.get(meeting_id) or self.ended[meeting_id]
            start = meeting.create_time
            recording = FakeRecording(
                record_id=f"{meeting_id}-{start}",
                meeting_id=meeting_id,
                name=meeting.name,
                start_ms=start,
                end_ms=start + minutes * 60_000,
                url=f"{self.url}playback/presentation/2.3/{meeting_id}-{start}",
                published=published,
            )
            self.recordings.append(recording)
        return recording

    def attendees(self, meeting_id: str) -> dict:
        with self.lock:
            return dict(self.meetings[meeting_id].attendees)

    # The API.

    def _answer(self, request: BaseHTTPRequestHandler) -> None:
        parsed = urllib.parse.urlsplit(request.path)
        prefix = "/bigbluebutton/api/"
        if not parsed.path.startswith(prefix):
            return self._send(request, 404, "text/plain", "not found")
        call = parsed.path[len(prefix) :]
        query, _sep, given = parsed.query.rpartition("&checksum=")
        expected = hashlib.sha1((call + query + self.secret).encode()).hexdigest()  # noqa: S324
        if not given or given != expected:
            return self._send_xml(
                request, _failed("checksumError", "You did not pass the checksum security check")
            )
        params = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
        with self.lock:
            self.calls.append(call)
            handler = getattr(self, f"_call_{call}", None)
            if handler is None:
                body = _failed("unsupportedRequest", "This request is not supported.")
            else:
                body = handler(params)
        if call == "join" and not body.startswith("<response>"):
            return self._send(request, 200, "text/html; charset=utf-8", body)
        return self._send_xml(request, body)

    def _send_xml(self, request, body: str) -> None:
        self._send(request, 200, "text/xml; charset=utf-8", '<?xml version="1.0"?>' + body)

    @staticmethod
    def _send(request, status: int, content_type: str, body: str) -> None:
        data = body.encode()
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def _call_create(self, params: dict) -> str:
        meeting_id = params.get("meetingID", "")
        if not meeting_id:
            return _failed("missingParamMeetingID", "You must specify a meeting ID.")
        meeting = self.meetings.get(meeting_id)
        if meeting is None:
            meeting = Meeting(
                meeting_id=meeting_id,
                name=params.get("name", meeting_id),
                moderator_pw=params.get("moderatorPW", "mp"),
                attendee_pw=params.get("attendeePW", "ap"),
                create_time=int(time.time() * 1000),
                meta={k[5:]: v for k, v in params.items() if k.startswith("meta_")},
            )
            self.meetings[meeting_id] = meeting
            duplicate = ""
        else:
            duplicate = (
                "<messageKey>duplicateWarning</messageKey>"
                "<message>This conference was already in existence.</message>"
            )
        return (
            "<response><returncode>SUCCESS</returncode>"
            f"<meetingID>{escape(meeting.meeting_id)}</meetingID>"
            f"<internalMeetingID>{escape(meeting.meeting_id)}-{meeting.create_time}</internalMeetingID>"
            f"<attendeePW>{escape(meeting.attendee_pw)}</attendeePW>"
            f"<moderatorPW>{escape(meeting.moderator_pw)}</moderatorPW>"
            f"<createTime>{meeting.create_time}</createTime>"
            f"<hasBeenForciblyEnded>false</hasBeenForciblyEnded>{duplicate}</response>"
        )

    def _call_join(self, params: dict) -> str:
        meeting = self.meetings.get(params.get("meetingID", ""))
        if meeting is None:
            return _failed(
                "invalidMeetingIdentifier",
                "The meeting ID that you supplied did not match any existing meetings",
            )
        role = params.get("role", "").upper()
        password = params.get("password")
        if role not in ("MODERATOR", "VIEWER"):
            if password == meeting.moderator_pw:
                role = "MODERATOR"
            elif password == meeting.attendee_pw:
                role = "VIEWER"
            else:
                return _failed(
                    "invalidPassword",
                    "You either did not supply a password or the password supplied is neither "
                    "the attendee or moderator password for this conference.",
                )
        name = params.get("fullName", "")
        meeting.attendees[params.get("userID", name)] = (name, role)
        return (
            "<!doctype html><html lang='en'><head><title>Fake BigBlueButton</title></head>"
            f"<body><main><h1>{html.escape(meeting.name)}</h1>"
            f"<p id='who'>{html.escape(name)} joined as {role}</p></main></body></html>"
        )

    def _call_isMeetingRunning(self, params: dict) -> str:
        meeting = self.meetings.get(params.get("meetingID", ""))
        running = meeting is not None and bool(meeting.attendees)
        return _xml(returncode="SUCCESS", running="true" if running else "false")

    def _call_getMeetingInfo(self, params: dict) -> str:
        meeting = self.meetings.get(params.get("meetingID", ""))
        if meeting is None:
            return _failed("notFound", "We could not find a meeting with that meeting ID")
        attendees = "".join(
            f"<attendee><userID>{escape(user_id)}</userID><fullName>{escape(name)}</fullName>"
            f"<role>{role}</role><isPresenter>false</isPresenter></attendee>"
            for user_id, (name, role) in meeting.attendees.items()
        )
        running = "true" if meeting.attendees else "false"
        return (
            "<response><returncode>SUCCESS</returncode>"
            f"<meetingName>{escape(meeting.name)}</meetingName>"
            f"<meetingID>{escape(meeting.meeting_id)}</meetingID>"
            f"<createTime>{meeting.create_time}</createTime><running>{running}</running>"
            f"<participantCount>{len(meeting.attendees)}</participantCount>"
            f"<attendees>{attendees}</attendees></response>"
        )

    def _call_getRecordings(self, params: dict) -> str:
        wanted = set(filter(None, params.get("meetingID", "").split(",")))
        found = [r for r in self.recordings if not wanted or r.meeting_id in wanted]
        if not found:
            return (
                "<response><returncode>SUCCESS</returncode><recordings/>"
                "<messageKey>noRecordings</messageKey>"
                "<message>There are no recordings for the meeting(s).</message></response>"
            )
        items = "".join(
            f"<recording><recordID>{escape(r.record_id)}</recordID>"
            f"<meetingID>{escape(r.meeting_id)}</meetingID><name>{escape(r.name)}</name>"
            f"<published>{'true' if r.published else 'false'}</published>"
            f"<state>{'published' if r.published else 'unpublished'}</state>"
            f"<startTime>{r.start_ms}</startTime><endTime>{r.end_ms}</endTime>"
            f"<participants>3</participants><playback><format><type>presentation</type>"
            f"<url>{escape(r.url)}</url><length>{(r.end_ms - r.start_ms) // 60000}</length>"
            f"</format></playback></recording>"
            for r in found
        )
        return (
            f"<response><returncode>SUCCESS</returncode><recordings>{items}</recordings></response>"
        )

    def _call_end(self, params: dict) -> str:
        meeting = self.meetings.get(params.get("meetingID", ""))
        if meeting is None:
            return _failed(
                "notFound",
                "We could not find a meeting with that meeting ID - "
                "perhaps the meeting is not yet running?",
            )
        meeting.attendees.clear()
        self.ended[meeting.meeting_id] = self.meetings.pop(meeting.meeting_id)
        return _xml(
            returncode="SUCCESS",
            messageKey="sentEndMeetingRequest",
            message="A request to end the meeting was sent.",
        )
