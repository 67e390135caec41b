"""Every link in every email is built on one setting, WAGTAILADMIN_BASE_URL (the
environment's BASE_URL, which ``make run`` sets to the address it serves): change it
and every link follows, whether the email leaves from a request (allauth) or from a
task (notifications, digests, invitations, the newsletter, reminders)."""

import datetime
import re
import subprocess
import sys
import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from forum import services as expert_services
from forum import services as forum_services
from forum.models import SpaceMembership
from lms.services.enrolment_import import invitation_email
from newsletter import services as newsletter_services
from portfolio.models import Programme
from tests.factories import ProfileFactory, UserFactory

# Fixtures shared with the forum tests (used as arguments below).
from tests.forum.forum_fixtures import ask, no_flood, workshop  # noqa: F401
from tests.processes import ROOT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_flood")]

BASE = "http://campus.example.org:8123"
URL = re.compile(r"https?://[^\s<>\"']+")


@pytest.fixture(autouse=True)
def _served_elsewhere(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE


def links(message) -> list[str]:
    texts = [message.body, *(content for content, _type in getattr(message, "alternatives", []))]
    texts += [str(value) for value in message.extra_headers.values()]
    return [url for text in texts for url in URL.findall(text)]


def assert_every_link_on_base(messages):
    assert messages
    for message in messages:
        found = links(message)
        assert found, f"no link in {message.subject!r}"
        for url in found:
            assert url.startswith(BASE + "/"), (message.subject, url)


def test_emails_sent_by_tasks_link_to_the_served_address(
    workshop,  # noqa: F811
    secretariat,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        # A reply (notification with its one-click unsubscribe) and an announcement.
        topic = ask(workshop)
        forum_services.post_reply(
            user=workshop["bruno"], topic=topic, body="Respuesta", token=uuid.uuid4()
        )
        SpaceMembership.objects.filter(user=workshop["mod"]).update(role="coordinator")
        ask(workshop, user=workshop["mod"], title="Aviso", is_announcement=True)
        # An invitation to a space, for someone without an account.
        forum_services.space_members_import(
            actor=workshop["mod"], space=workshop["space"], text="nueva@example.org,Nueva"
        )
        # Office hours: the reminder carries the calendar file's address.
        expert = ProfileFactory(user__full_name="Patrícia Alves").user
        expert_services.expert_grant(actor=secretariat, user=expert)
        session = expert_services.office_hour_create(
            actor=expert,
            topic="Protocolos",
            description="",
            language="es",
            starts_at=timezone.now() + datetime.timedelta(hours=20),
            time_zone="America/Bogota",
            duration_minutes=60,
        )
        expert_services.office_hour_subscribe(user=workshop["alice"], session=session)
        assert expert_services.office_hour_reminders_send() == 1
        # The newsletter, with what is new on the portal.
        Programme.objects.create(
            name="Inspección móvil",
            country="PE",
            status="published",
            published_at=timezone.now() - datetime.timedelta(days=1),
            language="es",
        )
        newsletter_services.newsletter_subscribe(user=workshop["alice"], subscribed=True)
        issue = newsletter_services.newsletter_compose(actor=secretariat)
        newsletter_services.newsletter_send(actor=secretariat, issue=issue)
    # The digest and an invitation to a course.
    assert forum_services.send_digests(now=timezone.now() + datetime.timedelta(minutes=1))
    from tests.course_fixtures import build_course

    world = build_course()
    invited = UserFactory(full_name="Invitada")
    invitation_email(invited, world.cohort).send()

    found = " ".join(url for message in mail.outbox for url in links(message))
    for path in [
        "/forums/t/",  # the reply and the announcement
        "/forums/unsubscribe/",  # notifications and digests
        "/calendar.ics",  # the office-hour reminder
        "/newsletter/",  # the issue, its archive and its unsubscribe link
        "/accounts/password/reset/key/",  # both invitations
    ]:
        assert path in found, path
    assert_every_link_on_base(mail.outbox)


def test_account_emails_link_to_the_served_address_not_the_requests_host(client, user):
    """allauth builds its links on the request's host ("testserver" here)."""
    with translation.override("es"):
        signup = reverse("account_signup")
        reset = reverse("account_reset_password")
    client.post(
        signup,
        {
            "full_name": "Nueva Persona",
            "email": "nueva@example.org",
            "password1": "una clave larga 2026",
            "password2": "una clave larga 2026",
        },
    )
    client.logout()
    client.post(
        signup,
        {
            "full_name": "Otra Vez",
            "email": user.email,
            "password1": "una clave larga 2026",
            "password2": "una clave larga 2026",
        },
    )
    client.post(reset, {"email": user.email})
    client.post(reset, {"email": "nadie@example.org"})
    assert len(mail.outbox) >= 4, [m.subject for m in mail.outbox]
    assert_every_link_on_base(mail.outbox)


def test_base_url_comes_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.WAGTAILADMIN_BASE_URL)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "BASE_URL": "http://127.0.0.1:8765",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "http://127.0.0.1:8765"


def test_make_run_serves_and_links_on_the_same_port():
    for target in ("serve", "demo"):
        result = subprocess.run(
            ["make", "-n", target, "PORT=8765"], cwd=ROOT, capture_output=True, text=True
        )
        assert 'BASE_URL="${BASE_URL:-http://127.0.0.1:8765}"' in result.stdout, target
