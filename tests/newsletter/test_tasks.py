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
