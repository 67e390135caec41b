"""Writes about the portfolio: drafts, review, translations, interest.

Keyword-only arguments, one transaction, permission first; every step of a
programme's life is recorded (ProgrammeEvent) with who and when.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cms.portfolio.models import (
    Programme,
    ProgrammeEvent,
    ProgrammeInterest,
    ProgrammeTarget,
    ProgrammeTranslation,
    Target,
)
from cms.portfolio.selectors import can_edit, editors_of
from lms.choices import InterfaceLanguage
from lms.models import User
from lms.services.notifications import in_language_of, notification_create

TEXT_FIELDS = (
    "name",
    "website",
    "institution",
    "contact_name",
    "contact_email",
    "category",
    "needs",
    "description",
    "objectives",
    "start_date",
    "duration_months",
    "coverage",
    "target_population",
    "institutions",
    "funding",
    "in_kind",
    "other_support",
    "achievements",
    "lessons",
    "improvements",
    "evaluations",
    "documentation",
    "consent_publish",
    "share_workshops",
    "share_bilateral",
    "language",
)
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
REVIEWED = gettext_noop("Your programme “%(name)s”: %(action)s")
TO_REVIEW = gettext_noop("Programme to review: %(name)s (%(country)s)")


def _log(programme: Programme, action: str, actor: User | None, comment: str = "") -> None:
    ProgrammeEvent.objects.create(
        programme=programme, action=action, actor=actor, comment=comment.strip()
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
) -> Programme:
    """Create or update a programme. ``submit`` sends it for review, which needs the
    whole form; a draft needs only a name. A published programme stays published
    when its ministry updates it; the change is recorded and the secretariat told."""
    creating = programme is None
    if creating:
        country = country if actor.is_secretariat and country else _actor_country(actor)
        if not (actor.is_secretariat or actor.has_role("focal_point")):
            raise PermissionDenied(_("Focal points and the secretariat submit programmes."))
        programme = Programme(country=country, created_by=actor)
    elif not can_edit(user=actor, programme=programme):
        raise PermissionDenied(_("Only your ministry's focal points edit this programme."))
    for field in TEXT_FIELDS:
        if field in data:
            value = data[field]
            setattr(programme, field, value.strip() if isinstance(value, str) else value)
    if not programme.name:
        raise ValidationError({"name": _("Give the programme a name.")})
    if programme.language not in InterfaceLanguage.values:
        raise ValidationError({"language": _("Choose one of the listed languages.")})
    targets = [code for code in targets if code in Target.values]
    themes = list(themes)
    was_published = programme.is_published
    if submit or was_published:
        errors = _missing_for_review(programme, themes, targets)
        if errors:
            raise ValidationError(errors)
    with transaction.atomic():
        programme.updated_at = timezone.now()
        if submit and not was_published:
            programme.status = Programme.Status.SUBMITTED
        programme.save()
        programme.themes.set(themes)
        ProgrammeTarget.objects.filter(programme=programme).exclude(code__in=targets).delete()
        existing = set(programme.targets.values_list("code", flat=True))
        ProgrammeTarget.objects.bulk_create(
            ProgrammeTarget(programme=programme, code=code)
            for code in targets
            if code not in existing
        )
        programme.reindex()
        if creating:
            _log(programme, ProgrammeEvent.Action.CREATED, actor)
        if was_published:
            _log(programme, ProgrammeEvent.Action.UPDATED, actor)
            _tell_secretariat(programme, actor)
        elif submit:
            _log(programme, ProgrammeEvent.Action.SUBMITTED, actor)
            _tell_secretariat(programme, actor)
        elif not creating:
            _log(programme, ProgrammeEvent.Action.SAVED, actor)
    return programme


def _actor_country(actor: User) -> str:
    country = getattr(getattr(actor, "profile", None), "country", "")
    if not country:
        raise ValidationError(
            {"country": _("Add your country to your profile: programmes belong to a ministry.")}
        )
    return country


def _tell_secretariat(programme: Programme, actor: User) -> None:
    url = reverse("cms:programme", kwargs={"pk": programme.pk})
    for person in User.objects.filter(role_grants__role="secretariat", is_active=True).exclude(
        pk=actor.pk
    ):
        with in_language_of(person):
            notification_create(
                user=person,
                kind="programme_review",
                title=_(TO_REVIEW)
                % {"name": programme.name, "country": programme.get_country_display()},
                url=url,
            )


@transaction.atomic
def programme_review(
    *, actor: User, programme: Programme, action: str, comment: str = ""
) -> Programme:
    """The secretariat approves (and publishes), asks for changes, or rejects."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat reviews programmes."))
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if action == "approve":
        if programme.status not in (Programme.Status.SUBMITTED, Programme.Status.CHANGES):
            raise ValidationError(_("Only a programme sent for review can be published."))
        programme.status = Programme.Status.PUBLISHED
        programme.published_at = programme.published_at or timezone.now()
        event = ProgrammeEvent.Action.APPROVED
    elif action in ("changes", "reject"):
        if not comment.strip():
            raise ValidationError({"comment": _("Say what to change, or why.")})
        if action == "changes":
            programme.status = Programme.Status.CHANGES
            event = ProgrammeEvent.Action.CHANGES
        else:
            programme.status = Programme.Status.REJECTED
            event = ProgrammeEvent.Action.REJECTED
    elif action == "unpublish":
        if not programme.is_published:
            raise ValidationError(_("This programme is not published."))
        programme.status = Programme.Status.CHANGES
        event = ProgrammeEvent.Action.UNPUBLISHED
    else:
        raise ValidationError(_("Unknown action."))
    programme.save(update_fields=["status", "published_at"])
    _log(programme, event, actor, comment)
    url = reverse("cms:programme", kwargs={"pk": programme.pk})
    for person in editors_of(programme):
        with in_language_of(person):
            notification_create(
                user=person,
                kind="programme_reviewed",
                title=_(REVIEWED)
                % {"name": programme.name, "action": ProgrammeEvent.Action(event).label},
                body=comment.strip(),
                url=url,
                email=True,
            )
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
    errors = {field: _("This field is required.") for field, v in texts.items() if not v.strip()}
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
    programme.reindex()
    _log(programme, ProgrammeEvent.Action.TRANSLATED, actor, language)
    return translation


def programme_interest_set(*, user: User, programme: Programme, interested: bool) -> bool:
    """The person's ministry (their country) says it would like to learn from the
    programme, or takes it back. Saying it twice records it once."""
    if not programme.is_published:
        raise PermissionDenied(_("This programme is not published."))
    country = getattr(getattr(user, "profile", None), "country", "")
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
