"""The newsletter: composed from what is new, in each language, sent once each."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from library.models import Publication
from newsletter import services
from newsletter.models import Delivery, Issue, Subscription
from portfolio.models import Programme, ProgrammeTranslation
from tests.factories import ProfileFactory
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("es"):
        return reverse(f"newsletter:{name}", kwargs=kwargs)


@pytest.fixture
def news(db):
    programme = Programme.objects.create(
        name="Inspección móvil",
        country="PE",
        status="published",
        published_at=timezone.now() - datetime.timedelta(days=2),
        language="es",
    )
    ProgrammeTranslation.objects.create(
        programme=programme,
        language="en",
        name="Mobile inspection",
        needs="n",
        description="d",
        objectives="o",
    )
    Programme.objects.create(
        name="Viejo",
        country="PE",
        status="published",
        published_at=timezone.now() - datetime.timedelta(days=60),
    )
    Publication.objects.create(title="Estudio nuevo", kind="study", url="https://example.org/e")
    return programme


def _subscriber(name, language):
    user = ProfileFactory(user__full_name=name, preferred_language=language).user
    services.newsletter_subscribe(user=user, subscribed=True)
    return user


def test_composing_takes_what_is_new_and_only_the_secretariat_does(news, secretariat):
    with pytest.raises(PermissionDenied):
        services.newsletter_compose(actor=ProfileFactory().user)
    issue = services.newsletter_compose(actor=secretariat)
    titles = [(item.section, item.title_es, item.title_en) for item in issue.items.all()]
    assert ("programmes", "Inspección móvil", "Mobile inspection") in titles
    assert ("documents", "Estudio nuevo", "Estudio nuevo") in titles
    assert all(title != "Viejo" for _s, title, _e in titles)
    with pytest.raises(ValidationError):  # one draft at a time
        services.newsletter_compose(actor=secretariat)


def test_an_interrupted_send_resumes_without_a_second_copy(news, secretariat, mailoutbox):
    people = [_subscriber(f"Persona {n}", "en" if n % 2 else "es") for n in range(6)]
    ProfileFactory(user__full_name="No suscrita")  # not subscribed: nothing
    issue = services.newsletter_compose(actor=secretariat)
    services.newsletter_update(
        actor=secretariat,
        issue=issue,
        intros={"es": "Hola red", "en": "Hello network"},
        included={item.pk for item in issue.items.all()},
    )
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)
    # A worker killed while emailing the first person: claimed, never marked sent.
    Delivery.objects.create(issue=issue, user=people[0])
    calls = []

    def flaky(issue, user, **kwargs):
        calls.append(user.pk)
        if len(calls) == 3:
            raise ConnectionError("the mail server went away")
        services._send(issue, user, **kwargs)

    assert services.deliver_issue(issue.pk, send=flaky) == 4  # one failed
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENDING  # not finished: it can be resumed
    assert services.deliver_issue(issue.pk) == 1  # the failed one, and nobody else
    recipients = [m.to[0] for m in mailoutbox]
    assert len(recipients) == len(set(recipients)) == 5
    assert people[0].email not in recipients  # at most once, even after a crash
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    english = next(m for m in mailoutbox if m.to[0] == people[1].email)
    spanish = next(m for m in mailoutbox if m.to[0] == people[2].email)
    assert "Mobile inspection" in english.body and "Hello network" in english.body
    assert "Inspección móvil" in spanish.body and "Hola red" in spanish.body
    assert english.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    services.deliver_issue(issue.pk)  # again: nothing more
    assert len(mailoutbox) == 5


def test_sending_costs_the_same_queries_per_person(
    news, secretariat, django_assert_max_num_queries
):
    for n in range(20):
        _subscriber(f"Persona {n}", "es")
    issue = services.newsletter_compose(actor=secretariat)
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)
    # Per person: the claim (savepoint, insert, release) and the sent mark.
    with django_assert_max_num_queries(6 + 20 * 4):
        assert services.deliver_issue(issue.pk) == 20


def test_one_click_unsubscribe_and_the_archive(
    news, secretariat, client, mailoutbox, django_capture_on_commit_callbacks
):
    person = _subscriber("Ana", "es")
    issue = services.newsletter_compose(actor=secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        services.newsletter_send(actor=secretariat, issue=issue)
    assert len(mailoutbox) == 1
    link = mailoutbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200  # a confirmation page; GET changes nothing
    assert Subscription.objects.get(user=person).subscribed
    assert client.post("/" + path).status_code == 200  # the mail client's one click
    assert not Subscription.objects.get(user=person).subscribed
    assert client.post("/es/newsletter/unsubscribe/forged/").status_code == 400
    page = client.get(url("archive")).content.decode()
    assert url("issue", number=issue.number) in page
    assert "Inspección móvil" in client.get(url("issue", number=issue.number)).content.decode()
    with pytest.raises(ValidationError):  # a sent issue does not change
        services.newsletter_update(actor=secretariat, issue=issue, intros={}, included=set())


def test_drafts_are_for_the_secretariat(news, secretariat, client):
    issue = services.newsletter_compose(actor=secretariat)
    assert client.get(url("issue", number=issue.number)).status_code == 404
    client.force_login(ProfileFactory().user)
    assert client.get(url("edit", number=issue.number)).status_code == 403
    mfa_force_login(client, secretariat)
    assert client.get(url("edit", number=issue.number)).status_code == 200


def test_the_biweekly_command_composes_a_draft_once(news, secretariat):
    from django.core.management import call_command

    from tests.factories import UserFactory

    UserFactory(is_superuser=True, is_staff=True)
    call_command("compose_newsletter", verbosity=0)
    call_command("compose_newsletter", verbosity=0)  # a draft waits: nothing more
    assert Issue.objects.count() == 1
    Issue.objects.update(status="sent", sent_at=timezone.now() - datetime.timedelta(days=3))
    call_command("compose_newsletter", verbosity=0)  # too soon
    assert Issue.objects.count() == 1
    Issue.objects.update(sent_at=timezone.now() - datetime.timedelta(days=15))
    call_command("compose_newsletter", verbosity=0)
    assert Issue.objects.filter(status="draft").count() == 1
