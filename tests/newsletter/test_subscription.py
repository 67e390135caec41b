"""Subscribing to the newsletter: visitors by email (double opt-in), members with a button."""

import datetime
import re

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from newsletter import services
from newsletter.models import Issue, Subscription, VisitorDelivery, VisitorSubscription
from tests.factories import ProfileFactory, newsletter_issue
from tests.mfa import mfa_force_login

pytestmark = pytest.mark.django_db


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"newsletter:{name}", kwargs=kwargs)


def _path(link: str) -> str:
    assert link.startswith("http://testserver/"), link  # built on BASE_URL
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def _link(message, name: str) -> str:
    return next(word for word in message.body.split() if f"/newsletter/{name}/" in word)


@pytest.fixture
def join(client, django_capture_on_commit_callbacks):
    """The visitor's form posted, and what it scheduled run (the confirmation email)."""

    def post(email, language="en", page="en"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                url("visitor_subscribe", page), {"email": email, "language": language}
            )

    return post


def test_a_visitor_sees_the_form_in_the_page_language(client):
    page = client.get(url("archive", "pt")).content.decode()
    assert 'name="email"' in page
    assert re.search(r'<option value="pt"[^>]*selected', page)


def test_a_visitor_subscribes_and_confirms_in_their_language(client, join, mailoutbox):
    response = join("Ana@Example.org ", language="pt", page="en")
    assert response.status_code == 302
    assert response["Location"] == url("check_email", "en")
    page = client.get(response["Location"]).content.decode()
    assert "Check your email" in page
    subscription = VisitorSubscription.objects.get()
    assert subscription.email == "ana@example.org"
    assert subscription.language == "pt"
    assert subscription.status == VisitorSubscription.Status.PENDING
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ana@example.org"]
    with translation.override("pt"):
        assert message.subject == translation.gettext(
            "Confirm your subscription to the RIAL newsletter"
        )
    link = _path(_link(message, "confirm"))
    assert link.startswith("/pt/newsletter/confirm/")  # opens in the chosen language
    assert client.get(link).status_code == 200  # a button: GET changes nothing
    subscription.refresh_from_db()
    assert subscription.status == VisitorSubscription.Status.PENDING
    assert client.post(link).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == VisitorSubscription.Status.ACTIVE
    assert subscription.confirmed_at is not None
    assert client.post(link).status_code == 200  # twice: still subscribed, no error


