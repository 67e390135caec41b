"""Writes about pilot projects: register and edit a pilot, its milestones, results and
documents, follow it; and the background work that tells its followers.

Who may: ``selectors.can_register`` and ``selectors.can_edit``. A milestone that
changes status and results that are reported are told to the followers by the
worker (``tasks.py``), each once, in their language, after the change committed.
"""

import datetime
import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from courses.models import Theme
from forum.services.communities import check_event_document
from lms.choices import Country
from lms.markup import render_field
from lms.models import User
from lms.services.notifications import notifications_fan_out
from pilots import selectors
from pilots.models import Document, Follow, Milestone, Origin, Partner, Pilot

OBJECTIVE_MAX = 10_000
RESULTS_MAX = 20_000
MAX_MILESTONES = 40
MAX_DOCUMENTS = 30
MAX_EXPERTS = 20
MAX_AMOUNT = Decimal("999999999999.99")

# Notification titles (translated in each follower's language when sent).
MILESTONE_CHANGED = gettext_noop("%(pilot)s: the milestone “%(milestone)s” is now %(status)s")
RESULTS_REPORTED = gettext_noop("%(pilot)s: results reported")


def _require_edit(actor: User, pilot: Pilot) -> None:
    if not selectors.can_edit(actor, pilot):
        raise PermissionDenied(
            _("The leading ministry's focal points and the secretariat keep this pilot.")
        )


def _amount(value, field: str, errors: dict) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else "0"))
    except InvalidOperation:
        errors[field] = _("Write an amount.")
        return Decimal("0")
    if amount < 0 or amount > MAX_AMOUNT or not amount.is_finite():
        errors[field] = _("Write an amount.")
        return Decimal("0")
    return amount.quantize(Decimal("0.01"))


def _origin(origin: str, source, errors: dict) -> dict:
    """The foreign keys for where the pilot comes from (each checked against what the
    form may offer: a published workshop, a published programme, a selected activity)."""
    offered = {
        Origin.WORKSHOP: ("event", selectors.workshops()),
        Origin.PROGRAMME: ("programme", selectors.programmes()),
        Origin.COOPERATION: ("proposal", selectors.cooperation_activities()),
    }
    if origin not in offered or source is None:
        errors["origin"] = _("Choose the workshop, programme or cooperation activity.")
        return {}
    name, allowed = offered[origin]
    if not allowed.filter(pk=source.pk).exists():
        errors["origin"] = _("Choose the workshop, programme or cooperation activity.")
        return {}
    return {"event": None, "programme": None, "proposal": None, name: source}


def _fields(
    *,
    actor: User,
    title: str,
    objective: str,
    leading_country: str,
    partners: list[str],
    experts,
    theme: Theme | None,
    starts_on,
    ends_on,
    currency: str,
    funding_sought,
    funding_obtained,
    funding_source: str,
    errors: dict,
) -> dict:
    """Every field checked (what is wrong goes in ``errors``), cleaned."""
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Fill in this field.")
    objective_html = render_field(objective, errors, "objective", limit=OBJECTIVE_MAX)
    if leading_country not in Country.values:
        errors["leading_country"] = _("Choose the leading ministry.")
    elif not actor.is_secretariat and leading_country != selectors.ministry_of(actor):
        errors["leading_country"] = _("A focal point registers the pilots of their own ministry.")
    partners = sorted({code for code in partners if code in Country.values} - {leading_country})
    experts = list(experts)
    if len(experts) > MAX_EXPERTS:
        errors["experts"] = _("At most %(n)s experts.") % {"n": MAX_EXPERTS}
    listed = set(selectors.experts().values_list("pk", flat=True))
    if any(expert.pk not in listed for expert in experts):
        errors["experts"] = _("Choose experts of the directory.")
    if theme is None:
        errors["theme"] = _("Choose a theme.")
    if starts_on is None:
        errors["starts_on"] = _("Fill in this field.")
    elif ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("The pilot ends after it starts.")
    currency = (currency or "").strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        errors["currency"] = _("Three letters, for example USD.")
    sought = _amount(funding_sought, "funding_sought", errors)
    obtained = _amount(funding_obtained, "funding_obtained", errors)
    return {
        "values": {
            "title": title[:250],
            "objective": (objective or "").strip(),
            "objective_html": objective_html,
            "leading_country": leading_country,
            "theme": theme,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "currency": currency,
            "funding_sought": sought,
            "funding_obtained": obtained,
            "funding_source": (funding_source or "").strip()[:300],
        },
        "partners": partners,
        "experts": experts,
    }


