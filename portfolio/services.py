"""Writes about the portfolio: drafts, review, translations, interest.

Keyword-only arguments, one transaction, permission first; every step of a
programme's life is recorded (ProgrammeEvent) with who and when.
"""

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lms.choices import InterfaceLanguage, Role
from lms.models import User
from lms.selectors.people import person_country, secretariat_people
from lms.services.notifications import notifications_fan_out
from portfolio.models import (
    Organisation,
    Programme,
    ProgrammeEvent,
    ProgrammeInterest,
    ProgrammeTarget,
    ProgrammeTranslation,
    Target,
)
from portfolio.search import programme_index
from portfolio.selectors import can_edit, editors_of

# What the form asks for before a programme goes to review (a draft may lack them).
REQUIRED_TO_SUBMIT = (
    "name",
    "institution",
    "contact_name",
    "contact_email",
    "category",
    "needs",
    "description",
    "objectives",
    "target_population",
)
MAX_TEXT = 10_000  # per field: a record, not a book (and within lms.markup's limit)
REVIEWED = gettext_noop("Your programme “%(name)s”: %(action)s")
TO_REVIEW = gettext_noop("Programme to review: %(name)s (%(country)s)")


def _log(
    programme: Programme, action: str, actor: User | None, comment: str = ""
) -> ProgrammeEvent:
    return ProgrammeEvent.objects.create(
        programme=programme, action=action, actor=actor, comment=comment.strip()
    )


def _data_fields() -> tuple[str, ...]:
    """What ``data`` sets: Programme.EDITABLE_FIELDS, less the many-to-many ``themes``
    (an argument of its own), each one a field of the model."""
    names = []
    for name in Programme.EDITABLE_FIELDS:
        try:
            field = Programme._meta.get_field(name)
        except FieldDoesNotExist:
            raise ValueError(
                f"Programme.EDITABLE_FIELDS names {name!r}, which is not a field of Programme."
            ) from None
        if not field.many_to_many:
            names.append(name)
    return tuple(names)


def _check_data(data: dict, names: tuple[str, ...]) -> None:
    """Refuse, never drop, a name ``data`` cannot set: one that is not a field of the
    model (a typo, a form field the model lacks) or not in its declaration."""
    for name in data:
        if name in names:
            continue
        try:
            Programme._meta.get_field(name)
        except FieldDoesNotExist:
            raise ValueError(
                f"Programme has no field {name!r}: add it to the model and to "
                "Programme.EDITABLE_FIELDS, or leave it out of data."
            ) from None
        raise ValueError(
            f"Programme.{name} is not set from data: programme_save sets "
            "Programme.EDITABLE_FIELDS; themes and targets are arguments of their own, "
            "status and country follow the workflow."
        )


def _missing_for_review(programme: Programme, themes, targets) -> dict:
    errors = {}
    for field in REQUIRED_TO_SUBMIT:
        if not getattr(programme, field):
            errors[field] = _("Needed before sending the programme for review.")
    if not themes:
        errors["themes"] = _("Choose at least one area and theme.")
    if not targets:
        errors["targets"] = _("Choose at least one target population.")
    if not programme.consent_publish:
        errors["consent_publish"] = _("The network publishes only with your consent.")
    return errors