def test_expired_or_tampered_links_do_not_confirm(client, join, mailoutbox):
    join("ana@example.org")
    link = _path(_link(mailoutbox[0], "confirm"))
    assert client.post(link.rstrip("/") + "x/").status_code == 400
    forged = signing.dumps({"s": VisitorSubscription.objects.get().pk, "t": 0}, salt="other")
    assert client.post(url("confirm", token=forged)).status_code == 400
    later = timezone.now() + services.CONFIRM_MAX_AGE + datetime.timedelta(minutes=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("time.time", lambda: later.timestamp())
        response = client.post(link)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert VisitorSubscription.objects.get().status == VisitorSubscription.Status.PENDING


def test_asking_again_makes_no_second_row_and_reveals_nothing(client, join, mailoutbox):
    first = join("ana@example.org")
    again = join("ANA@example.org", language="fr")  # within the hour: no second email
    assert first["Location"] == again["Location"]
    assert VisitorSubscription.objects.count() == 1
    assert len(mailoutbox) == 1
    client.post(_path(_link(mailoutbox[0], "confirm")))
    VisitorSubscription.objects.update(
        confirmation_sent_at=timezone.now() - datetime.timedelta(hours=2)
    )
    subscribed = join("ana@example.org")  # already subscribed: the same answer, no email
    new = join("new@example.org")
    assert subscribed["Location"] == new["Location"] == first["Location"]
    assert [m.to[0] for m in mailoutbox] == ["ana@example.org", "new@example.org"]
    assert VisitorSubscription.objects.count() == 2


def test_at_most_one_confirmation_email_per_address_per_hour(client, join, mailoutbox):
    for _attempt in range(5):
        join("target@example.org")
    assert len(mailoutbox) == 1
    VisitorSubscription.objects.update(
        confirmation_sent_at=timezone.now() - datetime.timedelta(minutes=61)
    )
    join("target@example.org")
    assert len(mailoutbox) == 2
    # The newer link replaces the older one.
    old, new = (_path(_link(m, "confirm")) for m in mailoutbox)
    assert client.post(old).status_code == 400
    assert client.post(new).status_code == 200
    assert VisitorSubscription.objects.get().status == VisitorSubscription.Status.ACTIVE


def test_a_bad_address_shows_the_form_again(client):
    response = client.post(url("visitor_subscribe"), {"email": "not-an-address", "language": "en"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not VisitorSubscription.objects.exists()


def test_a_member_subscribes_and_unsubscribes_with_one_button(client, mailoutbox):
    person = ProfileFactory(preferred_language="en").user
    client.force_login(person)
    page = client.get(url("archive")).content.decode()
    assert 'name="email"' not in page  # no email form: the account's address is verified
    client.post(url("subscribe"), {"subscribed": "1"})
    assert Subscription.objects.get(user=person).subscribed
    assert "You are subscribed" in client.get(url("archive")).content.decode()
    assert mailoutbox == []
    client.post(url("subscribe"), {"subscribed": "0"})
    assert not Subscription.objects.get(user=person).subscribed


def test_sending_includes_confirmed_visitors_and_members_each_once(client, mailoutbox):
    member = ProfileFactory(preferred_language="es", user__email="Mixed.Case@Example.org").user
    services.newsletter_subscribe(user=member, subscribed=True)
    ProfileFactory()  # a member who did not subscribe
    confirmed = VisitorSubscription.objects.create(
        email="fr@example.org", language="fr", status="active"
    )
    VisitorSubscription.objects.create(email="pending@example.org", status="pending")
    VisitorSubscription.objects.create(email="gone@example.org", status="unsubscribed")
    # The member also confirmed as a visitor with the same address: one copy.
    VisitorSubscription.objects.create(email=member.email.lower(), status="active")
    assert services.subscriber_count() == 2
    issue = newsletter_issue(
        status=Issue.Status.SENDING, intro_es="Hola red", intro_fr="Bonjour le réseau"
    )
    assert services.deliver_issue(issue.pk) == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([member.email, "fr@example.org"])
    french = next(m for m in mailoutbox if m.to == ["fr@example.org"])
    assert "Bonjour le réseau" in french.body and "Étude" in french.body
    assert "http://testserver/fr/newsletter/1/" in french.body
    assert VisitorDelivery.objects.filter(issue=issue, subscriber=confirmed).exists()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert services.deliver_issue(issue.pk) == 0  # finished: nobody twice
    # The visitor's one click, from the header a mail client uses.
    link = _path(french.extra_headers["List-Unsubscribe"].strip("<>"))
    assert link.startswith("/fr/newsletter/leave/")
    assert french.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert _path(_link(french, "leave")) == link
    assert client.get(link).status_code == 200
    confirmed.refresh_from_db()
    assert confirmed.status == VisitorSubscription.Status.ACTIVE
    assert client.post(link).status_code == 200
    confirmed.refresh_from_db()
    assert confirmed.status == VisitorSubscription.Status.UNSUBSCRIBED
    assert client.post(url("visitor_unsubscribe", token="forged")).status_code == 400
    assert services.subscriber_count() == 1


def test_an_unsubscribed_visitor_cannot_be_confirmed_by_an_old_link(client, join, mailoutbox):
    join("ana@example.org")
    link = _path(_link(mailoutbox[0], "confirm"))
    client.post(link)
    subscription = VisitorSubscription.objects.get()
    services.visitor_unsubscribe_by_token(
        token=signing.dumps(subscription.pk, salt=services.VISITOR_UNSUBSCRIBE_SALT)
    )
    assert client.post(link).status_code == 400
    subscription.refresh_from_db()
    assert subscription.status == VisitorSubscription.Status.UNSUBSCRIBED


def test_a_member_unsubscribing_ends_a_visitor_subscription_of_the_same_address():
    member = ProfileFactory().user
    VisitorSubscription.objects.create(email=member.email.lower(), status="active")
    services.newsletter_subscribe(user=member, subscribed=False)
    assert VisitorSubscription.objects.get().status == VisitorSubscription.Status.UNSUBSCRIBED


def test_the_secretariat_sees_how_many_subscribe(client, secretariat):
    VisitorSubscription.objects.create(email="a@example.org", status="active")
    VisitorSubscription.objects.create(email="b@example.org", status="pending")
    services.newsletter_subscribe(user=ProfileFactory().user, subscribed=True)
    mfa_force_login(client, secretariat)
    assert "2 subscribers" in client.get(url("archive")).content.decode()


@pytest.mark.django_db
def test_the_visitors_form_needs_no_token_so_the_page_stays_shareable(demo_pages):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    page = client.get("/en/newsletter/")
    assert "csrftoken" not in page.cookies and "csrfmiddlewaretoken" not in page.content.decode()
    answer = client.post("/en/newsletter/join/", {"email": "ana@example.org", "language": "en"})
    assert answer.status_code == 302


@pytest.mark.django_db
def test_the_site_sends_at_most_so_many_confirmations_an_hour(settings):
    settings.NEWSLETTER_CONFIRMATIONS_PER_HOUR = 2
    services.visitor_subscribe(email="uno@example.org", language="es")
    services.visitor_subscribe(email="dos@example.org", language="es")
    with pytest.raises(ValidationError):
        services.visitor_subscribe(email="tres@example.org", language="es")
    assert not VisitorSubscription.objects.filter(
        email="tres@example.org", confirmation_sent_at__isnull=False
    ).exists()
    # The addresses already asked for are answered as before (nothing sent again).
    services.visitor_subscribe(email="uno@example.org", language="es")
