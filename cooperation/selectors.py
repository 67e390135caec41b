"""Reads about cooperation calls, and who may see or act on a proposal."""

from django.db.models import Prefetch, Q
from django.utils import timezone

from cooperation.models import Call, Proposal, Score
from lms.choices import Role
from lms.models import User
from lms.selectors.people import person_country


def country_of(user: User) -> str:
    """The ministry a person speaks for (their profile's country)."""
    return person_country(user)


def current_call() -> Call | None:
    """The call open today; if none is, the latest."""
    today = timezone.localdate()
    open_now = Call.objects.filter(opens_on__lte=today, closes_on__gte=today)
    return open_now.order_by("-year").first() or Call.objects.order_by("-year").first()


def _proposals():
    return Proposal.objects.select_related("call", "programme").prefetch_related(
        "beneficiaries", "themes__area", Prefetch("scores", queryset=Score.objects.all())
    )


def parties(proposal: Proposal) -> set[str]:
    """The providing and beneficiary ministries (prefetch ``beneficiaries``)."""
    return {proposal.providing_country, *(b.country for b in proposal.beneficiaries.all())}


def is_party(*, user: User, proposal: Proposal) -> bool:
    """A focal point of one of the ministries taking part."""
    return user.has_role(Role.FOCAL_POINT) and country_of(user) in parties(proposal)


def can_see(*, user: User, proposal: Proposal) -> bool:
    """Selected activities are public; the others are for their author, the parties'
    focal points and the secretariat."""
    if proposal.status == Proposal.Status.SELECTED:
        return True
    if not user.is_authenticated:
        return False
    return (
        user.is_secretariat
        or proposal.submitted_by_id == user.pk
        or is_party(user=user, proposal=proposal)
    )


def can_report(*, user: User, proposal: Proposal) -> bool:
    return user.is_authenticated and (user.is_secretariat or is_party(user=user, proposal=proposal))


def proposal_for(*, user: User, pk: int) -> Proposal | None:
    proposal = _proposals().filter(pk=pk).first()
    if proposal is None or not can_see(user=user, proposal=proposal):
        return None
    return proposal


def proposals_for(*, user: User):
    """The proposals the person may see in a list (the same rule as a page)."""
    proposals = _proposals()
    if not user.is_secretariat:
        mine = Q(submitted_by=user)
        country = country_of(user)
        if user.has_role(Role.FOCAL_POINT) and country:
            mine |= Q(providing_country=country) | Q(beneficiaries__country=country)
        proposals = proposals.filter(mine).distinct()
    return proposals.order_by("-call__year", "-created_at")


def selected():
    return _proposals().filter(status=Proposal.Status.SELECTED).order_by("-call__year", "pk")
