"""Announcements reach every member of the space, once each."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from forum import services
from forum.models import AnnouncementDelivery
from tests.forum.forum_fixtures import ask

# Messages are matched in English here; other tests check the translations.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_flood", "english")]


def test_announcements_reach_every_member_once(workshop, django_capture_on_commit_callbacks):
    services.subscription_set(user=workshop["bruno"], target=workshop["space"], level="muted")
    with pytest.raises(PermissionDenied):
        ask(workshop, title="Aviso", is_announcement=True)
    with django_capture_on_commit_callbacks(execute=True):
        topic = ask(workshop, user=workshop["mod"], title="Aviso", is_announcement=True)
    members = {workshop[k].email for k in ["alice", "bruno", "expert", "mod"]}
    announced = [m for m in mail.outbox if m.subject.endswith("Aviso")]
    assert {m.to[0] for m in announced} == members  # muted or not
    assert services.announcement_send(topic_id=topic.pk) == 0  # a second run sends nothing
    assert AnnouncementDelivery.objects.filter(sent_at__isnull=False).count() == 4
