"""Reads about questions to ad-hoc expert groups, and who may see or do what.

Who sees a question: the secretariat (all), the group's members, the experts invited
to it (to decide), the current members of the body that asked, and, once the opinion
is delivered (published to the documentation centre), everyone. The same answer
(None, a 404) for a question that does not exist and one the person may not see. The
opinion's draft, the invitations and the record of steps are for the secretariat and
the group; the body that asked reads the opinion when it is delivered.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from bodies.models import Body, Meeting, Member
from bodies.selectors import current_body_ids
from expertgroups.models import Consultation, Invitation, Signature, Step
from forum.selectors.experts import directory
from lms.models import User

PER_PAGE = 30


def invitable_experts() -> QuerySet[User]:
    """People the secretariat may invite: the experts listed in the directory."""
    return User.objects.filter(is_active=True, expert_profile__is_listed=True)


def group_members(consultation: Consultation) -> QuerySet[Member]:
    """The group's experts today, with an active account (the secretariat, which
    convenes it, is not one)."""
    return (
        Member.objects.current()
        .filter(body_id=consultation.group_id, user__is_active=True)
        .exclude(role=Member.Role.SECRETARIAT)
        .select_related("user", "seat")
        .order_by("user__full_name", "pk")
    )


def is_group_member(user: User, consultation: Consultation) -> bool:
    return user.is_authenticated and group_members(consultation).filter(user=user).exists()


def _valid_signatures(consultation: Consultation) -> QuerySet[Signature]:
    if not consultation.signed_text:
        return Signature.objects.none()
    return Signature.objects.filter(consultation=consultation, text=consultation.signed_text)


def signatories(consultation: Consultation) -> list[Signature]:
    """The signatures of the text sent for signature (or delivered), in signing order."""
    return list(_valid_signatures(consultation).select_related("user__profile"))


@dataclass
class MemberRow:
    member: Member
    signed_at: object  # when they signed the text sent for signature, or None


@dataclass
class Signing:
    """The group's members against the signatures of the text sent for signature (two
    queries): what the page shows and what the services check, by one rule."""

    members: list[MemberRow]
    signatures: list[Signature]

    @property
    def missing(self) -> list[Member]:
        return [row.member for row in self.members if row.signed_at is None]

    @property
    def complete(self) -> bool:
        """Every current member signed, and there is at least one signature."""
        return bool(self.signatures) and not self.missing

    def has_signed(self, user_id) -> bool:
        return any(signature.user_id == user_id for signature in self.signatures)


def signing(consultation: Consultation) -> Signing:
    signatures = signatories(consultation)
    signed = {signature.user_id: signature.signed_at for signature in signatures}
    return Signing(
        members=[
            MemberRow(member=member, signed_at=signed.get(member.user_id))
            for member in group_members(consultation)
        ],
        signatures=signatures,
    )


def unsigned_members(consultation: Consultation) -> list[Member]:
    """Members who have not signed the text sent for signature (all, while it is written)."""
    return signing(consultation).missing


@dataclass
class ConsultationAccess:
    consultation: Consultation
    user_id: int | None
    is_secretariat: bool
    is_member: bool  # one of the group's experts today
    invitation: Invitation | None  # the person's own, if invited
    asks: bool  # a current member of the body that asked
    sees_meeting: bool  # may read the meeting that asked (its body is theirs or public)

    @property
    def can_manage(self) -> bool:
        return self.is_secretariat

    @property
    def sees_group(self) -> bool:
        """The draft, the invitations, the record of steps."""
        return self.is_secretariat or self.is_member

    @property
    def sees_opinion(self) -> bool:
        return self.sees_group or self.consultation.status == Consultation.Status.DELIVERED

    @property
    def can_write(self) -> bool:
        return self.sees_group and self.consultation.status == Consultation.Status.OPEN

    @property
    def can_send(self) -> bool:
        """Send the written opinion for signature."""
        return self.can_write and bool(self.consultation.opinion)

    @property
    def can_reopen(self) -> bool:
        return self.sees_group and self.consultation.status == Consultation.Status.SIGNING

    @property
    def can_withdraw(self) -> bool:
        return self.is_secretariat and self.consultation.status in (
            Consultation.Status.OPEN,
            Consultation.Status.SIGNING,
        )

    @property
    def can_answer(self) -> bool:
        return (
            self.invitation is not None
            and self.invitation.status == Invitation.Status.INVITED
            and self.consultation.status == Consultation.Status.OPEN
        )


def _visible(user: User) -> Q:
    visible = Q(status=Consultation.Status.DELIVERED)
    if user.is_authenticated:
        bodies = current_body_ids(user)
        visible |= Q(invitations__user=user) | Q(group_id__in=bodies) | Q(asked_by_id__in=bodies)
    return visible


def consultations_for(*, user: User) -> QuerySet[Consultation]:
    """The questions the person may see, newest first."""
    rows = Consultation.objects.select_related("asked_by", "meeting", "group")
    if not (user.is_authenticated and user.is_secretariat):
        rows = rows.filter(pk__in=Consultation.objects.filter(_visible(user)).values("pk"))
    return rows.order_by("-created_at", "-pk")


def access_for(*, user: User, pk: int) -> ConsultationAccess | None:
    consultation = (
        Consultation.objects.select_related(
            "asked_by", "meeting__body", "group__space", "publication", "opinion_updated_by"
        )
        .filter(pk=pk)
        .first()
    )
    if consultation is None:
        return None
    is_secretariat = user.is_authenticated and user.is_secretariat
    bodies = current_body_ids(user)
    invitation = (
        Invitation.objects.filter(consultation=consultation, user=user).first()
        if user.is_authenticated
        else None
    )
    is_member = consultation.group_id in bodies and is_group_member(user, consultation)
    asks = consultation.asked_by_id in bodies
    delivered = consultation.status == Consultation.Status.DELIVERED
    if not (is_secretariat or is_member or invitation or asks or delivered):
        return None
    meeting = consultation.meeting
    return ConsultationAccess(
        consultation=consultation,
        user_id=user.pk if user.is_authenticated else None,
        sees_meeting=meeting is not None
        and (is_secretariat or meeting.body.is_public or meeting.body_id in bodies),
        is_secretariat=is_secretariat,
        is_member=is_member,
        invitation=invitation,
        asks=asks,
    )


@dataclass
class ConsultationPage:
    access: ConsultationAccess
    members: list[MemberRow]
    invitations: list[Invitation]  # for the secretariat and the group
    signatures: list[Signature]
    steps: list[Step]
    themes: list
    room_slug: str
    can_sign: bool
    can_deliver: bool


def consultation_page(*, access: ConsultationAccess) -> ConsultationPage:
    """Everything the question's page shows this person (a fixed number of queries)."""
    consultation = access.consultation
    state = signing(consultation)
    out_for_signature = consultation.status == Consultation.Status.SIGNING
    room = ""
    if access.sees_group and consultation.group.space_id:
        room = (
            consultation.group.space.rooms.order_by("pk").values_list("slug", flat=True).first()
            or ""
        )
    return ConsultationPage(
        access=access,
        members=state.members,
        invitations=list(
            Invitation.objects.filter(consultation=consultation).select_related("user__profile")
        )
        if access.sees_group
        else [],
        signatures=state.signatures,
        steps=list(Step.objects.filter(consultation=consultation).select_related("actor", "person"))
        if access.sees_group
        else [],
        themes=list(consultation.themes.all()),
        room_slug=room,
        can_sign=out_for_signature and access.is_member and not state.has_signed(access.user_id),
        can_deliver=out_for_signature and access.is_secretariat and state.complete,
    )


