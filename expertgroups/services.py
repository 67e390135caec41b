"""Writes about questions to ad-hoc expert groups: convening the group, inviting experts
and their answers, writing the opinion, sending it for signature, signing, reopening,
delivering it to the documentation centre, and withdrawing the question.

Every service checks the person's rights, then every field, before it writes: a
refused request leaves nothing behind. The consultation's row is locked first, so
two people acting at once (two signatures and a delivery, say) are taken one after
the other. Each step is recorded in ``Step``.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from bodies import services as bodies_services
from bodies.models import Body, Meeting, Member, Seat
from courses.models import Theme
from expertgroups import selectors
from expertgroups.models import Consultation, Invitation, Signature, Step, fingerprint
from forum.services.text import unique_slug
from library import services as library_services
from library.models import Publication
from lms.choices import InterfaceLanguage
from lms.markup import render_field
from lms.models import User
from lms.services.notifications import (
    absolute_url,
    in_language_of,
    notification_create,
    notifications_fan_out,
)

MAX_QUESTION = 500
MAX_TEXT = 20_000
MAX_EXPERTS = 25  # invited at once

INVITED = gettext_noop("You are invited to an ad-hoc group of experts: %(question)s")
ANSWERED = gettext_noop("%(name)s answered the invitation to the ad-hoc group: %(question)s")
TO_SIGN = gettext_noop("The ad-hoc group's opinion awaits your signature: %(question)s")
DELIVERED = gettext_noop("The ad-hoc group's opinion is published: %(question)s")
REMINDER = gettext_noop("The ad-hoc group's opinion is due on %(date)s: %(question)s")
OPINION_TITLE = gettext_noop("Technical opinion: %(question)s")


def _require_secretariat(actor: User) -> None:
    if not (actor.is_authenticated and actor.is_secretariat):
        raise PermissionDenied(_("Only the Technical Secretariat does this."))


def _locked(consultation: Consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("group", "asked_by")
        .get(pk=consultation.pk)
    )


def _require_status(consultation: Consultation, *statuses: str) -> None:
    if consultation.status not in statuses:
        raise ValidationError(
            _("This is no longer possible: the question is now “%(status)s”.")
            % {"status": consultation.get_status_display()}
        )


def _require_writer(actor: User, consultation: Consultation) -> None:
    """The group's members and the secretariat write the opinion."""
    if not actor.is_authenticated or not (
        actor.is_secretariat or selectors.is_group_member(actor, consultation)
    ):
        raise PermissionDenied(_("Only the group's members and the secretariat do this."))


def _step(consultation: Consultation, kind: str, actor: User, person: User | None = None):
    Step.objects.create(consultation=consultation, kind=kind, actor=actor, person=person)


def _url(consultation: Consultation) -> str:
    return reverse("expertgroups:consultation", kwargs={"pk": consultation.pk})


def _notify(person: User, consultation: Consultation, kind: str, title: str, **values) -> None:
    with in_language_of(person):
        notification_create(
            user=person,
            kind=kind,
            title=_(title) % {"question": consultation.question[:150], **values},
            url=_url(consultation),
            email=True,
        )


def _check_experts(experts: Iterable[User], errors: dict, *, required: bool) -> list[User]:
    experts = list({expert.pk: expert for expert in experts}.values())
    if required and not experts:
        errors["experts"] = _("Invite at least one expert.")
    elif len(experts) > MAX_EXPERTS:
        errors["experts"] = _("At most %(n)s experts at a time.") % {"n": MAX_EXPERTS}
    elif experts:
        listed = set(
            selectors.invitable_experts()
            .filter(pk__in=[e.pk for e in experts])
            .values_list("pk", flat=True)
        )
        if any(expert.pk not in listed for expert in experts):
            errors["experts"] = _("Choose experts listed in the experts directory.")
    return experts


