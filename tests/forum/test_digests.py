"""The email digest: once per period, with what the person may read."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from forum import services
from forum.models import DigestDelivery
from tests.factories import TopicFactory
from tests.forum.forum_fixtures import ask

# Messages are matched in English here; other tests check the translations.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_flood", "english")]


def test_digests_go_once_per_period_with_what_the_person_may_read(workshop):
    now = timezone.now()
    ask(workshop, title="Nueva pregunta")
    TopicFactory(
        category=workshop["other"].categories.get(),
        title="Secreto de la otra red",
        author=workshop["neighbour"],
    )
    assert services.send_digests(now=now + datetime.timedelta(minutes=1)) >= 1
    to_bruno = [m for m in mail.outbox if m.to == [workshop["bruno"].email]]
    assert len(to_bruno) == 1
    assert "Nueva pregunta" in to_bruno[0].body and "Secreto" not in to_bruno[0].body
    assert "/forums/unsubscribe/" in to_bruno[0].body
    count = len(mail.outbox)
    assert services.send_digests(now=now + datetime.timedelta(minutes=2)) == 0
    assert len(mail.outbox) == count
    assert DigestDelivery.objects.filter(user=workshop["bruno"]).count() == 1
    assert not [m for m in mail.outbox if m.to == [workshop["alice"].email] and "Nueva" in m.body]
