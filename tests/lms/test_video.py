"""The BigBlueButton client (lms/video.py) against the fake server of the suite
(tests/video_fake.py), which checks every call's checksum as a real server does."""

import urllib.parse
import urllib.request

import pytest

from lms import video
from tests.processes import free_port
from tests.video_fake import FakeBigBlueButton


@pytest.fixture
def server():
    fake = FakeBigBlueButton().start()
    yield fake
    fake.stop()


@pytest.fixture
def client(server):
    return video.Client(server.url, server.secret, timeout=2)


def _create(client, meeting_id="m-1"):
    client.create(
        meeting_id=meeting_id,
        name="Diálogo virtual: Convenio 190",
        moderator_pw="mod-pw",
        attendee_pw="att-pw",
        logout_url="http://testserver/es/",
        duration_minutes=120,
        meta={"rial-owner": "forum.spaceevent:1"},
    )


def test_the_checksum_is_sha1_of_the_call_its_query_and_the_secret():
    # The API documentation's own example.
    query = "name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444"
    secret = "639259d4-9dd8-4b25-bf01-95f9567eaf4b"
    assert video.checksum("create", query, secret) == "1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17"


def test_the_api_address_is_found_from_what_bbb_conf_prints():
    assert video.api_base("https://bbb.example.org/bigbluebutton/") == (
        "https://bbb.example.org/bigbluebutton/api/"
    )
    assert video.api_base("https://bbb.example.org/bigbluebutton/api") == (
        "https://bbb.example.org/bigbluebutton/api/"
    )


def test_a_signed_url_carries_its_parameters_and_checksum(client, server):
    url = client.url("getMeetingInfo", {"meetingID": "a b&c", "skipped": None, "flag": True})
    parsed = urllib.parse.urlsplit(url)
    assert parsed.path == "/bigbluebutton/api/getMeetingInfo"
    query, _sep, given = parsed.query.rpartition("&checksum=")
    assert dict(urllib.parse.parse_qsl(query)) == {"meetingID": "a b&c", "flag": "true"}
    assert given == video.checksum("getMeetingInfo", query, server.secret)


def test_create_then_join_as_moderator_and_attendee(client, server):
    _create(client)
    _create(client)  # again: the server answers with the same meeting
    meeting = server.meetings["m-1"]
    assert meeting.name == "Diálogo virtual: Convenio 190"
    assert meeting.meta == {"rial-owner": "forum.spaceevent:1"}
    assert server.calls == ["create", "create"]
    assert client.is_meeting_running(meeting_id="m-1") is False

    for user_id, name, moderator, password in [
        ("7", "Valeria Castro", True, "mod-pw"),
        ("8", "Camila Fuentes", False, "att-pw"),
    ]:
        url = client.join_url(
            meeting_id="m-1",
            full_name=name,
            user_id=user_id,
            moderator=moderator,
            password=password,
        )
        with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (the fake)
            assert "Fake BigBlueButton" in answer.read().decode()
    assert client.is_meeting_running(meeting_id="m-1") is True
    info = client.get_meeting_info(meeting_id="m-1")
    assert info.running is True
    assert {(a.user_id, a.full_name, a.role) for a in info.attendees} == {
        ("7", "Valeria Castro", "MODERATOR"),
        ("8", "Camila Fuentes", "VIEWER"),
    }


def test_a_meeting_the_server_does_not_have_has_no_info(client):
    assert client.get_meeting_info(meeting_id="never-created") is None


def test_a_wrong_secret_is_refused_by_the_server(server):
    wrong = video.Client(server.url, "not-the-secret", timeout=2)
    with pytest.raises(video.VideoError) as raised:
        wrong.is_meeting_running(meeting_id="m-1")
    assert raised.value.key == "checksumError"
    assert server.calls == []


def test_recordings_with_their_playback_links(client, server):
    assert client.get_recordings(meeting_id="m-1") == []
    _create(client)
    server.record("m-1", minutes=50)
    server.record("m-1", published=False)
    recordings = client.get_recordings(meeting_id="m-1")
    assert [(r.published, r.minutes) for r in recordings] == [(True, 50), (False, 55)]
    assert recordings[0].playback == [("presentation", server.recordings[0].url)]
    assert recordings[0].started_at.tzinfo is not None


def test_end_closes_the_meeting_once_and_again_is_harmless(client, server):
    _create(client)
    client.end(meeting_id="m-1", moderator_pw="mod-pw")
    assert client.get_meeting_info(meeting_id="m-1") is None
    client.end(meeting_id="m-1", moderator_pw="mod-pw")


def test_a_server_that_does_not_answer_is_a_video_error():
    port = free_port()  # nobody listens there
    down = video.Client(f"http://127.0.0.1:{port}/bigbluebutton/", "s", timeout=1)
    with pytest.raises(video.VideoError):
        down.is_meeting_running(meeting_id="m-1")


def test_after_a_failure_calls_fail_at_once_for_a_while(server, monkeypatch):
    # Pages and joins run on Daphne's one thread for plain views: a server that
    # does not answer must not make every page wait its timeout again.
    from courses.caching import cache_delete_many

    port = free_port()  # nobody listens there
    down = video.Client(f"http://127.0.0.1:{port}/bigbluebutton/", "s", timeout=1)
    with pytest.raises(video.VideoError):
        down.is_meeting_running(meeting_id="m-1")
    tried = []
    real = urllib.request.urlopen
    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: tried.append(a) or real(*a, **k))
    up = video.Client(server.url, server.secret, timeout=2)
    with pytest.raises(video.VideoError, match="did not answer a moment ago"):
        up.is_meeting_running(meeting_id="m-1")
    assert tried == []  # nothing asked the network meanwhile
    cache_delete_many([video.DOWN_KEY])  # DOWN_SECONDS later
    assert up.is_meeting_running(meeting_id="m-1") is False
    assert len(tried) == 1


def test_only_http_addresses_are_accepted():
    with pytest.raises(video.VideoError):
        video.Client("file:///etc/passwd", "s")


def test_configured_only_with_both_settings(settings):
    settings.BBB_URL, settings.BBB_SECRET = "https://bbb.example.org/bigbluebutton/", ""
    assert not video.configured()
    settings.BBB_SECRET = "secret"
    assert video.configured()