def _set_people(pilot: Pilot, partners: list[str], experts: list[User]) -> None:
    Partner.objects.filter(pilot=pilot).exclude(country__in=partners).delete()
    have = set(Partner.objects.filter(pilot=pilot).values_list("country", flat=True))
    Partner.objects.bulk_create(
        Partner(pilot=pilot, country=code) for code in partners if code not in have
    )
    pilot.experts.set(experts)


def pilot_create(
    *,
    actor: User,
    origin: str,
    source,
    title: str,
    objective: str,
    leading_country: str,
    partners: list[str],
    experts=(),
    theme: Theme | None,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None = None,
    currency: str = "USD",
    funding_sought=0,
    funding_obtained=0,
    funding_source: str = "",
    token: uuid.UUID | None = None,
) -> Pilot:
    """A focal point registers a pilot of their ministry (the secretariat, of any).
    Everything is checked before anything is written; the same form sent twice (its
    ``token``) makes one pilot."""
    if not selectors.can_register(actor):
        raise PermissionDenied(_("The focal points of the ministries register pilots."))
    errors: dict = {}
    origin_fields = _origin(origin, source, errors)
    cleaned = _fields(
        actor=actor,
        title=title,
        objective=objective,
        leading_country=leading_country,
        partners=partners,
        experts=experts,
        theme=theme,
        starts_on=starts_on,
        ends_on=ends_on,
        currency=currency,
        funding_sought=funding_sought,
        funding_obtained=funding_obtained,
        funding_source=funding_source,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    token = token or uuid.uuid4()
    existing = Pilot.objects.filter(created_by=actor, token=token).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            pilot = Pilot.objects.create(
                origin=origin,
                created_by=actor,
                token=token,
                **origin_fields,
                **cleaned["values"],
            )
            _set_people(pilot, cleaned["partners"], cleaned["experts"])
    except IntegrityError:  # sent twice at the same moment: the other one was saved
        return Pilot.objects.get(created_by=actor, token=token)
    return pilot


@transaction.atomic
def pilot_update(
    *,
    actor: User,
    pilot: Pilot,
    title: str,
    objective: str,
    leading_country: str,
    partners: list[str],
    experts=(),
    theme: Theme | None,
    starts_on,
    ends_on=None,
    currency: str = "USD",
    funding_sought=0,
    funding_obtained=0,
    funding_source: str = "",
) -> Pilot:
    """The leading ministry or the secretariat changes what the pilot is (not where it
    came from). A focal point cannot hand the lead to another ministry."""
    _require_edit(actor, pilot)
    pilot = Pilot.objects.select_for_update().get(pk=pilot.pk)
    errors: dict = {}
    cleaned = _fields(
        actor=actor,
        title=title,
        objective=objective,
        leading_country=leading_country,
        partners=partners,
        experts=experts,
        theme=theme,
        starts_on=starts_on,
        ends_on=ends_on,
        currency=currency,
        funding_sought=funding_sought,
        funding_obtained=funding_obtained,
        funding_source=funding_source,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    for name, value in cleaned["values"].items():
        setattr(pilot, name, value)
    pilot.save()
    _set_people(pilot, cleaned["partners"], cleaned["experts"])
    return pilot


@transaction.atomic
def milestone_add(*, actor: User, pilot: Pilot, title: str, due_on: datetime.date) -> Milestone:
    _require_edit(actor, pilot)
    errors = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Fill in this field.")
    if due_on is None:
        errors["due_on"] = _("Fill in this field.")
    if errors:
        raise ValidationError(errors)
    Pilot.objects.select_for_update().filter(pk=pilot.pk).first()
    if Milestone.objects.filter(pilot=pilot).count() >= MAX_MILESTONES:
        raise ValidationError(_("A pilot keeps at most %(n)s milestones.") % {"n": MAX_MILESTONES})
    return Milestone.objects.create(pilot=pilot, title=title[:250], due_on=due_on)


@transaction.atomic
def milestone_remove(*, actor: User, milestone: Milestone) -> None:
    _require_edit(actor, milestone.pilot)
    milestone.delete()


@transaction.atomic
def milestone_set_state(*, actor: User, milestone: Milestone, state: str) -> Milestone:
    """Mark a milestone planned, in progress or done; the followers are told (late is
    not set: it is what a milestone not done becomes when its date passes)."""
    _require_edit(actor, milestone.pilot)
    if state not in Milestone.State.values:
        raise ValidationError({"state": _("Choose a status.")})
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.state == state:
        return milestone
    milestone.state = state
    milestone.done_on = timezone.localdate() if state == Milestone.State.DONE else None
    milestone.changed_at = timezone.now()
    milestone.save(update_fields=["state", "done_on", "changed_at"])
    from pilots.tasks import milestone_changed_notify

    pk, actor_id = milestone.pk, actor.pk
    transaction.on_commit(lambda: milestone_changed_notify.enqueue(pk, actor_id))
    return milestone


@transaction.atomic
def pilot_report_results(*, actor: User, pilot: Pilot, results: str) -> Pilot:
    """Write what came of the pilot (Markdown); the followers are told."""
    _require_edit(actor, pilot)
    errors: dict = {}
    html = render_field(results, errors, "results", limit=RESULTS_MAX)
    if errors:
        raise ValidationError(errors)
    pilot = Pilot.objects.select_for_update().get(pk=pilot.pk)
    results = results.strip()
    if results == pilot.results:
        return pilot
    pilot.results = results
    pilot.results_html = html
    pilot.results_at = timezone.now()
    pilot.save(update_fields=["results", "results_html", "results_at"])
    from pilots.tasks import results_reported_notify

    pk, actor_id = pilot.pk, actor.pk
    transaction.on_commit(lambda: results_reported_notify.enqueue(pk, actor_id))
    return pilot


def document_add(
    *, actor: User, pilot: Pilot, title: str = "", upload=None, publication=None
) -> Document:
    """Attach a document of the documentation centre, or upload a file (checked by
    what it contains, as the communities' event documents are)."""
    _require_edit(actor, pilot)
    if (upload is None) == (publication is None):
        raise ValidationError(_("Choose a document of the documentation centre or upload a file."))
    if publication is not None and publication.status != publication.Status.PUBLISHED:
        raise ValidationError({"publication": _("Choose a published document.")})
    if upload is not None:
        check_event_document(upload)
    fallback = publication.title if publication is not None else upload.name.rsplit(".", 1)[0]
    title = ((title or "").strip() or fallback)[:200] or _("Document")
    with transaction.atomic():
        Pilot.objects.select_for_update().filter(pk=pilot.pk).first()
        if Document.objects.filter(pilot=pilot).count() >= MAX_DOCUMENTS:
            raise ValidationError(
                _("A pilot keeps at most %(n)s documents.") % {"n": MAX_DOCUMENTS}
            )
        document = Document(pilot=pilot, title=title, publication=publication, added_by=actor)
        if upload is not None:
            document.size = upload.size
            document.file.save(upload.name, upload, save=False)
        document.save()
    return document


def document_remove(*, actor: User, document: Document) -> None:
    _require_edit(actor, document.pilot)
    name = document.file.name if document.file else ""
    with transaction.atomic():
        document.delete()
        if name:
            storage = document.file.storage
            transaction.on_commit(lambda: storage.delete(name))


def pilot_follow(*, user: User, pilot: Pilot) -> Follow:
    if not selectors.can_see(user):
        raise PermissionDenied
    follow, _created = Follow.objects.get_or_create(pilot=pilot, user=user)
    return follow


def pilot_unfollow(*, user: User, pilot: Pilot) -> None:
    Follow.objects.filter(pilot=pilot, user=user).delete()


# --- background work (tasks.py) ---------------------------------------------------------------


def _url(pilot: Pilot) -> str:
    return reverse("pilots:pilot", kwargs={"pk": pilot.pk})


def milestone_changed_notify(*, milestone_id: int, actor_id: int | None = None) -> int:
    """Tell the followers (not who made the change) that a milestone changed status:
    once per change, however often it runs."""
    milestone = Milestone.objects.select_related("pilot").filter(pk=milestone_id).first()
    if milestone is None:
        return 0
    pilot = milestone.pilot
    stamp = int(milestone.changed_at.timestamp() * 1_000_000)
    return notifications_fan_out(
        people=selectors.followers(pilot).exclude(pk=actor_id),
        kind="pilot_milestone",
        key=f"pilot:{pilot.pk}:milestone:{milestone.pk}:{milestone.state}:{stamp}",
        write=lambda _person: {
            "title": _(MILESTONE_CHANGED)
            % {
                "pilot": pilot.title[:120],
                "milestone": milestone.title[:80],
                "status": str(Milestone.State(milestone.state).label).lower(),
            },
            "url": _url(pilot),
        },
        email=True,
    )


def results_reported_notify(*, pilot_id: int, actor_id: int | None = None) -> int:
    """Tell the followers (not who wrote them) that results were reported: once per
    report, however often it runs."""
    pilot = Pilot.objects.filter(pk=pilot_id, results_at__isnull=False).first()
    if pilot is None:
        return 0
    return notifications_fan_out(
        people=selectors.followers(pilot).exclude(pk=actor_id),
        kind="pilot_results",
        key=f"pilot:{pilot.pk}:results:{int(pilot.results_at.timestamp() * 1_000_000)}",
        write=lambda _person: {
            "title": _(RESULTS_REPORTED) % {"pilot": pilot.title[:200]},
            "url": _url(pilot),
        },
        email=True,
    )
