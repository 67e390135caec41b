"""lms/tasks.py: decisions, reminders and notification emails go through the worker
(the database queue, as in production); each is safe to run again; the periodic
jobs of lms are declared."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django_periodic_tasks import schedule_registry
from django_tasks_db.models import DBTaskResult

from lms import tasks
from lms.models import Enrolment, Notification
from lms.services import cohorts, enrolment, learning
from lms.services.notifications import notification_create, notification_emails_send
from tests.factories import ProfileFactory


def make_call(world, secretariat):
    now = timezone.now()
    return cohorts.call_create(
        actor=secretariat,
        course=world.course,
        title="Convocatoria",
        description="",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=10),
        seats=50,
        starts_on=timezone.localdate() + datetime.timedelta(days=14),
        time_zone="America/Lima",
    )


@pytest.mark.django_db(transaction=True)
def test_accepting_many_applications_enrols_in_the_request_and_tells_them_from_the_worker(
    world, secretariat, database_tasks, django_assert_max_num_queries
):
    run_worker = database_tasks
    call = make_call(world, secretariat)
    people = [ProfileFactory(preferred_language="pt").user for _ in range(30)]
    ids = [
        enrolment.application_create(user=person, call=call, motivation="m" * 40).pk
        for person in people
    ]
    run_worker()  # the call's pages and space
    with django_assert_max_num_queries(25):  # the same for 3 or 300 applications
        result = enrolment.applications_decide(
            actor=secretariat, call=call, application_ids=ids, accept=True
        )
    assert result.accepted == 30
    assert Enrolment.objects.filter(cohort=call.cohort).count() == 30
    assert not Notification.objects.filter(kind="enrolled").exists() and not mail.outbox
    assert DBTaskResult.objects.filter(task_path="lms.tasks.applications_notify").count() == 1
    run_worker()
    assert Notification.objects.filter(kind="enrolled").count() == 30
    assert sorted(m.to[0] for m in mail.outbox) == sorted(person.email for person in people)
    assert all("Sua inscrição em" in m.subject for m in mail.outbox)  # in their language
    tasks.applications_notify.enqueue(ids)  # queued again by mistake
    run_worker()
    assert Notification.objects.filter(kind="enrolled").count() == 30
    assert len(mail.outbox) == 30


@pytest.mark.django_db(transaction=True)
def test_reminders_are_claimed_in_the_request_and_written_by_the_worker(world, database_tasks):
    run_worker = database_tasks
    run_worker()
    learner = Enrolment.objects.get(user=world.learner)
    sent, skipped = learning.reminders_send(
        actor=world.tutor, cohort=world.cohort, enrolment_ids=[learner.pk]
    )
    assert (sent, skipped) == (1, 0)
    assert Enrolment.objects.get(pk=learner.pk).last_reminded_at is not None
    assert not Notification.objects.filter(kind="reminder").exists()
    # A double click: claimed already, nothing more queued.
    assert learning.reminders_send(
        actor=world.tutor, cohort=world.cohort, enrolment_ids=[learner.pk]
    ) == (0, 1)
    assert DBTaskResult.objects.filter(task_path="lms.tasks.reminders_notify").count() == 1
    run_worker()
    assert Notification.objects.filter(kind="reminder", user=world.learner).count() == 1
    assert [m.to for m in mail.outbox] == [[world.learner.email]]
    DBTaskResult.objects.filter(task_path="lms.tasks.reminders_notify").update(status="READY")
    run_worker()  # the same task again (a retry): nobody reminded twice
    assert Notification.objects.filter(kind="reminder").count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_notification_emails_are_claimed_and_a_refused_one_can_go_later(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail.RefusingBackend"
    fine = ProfileFactory().user
    refused = ProfileFactory(user__email="nadie@refused.example").user
    notes = [
        notification_create(user=person, kind="test", title="Hola", email=False)
        for person in (fine, refused)
    ]
    ids = [note.pk for note in notes]
    assert notification_emails_send(notification_ids=ids) == (1, 1)
    assert notification_emails_send(notification_ids=ids) == (0, 1)  # the sent one is not again
    assert [m.to for m in mail.outbox] == [[fine.email]]
    assert Notification.objects.get(pk=notes[1].pk).emailed_at is None  # given back
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_emails_send(notification_ids=ids) == (1, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([fine.email, refused.email])
    # The task says so when some could not be sent (a failed task in the queue).
    settings.EMAIL_BACKEND = "tests.mail.RefusingBackend"
    again = notification_create(user=refused, kind="test", title="Otra", email=False)
    with pytest.raises(RuntimeError):
        tasks.send_notification_emails.call([again.pk])


def test_lms_declares_its_periodic_jobs():
    entries = schedule_registry.get_entries()
    assert entries["import-jobs-resume"].task is tasks.import_jobs_resume
    assert entries["import-jobs-resume"].cron_expression == "*/5 * * * *"
    assert entries["import-jobs-prune"].task is tasks.import_jobs_prune
    assert entries["import-jobs-prune"].cron_expression == "40 3 * * *"
