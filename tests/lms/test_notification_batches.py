"""Mentions and direct messages left unread are emailed after 10 minutes, all of a
person's waiting ones in one email, once, in their language, with a signed
one-click unsubscribe. Time is moved (``now=``), never waited."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from lms import tasks
from lms.selectors.notifications import channel_enabled
from lms.services.notifications import (
    notification_batches_send,
    notification_create,
    notification_preferences_set,
    notification_unsubscribe_url,
    notifications_fan_out,
)
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def bruno():
    return ProfileFactory(preferred_language="pt", user__full_name="Bruno Reis").user


def mention(person, title="Ana mencionou você", kind="chat_mention", **extra):
    return notification_create(
        user=person, kind=kind, title=title, url="/pt/chat/1/", email=True, **extra
    )


def token_of(link):
    return link.rstrip("/").rsplit("/", 1)[1]


def test_a_mention_waits_ten_minutes_then_one_email_lists_what_is_unread(
    bruno, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = mention(bruno)
        second = notification_create(
            user=bruno, kind="direct_message", title="Mensagem de Ana", email=True
        )
        read = mention(bruno, title="Já lida")
    read.read_at = timezone.now()
    read.save()
    assert not mail.outbox  # not at once
    start = first.created_at
    assert notification_batches_send(now=start + 9 * MINUTE) == (0, 0)
    assert not mail.outbox
    assert notification_batches_send(now=start + 10 * MINUTE) == (1, 0)
    [email] = mail.outbox
    assert email.to == [bruno.email]
    # In Bruno's language (the new lines are English until translated).
    assert email.body.startswith("Olá, Bruno Reis,") and "participação no RIAL" in email.body
    assert email.subject.startswith("[RIAL Campus] 2 ")
    assert "Ana mencionou você" in email.body and "Mensagem de Ana" in email.body
    assert "Já lida" not in email.body
    assert "http://" in email.body and "/pt/chat/1/" in email.body
    unsubscribe = email.extra_headers["List-Unsubscribe"].strip("<>")
    assert "/pt/me/notifications/unsubscribe/" in unsubscribe and unsubscribe in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.emailed_at and second.emailed_at
    assert notification_batches_send(now=start + 20 * MINUTE) == (0, 0)  # a second run
    assert len(mail.outbox) == 1


def test_a_person_who_turned_email_off_gets_nothing_and_nothing_waits(bruno, other_user):
    notification_preferences_set(user=bruno, enabled={("mention", "email"): False})
    muted = mention(bruno)
    assert muted.emailed_at is not None  # nothing to send: the batch never waits for it
    direct = notification_create(user=bruno, kind="direct_message", title="DM", email=True)
    quiet = notification_create(user=other_user, kind="chat_mention", title="Sem email")
    assert quiet.emailed_at is not None  # email=False: nothing to send either
    assert notification_batches_send(now=direct.created_at + 11 * MINUTE) == (1, 0)
    assert "DM" in mail.outbox[0].body and "Ana mencionou" not in mail.outbox[0].body


def test_turning_email_off_while_waiting_sends_nothing(bruno):
    waiting = mention(bruno)
    notification_preferences_set(user=bruno, enabled={("mention", "email"): False})
    assert notification_batches_send(now=waiting.created_at + 15 * MINUTE) == (0, 0)
    assert not mail.outbox
    waiting.refresh_from_db()
    assert waiting.emailed_at is not None  # done with, not looked at every minute


def test_a_failed_email_gives_its_claim_back(bruno, monkeypatch):
    waiting = mention(bruno)

    def fail(self, *args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", fail)
    assert notification_batches_send(now=waiting.created_at + 10 * MINUTE) == (0, 1)
    waiting.refresh_from_db()
    assert waiting.emailed_at is None  # a later run sends it
    monkeypatch.undo()
    assert notification_batches_send(now=waiting.created_at + 11 * MINUTE) == (1, 0)


@override_settings(NOTIFICATION_EMAIL_DELAY_MINUTES=30)
def test_the_delay_is_a_setting(bruno):
    waiting = mention(bruno)
    assert notification_batches_send(now=waiting.created_at + 29 * MINUTE) == (0, 0)
    assert notification_batches_send(now=waiting.created_at + 30 * MINUTE) == (1, 0)


def test_the_periodic_task_sends_the_batches(bruno, monkeypatch):
    waiting = mention(bruno)
    later = waiting.created_at + 10 * MINUTE
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert tasks.notification_email_batches.call() == 1
    assert len(mail.outbox) == 1


def test_fanned_out_forum_mentions_keep_their_email_at_once_and_the_batch_skips_them(
    bruno, django_capture_on_commit_callbacks
):
    """notifications_fan_out keeps its behaviour for the forum's mention emails, each with
    its topic's unsubscribe link; the batch never sends them again."""
    with django_capture_on_commit_callbacks(execute=True):
        notifications_fan_out(
            people=[bruno],
            kind="forum_mention",
            key="post:1:mention",
            write=lambda person: {
                "title": "Menção no fórum",
                "unsubscribe_url": "https://campus.example.org/pt/forums/unsubscribe/x/",
            },
            email=True,
        )
    assert len(mail.outbox) == 1
    assert notification_batches_send(now=timezone.now() + 20 * MINUTE) == (0, 0)
    assert len(mail.outbox) == 1


def test_fanned_out_chat_mentions_wait_for_the_batch(bruno, django_capture_on_commit_callbacks):
    """The chat's mentions and direct messages (told by the worker, a fan-out each)
    are not emailed at once: ten minutes later, if still unread, in the batch."""
    with django_capture_on_commit_callbacks(execute=True):
        notifications_fan_out(
            people=[bruno],
            kind="chat_mention",
            key="chat:1:mention",
            write=lambda person: {"title": "Ana mencionou você no chat", "url": "/pt/chat/x/"},
            email=True,
        )
    assert not mail.outbox
    assert notification_batches_send(now=timezone.now() + 11 * MINUTE) == (1, 0)
    assert "Ana mencionou você no chat" in mail.outbox[0].body


def unsubscribe_page(token, language="en"):
    with translation.override(language):
        return reverse("lms:notification_unsubscribe", kwargs={"token": token})


def test_the_unsubscribe_link_asks_first_and_needs_no_sign_in(client, bruno):
    token = token_of(notification_unsubscribe_url(user=bruno, groups=["mention"]))
    response = client.get(unsubscribe_page(token))
    assert response.status_code == 200 and "Mentions" in response.content.decode()
    assert channel_enabled(user=bruno, kind="chat_mention", channel="email")  # a GET: nothing
    client.post(unsubscribe_page(token))
    assert not channel_enabled(user=bruno, kind="forum_mention", channel="email")
    assert channel_enabled(user=bruno, kind="direct_message", channel="email")


def test_one_click_unsubscribe_from_a_mail_client_without_csrf_token(bruno):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    token = token_of(notification_unsubscribe_url(user=bruno, groups=["mention", "direct_message"]))
    response = client.post(
        unsubscribe_page(token),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not channel_enabled(user=bruno, kind="chat_mention", channel="email")
    assert not channel_enabled(user=bruno, kind="direct_message", channel="email")
    client.post(unsubscribe_page(token))  # twice is fine
    assert not channel_enabled(user=bruno, kind="direct_message", channel="email")


def test_a_forged_unsubscribe_link_does_nothing(client, bruno):
    token = token_of(notification_unsubscribe_url(user=bruno, groups=["mention"]))
    response = client.post(unsubscribe_page(token[:-2] + "xx"))
    assert response.status_code == 400
    assert channel_enabled(user=bruno, kind="chat_mention", channel="email")
