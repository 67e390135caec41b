"""Writes about needs: state, edit, close and reopen a need; answer it with a
cooperation proposal or a question to experts made from it, or by the secretariat's
word. Permission first, every field checked before anything is written."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation.models import Call, Proposal
from cooperation.services import proposal_submit
from courses.models import Theme
from forum.models import ExpertQuestion
from forum.services.questions import question_ask
from lms.choices import Country
from lms.markup import render_field
from lms.models import User
from needs.models import MAX_DESCRIPTION, MAX_TITLE, Need, Outcome
from needs.selectors import can_act, can_edit, can_state, ministry_of


def _checked(*, title: str, description: str, urgency: str, help_kinds, theme, errors: dict):
    """The need's fields, trimmed and checked; what is wrong goes in ``errors``."""
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Fill in this field.")
    elif len(title) > MAX_TITLE:
        errors["title"] = _("At most %(n)s characters.") % {"n": MAX_TITLE}
    html = render_field(description, errors, "description", limit=MAX_DESCRIPTION)
    if urgency not in Need.Urgency.values:
        errors["urgency"] = _("Choose the urgency.")
    codes = [code for code in Need.Help.values if code in set(help_kinds or ())]
    if not codes:
        errors["help_kinds"] = _("Choose at least one kind of help.")
    if not isinstance(theme, Theme):
        errors["theme"] = _("Choose a theme.")
    return {
        "title": title,
        "description": (description or "").strip(),
        "description_html": html,
        "urgency": urgency,
        "help_kinds": ",".join(codes),
        "theme": theme,
    }


@transaction.atomic
def need_create(
    *,
    actor: User,
    theme: Theme,
    title: str,
    description: str,
    urgency: str,
    help_kinds: list[str],
    country: str = "",
) -> Need:
    """A focal point states a need of their ministry; the secretariat, of any ministry
    (``country``)."""
    if not can_state(user=actor):
        raise PermissionDenied(_("The focal points of the ministries state their needs."))
    errors: dict[str, str] = {}
    if not actor.is_secretariat:
        country = ministry_of(actor)
    if country not in Country.values:
        errors["country"] = _("Choose the ministry.")
    fields = _checked(
        title=title,
        description=description,
        urgency=urgency,
        help_kinds=help_kinds,
        theme=theme,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    return Need.objects.create(country=country, created_by=actor, **fields)


def _locked(*, actor: User, need: Need) -> Need:
    if not can_edit(user=actor, need=need):
        raise PermissionDenied(_("The focal points of the need's ministry change it."))
    return Need.objects.select_for_update().get(pk=need.pk)


@transaction.atomic
def need_update(
    *,
    actor: User,
    need: Need,
    theme: Theme,
    title: str,
    description: str,
    urgency: str,
    help_kinds: list[str],
) -> Need:
    need = _locked(actor=actor, need=need)
    errors: dict[str, str] = {}
    fields = _checked(
        title=title,
        description=description,
        urgency=urgency,
        help_kinds=help_kinds,
        theme=theme,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(need, name, value)
    need.updated_at = timezone.now()
    need.save(update_fields=[*fields, "updated_at"])
    return need


@transaction.atomic
def need_close(*, actor: User, need: Need) -> Need:
    """The ministry (or the secretariat) no longer looks for help on this need."""
    need = _locked(actor=actor, need=need)
    if need.status != Need.Status.CLOSED:
        need.status = Need.Status.CLOSED
        need.closed_at = timezone.now()
        need.save(update_fields=["status", "closed_at"])
    return need


@transaction.atomic
def need_reopen(*, actor: User, need: Need) -> Need:
    """A closed need is looked at again: answered if something answered it, else open."""
    need = _locked(actor=actor, need=need)
    if need.status == Need.Status.CLOSED:
        answered = Outcome.objects.filter(need=need).exists()
        need.status = Need.Status.ANSWERED if answered else Need.Status.OPEN
        need.closed_at = None
        need.save(update_fields=["status", "closed_at"])
    return need


def _record(*, actor: User, need: Need, **outcome) -> Outcome:
    """Record what answered the need (once per proposal or question); an open need is
    answered from then on. Call inside the caller's transaction."""
    need = Need.objects.select_for_update().get(pk=need.pk)
    if need.status == Need.Status.CLOSED:
        raise ValidationError(_("This need is closed."))
    keys = {name: outcome[name] for name in ("proposal", "question") if outcome.get(name)}
    item = Outcome.objects.filter(need=need, **keys).first() if keys else None
    if item is None:
        item = Outcome.objects.create(need=need, created_by=actor, **outcome)
    if need.status == Need.Status.OPEN:
        need.status = Need.Status.ANSWERED
        need.answered_at = timezone.now()
        need.save(update_fields=["status", "answered_at"])
    return item


@transaction.atomic
def need_mark_answered(*, actor: User, need: Need, note: str = "") -> Outcome:
    """The secretariat says the need is answered (by a workshop, a visit arranged
    elsewhere...), with a note of how."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat marks a need answered."))
    return _record(actor=actor, need=need, kind=Outcome.Kind.SECRETARIAT, note=(note or "").strip())


def _may_act(actor: User, need: Need) -> None:
    if not can_act(user=actor, need=need):
        if need.status == Need.Status.CLOSED:
            raise ValidationError(_("This need is closed."))
        raise PermissionDenied(_("The focal points of the need's ministry act on it."))


@transaction.atomic
def need_propose(*, actor: User, need: Need, call: Call, **proposal) -> Proposal:
    """A cooperation proposal made from the need, in one step: the need's ministry is a
    beneficiary; the proposal is submitted to the call (cooperation's rules) and the
    need records it. ``proposal``: the fields of ``cooperation.services.proposal_submit``."""
    _may_act(actor, need)
    if need.country not in set(proposal.get("beneficiaries") or ()):
        raise ValidationError(
            {"beneficiaries": _("The ministry that needs the help is among the beneficiaries.")}
        )
    made = proposal_submit(user=actor, call=call, **proposal)
    _record(actor=actor, need=need, kind=Outcome.Kind.PROPOSAL, proposal=made)
    return made


@transaction.atomic
def need_ask(
    *,
    actor: User,
    need: Need,
    title: str,
    body: str,
    token=None,
    expert: User | None = None,
    theme: Theme | None = None,
) -> ExpertQuestion:
    """A question to one expert, or to the experts of a theme (the need's, unless
    another is chosen), made from the need in one step; the need records it."""
    _may_act(actor, need)
    if expert is None and theme is None:
        theme = need.theme
    question = question_ask(
        user=actor, title=title, body=body, token=token, expert=expert, theme=theme
    )
    _record(actor=actor, need=need, kind=Outcome.Kind.QUESTION, question=question)
    return question