def programme_save(
    *,
    actor: User,
    data: dict,
    themes,
    targets,
    programme: Programme | None = None,
    submit: bool = False,
    country: str = "",
    organisation: str = "",
) -> Programme:
    """Create or update a programme. ``data`` holds values of Programme.EDITABLE_FIELDS
    (any other name is refused with ValueError). ``submit`` sends it for review,
    which needs the whole form; a draft needs only a name. A published programme
    stays published when its ministry updates it; the change is recorded and the
    secretariat told. The secretariat may create it for another ministry (``country``)
    or as an international organisation's project (``organisation``, with the country it
    runs in if one)."""
    names = _data_fields()
    _check_data(data, names)
    creating = programme is None
    if creating and not (actor.is_secretariat or actor.has_role(Role.FOCAL_POINT)):
        raise PermissionDenied(_("Focal points and the secretariat submit programmes."))
    targets = [code for code in targets if code in Target.values]
    themes = list(themes)
    with transaction.atomic():
        if creating:
            if actor.is_secretariat and organisation:
                if organisation not in Organisation.values:
                    raise ValidationError(
                        {"organisation": _("Choose one of the listed organisations.")}
                    )
                programme = Programme(country=country, organisation=organisation, created_by=actor)
            else:
                country = country if actor.is_secretariat and country else _actor_country(actor)
                programme = Programme(country=country, created_by=actor)
        else:
            # The row as it is now (a review may have happened since the form loaded).
            programme = Programme.objects.select_for_update().get(pk=programme.pk)
            if not can_edit(user=actor, programme=programme):
                raise PermissionDenied(_("Only your ministry's focal points edit this programme."))
            if programme.status == Programme.Status.REJECTED and not actor.is_secretariat:
                raise PermissionDenied(
                    _("This programme was not accepted; write to the Technical Secretariat.")
                )
        for field in names:
            if field in data:
                value = data[field]
                setattr(programme, field, value.strip() if isinstance(value, str) else value)
        _check_shapes(programme, names)
        was_published = programme.is_published
        if submit or was_published:
            errors = _missing_for_review(programme, themes, targets)
            if errors:
                raise ValidationError(errors)
        if submit and not was_published:
            programme.status = Programme.Status.SUBMITTED
        elif not was_published and programme.status != Programme.Status.DRAFT:
            # Saved without sending: back to a draft, out of the review queue.
            programme.status = Programme.Status.DRAFT
        programme.updated_at = timezone.now()
        programme.save()
        programme.themes.set(themes)
        ProgrammeTarget.objects.filter(programme=programme).exclude(code__in=targets).delete()
        existing = set(programme.targets.values_list("code", flat=True))
        ProgrammeTarget.objects.bulk_create(
            ProgrammeTarget(programme=programme, code=code)
            for code in targets
            if code not in existing
        )
        programme_index(programme=programme)
        if creating:
            _log(programme, ProgrammeEvent.Action.CREATED, actor)
        if was_published:
            _tell(_log(programme, ProgrammeEvent.Action.UPDATED, actor))
        elif submit:
            _tell(_log(programme, ProgrammeEvent.Action.SUBMITTED, actor))
        elif not creating:
            _log(programme, ProgrammeEvent.Action.SAVED, actor)
    return programme


def _check_shapes(programme: Programme, names: tuple[str, ...]) -> None:
    errors = {}
    if not programme.name:
        errors["name"] = _("Give the programme a name.")
    if programme.language not in InterfaceLanguage.values:
        errors["language"] = _("Choose one of the listed languages.")
    for field in names:
        value = getattr(programme, field)
        if isinstance(value, str) and len(value) > MAX_TEXT:
            errors[field] = _("At most %(n)s characters; this has %(length)s.") % {
                "n": MAX_TEXT,
                "length": len(value),
            }
    if errors:
        raise ValidationError(errors)


def _actor_country(actor: User) -> str:
    country = person_country(actor)
    if not country:
        raise ValidationError(
            {"country": _("Add your country to your profile: programmes belong to a ministry.")}
        )
    return country


def _tell(event: ProgrammeEvent) -> None:
    """Whoever must hear of this step hears of it from the worker, after commit."""
    from portfolio.tasks import programme_event_notify

    transaction.on_commit(lambda: programme_event_notify.enqueue(event.pk))


def programme_event_notify(*, event_id: int) -> int:
    """Tell who must hear of a step (a task's work; once each): the secretariat of
    a programme sent for review or updated, its editors of a review decision."""
    event = ProgrammeEvent.objects.select_related("programme").filter(pk=event_id).first()
    if event is None:
        return 0
    programme = event.programme

    def url() -> str:
        # Reversed inside ``write``: in the recipient's language, not the actor's.
        return reverse("portfolio:programme", kwargs={"pk": programme.pk})

    key = f"programme-event:{event.pk}"
    if event.action in (ProgrammeEvent.Action.UPDATED, ProgrammeEvent.Action.SUBMITTED):
        secretariat = secretariat_people()
        return notifications_fan_out(
            people=secretariat.exclude(pk=event.actor_id),
            kind="programme_review",
            key=key,
            write=lambda _person: {
                "title": _(TO_REVIEW) % {"name": programme.name, "country": programme.owner},
                "url": url(),
            },
        )
    return notifications_fan_out(
        people=editors_of(programme),
        kind="programme_reviewed",
        key=key,
        write=lambda _person: {
            "title": _(REVIEWED)
            % {"name": programme.name, "action": ProgrammeEvent.Action(event.action).label},
            "body": event.comment,
            "url": url(),
        },
        email=True,
    )


