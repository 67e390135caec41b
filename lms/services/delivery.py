"""Send each person a thing (an email, a reminder) exactly once, whatever runs twice or stops.

Every sender of the campus that writes to many people walks them with
``deliver_once``: it claims each person on a ledger (of two runs at the same
time, one wins the claim), sends, and marks the claim sent. A send that fails
gives the claim back, so that a later run sends it; a run killed between the
claim and the mark leaves the claim, and that person is not sent a second copy
(for email, at most once beats twice). Callers pass only the people not yet
claimed when they can say so in the query: the claim still decides.

Two kinds of ledger:

- ``RowLedger``: one row per person and thing (a newsletter issue's delivery,
  an announcement's, a digest period's). Inserting the row is the claim (a
  unique constraint lets one insert win), its ``sent_at`` the mark; giving the
  claim back deletes the row.
- ``FieldLedger``: a field on a row that exists already (a subscription's
  ``reminded_at``, a notification's ``emailed_at``). The claim fills the field
  where it is still empty; giving it back empties it.

Used by the forum's announcements, digests and office-hour reminders, the
newsletter, and the emails of notifications (``lms.services.notifications``).
"""

import logging
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass
class Delivered:
    """What a run did: sent, and failed (given back for a later run)."""

    sent: int = 0
    failed: int = 0


@dataclass
class RowLedger:
    """A row per person and thing; ``row(recipient)`` gives the row's fields."""

    model: type[Model]
    row: Callable[[Any], dict]
    sent_field: str = "sent_at"
    now: Callable[[], Any] = timezone.now

    def claim(self, recipient) -> int | None:
        try:
            with transaction.atomic():
                return self.model.objects.create(**self.row(recipient)).pk
        except IntegrityError:
            return None  # another run has this person

    def mark(self, claim: int) -> None:
        self.model.objects.filter(pk=claim).update(**{self.sent_field: self.now()})

    def release(self, claim: int) -> None:
        self.model.objects.filter(pk=claim).delete()


@dataclass
class FieldLedger:
    """A field of the recipient's own row (or of the row ``pk(recipient)`` names)."""

    model: type[Model]
    field: str
    now: Callable[[], Any] = timezone.now
    pk: Callable[[Any], int] = lambda recipient: recipient.pk

    def claim(self, recipient) -> int | None:
        pk = self.pk(recipient)
        won = self.model.objects.filter(pk=pk, **{f"{self.field}__isnull": True}).update(
            **{self.field: self.now()}
        )
        return pk if won else None

    def mark(self, claim: int) -> None:
        """The claim is the mark: the field says when."""

    def release(self, claim: int) -> None:
        self.model.objects.filter(pk=claim).update(**{self.field: None})


class _SendFailed(Exception):
    """A send raised: its claim is given back (or rolled back), the error is the cause."""


def _deliver_one(recipient, *, ledger, send, together: bool) -> bool:
    """Claim, send, mark one recipient: True when sent, False when already claimed."""
    with transaction.atomic() if together else nullcontext():
        claim = ledger.claim(recipient)
        if claim is None:
            return False
        try:
            send(recipient)
        except Exception as error:
            if not together:  # together: leaving the transaction takes the claim back
                ledger.release(claim)
            raise _SendFailed from error
        ledger.mark(claim)
    return True


def deliver_once(
    recipients: Iterable,
    *,
    ledger: RowLedger | FieldLedger,
    send: Callable[[Any], None],
    keep_going: bool = False,
    together: bool = False,
    what: str = "Delivery",
) -> Delivered:
    """Claim, send and mark each recipient; how many were sent (and failed).

    ``keep_going``: a failed send is logged and counted and the others still
    go; otherwise its error is raised (after its claim is given back) and
    stops the run. ``together``: claim, send and mark in one transaction, for a
    send that only writes rows (a notification whose email leaves after
    commit): a failure rolls the claim back with the rest. The loop adds no
    query to the ledger's and the send's.
    """
    done = Delivered()
    for recipient in recipients:
        try:
            if _deliver_one(recipient, ledger=ledger, send=send, together=together):
                done.sent += 1
        except _SendFailed as failure:
            if not keep_going:
                raise failure.__cause__ from None
            logger.error("%s to %s failed", what, _label(recipient), exc_info=failure.__cause__)
            done.failed += 1
    return done


def _label(recipient) -> str:
    """Who, for the log: a row's id (never an address)."""
    pk = getattr(recipient, "pk", None)
    return f"{type(recipient).__name__.lower()} {pk}" if pk is not None else "a recipient"
