"""The notification centre (/me/notifications/): a page of 25 at a time, filtered by
kind group, one or all marked read, unread ones told apart in text, not only colour."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from lms.models import Notification
from lms.notification_kinds import KindGroup, group_of, kinds_of

pytestmark = pytest.mark.django_db


def url(name="lms:notifications", language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def note(user, kind="x", title="Hola", minutes_ago=0, **extra):
    return Notification.objects.create(
        user=user,
        kind=kind,
        title=title,
        created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        **extra,
    )


def test_every_kind_belongs_to_one_group_and_unknown_kinds_are_other():
    assert group_of("forum_mention") == group_of("chat_mention") == KindGroup.MENTION
    assert group_of("direct_message") == KindGroup.DIRECT_MESSAGE
    assert group_of("forum_reply") == group_of("forum_answer") == KindGroup.REPLY
    assert group_of("expert_question") == group_of("expert_answer") == KindGroup.QUESTION
    assert group_of("live_reminder") == group_of("certificate") == KindGroup.COURSE
    assert group_of("forum_flag") == group_of("something new") == KindGroup.OTHER
    listed = [kind for group in KindGroup.values for kind in kinds_of(group)]
    assert len(listed) == len(set(listed))  # no kind in two groups


def test_the_centre_filters_by_kind_group_and_shows_the_filter(user_client, user, other_user):
    note(user, kind="forum_mention", title="Te mencionaron")
    note(user, kind="chat_mention", title="Mención en el chat")
    note(user, kind="certificate", title="Tu certificado")
    note(user, kind="forum_flag", title="Algo raro")
    note(other_user, kind="forum_mention", title="No es tuyo")
    html = user_client.get(url(), {"kind": "mention"}).content.decode()
    assert "Te mencionaron" in html and "Mención en el chat" in html
    assert "Tu certificado" not in html and "Algo raro" not in html and "No es tuyo" not in html
    assert '<strong class="tag" aria-current="page">Mentions</strong>' in html
    html = user_client.get(url(), {"kind": "other"}).content.decode()
    assert "Algo raro" in html and "Tu certificado" not in html and "Te mencionaron" not in html
    html = user_client.get(url(), {"kind": "nonsense"}).content.decode()  # all, as without
    assert "Algo raro" in html and "Tu certificado" in html
    assert '<strong class="tag" aria-current="page">All</strong>' in html
    html = user_client.get(url(), {"kind": "direct_message"}).content.decode()
    assert "You have no notifications of this kind." in html


def test_the_centre_shows_25_a_page_in_a_bounded_number_of_queries(
    user_client, user, django_assert_max_num_queries
):
    Notification.objects.bulk_create(
        Notification(
            user=user,
            kind="forum_reply",
            title=f"Aviso {number:02d}",
            created_at=timezone.now() - datetime.timedelta(minutes=number),
        )
        for number in range(60)
    )
    user_client.get(url())  # the session and header counts, cached
    with django_assert_max_num_queries(8):
        first = user_client.get(url(), {"kind": "reply"}).content.decode()
    assert "Aviso 00" in first and "Aviso 24" in first and "Aviso 25" not in first
    assert "Page 1 of 3" in first and "?kind=reply&amp;page=2" in first
    with django_assert_max_num_queries(8):
        last = user_client.get(url(), {"kind": "reply", "page": 3}).content.decode()
    assert "Aviso 50" in last and "Aviso 59" in last and "Aviso 49" not in last


def test_unread_notifications_are_marked_in_text_and_one_can_be_marked_read(
    user_client, user, other_user
):
    unread = note(user, title="Sin leer")
    seen = note(user, title="Leída", read_at=timezone.now())
    theirs = note(other_user, title="Ajena")
    html = user_client.get(url()).content.decode()
    assert html.count('class="is-unread"') == 1 and html.count('class="is-read"') == 1
    assert '<span class="tag">New</span> <strong>Sin leer</strong>' in html
    assert f'name="id" value="{unread.pk}"' in html
    assert f'name="id" value="{seen.pk}"' not in html  # read already: no button
    response = user_client.post(url(), {"id": [str(unread.pk), str(theirs.pk)], "kind": "other"})
    assert response.status_code == 302 and response["Location"] == url() + "?kind=other"
    unread.refresh_from_db()
    theirs.refresh_from_db()
    assert unread.read_at is not None and theirs.read_at is None  # only one's own


def test_mark_all_read_keeps_working_and_comes_back_to_the_page(user_client, user):
    for number in range(3):
        note(user, kind="forum_reply", title=f"N{number}")
    response = user_client.post(url(), {"kind": "reply", "page": "2"})
    assert response["Location"] == url() + "?kind=reply&page=2"
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()


def test_the_centre_links_to_the_preferences(user_client):
    html = user_client.get(url()).content.decode()
    assert f'href="{url("lms:notification_preferences")}"' in html
    assert f'href="{url("lms:notification_preferences")}"' in (
        user_client.get(url("lms:profile")).content.decode()
    )
