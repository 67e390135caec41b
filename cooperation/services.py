"""Writes about cooperation calls: propose, confirm, score, select, report."""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperation.models import CRITERIA, MAX_SCORE, Beneficiary, Call, Proposal, Score
from cooperation.selectors import can_report, country_of
from lms.choices import Country, Role
from lms.models import User

RESULT_KINDS = {
    "programmes": gettext_lazy("New programmes"),
    "training": gettext_lazy("Redesigned training"),
    "processes": gettext_lazy("Improved processes"),
    "legal": gettext_lazy("Legal reform"),
}


def proposal_submit(
    *,
    user: User,
    call: Call,
    providing_country: str,
    beneficiaries: list[str],
    topic: str,
    themes,
    objectives: str,
    format: str,
    starts_on,
    ends_on,
    programme=None,
    token=None,
) -> Proposal:
    """A ministry's focal point proposes an activity. Every field is checked before
    anything is written: a refused proposal leaves nothing behind."""
    if not (user.has_role(Role.FOCAL_POINT) or user.is_secretariat):
        raise PermissionDenied(_("The focal points of the ministries submit proposals."))
    errors = {}
    if not call.is_open():
        errors["__all__"] = _("The call is not open.")
    if providing_country not in Country.values:
        errors["providing_country"] = _("Choose the providing ministry.")
    beneficiaries = sorted({code for code in beneficiaries if code in Country.values})
    if not beneficiaries:
        errors["beneficiaries"] = _("Choose at least one beneficiary ministry.")
    elif providing_country in beneficiaries:
        errors["beneficiaries"] = _("The providing ministry cannot also benefit.")
    own = country_of(user)
    if not user.is_secretariat and own not in beneficiaries and own != providing_country:
        errors["beneficiaries"] = _("Your ministry takes part: as the provider or a beneficiary.")
    if not topic.strip():
        errors["topic"] = _("Fill in this field.")
    if not objectives.strip():
        errors["objectives"] = _("Fill in this field.")
    themes = list(themes)
    if not themes:
        errors["themes"] = _("Choose at least one theme.")
    if format not in Proposal.Format.values:
        errors["format"] = _("Choose a format.")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The activity ends after it starts.")
    if programme is not None and not programme.is_published:
        errors["programme"] = _("Choose a published programme.")
    if errors:
        raise ValidationError(errors)
    token = token or uuid.uuid4()
    existing = Proposal.objects.filter(submitted_by=user, token=token).first()
    if existing is not None:
        return existing  # the same form sent twice
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                call=call,
                submitted_by=user,
                providing_country=providing_country,
                topic=topic.strip(),
                objectives=objectives.strip(),
                format=format,
                starts_on=starts_on,
                ends_on=ends_on,
                programme=programme,
                token=token,
            )
            proposal.themes.set(themes)
            Beneficiary.objects.bulk_create(
                Beneficiary(proposal=proposal, country=code) for code in beneficiaries
            )
    except IntegrityError:  # sent twice at the same moment: the other one was saved
        return Proposal.objects.get(submitted_by=user, token=token)
    return proposal


@transaction.atomic
def proposal_confirm(*, user: User, proposal: Proposal) -> Proposal:
    """The providing ministry (one of its focal points) confirms it will provide."""
    if not user.has_role(Role.FOCAL_POINT) or country_of(user) != proposal.providing_country:
        raise PermissionDenied(_("Only the providing ministry confirms."))
    if proposal.submitted_by_id == user.pk:
        raise PermissionDenied(_("Another focal point of the providing ministry confirms."))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status == Proposal.Status.SUBMITTED:
        proposal.status = Proposal.Status.CONFIRMED
        proposal.confirmed_by = user
        proposal.confirmed_at = timezone.now()
        proposal.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    return proposal


@transaction.atomic
def proposal_score(*, actor: User, proposal: Proposal, scores: dict) -> Proposal:
    """The secretariat scores a confirmed proposal on each published criterion (1 to 5)."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat scores proposals."))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status == Proposal.Status.SUBMITTED:
        raise ValidationError(_("The providing ministry has not confirmed yet."))
    if proposal.status != Proposal.Status.CONFIRMED:
        raise ValidationError(_("The decision on this proposal is taken."))
    errors = {}
    clean = {}
    for code, _label in CRITERIA:
        try:
            value = int(scores.get(code, ""))
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= MAX_SCORE:
            errors[code] = _("A score from 1 to %(n)s.") % {"n": MAX_SCORE}
        clean[code] = value
    if errors:
        raise ValidationError(errors)
    for code, value in clean.items():
        Score.objects.update_or_create(
            proposal=proposal, criterion=code, defaults={"value": value, "scored_by": actor}
        )
    return proposal


@transaction.atomic
def proposal_select(*, actor: User, proposal: Proposal, selected: bool) -> Proposal:
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat selects proposals."))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.CONFIRMED:
        raise ValidationError(_("The decision on this proposal is taken."))
    if proposal.scores.count() != len(CRITERIA):
        raise ValidationError(_("Score every criterion first."))
    proposal.status = Proposal.Status.SELECTED if selected else Proposal.Status.NOT_SELECTED
    proposal.save(update_fields=["status"])
    return proposal


@transaction.atomic
def proposal_report(*, user: User, proposal: Proposal, results: str, kinds: list[str]) -> Proposal:
    """After a selected activity: what came of it."""
    if not can_report(user=user, proposal=proposal):
        raise PermissionDenied(_("The ministries that took part report the results."))
    if proposal.status != Proposal.Status.SELECTED:
        raise ValidationError(_("Only selected activities report results."))
    if not results.strip():
        raise ValidationError({"results": _("Fill in this field.")})
    proposal.results = results.strip()
    proposal.results_kinds = ",".join(code for code in kinds if code in RESULT_KINDS)
    proposal.save(update_fields=["results", "results_kinds"])
    return proposal
