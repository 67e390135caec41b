"""The review a member's suggestion goes through before the public sees it: the
documentation centre's documents (library), the funding directory's funders and calls
(funding). The secretariat is told of the suggestion (in the worker, once each),
decides once, and the person who suggested it is told when it is published.

A reviewed model has a ``status`` whose values are those of
``lms.choices.ReviewStatus``, and a ``suggested_by`` (a person or nothing)."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.choices import ReviewStatus
from lms.models import User
from lms.selectors.people import secretariat_people
from lms.services.notifications import in_language_of, notification_create, notifications_fan_out

SUGGESTED, PUBLISHED, DECLINED = ReviewStatus.values


def suggestion_tell_secretariat(*, kind: str, key: str, title: str, values: dict, url) -> int:
    """Tell the secretariat about a suggestion, each in their language (``title`` is a
    message id with ``values``; ``url()`` is called in that language). Once each per
    ``key``, however often it runs (a task's work)."""
    return notifications_fan_out(
        people=secretariat_people(),
        kind=kind,
        key=key,
        write=lambda _person: {"title": _(title) % values, "url": url()},
    )


def suggestion_decide(*, actor: User, item: models.Model, publish: bool, refusal: str):
    """The secretariat publishes or declines a suggestion, once: the row is locked and
    must still be waiting. Sets ``published_at`` when the model has one. Call it inside
    the caller's transaction; ``refusal`` is the (translated) reason a non-secretariat
    person is given."""
    if not (actor.is_authenticated and actor.is_secretariat):
        raise PermissionDenied(refusal)
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("suggestion_decide runs inside the caller's transaction")
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if item.status != SUGGESTED:
        raise ValidationError(_("This suggestion has already been answered."))
    item.status = PUBLISHED if publish else DECLINED
    fields = ["status"]
    if publish and hasattr(item, "published_at"):
        item.published_at = timezone.now()
        fields.append("published_at")
    item.save(update_fields=fields)
    return item


def suggestion_tell_author(*, item, kind: str, title: str, values: dict, url: Callable) -> None:
    """Tell whoever suggested ``item`` that it is published, in their language
    (``url()`` is called in that language). Nobody to tell: nothing happens."""
    if item.status != PUBLISHED or not item.suggested_by_id:
        return
    person = item.suggested_by
    with in_language_of(person):
        notification_create(user=person, kind=kind, title=_(title) % values, url=url())
