"""Imports in the background (lms/services/jobs.py, lms/views/jobs.py): the request
checks the file and makes a job, the worker does it a batch at a time, and the
person who started it follows it on a progress page and its JSON."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from lms.models import Enrolment, ImportJob, Notification, User
from lms.services import enrolment_import as services
from lms.services import jobs
from tests.factories import ProfileFactory, UserFactory
from tests.mail import DyingBackend
from tests.mfa import mfa_force_login, totp_enable

HEADER = "email,name,country,institution,group\n"


def url(name, **kwargs):
    with translation.override("es"):
        return reverse(name, kwargs=kwargs)


def csv_of(emails) -> str:
    return HEADER + "".join(
        f"{email},Persona {number},CL,Ministerio,A\n" for number, email in enumerate(emails)
    )


def start(world, secretariat, emails, capture):
    with capture(execute=True):
        result = services.enrolments_import_csv(
            actor=secretariat, cohort=world.cohort, text=csv_of(emails)
        )
    assert result.ok, result.errors
    return ImportJob.objects.get(pk=result.job.pk)


@pytest.mark.django_db(transaction=True)
def test_an_enrolment_file_is_a_job_that_the_worker_does(
    client, world, secretariat, database_tasks, django_assert_max_num_queries
):
    run_worker = database_tasks
    existing = ProfileFactory(user__email="existe@example.org", preferred_language="en").user
    mfa_force_login(client, secretariat)
    page = url("lms:manage_cohort_import", cohort_id=world.cohort.pk)
    token = client.get(page).context["form"]["token"].value()
    data = {"token": token, "text": csv_of(["nueva@example.org", existing.email, "otra@x.org"])}
    with django_assert_max_num_queries(20):
        response = client.post(page, data)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("lms:import_job", job_id=job.pk)
    # The request checked and queued; it enrolled, created and emailed nobody.
    assert (job.status, job.total, job.done) == (ImportJob.Status.QUEUED, 3, 0)
    assert DBTaskResult.objects.get().task_path == "lms.tasks.enrolment_import"
    assert job.task_result_id == str(DBTaskResult.objects.get().id)
    assert not User.objects.filter(email="nueva@example.org").exists()
    assert Enrolment.objects.filter(cohort=world.cohort).count() == 1  # the fixture's learner
    assert mail.outbox == []
    # The same form again (a double click, the page sent again): the same job.
    again = client.post(page, data)
    assert again["Location"] == response["Location"]
    assert ImportJob.objects.count() == 1 and DBTaskResult.objects.count() == 1
    waiting = client.get(response["Location"]).content.decode()
    assert 'value="0"' in waiting and 'max="3"' in waiting
    assert '<noscript><meta http-equiv="refresh"' in waiting  # follows it without script
    assert client.get(url("lms:import_job_progress", job_id=job.pk)).json()["status"] == "queued"

    run_worker()

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.rows == []
    assert (job.done, job.created_accounts, job.added, job.already) == (3, 2, 3, 0)
    assert (job.invitations_sent, job.notices_sent, job.error_count) == (2, 1, 0)
    progress = client.get(url("lms:import_job_progress", job_id=job.pk)).json()
    assert progress["finished"] and progress["percent"] == 100
    assert (progress["done"], progress["total"], progress["invitations_sent"]) == (3, 3, 2)
    assert (progress["added"], progress["created_accounts"], progress["error_count"]) == (3, 2, 0)
    html = client.get(response["Location"]).content.decode()
    assert 'value="3"' in html and "<noscript>" not in html
    assert "3" in progress["summary"]
    assert url("lms:manage_cohort", cohort_id=world.cohort.pk) in html
    # One email each: invitations to the new accounts, a notice to the one who had one.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["nueva@example.org", existing.email, "otra@x.org"]
    )
    notice = next(m for m in mail.outbox if m.to == [existing.email])
    assert "You are enrolled" in notice.subject  # in her language
    invitation = next(m for m in mail.outbox if m.to == ["nueva@example.org"])
    assert "/es/accounts/password/reset/key/" in invitation.body
    assert Notification.objects.get(user=existing, kind="enrolled").emailed_at is not None
    run_worker()  # nothing left to do, nothing sent again
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_only_the_person_who_started_it_and_the_secretariat_see_a_job(
    client, world, secretariat, django_capture_on_commit_callbacks
):
    job = start(world, secretariat, ["una@example.org"], django_capture_on_commit_callbacks)
    pages = [url("lms:import_job", job_id=job.pk), url("lms:import_job_progress", job_id=job.pk)]
    for person in (world.tutor, world.learner, ProfileFactory().user):
        client.force_login(person)
        assert [client.get(page).status_code for page in pages] == [404, 404]
    other_secretariat = UserFactory(roles=["secretariat"])
    totp_enable(other_secretariat)
    mfa_force_login(client, other_secretariat)
    assert [client.get(page).status_code for page in pages] == [200, 200]
    client.logout()
    assert client.get(pages[1]).status_code == 302  # to sign in
    mfa_force_login(client, secretariat)
    assert client.get(url("lms:import_job", job_id=job.pk + 1)).status_code == 404


@pytest.mark.django_db
def test_a_refused_email_is_a_problem_of_its_line_and_the_others_go(
    client, world, secretariat, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail.RefusingBackend"
    emails = ["a@example.org", "b@refused.example", "c@example.org"]
    job = start(world, secretariat, emails, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE
    assert (job.added, job.invitations_sent, job.error_count) == (3, 2, 1)
    [[line, message]] = job.errors
    assert line == 3 and "b@refused.example" in message
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "c@example.org"]
    mfa_force_login(client, secretariat)
    progress = client.get(url("lms:import_job_progress", job_id=job.pk)).json()
    assert progress["error_count"] == 1
    assert progress["errors"][0]["line"] == 3
    assert progress["errors"][0]["text"].startswith("Línea 3:")
    assert (
        client.get(url("lms:import_job_progress", job_id=job.pk) + "?since=1").json()["errors"]
        == []
    )
    html = client.get(url("lms:import_job", job_id=job.pk)).content.decode()
    assert "b@refused.example" in html


@pytest.mark.django_db
def test_a_worker_killed_while_sending_resumes_and_emails_nobody_twice(
    world, secretariat, settings, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(jobs, "BATCH", 2)
    monkeypatch.setattr(jobs, "EMAILS_PER_CHECKPOINT", 1)
    settings.EMAIL_BACKEND = "tests.mail.DyingBackend"
    monkeypatch.setattr(DyingBackend, "die_at", 4)  # killed before the 4th email goes
    emails = [f"p{number}@example.org" for number in range(1, 7)]
    job = start(world, secretariat, emails, django_capture_on_commit_callbacks)
    # The worker died in the second batch, after p3's email and before p4's.
    assert job.status == ImportJob.Status.RUNNING
    assert (job.done, job.invitations_sent) == (4, 3)
    assert [entry[3] for entry in job.outbox] == ["p4@example.org"]
    assert [m.to[0] for m in mail.outbox] == emails[:3]
    # Restarted: the periodic check finds the job silent and queues it again.
    monkeypatch.setattr(DyingBackend, "die_at", None)
    assert jobs.import_jobs_resume() == 0  # not silent long enough yet
    later = timezone.now() + jobs.STALE_AFTER + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.import_jobs_resume(now=later) == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.done, job.added, job.invitations_sent, job.error_count) == (6, 6, 5, 1)
    # p4's email may have gone when the worker died: it is reported, not sent again.
    assert job.errors[0][0] == 5 and "p4@example.org" in job.errors[0][1]
    sent = [m.to[0] for m in mail.outbox]
    assert sorted(sent) == sorted(set(sent)) == sorted(set(emails) - {"p4@example.org"})
    assert Enrolment.objects.filter(user__email__in=emails).count() == 6


@pytest.mark.django_db
def test_a_long_file_goes_in_batches_and_takes_turns_in_the_queue(
    world, secretariat, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(jobs, "BATCH", 3)
    monkeypatch.setattr(jobs, "BATCHES_PER_TASK", 2)
    enqueued = []
    real_enqueue = jobs._enqueue
    monkeypatch.setattr(
        jobs, "_enqueue", lambda *args: enqueued.append(args) or real_enqueue(*args)
    )
    emails = [f"q{number}@example.org" for number in range(10)]
    job = start(world, secretariat, emails, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE and job.done == 10
    # Four batches of 3, 3, 3 and 1 lines, two per task: the first task and one more.
    assert len(enqueued) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(emails)


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_task_waits_is_not_queued_twice_and_a_dead_one_is(
    client, world, secretariat, database_tasks
):
    run_worker = database_tasks
    result = services.enrolments_import_csv(
        actor=secretariat, cohort=world.cohort, text=csv_of(["r@example.org"])
    )
    later = timezone.now() + jobs.STALE_AFTER + datetime.timedelta(minutes=1)
    # No worker yet: the task waits in the queue, so nothing is queued again.
    assert jobs.import_jobs_resume(now=later) == 0
    # A worker took it and was killed: the task stays "running" forever.
    DBTaskResult.objects.update(status="RUNNING")
    ImportJob.objects.update(status=ImportJob.Status.RUNNING, heartbeat_at=timezone.now())
    assert jobs.import_jobs_resume(now=later) == 1
    assert jobs.import_jobs_resume(now=later) == 0  # given its chance first
    run_worker()
    job = ImportJob.objects.get(pk=result.job.pk)
    assert job.status == ImportJob.Status.DONE and job.added == 1
    assert [m.to for m in mail.outbox] == [["r@example.org"]]


@pytest.mark.django_db
def test_finished_jobs_are_pruned_after_their_retention(world, secretariat):
    now = timezone.now()
    old = now - datetime.timedelta(days=ImportJob.RETENTION_DAYS + 1)

    def job(status, finished_at, token):
        return ImportJob.objects.create(
            kind=ImportJob.Kind.ENROLMENT,
            created_by=secretariat,
            target_id=world.cohort.pk,
            target_label="x",
            digest=str(token),
            task_path="lms.tasks.enrolment_import",
            status=status,
            finished_at=finished_at,
            created_at=finished_at or old,
        )

    gone = [job(ImportJob.Status.DONE, old, 1), job(ImportJob.Status.FAILED, old, 2)]
    kept = [
        job(ImportJob.Status.DONE, now - datetime.timedelta(days=1), 3),
        job(ImportJob.Status.RUNNING, None, 4),
    ]
    assert jobs.import_jobs_prune(now=now) == 2
    remaining = set(ImportJob.objects.values_list("pk", flat=True))
    assert remaining == {j.pk for j in kept} and not remaining & {j.pk for j in gone}


@pytest.mark.django_db
def test_a_batch_costs_the_same_few_queries_for_20_or_200_lines(
    world, secretariat, django_assert_max_num_queries
):
    """The writes of a batch are in bulk: accounts, profiles, addresses, enrolments,
    roles and notifications are a few queries whatever the number of lines."""
    had = [f"tiene{number}@example.org" for number in range(100)]
    User.objects.bulk_create(User(email=email, full_name=email) for email in had)
    emails = had + [f"nueva{number}@example.org" for number in range(100)]
    result = services.enrolments_import_csv(
        actor=secretariat, cohort=world.cohort, text=csv_of(emails)
    )
    job = ImportJob.objects.get(pk=result.job.pk)
    for lines in (job.rows[:10] + job.rows[100:110], job.rows[10:100] + job.rows[110:]):
        with django_assert_max_num_queries(25):
            step = services._enrolment_step(job, lines)
        assert step.added == len(lines) and len(step.emails) == len(lines)


@pytest.mark.django_db
def test_the_worker_queries_per_batch_and_per_email_sent(
    world, secretariat, django_assert_max_num_queries
):
    """400 lines, half of them new accounts: a few queries per batch of 200, four
    per record of the sending (every 25 emails), and two per invitation (the
    password link's token hashes the person's addresses, django-allauth)."""
    had = [f"tiene{number}@example.org" for number in range(200)]
    User.objects.bulk_create(User(email=email, full_name=email) for email in had)
    emails = had + [f"nueva{number}@example.org" for number in range(200)]
    result = services.enrolments_import_csv(
        actor=secretariat, cohort=world.cohort, text=csv_of(emails)
    )
    batches, records, invitations = 2, 400 // jobs.EMAILS_PER_CHECKPOINT, 200
    with django_assert_max_num_queries(35 * batches + 4 * records + 2 * invitations):
        services.enrolment_import_run(job_id=result.job.pk)
    job = ImportJob.objects.get(pk=result.job.pk)
    assert (job.done, job.added, job.created_accounts) == (400, 400, 200)
    assert (job.invitations_sent, job.notices_sent) == (200, 200)
    assert len(mail.outbox) == 400


@pytest.mark.django_db
def test_the_validating_request_costs_the_same_for_5_and_500_lines(
    client, world, secretariat, django_assert_max_num_queries
):
    mfa_force_login(client, secretariat)
    page = url("lms:manage_cohort_import", cohort_id=world.cohort.pk)
    client.get(page)  # warm the layout's caches (site, home pages, view restrictions)
    for count in (5, 500):
        emails = [f"l{count}-{number}@example.org" for number in range(count)]
        with django_assert_max_num_queries(15):
            response = client.post(page, {"text": csv_of(emails)})
        assert response.status_code == 302
    assert ImportJob.objects.count() == 2


@pytest.mark.django_db
def test_the_import_page_lists_recent_imports(client, world, secretariat):
    services.enrolments_import_csv(
        actor=secretariat, cohort=world.cohort, text=csv_of(["s@example.org"])
    )
    mfa_force_login(client, secretariat)
    html = client.get(url("lms:manage_cohort_import", cohort_id=world.cohort.pk)).content.decode()
    job = ImportJob.objects.get()
    assert f'href="{url("lms:import_job", job_id=job.pk)}"' in html


@pytest.mark.parametrize(
    ("kind", "one", "two"),
    [
        (
            ImportJob.Kind.ENROLMENT,
            "Finished: 1 learner enrolled (1 new account, 1 invitation sent), "
            "1 was already enrolled.",
            "Finished: 2 learners enrolled (2 new accounts, 2 invitations sent), "
            "2 were already enrolled.",
        ),
        (
            ImportJob.Kind.MEMBERS,
            "Finished: 1 person added to the space (1 new account, 1 invitation sent), "
            "1 was already a member.",
            "Finished: 2 people added to the space (2 new accounts, 2 invitations sent), "
            "2 were already members.",
        ),
    ],
)
def test_the_summary_of_a_job_agrees_each_count_with_its_noun(kind, one, two):
    from lms.selectors.jobs import import_job_summary

    def job(n, **extra):
        counts = {"added": n, "created_accounts": n, "invitations_sent": n, "already": n}
        return ImportJob(kind=kind, total=n, done=n, **counts, **extra)

    with translation.override("en"):
        assert import_job_summary(job(1, status=ImportJob.Status.DONE)) == one
        assert import_job_summary(job(2, status=ImportJob.Status.DONE)) == two
        failed = job(1, status=ImportJob.Status.FAILED, error_count=1)
        assert import_job_summary(failed) == "Stopped after 1 of 1 line. 1 problem."
