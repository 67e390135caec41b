"""forum/tasks.py: the forum's fan-outs and imports run in the worker (the database
queue, as in production), each safe to run again; its periodic jobs are declared."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django_periodic_tasks import schedule_registry
from django_tasks_db.models import DBTaskResult

from forum import services, tasks
from forum.models import SpaceMembership
from lms.models import ImportJob, Notification, User
from tests.factories import ProfileFactory
from tests.forum.forum_fixtures import ask

pytestmark = pytest.mark.usefixtures("no_flood")


def url(name, **kwargs):
    with translation.override("es"):
        return reverse(name, kwargs=kwargs)


@pytest.mark.django_db(transaction=True)
def test_a_members_list_is_a_job_that_the_worker_does(client, workshop, database_tasks):
    run_worker = database_tasks
    SpaceMembership.objects.filter(user=workshop["mod"]).update(role="coordinator")
    client.force_login(workshop["mod"])
    page = url("forum:members", slug="bogota")
    token = client.get(page).context["import_form"]["token"].value()
    people = (
        f"email,name\n{workshop['outsider'].email}\nnueva@example.org, Persona Nueva\n"
        f"{workshop['alice'].email}\notra.nueva@example.org\n"
    )
    data = {"token": token, "people": people}
    response = client.post(page, data)
    job = ImportJob.objects.get()
    assert response["Location"] == url("lms:import_job", job_id=job.pk)
    assert (job.kind, job.status, job.total) == (ImportJob.Kind.MEMBERS, "queued", 4)
    # Checked and queued: nobody added, no account made, nobody emailed yet.
    assert not SpaceMembership.objects.filter(user=workshop["outsider"]).exists()
    assert not User.objects.filter(email="nueva@example.org").exists()
    assert mail.outbox == []
    assert client.post(page, data)["Location"] == response["Location"]  # sent twice: one job
    assert ImportJob.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path="forum.tasks.members_import").count() == 1

    run_worker()

    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.done, job.created_accounts, job.added, job.already) == (4, 2, 3, 1)
    assert (job.invitations_sent, job.error_count) == (2, 0)
    members = set(workshop["space"].memberships.values_list("user__email", flat=True))
    assert {workshop["outsider"].email, "nueva@example.org", "otra.nueva@example.org"} <= members
    assert User.objects.get(email="nueva@example.org").full_name == "Persona Nueva"
    assert sorted(m.to[0] for m in mail.outbox) == ["nueva@example.org", "otra.nueva@example.org"]
    progress = client.get(url("lms:import_job_progress", job_id=job.pk)).json()
    assert progress["finished"] and (progress["added"], progress["invitations_sent"]) == (3, 2)
    html = client.get(response["Location"]).content.decode()
    assert f'href="{page}"' in html  # back to the members
    # A member of the space (not the coordinator who started it) does not see it.
    client.force_login(workshop["alice"])
    assert client.get(response["Location"]).status_code == 404
    assert client.get(url("lms:import_job_progress", job_id=job.pk)).status_code == 404
    run_worker()
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_replies_notify_watchers_from_the_worker_once(workshop, database_tasks):
    run_worker = database_tasks
    topic = ask(workshop)
    for person in ("bruno", "expert"):
        services.subscription_set(user=workshop[person], target=topic, level="watching")
    services.subscription_set(user=workshop["mod"], target=topic, level="muted")
    run_worker()
    mail.outbox.clear()
    post = services.post_reply(
        user=workshop["alice"],
        topic=topic,
        body="Mira esto @moderadora-paz",
        token=uuid.uuid4(),
    ).post
    about_the_reply = Notification.objects.filter(key__startswith=f"post:{post.pk}:")
    # The request queued the work: nobody was told yet.
    assert not about_the_reply.exists()
    assert DBTaskResult.objects.filter(task_path="forum.tasks.notify_post").count() == 2
    run_worker()
    told = set(about_the_reply.values_list("user__full_name", flat=True))
    assert told == {"Bruno Reis", "Patrícia Alves"}  # not the author, not the muted
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [workshop["bruno"].email, workshop["expert"].email]
    )
    # Run again (a retry): nobody is told or emailed twice.
    assert services.post_notify(post_id=post.pk, mentioned_ids=[], is_new_topic=False) == 0
    run_worker()
    assert about_the_reply.count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_an_announcement_is_emailed_by_the_worker_to_every_member_once(workshop, database_tasks):
    run_worker = database_tasks
    services.subscription_set(user=workshop["bruno"], target=workshop["space"], level="muted")
    topic = ask(workshop, user=workshop["mod"], title="Aviso", is_announcement=True)
    assert not [m for m in mail.outbox if m.subject.endswith("Aviso")]
    run_worker()
    announced = sorted(m.to[0] for m in mail.outbox if m.subject.endswith("Aviso"))
    members = sorted(workshop[k].email for k in ["alice", "bruno", "expert", "mod"])
    assert announced == members
    tasks.send_announcement.enqueue(topic.pk)  # queued again by mistake
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox if m.subject.endswith("Aviso")) == members


@pytest.mark.django_db(transaction=True)
def test_community_events_note_every_member_from_the_worker(database_tasks):
    import datetime

    from django.utils import timezone

    from forum.models import Space

    run_worker = database_tasks
    space = Space.objects.create(kind="community", name="Red", slug="red")
    coordinator = ProfileFactory().user
    SpaceMembership.objects.create(space=space, user=coordinator, role="coordinator")
    members = [ProfileFactory().user for _ in range(5)]
    SpaceMembership.objects.bulk_create(SpaceMembership(space=space, user=m) for m in members)
    event = services.space_event_create(
        actor=coordinator,
        space=space,
        kind="dialogue",
        title="Diálogo virtual",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        time_zone="America/Lima",
        duration_minutes=90,
    )
    assert not Notification.objects.filter(kind="community_event").exists()
    run_worker()
    noted = Notification.objects.filter(kind="community_event", key=f"event:{event.pk}")
    assert set(noted.values_list("user_id", flat=True)) == {m.pk for m in members}
    assert services.space_event_notify(event_id=event.pk) == 0  # again: nothing more
    assert noted.count() == 5


def test_the_forum_declares_its_periodic_jobs():
    entries = schedule_registry.get_entries()
    assert entries["forum-digests"].task is tasks.send_digests
    assert entries["forum-digests"].cron_expression == "0 7 * * *"
    assert entries["office-hour-reminders"].task is tasks.send_office_hour_reminders
    assert entries["office-hour-reminders"].cron_expression == "*/15 * * * *"


@pytest.mark.django_db
def test_the_management_commands_still_work_and_name_the_scheduler(capsys):
    from django.core.management import call_command, load_command_class

    for name in ("send_digests", "send_office_hour_reminders"):
        command = load_command_class("forum", name)
        assert "run_scheduler" in command.help
        call_command(name)
    output = capsys.readouterr().out
    assert "0 digest(s) sent." in output and "0 reminder(s) sent." in output