@transaction.atomic
def programme_review(
    *, actor: User, programme: Programme, action: str, comment: str = ""
) -> Programme:
    """The secretariat approves (and publishes), asks for changes, or rejects."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat reviews programmes."))
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    status = programme.status
    if action in ("changes", "reject", "unpublish") and not comment.strip():
        raise ValidationError({"comment": _("Say what to change, or why.")})
    if action == "approve":
        if status != Programme.Status.SUBMITTED:
            raise ValidationError(_("Only a programme sent for review can be published."))
        missing = _missing_for_review(
            programme, list(programme.themes.all()), list(programme.targets.all())
        )
        if missing:
            raise ValidationError(_("The programme is incomplete: ask for changes."))
        programme.status = Programme.Status.PUBLISHED
        programme.published_at = timezone.now()
        event = ProgrammeEvent.Action.APPROVED
    elif action == "changes" and status == Programme.Status.SUBMITTED:
        programme.status = Programme.Status.CHANGES
        event = ProgrammeEvent.Action.CHANGES
    elif action == "reject" and status in (Programme.Status.SUBMITTED, Programme.Status.CHANGES):
        programme.status = Programme.Status.REJECTED
        event = ProgrammeEvent.Action.REJECTED
    elif action == "unpublish" and status == Programme.Status.PUBLISHED:
        # Back to its ministry, which corrects it and sends it again.
        programme.status = Programme.Status.CHANGES
        programme.published_at = None
        event = ProgrammeEvent.Action.UNPUBLISHED
    else:
        raise ValidationError(_("This decision does not apply to the programme as it is now."))
    programme.save(update_fields=["status", "published_at"])
    programme_index(programme=programme)
    _tell(_log(programme, event, actor, comment))
    return programme


@transaction.atomic
def programme_translate(
    *,
    actor: User,
    programme: Programme,
    language: str,
    name: str,
    needs: str,
    description: str,
    objectives: str,
) -> ProgrammeTranslation:
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat translates programmes."))
    if language not in InterfaceLanguage.values or language == programme.language:
        raise ValidationError({"language": _("Choose another of the network's languages.")})
    texts = {"name": name, "needs": needs, "description": description, "objectives": objectives}
    errors = {field: _("Fill in this field.") for field, v in texts.items() if not v.strip()}
    errors.update(
        {
            field: _("At most %(n)s characters; this has %(length)s.")
            % {"n": MAX_TEXT, "length": len(v)}
            for field, v in texts.items()
            if len(v) > MAX_TEXT
        }
    )
    if errors:
        raise ValidationError(errors)
    translation, _created = ProgrammeTranslation.objects.update_or_create(
        programme=programme,
        language=language,
        defaults={
            **{field: value.strip() for field, value in texts.items()},
            "translated_by": actor,
            "updated_at": timezone.now(),
        },
    )
    programme_index(programme=programme)
    _log(programme, ProgrammeEvent.Action.TRANSLATED, actor, language)
    return translation


def programme_interest_set(*, user: User, programme: Programme, interested: bool) -> bool:
    """The person's ministry (their country) says it would like to learn from the
    programme, or takes it back. Saying it twice records it once."""
    if not programme.is_published:
        raise PermissionDenied(_("This programme is not published."))
    if not user.has_role(Role.FOCAL_POINT):
        raise PermissionDenied(_("Your ministry's focal points speak for it."))
    country = person_country(user)
    if not country:
        raise ValidationError(_("Add your country to your profile to speak for your ministry."))
    if country == programme.country:
        raise ValidationError(_("This is your own ministry's programme."))
    if not interested:
        ProgrammeInterest.objects.filter(programme=programme, country=country).delete()
        return False
    try:
        with transaction.atomic():
            ProgrammeInterest.objects.get_or_create(
                programme=programme, country=country, defaults={"user": user}
            )
    except IntegrityError:
        pass  # the same click twice at once: it is recorded
    return True
