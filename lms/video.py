"""A small client of BigBlueButton's API (the video rooms' server).

Every call is an HTTP GET on ``<BBB_URL>api/<call>?<query>&checksum=<sha1>``, where
the checksum is ``sha1(call + query + secret)`` with the secret shared with the
server (``bbb-conf --secret`` prints both). The server answers XML:
``<response><returncode>SUCCESS</returncode>…</response>``, or ``FAILED`` with a
``messageKey`` (``notFound``, ``checksumError``, …). ``join`` is not fetched by the
platform: its signed URL is where the person's browser goes.

Without ``BBB_URL`` and ``BBB_SECRET`` (settings, read from the environment) video
rooms are off and sessions keep their plain links (``configured()``).
"""

import datetime
import hashlib
import http.client
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import defusedxml
import defusedxml.ElementTree as SafeET
from django.conf import settings

from courses.caching import cache_get, cache_set


class VideoError(Exception):
    """The server could not be reached, or answered something other than SUCCESS."""

    def __init__(self, message: str, *, key: str = ""):
        super().__init__(message)
        self.key = key  # BigBlueButton's messageKey, "" when it did not answer


@dataclass(frozen=True)
class Attendee:
    user_id: str
    full_name: str
    role: str  # MODERATOR or VIEWER


@dataclass(frozen=True)
class MeetingInfo:
    running: bool
    attendees: list[Attendee] = field(default_factory=list)


@dataclass(frozen=True)
class Recording:
    record_id: str
    name: str
    published: bool
    start_ms: int
    end_ms: int
    participants: int
    playback: list[tuple[str, str]]  # (format type, url)

    @property
    def started_at(self) -> datetime.datetime:
        return datetime.datetime.fromtimestamp(self.start_ms / 1000, tz=datetime.UTC)

    @property
    def minutes(self) -> int:
        return max(0, round((self.end_ms - self.start_ms) / 60000))


# After the server failed to answer, every call fails at once for this long instead of
# waiting its timeout again: pages that list recordings, and joins, run on Daphne's one
# thread for plain views, where each wait would hold every other request of the process.
DOWN_SECONDS = 30
DOWN_KEY = "video:down"


def configured() -> bool:
    return bool(getattr(settings, "BBB_URL", "") and getattr(settings, "BBB_SECRET", ""))


def api_base(url: str) -> str:
    """``https://host/bigbluebutton/`` (as ``bbb-conf --secret`` prints it) or the API
    address itself, both give ``https://host/bigbluebutton/api/``."""
    url = url.rstrip("/")
    if not url.endswith("/api"):
        url += "/api"
    return url + "/"


def checksum(call: str, query: str, secret: str) -> str:
    # The API's checksum is sha1 by default (servers may also accept sha256).
    return hashlib.sha1((call + query + secret).encode()).hexdigest()  # noqa: S324