@transaction.atomic
def consultation_convene(
    *,
    actor: User,
    asked_by: Body,
    meeting: Meeting | None,
    question: str,
    terms: str,
    deadline: datetime.date | None,
    experts: Iterable[User],
    themes: Iterable[Theme] = (),
    language: str = "es",
) -> Consultation:
    """The secretariat convenes an ad-hoc group for a question a body put (at one of its
    meetings): the group is a body of its own with a private space and room, and the
    chosen experts of the directory are invited to it."""
    _require_secretariat(actor)
    errors: dict[str, str] = {}
    question = (question or "").strip()
    if not question:
        errors["question"] = _("Fill in this field.")
    elif len(question) > MAX_QUESTION:
        errors["question"] = _("At most %(n)s characters.") % {"n": MAX_QUESTION}
    terms_html = render_field(terms, errors, "terms", limit=MAX_TEXT)
    if deadline is None:
        errors["deadline"] = _("Fill in this field.")
    elif deadline <= timezone.localdate():
        errors["deadline"] = _("The deadline is a day after today.")
    if asked_by.kind == Body.Kind.AD_HOC:
        errors["asked_by"] = _("An ad-hoc group answers questions; another body puts them.")
    if meeting is not None and meeting.body_id != asked_by.pk:
        errors["meeting"] = _("Choose a meeting of the body that asks.")
    if language not in InterfaceLanguage.values:
        errors["language"] = _("Choose one of the listed languages.")
    experts = _check_experts(experts, errors, required=True)
    if errors:
        raise ValidationError(errors)

    with translation.override(language):
        name = _("Ad-hoc group: %(question)s") % {"question": question}
    group = Body.objects.create(
        kind=Body.Kind.AD_HOC,
        name=name[:200],
        slug=unique_slug(Body, f"grupo-ad-hoc-{question}"),
        description=question,
        is_public=False,
        meetings_per_year=2,
        in_person_per_year=0,
        time_zone=asked_by.time_zone,
    )
    # The secretariat convenes and moderates the group's space.
    Member.objects.create(body=group, user=actor, role=Member.Role.SECRETARIAT)
    consultation = Consultation.objects.create(
        asked_by=asked_by,
        meeting=meeting,
        group=group,
        question=question,
        terms=terms.strip(),
        terms_html=terms_html,
        deadline=deadline,
        language=language,
        created_by=actor,
    )
    consultation.themes.set(list(themes))
    _step(consultation, Step.Kind.CONVENED, actor)
    for expert in experts:
        _invite(consultation, actor, expert)
    group.space = bodies_services.body_space_ensure(body=group)
    _tell_invited(consultation)
    return consultation


def _invite(consultation: Consultation, actor: User, expert: User) -> bool:
    _invitation, created = Invitation.objects.get_or_create(
        consultation=consultation, user=expert, defaults={"invited_by": actor}
    )
    if created:
        _step(consultation, Step.Kind.INVITED, actor, expert)
    return created


def _tell_invited(consultation: Consultation) -> None:
    from expertgroups.tasks import invitations_notify

    pk = consultation.pk
    transaction.on_commit(lambda: invitations_notify.enqueue(pk))


@transaction.atomic
def consultation_invite(*, actor: User, consultation: Consultation, experts: Iterable[User]) -> int:
    """The secretariat invites more experts while the group works. Returns how many
    were invited now (someone invited before is not invited again)."""
    _require_secretariat(actor)
    consultation = _locked(consultation)
    _require_status(consultation, Consultation.Status.OPEN)
    errors: dict[str, str] = {}
    experts = _check_experts(experts, errors, required=True)
    if errors:
        raise ValidationError(errors)
    invited = sum(_invite(consultation, actor, expert) for expert in experts)
    _tell_invited(consultation)
    return invited


def _seat_for(expert: User, group: Body) -> Seat:
    """The expert's seat in the group: their country and institution (or name)."""
    profile = getattr(expert, "profile", None)
    country = getattr(profile, "country", "") or ""
    institution = (getattr(profile, "institution", "") or "").strip()
    if not institution and not country:
        institution = expert.get_full_name() or expert.email
    return Seat.objects.create(
        body=group,
        country=country,
        institution=institution[:200],
        constituency=Seat.Constituency.EXPERT,
    )


@transaction.atomic
def invitation_answer(*, actor: User, consultation: Consultation, accept: bool) -> Invitation:
    """The invited expert accepts (joins the group, its space and room) or declines."""
    consultation = _locked(consultation)
    invitation = Invitation.objects.filter(consultation=consultation, user=actor).first()
    if invitation is None or not actor.is_authenticated:
        raise PermissionDenied(_("Only the invited experts answer."))
    if invitation.status != Invitation.Status.INVITED:
        raise ValidationError(_("You have already answered this invitation."))
    _require_status(consultation, Consultation.Status.OPEN)
    now = timezone.now()
    if accept:
        seat = _seat_for(actor, consultation.group)
        Member.objects.create(
            body=consultation.group, seat=seat, user=actor, role=Member.Role.MEMBER
        )
        invitation.status = Invitation.Status.ACCEPTED
    else:
        invitation.status = Invitation.Status.DECLINED
    invitation.answered_at = now
    invitation.save(update_fields=["status", "answered_at"])
    _step(consultation, Step.Kind.ACCEPTED if accept else Step.Kind.DECLINED, actor, actor)
    if accept:
        bodies_services.body_space_members_sync(body=consultation.group)
    if invitation.invited_by_id and invitation.invited_by.is_active:
        _notify(
            invitation.invited_by,
            consultation,
            "expert_group_answer",
            ANSWERED,
            name=actor.get_full_name() or actor.email,
        )
    return invitation


