"""deliver_once: each person once, a failed send given back, a crash never sent twice,
and a cost that does not grow with the people already served."""

import pytest
from django.utils import timezone

from forum.models import DigestDelivery
from lms.models import Notification
from lms.services.delivery import FieldLedger, RowLedger, deliver_once
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def _period_ledger():
    """One row per person for period "p" (any model with a unique claim would do)."""
    return RowLedger(DigestDelivery, row=lambda user: {"user": user, "period": "p", "since": NOW})


def test_rows_send_each_person_once_and_a_failure_is_tried_again():
    people = UserFactory.create_batch(4)
    sent = []

    def flaky(person):
        if person == people[2] and people[2] not in sent:
            sent.append(person)
            raise ConnectionError("the mail server went away")
        sent.append(person)

    done = deliver_once(people, ledger=_period_ledger(), send=flaky, keep_going=True)
    assert (done.sent, done.failed) == (3, 1)
    assert not DigestDelivery.objects.filter(user=people[2]).exists()  # given back
    assert DigestDelivery.objects.filter(sent_at__isnull=False).count() == 3
    again = deliver_once(people, ledger=_period_ledger(), send=sent.append)
    assert (again.sent, again.failed) == (1, 0)
    assert sent.count(people[2]) == 2 and len(sent) == 5  # the failed try, then once


def test_a_claim_left_by_a_crash_is_never_sent_again():
    person = UserFactory()
    DigestDelivery.objects.create(user=person, period="p", since=NOW)  # claimed, not marked
    sent = []
    assert deliver_once([person], ledger=_period_ledger(), send=sent.append).sent == 0
    assert sent == []


def test_without_keep_going_the_error_stops_the_run_and_the_claim_goes_back():
    people = UserFactory.create_batch(3)
    sent = []

    def broken(person):
        if person == people[1]:
            raise ConnectionError("down")
        sent.append(person)

    with pytest.raises(ConnectionError):
        deliver_once(people, ledger=_period_ledger(), send=broken)
    assert sent == [people[0]]
    assert list(DigestDelivery.objects.values_list("user_id", flat=True)) == [people[0].pk]


def test_a_field_claim_sent_together_rolls_back_with_a_failed_send():
    person = UserFactory()
    notification = Notification.objects.create(user=person, kind="x", title="t")
    ledger = FieldLedger(Notification, "emailed_at")

    def broken(_notification):
        Notification.objects.create(user=person, kind="y", title="written, then rolled back")
        raise ConnectionError("down")

    with pytest.raises(ConnectionError):
        deliver_once([notification], ledger=ledger, send=broken, together=True)
    notification.refresh_from_db()
    assert notification.emailed_at is None and Notification.objects.count() == 1
    sent = []
    assert deliver_once([notification], ledger=ledger, send=sent.append, together=True).sent == 1
    assert deliver_once([notification], ledger=ledger, send=sent.append).sent == 0
    notification.refresh_from_db()
    assert notification.emailed_at is not None and sent == [notification]


def test_the_cost_per_person_is_the_ledger_and_nothing_more(django_assert_num_queries):
    people = UserFactory.create_batch(10)
    # A row: the claim (savepoint, insert, release) and the mark.
    with django_assert_num_queries(10 * 4):
        assert deliver_once(people, ledger=_period_ledger(), send=lambda _p: None).sent == 10
    notifications = [Notification.objects.create(user=p, kind="x", title="t") for p in people]
    # A field: the claim is the mark, one UPDATE.
    with django_assert_num_queries(10):
        done = deliver_once(
            notifications, ledger=FieldLedger(Notification, "emailed_at"), send=lambda _n: None
        )
    assert done.sent == 10