class Client:
    def __init__(self, url: str, secret: str, timeout: float = 5.0):
        if not url.startswith(("https://", "http://")):
            raise VideoError("BBB_URL must be an http(s) address", key="notConfigured")
        self.base = api_base(url)
        self.secret = secret
        self.timeout = timeout

    @classmethod
    def from_settings(cls) -> "Client":
        if not configured():
            raise VideoError("BBB_URL and BBB_SECRET are not set", key="notConfigured")
        return cls(settings.BBB_URL, settings.BBB_SECRET, settings.BBB_TIMEOUT_SECONDS)

    def url(self, call: str, params: dict) -> str:
        """The signed address of ``call`` with ``params`` (None values left out)."""
        query = urllib.parse.urlencode(
            [(key, _text(value)) for key, value in params.items() if value is not None]
        )
        return f"{self.base}{call}?{query}&checksum={checksum(call, query, self.secret)}"

    def _call(self, call: str, params: dict) -> ET.Element:
        if cache_get(DOWN_KEY):
            raise VideoError(f"{call}: the server did not answer a moment ago")
        try:
            # The scheme is http(s): checked in __init__.
            address = self.url(call, params)
            with urllib.request.urlopen(address, timeout=self.timeout) as answer:  # noqa: S310
                body = answer.read()
        except urllib.error.HTTPError as error:  # it answered, with an HTTP error
            raise VideoError(f"{call}: {error}") from error
        except (OSError, http.client.HTTPException) as error:  # refused, timeout, cut short
            cache_set(DOWN_KEY, True, DOWN_SECONDS)
            raise VideoError(f"{call}: {error}") from error
        try:
            root = SafeET.fromstring(body)
        except (ET.ParseError, defusedxml.DefusedXmlException) as error:
            raise VideoError(f"{call}: not XML") from error
        if root.findtext("returncode") != "SUCCESS":
            raise VideoError(
                f"{call}: {root.findtext('message') or 'FAILED'}",
                key=root.findtext("messageKey") or "",
            )
        return root

    # The calls.

    def create(
        self,
        *,
        meeting_id: str,
        name: str,
        moderator_pw: str,
        attendee_pw: str,
        logout_url: str = "",
        duration_minutes: int = 0,
        record: bool = True,
        meta: dict | None = None,
    ) -> None:
        """Create the meeting; creating one that runs already is harmless (the server
        answers with the same meeting)."""
        params = {
            "name": name,
            "meetingID": meeting_id,
            "moderatorPW": moderator_pw,
            "attendeePW": attendee_pw,
            "record": record,
            "autoStartRecording": False,
            "allowStartStopRecording": record,
            "duration": duration_minutes or None,
            "logoutURL": logout_url or None,
        }
        for key, value in (meta or {}).items():
            params[f"meta_{key}"] = value
        self._call("create", params)

    def join_url(
        self,
        *,
        meeting_id: str,
        full_name: str,
        user_id: str,
        moderator: bool,
        password: str,
    ) -> str:
        """Where the person's browser goes to enter the meeting. ``role`` is what
        current servers read; the password of that role keeps older ones working."""
        return self.url(
            "join",
            {
                "fullName": full_name,
                "meetingID": meeting_id,
                "role": "MODERATOR" if moderator else "VIEWER",
                "password": password,
                "userID": user_id,
                "redirect": True,
            },
        )

    def is_meeting_running(self, *, meeting_id: str) -> bool:
        return self._call("isMeetingRunning", {"meetingID": meeting_id}).findtext("running") == (
            "true"
        )

    def get_meeting_info(self, *, meeting_id: str) -> MeetingInfo | None:
        """The meeting and who is in it now; None when the server has no such meeting
        (never created, or ended)."""
        try:
            root = self._call("getMeetingInfo", {"meetingID": meeting_id})
        except VideoError as error:
            if error.key == "notFound":
                return None
            raise
        return MeetingInfo(
            running=root.findtext("running") == "true",
            attendees=[
                Attendee(
                    user_id=node.findtext("userID") or "",
                    full_name=node.findtext("fullName") or "",
                    role=node.findtext("role") or "",
                )
                for node in root.iterfind("attendees/attendee")
            ],
        )

    def get_recordings(self, *, meeting_id: str) -> list[Recording]:
        root = self._call("getRecordings", {"meetingID": meeting_id})
        return [
            Recording(
                record_id=node.findtext("recordID") or "",
                name=node.findtext("name") or "",
                published=node.findtext("published") == "true",
                start_ms=_int(node.findtext("startTime")),
                end_ms=_int(node.findtext("endTime")),
                participants=_int(node.findtext("participants")),
                playback=[
                    (fmt.findtext("type") or "", fmt.findtext("url") or "")
                    for fmt in node.iterfind("playback/format")
                    if (fmt.findtext("url") or "").startswith(("https://", "http://"))
                ],
            )
            for node in root.iterfind("recordings/recording")
        ]

    def end(self, *, meeting_id: str, moderator_pw: str) -> None:
        try:
            self._call("end", {"meetingID": meeting_id, "password": moderator_pw})
        except VideoError as error:
            if error.key != "notFound":  # ended already
                raise


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
