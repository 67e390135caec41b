"""newsletter/tasks.py: the scheduled job composes the next draft in the worker."""

import pytest
from django_tasks_db.models import DBTaskResult

from newsletter import tasks


@pytest.mark.django_db(transaction=True)
def test_the_newsletter_draft_is_composed_by_the_scheduled_task(database_tasks, secretariat):
    from newsletter.models import Issue
    from tests.factories import UserFactory

    run_worker = database_tasks
    UserFactory(is_superuser=True, is_staff=True)
    tasks.compose_newsletter.enqueue()
    run_worker()
    assert Issue.objects.get().status == Issue.Status.DRAFT
    result = DBTaskResult.objects.get(task_path="newsletter.tasks.compose_newsletter")
    assert result.return_value == ["Draft issue no. 1 composed."]


@pytest.mark.django_db(transaction=True)
def test_the_confirmation_email_is_sent_by_the_worker(database_tasks, mailoutbox):
    from newsletter import services
    from newsletter.models import VisitorSubscription

    run_worker = database_tasks
    services.visitor_subscribe(email="ana@example.org", language="es")
    assert mailoutbox == []  # queued, not sent by the request
    run_worker()
    assert [m.to for m in mailoutbox] == [["ana@example.org"]]
    assert "/es/newsletter/confirm/" in mailoutbox[0].body
    result = DBTaskResult.objects.get(task_path="newsletter.tasks.send_visitor_confirmation")
    assert result.return_value is True
    assert VisitorSubscription.objects.get().status == "pending"
