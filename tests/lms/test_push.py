"""Web Push to the installed app: subscribing from the browser, pushes that are
encrypted for the browser and signed by the campus, sent once by the worker to
those who want them, and the app's manifest, service worker and offline page."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from lms.models import PushSubscription
from lms.services.notifications import (
    notification_create,
    notification_preferences_set,
    notifications_fan_out,
    notifications_mark_read,
)
from lms.services.push import (
    notification_pushes_send,
    push_subscription_save,
    vapid_keys_generate,
)
from tests.factories import ProfileFactory
from tests.push import BrowserKeys, vapid_claims

pytestmark = pytest.mark.django_db

ANDROID_FIREFOX = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0"


def subscribe(user, endpoint, keys=None):
    keys = keys or BrowserKeys()
    push_subscription_save(user=user, endpoint=endpoint, p256dh=keys.p256dh, auth=keys.auth)
    return keys


def mention(user, capture, title="Alicia le mencionó en General"):
    with capture(execute=True):
        return notification_create(
            user=user,
            kind="chat_mention",
            title=title,
            body="@bruno ¿revisa el acta?",
            url="/es/x/",
        )


def test_a_mention_reaches_every_app_of_the_person_encrypted_and_signed(
    user, push_service, settings, django_capture_on_commit_callbacks
):
    apps = {}
    for _device in ("phone", "laptop"):
        endpoint = push_service.endpoint()
        apps[endpoint.removeprefix(push_service.origin)] = subscribe(user, endpoint)
    note = mention(user, django_capture_on_commit_callbacks)

    assert sorted(push.path for push in push_service.received) == sorted(apps)
    for push in push_service.received:
        data = apps[push.path].read(push)  # only that browser's keys open it
        assert data["title"] == "Alicia le mencionó en General"
        assert data["body"] == "@bruno ¿revisa el acta?" and data["url"] == "/es/x/"
        claims = vapid_claims(push, settings.WEB_PUSH_VAPID_PUBLIC_KEY)
        assert claims["aud"] == push_service.origin and claims["sub"] == "mailto:campus@example.org"
        assert push.headers["ttl"] == str(settings.WEB_PUSH_TTL_SECONDS)
    note.refresh_from_db()
    assert note.pushed_at is not None
    assert all(app.last_pushed_at for app in PushSubscription.objects.filter(user=user))
    # A second run (a task run twice) pushes nothing again.
    assert notification_pushes_send(notification_ids=[note.pk]) == (0, 0)
    assert len(push_service.received) == 2


def test_nobody_is_pushed_what_they_do_not_want_or_have_read(
    user, other_user, push_service, django_capture_on_commit_callbacks
):
    subscribe(user, push_service.endpoint())
    subscribe(other_user, push_service.endpoint())
    notification_preferences_set(user=other_user, enabled={("mention", "push"): False})
    with django_capture_on_commit_callbacks(execute=True):
        # Not a kind pushed by default, and a person who turned mentions off.
        notification_create(user=user, kind="certificate", title="Su certificado")
        notification_create(user=other_user, kind="chat_mention", title="Mención")
    assert push_service.received == []
    # Read before the worker got to it: not pushed.
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        note = notification_create(user=user, kind="direct_message", title="Mensaje")
    notifications_mark_read(user=user, ids=[note.pk])
    for callback in waiting:
        callback()
    assert push_service.received == []


def test_without_keys_push_is_off_and_costs_no_query(
    user, settings, monkeypatch, django_assert_num_queries, django_capture_on_commit_callbacks
):
    settings.WEB_PUSH_VAPID_PRIVATE_KEY = ""
    enqueued = []
    monkeypatch.setattr("lms.services.notifications.pushes_enqueue", enqueued.append)
    PushSubscription.objects.create(user=user, endpoint="https://push.example.org/1")
    # The row in its savepoint, as before push existed.
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(3):
        notification_create(user=user, kind="chat_mention", title="Mención")
    assert enqueued == []


def test_a_gone_app_is_forgotten_and_a_failing_one_is_tried_again_later(
    user, other_user, push_service, django_capture_on_commit_callbacks
):
    subscribe(user, push_service.endpoint("gone"))
    kept = push_service.endpoint()
    subscribe(user, kept)
    note = mention(user, django_capture_on_commit_callbacks)
    assert list(PushSubscription.objects.filter(user=user).values_list("endpoint", flat=True)) == [
        kept
    ]
    note.refresh_from_db()
    assert note.pushed_at is not None

    subscribe(other_user, push_service.endpoint("broken"))
    with django_capture_on_commit_callbacks(execute=False):
        failing = notification_create(user=other_user, kind="chat_mention", title="Mención")
    assert notification_pushes_send(notification_ids=[failing.pk]) == (0, 1)
    failing.refresh_from_db()
    assert failing.pushed_at is None  # its claim is given back for a later run
    assert PushSubscription.objects.filter(user=other_user).exists()


def test_a_fan_out_pushes_in_each_persons_language_to_those_with_an_app(
    push_service, django_capture_on_commit_callbacks
):
    people = [ProfileFactory(preferred_language=lang).user for lang in ("pt", "fr", "es")]
    keys = {person.pk: subscribe(person, push_service.endpoint()) for person in people[:2]}
    with django_capture_on_commit_callbacks(execute=True):
        notifications_fan_out(
            people=people,
            kind="chat_mention",
            key="message:1",
            write=lambda person: {"title": translation.gettext("Notifications")},
        )
    assert len(push_service.received) == 2
    titles = set()
    for push in push_service.received:
        app = PushSubscription.objects.get(endpoint=push_service.origin + push.path)
        titles.add(keys[app.user_id].read(push)["title"])
    assert titles == {"Notificações", "Notifications"}


def test_the_browser_subscribes_and_unsubscribes_through_the_preferences_page(
    client, user, other_user, push_service
):
    client.force_login(user)
    url = reverse("lms:push_subscription")
    keys = BrowserKeys()
    endpoint = push_service.endpoint()
    answer = client.post(
        url,
        json.dumps(keys.subscription(endpoint)),
        content_type="application/json",
        headers={"user-agent": ANDROID_FIREFOX},
    )
    assert answer.status_code == 201
    app = PushSubscription.objects.get()
    assert (app.user, app.endpoint, app.device) == (user, endpoint, "Firefox · Android")
    # Subscribing again (the page opened twice) keeps one row.
    client.post(url, json.dumps(keys.subscription(endpoint)), content_type="application/json")
    assert PushSubscription.objects.count() == 1
    page = client.get(reverse("lms:notification_preferences"))
    assert "data-push" in page.text and "Firefox · Android" in page.text
    # Somebody else cannot switch it off, even knowing its address.
    other = client.__class__()
    other.force_login(other_user)
    other.post(url, json.dumps({"action": "delete", "endpoint": endpoint}), "application/json")
    other.post(reverse("lms:push_subscription_remove", args=[app.pk]))
    assert PushSubscription.objects.count() == 1
    answer = client.post(
        url, json.dumps({"action": "delete", "endpoint": endpoint}), "application/json"
    )
    assert answer.status_code == 200 and not PushSubscription.objects.exists()


def test_the_push_services_of_the_browsers_are_taken(client, user, settings, push_service):
    settings.WEB_PUSH_ALLOW_LOCAL_ENDPOINTS = False
    client.force_login(user)
    for endpoint in (
        "https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABn",
        "https://web.push.apple.com/QGuQyavXutnMH",
        "https://wns2-par02p.notify.windows.com/w/?token=BQYAAAB",
    ):
        answer = client.post(
            reverse("lms:push_subscription"),
            json.dumps(BrowserKeys().subscription(endpoint)),
            "application/json",
        )
        assert answer.status_code == 201, endpoint
    assert PushSubscription.objects.filter(user=user).count() == 4


@pytest.mark.parametrize(
    "payload, error",
    [
        ("{not json", "This is not a push subscription."),
        ('{"endpoint": 3}', "This is not a push subscription."),
        ("[]", "This is not a push subscription."),
        ("x" * 5000, "This is not a push subscription."),
        ("ip", "This is not the address of a push service."),
        ("http", "This is not the address of a push service."),
        ("localhost", "This is not the address of a push service."),
        ("elsewhere", "This is not the address of a push service."),
        ("lookalike", "This is not the address of a push service."),
        ("port", "This is not the address of a push service."),
        ("keys", "The browser's push keys are not valid."),
    ],
)
def test_what_is_not_a_browsers_subscription_gets_a_clear_error(
    client, user, settings, push_service, payload, error
):
    settings.WEB_PUSH_ALLOW_LOCAL_ENDPOINTS = False
    keys = BrowserKeys()
    made = {
        "ip": keys.subscription("https://10.0.0.8/push/1"),
        "http": keys.subscription("http://push.example.org/1"),
        "localhost": keys.subscription("https://push.localhost/1"),
        "elsewhere": keys.subscription("https://push.example.org/1"),
        "lookalike": keys.subscription("https://evilfcm.googleapis.com.example.org/1"),
        "port": keys.subscription("https://fcm.googleapis.com:8443/fcm/send/1"),
        "keys": {
            "endpoint": "https://fcm.googleapis.com/fcm/send/1",
            "keys": {"p256dh": "abc", "auth": "x"},
        },
    }
    body = json.dumps(made[payload]) if payload in made else payload
    client.force_login(user)
    with translation.override("en"):
        answer = client.post(reverse("lms:push_subscription"), body, "application/json")
    assert answer.status_code == 400 and answer.json() == {"error": error}
    assert not PushSubscription.objects.exists()


def test_subscribing_needs_a_signed_in_person_and_a_server_with_keys(client, user, settings):
    answer = client.post(reverse("lms:push_subscription"), "{}", "application/json")
    assert answer.status_code == 302  # to sign in
    client.force_login(user)
    keys = BrowserKeys()
    with translation.override("en"):
        answer = client.post(
            reverse("lms:push_subscription"),
            json.dumps(keys.subscription("https://fcm.googleapis.com/fcm/send/1")),
            "application/json",
        )
        page = client.get(reverse("lms:notification_preferences"))
    assert answer.json() == {"error": "Push notifications are not set up on this server."}
    assert "Push notifications are not set up on this server." in page.text
    assert "data-push" not in page.text


@pytest.mark.parametrize("language", ["es", "en", "pt", "fr"])
def test_the_app_has_a_manifest_a_service_worker_and_an_offline_page(client, user, language):
    with translation.override(language):
        manifest = client.get(reverse("lms:manifest"))
        offline_url = reverse("lms:offline")
        home = reverse("lms:dashboard")
    data = json.loads(manifest.content)
    assert manifest["Content-Type"] == "application/manifest+json"
    assert data["lang"] == language and data["start_url"] == home and data["scope"] == "/"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200

    worker = client.get("/sw.js")
    assert worker["Content-Type"].startswith("text/javascript")
    assert "no-cache" in worker["Cache-Control"] and worker["Service-Worker-Allowed"] == "/"
    assert f'"{language}": "{offline_url}"' in worker.text

    client.force_login(user)
    offline = client.get(offline_url)
    assert offline.status_code == 200 and f'lang="{language}"' in offline.text
    # Kept on the device for anyone using it: nothing of the person who fetched it.
    assert user.email not in offline.text and "csrfmiddlewaretoken" not in offline.text


def test_every_page_links_the_manifest_and_the_worker(client):
    page = client.get("/es/")
    assert 'rel="manifest" href="/es/app/manifest.webmanifest"' in page.text
    assert 'data-service-worker="/sw.js"' in page.text


def test_vapid_keys_are_made_once_for_an_env_file(tmp_path, capsys):
    call_command("vapid_keys")
    printed = dict(line.split("=", 1) for line in capsys.readouterr().out.split())
    from py_vapid import Vapid02

    key = Vapid02.from_raw(printed["WEB_PUSH_VAPID_PRIVATE_KEY"].encode())
    from cryptography.hazmat.primitives import serialization

    from tests.push import b64url

    public = key.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    assert b64url(public) == printed["WEB_PUSH_VAPID_PUBLIC_KEY"]
    env = tmp_path / ".env"
    env.write_text("SECRET_KEY=x\n")
    call_command("vapid_keys", env_file=env)
    call_command("vapid_keys", env_file=env)
    lines = env.read_text().splitlines()
    assert lines[0] == "SECRET_KEY=x" and len(lines) == 3
    assert vapid_keys_generate() != vapid_keys_generate()


def test_pushing_many_notifications_reads_the_apps_once(
    push_service, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = [ProfileFactory().user for _ in range(4)]
    for person in people:
        subscribe(person, push_service.endpoint())
    with django_capture_on_commit_callbacks(execute=False):
        ids = [
            notification_create(user=person, kind="chat_mention", title="Mención").pk
            for person in people
        ]
    with CaptureQueriesContext(connection) as queries:
        assert notification_pushes_send(notification_ids=ids) == (4, 0)
    reads = [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and "pushsubscription" in q["sql"]
    ]
    assert len(reads) == 1
    assert len(push_service.received) == 4
