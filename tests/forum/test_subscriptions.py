"""Who hears about what: mentions, watchers, muted categories, unsubscribe links."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from forum import services
from forum.models import DigestPreference, Mention, Subscription
from lms.models import Notification
from tests.forum.forum_fixtures import ask, reply

# Messages are matched in English here; other tests check the translations.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_flood", "english")]


def test_mentions_notify_members_once_in_their_language(
    workshop, django_capture_on_commit_callbacks
):
    topic = ask(workshop)
    body = "Hola @bruno-reis y @persona-ajena, ¿qué opinan? (y otra vez @bruno-reis)"
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(workshop, topic, "expert", body=body).post
    assert list(Mention.objects.filter(post=post).values_list("user__email", flat=True)) == [
        workshop["bruno"].email
    ]  # the outsider is not a member: not mentioned, not told
    note = Notification.objects.get(user=workshop["bruno"], kind="forum_mention")
    assert "mencionou" in note.title  # in Bruno's language, Portuguese
    sent = [m for m in mail.outbox if workshop["bruno"].email in m.to]
    assert len(sent) == 1 and "/forums/unsubscribe/" in sent[0].body
    assert "/forums/unsubscribe/" in sent[0].extra_headers["List-Unsubscribe"]
    assert "/unsubscribe/" not in note.body and "Hola" in note.body  # the post, in the campus
    with django_capture_on_commit_callbacks(execute=True):
        services.post_edit(actor=workshop["expert"], post=post, body=body + " editado")
    assert Notification.objects.filter(user=workshop["bruno"], kind="forum_mention").count() == 1


def test_watchers_hear_of_replies_muted_people_do_not(workshop, django_capture_on_commit_callbacks):
    topic = ask(workshop)
    services.subscription_set(user=workshop["bruno"], target=workshop["space"], level="watching")
    services.subscription_set(user=workshop["mod"], target=topic, level="watching")
    services.subscription_set(user=workshop["mod"], target=topic, level="muted")
    with django_capture_on_commit_callbacks(execute=True):
        reply(workshop, topic, "expert")
    told = set(
        Notification.objects.filter(kind="forum_reply").values_list("user__email", flat=True)
    )
    assert told == {workshop["alice"].email, workshop["bruno"].email}
    with pytest.raises(PermissionDenied):
        services.subscription_set(user=workshop["outsider"], target=topic, level="watching")


def test_unsubscribe_links_need_no_login_and_cannot_be_forged(workshop):
    topic = ask(workshop)
    url = services.unsubscribe_url(workshop["alice"], f"topic:{topic.pk}")
    token = url.rstrip("/").rsplit("/", 1)[1]
    services.unsubscribe(token=token)
    services.unsubscribe(token=token)  # twice is fine
    assert Subscription.objects.get(user=workshop["alice"], topic=topic).level == "muted"
    with pytest.raises(ValidationError):
        services.unsubscribe(token=token[:-2] + "xx")
    digest = services.unsubscribe_url(workshop["bruno"], "digest").rstrip("/").rsplit("/", 1)[1]
    services.unsubscribe(token=digest)
    assert DigestPreference.objects.get(user=workshop["bruno"]).frequency == "never"


def test_muting_a_category_wins_over_watching_the_space(
    workshop, django_capture_on_commit_callbacks
):
    topic = ask(workshop)
    services.subscription_set(user=workshop["bruno"], target=workshop["space"], level="watching")
    services.subscription_set(user=workshop["bruno"], target=workshop["questions"], level="muted")
    with django_capture_on_commit_callbacks(execute=True):
        reply(workshop, topic, "expert")
    assert not Notification.objects.filter(user=workshop["bruno"]).exists()