@transaction.atomic
def opinion_save(*, actor: User, consultation: Consultation, text: str) -> Consultation:
    """The group (or the secretariat) writes the opinion while it is not sent."""
    consultation = _locked(consultation)
    _require_writer(actor, consultation)
    _require_status(consultation, Consultation.Status.OPEN)
    errors: dict[str, str] = {}
    html = render_field(text, errors, "text", limit=MAX_TEXT)
    if errors:
        raise ValidationError(errors)
    consultation.opinion = text.strip()
    consultation.opinion_html = html
    consultation.opinion_updated_by = actor
    consultation.opinion_updated_at = timezone.now()
    consultation.save(
        update_fields=["opinion", "opinion_html", "opinion_updated_by", "opinion_updated_at"]
    )
    return consultation


@transaction.atomic
def opinion_send(*, actor: User, consultation: Consultation) -> Consultation:
    """The text is final: it is fixed (fingerprinted) and every member is asked to sign."""
    consultation = _locked(consultation)
    _require_writer(actor, consultation)
    _require_status(consultation, Consultation.Status.OPEN)
    if not consultation.opinion.strip():
        raise ValidationError(_("Write the opinion before sending it for signature."))
    if not selectors.group_members(consultation).exists():
        raise ValidationError(_("No expert has accepted yet: nobody could sign."))
    consultation.status = Consultation.Status.SIGNING
    consultation.signed_text = fingerprint(consultation.opinion)
    consultation.save(update_fields=["status", "signed_text"])
    _step(consultation, Step.Kind.SENT, actor)
    from expertgroups.tasks import signatures_notify

    pk, sender = consultation.pk, actor.pk
    transaction.on_commit(lambda: signatures_notify.enqueue(pk, sender))
    return consultation


@transaction.atomic
def opinion_sign(*, actor: User, consultation: Consultation, text: str) -> Signature:
    """A member signs the text sent for signature (once; signing again changes nothing).
    ``text`` is the fingerprint of the text the member read: if it was reopened and
    changed since, nothing is signed and they read it again."""
    consultation = _locked(consultation)
    if not (actor.is_authenticated and selectors.is_group_member(actor, consultation)):
        raise PermissionDenied(_("Only the group's members sign its opinion."))
    _require_status(consultation, Consultation.Status.SIGNING)
    if text != consultation.signed_text:
        raise ValidationError(
            _("The opinion changed since you opened it: read it again before you sign.")
        )
    signature, created = Signature.objects.get_or_create(
        consultation=consultation, user=actor, text=consultation.signed_text
    )
    if created:
        _step(consultation, Step.Kind.SIGNED, actor, actor)
    return signature


@transaction.atomic
def opinion_reopen(*, actor: User, consultation: Consultation) -> Consultation:
    """Back to writing: the signatures given so far count no more once the text changes
    (they stay on record, for the text they signed)."""
    consultation = _locked(consultation)
    _require_writer(actor, consultation)
    _require_status(consultation, Consultation.Status.SIGNING)
    consultation.status = Consultation.Status.OPEN
    consultation.signed_text = ""
    consultation.save(update_fields=["status", "signed_text"])
    _step(consultation, Step.Kind.REOPENED, actor)
    return consultation


@transaction.atomic
def opinion_deliver(*, actor: User, consultation: Consultation) -> Consultation:
    """Every member signed: the secretariat publishes the opinion to the documentation
    centre (in the opinion's language, with its themes), and the body that asked and
    the group are told."""
    _require_secretariat(actor)
    consultation = _locked(consultation)
    _require_status(consultation, Consultation.Status.SIGNING)
    state = selectors.signing(consultation)
    if not state.signatures:
        raise ValidationError(_("Nobody has signed the opinion: it cannot be published."))
    missing = state.missing
    if missing:
        raise ValidationError(
            _("Not every member has signed yet: %(names)s.")
            % {"names": ", ".join(m.user.get_full_name() or m.user.email for m in missing)}
        )
    with translation.override(consultation.language):
        title = _(OPINION_TITLE) % {"question": consultation.question}
        summary = _("Signed by %(names)s. Asked by %(body)s.") % {
            "names": ", ".join(s.user.get_full_name() or s.user.email for s in state.signatures),
            "body": consultation.asked_by.name,
        }
        url = absolute_url(_url(consultation))
    consultation.publication = library_services.publication_publish(
        actor=actor,
        title=title,
        kind=Publication.Kind.OPINION,
        summary=summary,
        url=url,
        language=consultation.language,
        themes=list(consultation.themes.all()),
        date=timezone.localdate(),
    )
    consultation.status = Consultation.Status.DELIVERED
    consultation.delivered_at = timezone.now()
    consultation.save(update_fields=["publication", "status", "delivered_at"])
    _step(consultation, Step.Kind.DELIVERED, actor)
    from expertgroups.tasks import consultation_delivered_notify

    pk = consultation.pk
    transaction.on_commit(lambda: consultation_delivered_notify.enqueue(pk))
    return consultation


