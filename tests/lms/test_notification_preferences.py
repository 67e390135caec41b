"""Preferences per kind group and channel: defaults without a row, the page, and the
emails of notification_create and notifications_fan_out that respect them."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from lms.models import Notification, NotificationPreference
from lms.notification_kinds import Channel, KindGroup
from lms.selectors.notifications import channel_enabled, channel_enabled_for, preferences_of
from lms.services.notifications import (
    notification_create,
    notification_preferences_set,
    notifications_fan_out,
)
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def url(name="lms:notification_preferences", language="en"):
    with translation.override(language):
        return reverse(name)


def test_defaults_without_a_row(user):
    on = preferences_of(user=user)
    assert all(on[(group, Channel.CAMPUS)] for group in KindGroup.values)
    assert all(on[(group, Channel.EMAIL)] for group in KindGroup.values if group != "other")
    assert not on[(KindGroup.OTHER, Channel.EMAIL)]
    assert {group for group in KindGroup.values if on[(group, Channel.PUSH)]} == {
        "mention",
        "direct_message",
    }
    assert channel_enabled(user=user, kind="forum_reply", channel="email")
    assert not channel_enabled(user=user, kind="forum_flag", channel="email")
    assert channel_enabled(user=user, kind="chat_mention", channel="push")
    assert not channel_enabled(user=user, kind="certificate", channel="push")


def test_a_choice_wins_over_the_default_and_campus_stays_on(user, other_user):
    notification_preferences_set(
        user=user,
        enabled={("reply", "email"): False, ("other", "email"): True, ("reply", "campus"): False},
    )
    assert not channel_enabled(user=user, kind="forum_answer", channel="email")
    assert channel_enabled(user=user, kind="forum_flag", channel="email")
    assert channel_enabled(user=user, kind="forum_answer", channel="campus")
    assert not NotificationPreference.objects.filter(channel="campus").exists()
    notification_preferences_set(user=user, enabled={("reply", "email"): True})  # changed back
    assert NotificationPreference.objects.filter(user=user).count() == 2
    assert channel_enabled(user=user, kind="forum_reply", channel="email")
    assert channel_enabled(user=other_user, kind="forum_reply", channel="email")


def test_who_wants_email_among_many_is_one_query(user, other_user, django_assert_num_queries):
    people = [ProfileFactory().user for _ in range(5)]
    notification_preferences_set(user=people[0], enabled={("reply", "email"): False})
    ids = [user.pk, other_user.pk] + [person.pk for person in people]
    with django_assert_num_queries(1):
        wanted = channel_enabled_for(user_ids=ids, kind="forum_reply", channel="email")
    assert wanted == set(ids) - {people[0].pk}


def test_the_page_shows_checkboxes_by_group_and_saves_them(user_client, user):
    html = user_client.get(url()).content.decode()
    assert html.count("<fieldset") == len(KindGroup.values)
    assert "<legend>Mentions</legend>" in html and "<legend>Other</legend>" in html
    campus = 'id="pref-mention-campus" name="mention:campus" checked disabled'
    assert campus in html and '<label for="pref-mention-campus">' in html
    assert 'id="pref-other-email" name="other:email">' in html  # off by default
    assert 'id="pref-mention-push" name="mention:push" checked>' in html
    # The form sends the boxes that are checked; the rest are off.
    response = user_client.post(url(), {"other:email": "on", "mention:push": "on"})
    assert response.status_code == 302
    on = preferences_of(user=user)
    assert on[("other", "email")] and on[("mention", "push")] and on[("mention", "campus")]
    assert not on[("reply", "email")] and not on[("direct_message", "push")]
    assert 'id="pref-other-email" name="other:email" checked>' in (
        user_client.get(url()).content.decode()
    )


def test_the_page_needs_sign_in(client):
    response = client.get(url())
    assert response.status_code == 302 and "login" in response["Location"]


def test_notification_create_emails_only_people_who_want_it(
    user, other_user, django_capture_on_commit_callbacks
):
    notification_preferences_set(user=user, enabled={("course", "email"): False})
    with django_capture_on_commit_callbacks(execute=True):
        for person in (user, other_user):
            notification_create(user=person, kind="certificate", title="Certificado", email=True)
    assert [m.to for m in mail.outbox] == [[other_user.email]]
    assert Notification.objects.filter(kind="certificate").count() == 2  # in the campus: both


def test_fan_out_emails_only_people_who_want_it(
    user, other_user, django_capture_on_commit_callbacks
):
    notification_preferences_set(user=other_user, enabled={("reply", "email"): False})
    with django_capture_on_commit_callbacks(execute=True):
        told = notifications_fan_out(
            people=[user, other_user],
            kind="forum_reply",
            key="post:1:reply",
            write=lambda person: {"title": "Respuesta"},
            email=True,
        )
    assert told == 2
    assert [m.to for m in mail.outbox] == [[user.email]]