def experts_to_invite(*, consultation: Consultation):
    """Listed experts not yet invited, those of the question's themes first."""
    invited = Invitation.objects.filter(consultation=consultation).values("user_id")
    themes = list(consultation.themes.values_list("pk", flat=True))
    return experts_for(themes=themes).exclude(user_id__in=invited)


def experts_for(*, themes=()) -> list:
    """The directory's experts (profiles), those of these themes first."""
    experts = directory()
    if not themes:
        return experts
    return experts.annotate(
        shared=Count("themes", filter=Q(themes__in=list(themes)), distinct=True)
    ).order_by("-shared", "user__full_name", "pk")


def for_meeting(*, user: User, meeting: Meeting) -> list[Consultation]:
    """The questions put at this meeting that the person may see."""
    return list(consultations_for(user=user).filter(meeting=meeting))


def for_group(*, user: User, body: Body) -> Consultation | None:
    """The question an ad-hoc group answers, if the person may see it."""
    if body.kind != Body.Kind.AD_HOC:
        return None
    return consultations_for(user=user).filter(group=body).first()


def can_convene(user: User, body: Body | None = None) -> bool:
    """The secretariat convenes groups, for any body but an ad-hoc group itself."""
    return (
        user.is_authenticated
        and user.is_secretariat
        and (body is None or body.kind != Body.Kind.AD_HOC)
    )


def asking_meeting(*, user: User, pk: int) -> Meeting | None:
    """The meeting a group is convened from, for someone who may convene for its body
    (None otherwise, as for a meeting that does not exist)."""
    meeting = Meeting.objects.select_related("body").filter(pk=pk).first()
    if meeting is None or not can_convene(user, meeting.body):
        return None
    return meeting


def waiting_for(*, user: User) -> list[tuple[Consultation, str]]:
    """What waits for this expert: ``(question, "answer")`` for an invitation to answer,
    ``(question, "sign")`` for an opinion out for signature they have not signed (two
    queries; none when signed out)."""
    if not user.is_authenticated:
        return []
    to_answer = Consultation.objects.filter(
        status=Consultation.Status.OPEN,
        invitations__user=user,
        invitations__status=Invitation.Status.INVITED,
    )
    expert_of = Member.objects.current().filter(user=user).exclude(role=Member.Role.SECRETARIAT)
    signed = Signature.objects.filter(
        consultation=OuterRef("pk"), user=user, text=OuterRef("signed_text")
    )
    to_sign = (
        Consultation.objects.filter(
            status=Consultation.Status.SIGNING, group__members__in=expert_of
        )
        .exclude(Exists(signed))
        .distinct()
    )
    return [(item, "answer") for item in to_answer] + [(item, "sign") for item in to_sign]