@transaction.atomic
def consultation_withdraw(*, actor: User, consultation: Consultation) -> Consultation:
    """The body no longer needs the opinion: the secretariat withdraws the question
    (its group, space and what was written stay, for the record)."""
    _require_secretariat(actor)
    consultation = _locked(consultation)
    _require_status(consultation, Consultation.Status.OPEN, Consultation.Status.SIGNING)
    consultation.status = Consultation.Status.WITHDRAWN
    consultation.save(update_fields=["status"])
    _step(consultation, Step.Kind.WITHDRAWN, actor)
    return consultation


# --- background work (tasks.py) ---------------------------------------------------------------


def _fan_out(consultation: Consultation, people, kind: str, key: str, title: str, **values) -> int:
    """Tell these people about the question, each in their language, once per ``key``."""
    return notifications_fan_out(
        people=people,
        kind=kind,
        key=f"consultation:{consultation.pk}:{key}",
        write=lambda _person: {
            "title": _(title)
            % {
                "question": consultation.question[:150],
                **{name: value(consultation) for name, value in values.items()},
            },
            "url": _url(consultation),
        },
        email=True,
    )


def invitations_notify(*, consultation_id: int) -> int:
    """Tell the experts invited to a group still forming (once each, however often it
    runs, and whenever more are invited)."""
    consultation = Consultation.objects.filter(
        pk=consultation_id, status=Consultation.Status.OPEN
    ).first()
    if consultation is None:
        return 0
    people = User.objects.filter(
        is_active=True,
        group_invitations__consultation=consultation,
        group_invitations__status=Invitation.Status.INVITED,
    )
    return _fan_out(consultation, people, "expert_group_invitation", "invited", INVITED)


def signatures_notify(*, consultation_id: int, sent_by: int | None = None) -> int:
    """Ask the members who have not signed the text sent for signature to sign it (not
    the one who sent it; once per text)."""
    consultation = Consultation.objects.filter(
        pk=consultation_id, status=Consultation.Status.SIGNING
    ).first()
    if consultation is None:
        return 0
    people = [m.user for m in selectors.unsigned_members(consultation) if m.user_id != sent_by]
    key = f"sign:{consultation.signed_text}"
    return _fan_out(consultation, people, "expert_group_signature", key, TO_SIGN)


def consultation_delivered_notify(*, consultation_id: int) -> int:
    """Tell the body that asked (its current members) and the group that the opinion is
    published (once each, however often it runs)."""
    consultation = Consultation.objects.filter(
        pk=consultation_id, status=Consultation.Status.DELIVERED
    ).first()
    if consultation is None:
        return 0
    # The group's experts and the body's members (not the secretariat, who published it).
    told = Member.objects.current().filter(
        Q(body_id=consultation.asked_by_id)
        | Q(body_id=consultation.group_id, role=Member.Role.MEMBER)
    )
    people = User.objects.filter(is_active=True, body_memberships__in=told).distinct()
    return _fan_out(consultation, people, "expert_group_opinion", "delivered", DELIVERED)


REMIND_DAYS_BEFORE = (7, 1)


def deadlines_remind(*, today: datetime.date | None = None) -> int:
    """A week and a day before the deadline, the group's members who have not signed the
    current text (all of them, while it is being written) are reminded."""
    today = today or timezone.localdate()
    due = [today + datetime.timedelta(days=days) for days in REMIND_DAYS_BEFORE]
    sent = 0
    for consultation in Consultation.objects.filter(
        deadline__in=due,
        status__in=[Consultation.Status.OPEN, Consultation.Status.SIGNING],
    ).select_related("group"):
        people = [member.user for member in selectors.unsigned_members(consultation)]
        sent += _fan_out(
            consultation,
            people,
            "expert_group_reminder",
            f"deadline:{consultation.deadline}:{today}",
            REMINDER,
            date=lambda item: formats.date_format(item.deadline, "DATE_FORMAT"),
        )
    return sent
