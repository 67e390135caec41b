"""Writes about the experts network's people: who is an expert (granted by the
secretariat, or accepted from a workshop's invitation) and their profiles.

Keyword-only arguments, one transaction, permission first; notifications and
emails go out only after the transaction commits.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.models import ExpertInvitation, ExpertProfile, Space, SpaceMembership
from forum.search import expert_index
from forum.services.office_hours import office_space_ensure
from forum.services.text import markdown_field
from forum.services.topics import IMAGE_TYPES
from lms.choices import Role
from lms.models import RoleGrant, User
from lms.services.notifications import in_language_of, notification_create

EXPERT_INVITED = "expert_invitation"
PHOTO_TYPES = {".jpg", ".jpeg", ".png", ".webp"}


def _make_expert(
    *, user: User, by: User | None, invited_from: Space | None = None, relist: bool = False
):
    profile, _created = ExpertProfile.objects.get_or_create(
        user=user, defaults={"granted_by": by, "invited_from": invited_from}
    )
    if relist and not profile.is_listed:
        # Only the secretariat brings back a profile it hid.
        profile.is_listed = True
        profile.save(update_fields=["is_listed"])
    RoleGrant.objects.get_or_create(
        user=user, role=Role.EXPERT, defaults={"granted_by": by, "granted_at": timezone.now()}
    )
    user.__dict__.pop("roles", None)
    office_space_ensure(profile=profile)
    if invited_from is not None:
        profile.workshops.add(invited_from)
    expert_index(profile=profile)
    return profile


@transaction.atomic
def expert_grant(*, actor: User, user: User) -> ExpertProfile:
    """The secretariat makes someone an expert: role, profile, office-hours space."""
    if not actor.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat names experts."))
    if not user.is_active:
        raise ValidationError(_("This account is not active."))
    return _make_expert(user=user, by=actor, relist=True)


def expert_profile_update(
    *,
    actor: User,
    profile: ExpertProfile,
    headline: str,
    bio: str,
    themes,
    workshops,
    seminars: str,
    availability: str,
    accepts_questions: bool,
    accepts_direct_messages: bool = True,
    is_listed: bool | None = None,
    photo=None,
) -> ExpertProfile:
    """The expert edits their profile; the secretariat may edit it and hide it."""
    if actor.pk != profile.user_id and not actor.is_secretariat:
        raise PermissionDenied(_("You can only edit your own profile."))
    with transaction.atomic():
        profile.headline = headline.strip()
        profile.bio = bio
        profile.bio_html = markdown_field(bio, "bio") if bio.strip() else ""
        profile.seminars = seminars
        profile.availability = availability.strip()
        profile.accepts_questions = accepts_questions
        profile.accepts_direct_messages = accepts_direct_messages
        if is_listed is not None and actor.is_secretariat:
            profile.is_listed = is_listed
        if photo is not None:
            profile.photo = _save_photo(photo, profile.user)
        profile.save()
        profile.themes.set(themes)
        profile.workshops.set([space for space in workshops if space.kind == Space.Kind.WORKSHOP])
        expert_index(profile=profile)
    return profile


def _save_photo(upload, user: User):
    from wagtail.images import get_image_model

    from lms.uploads import check_image_pixels, content_matches, upload_extension

    if upload.size > 5 * 1024 * 1024:
        raise ValidationError({"photo": _("The photo is larger than 5 MB.")})
    extension = upload_extension(upload)
    if extension not in PHOTO_TYPES or not content_matches(upload, IMAGE_TYPES[extension]):
        raise ValidationError({"photo": _("Send a JPEG, PNG or WebP picture.")})
    check_image_pixels(upload, field="photo")
    image_model = get_image_model()
    return image_model.objects.create(title=user.get_full_name(), file=upload)


@transaction.atomic
def expert_invite(*, actor: User, space: Space, user: User) -> ExpertInvitation:
    """A workshop's coordinator invites someone who led it to join the experts."""
    if not space.rules.invites_experts:
        raise ValidationError(_("Only a workshop's space invites its experts."))
    is_coordinator = SpaceMembership.objects.filter(
        space=space, user=actor, role=SpaceMembership.Role.COORDINATOR
    ).exists()
    if not (is_coordinator or actor.is_secretariat):
        raise PermissionDenied(_("Only the workshop's coordinators invite experts."))
    if user.pk == actor.pk and not actor.is_secretariat:
        raise PermissionDenied(_("You cannot invite yourself."))
    if not SpaceMembership.objects.filter(space=space, user=user).exists():
        raise ValidationError(_("Invite someone who took part in the workshop."))
    if ExpertProfile.objects.filter(user=user).exists():
        # Listed already, or hidden by the secretariat: not for an invitation to undo.
        raise ValidationError(
            _("%(name)s already has an expert profile.") % {"name": user.get_full_name()}
        )
    invitation, created = ExpertInvitation.objects.get_or_create(
        space=space, user=user, defaults={"invited_by": actor}
    )
    if not created and invitation.answered_at is None:
        raise ValidationError(_("%(name)s was already invited.") % {"name": user.get_full_name()})
    if not created:
        invitation.answered_at = None
        invitation.accepted = False
        invitation.invited_by = actor
        invitation.created_at = timezone.now()
        invitation.save()
    with in_language_of(user):
        notification_create(
            user=user,
            kind=EXPERT_INVITED,
            title=_("You are invited to join the RIAL experts network (%(workshop)s)")
            % {"workshop": space.display_name},
            body=_(
                "You led this workshop. As an expert, officials can ask you questions and "
                "you can hold office hours."
            ),
            url=reverse("forum:expert_invitation", kwargs={"invitation_id": invitation.pk}),
            email=True,
        )
    return invitation


@transaction.atomic
def expert_invitation_answer(
    *, actor: User, invitation: ExpertInvitation, accept: bool
) -> ExpertProfile | None:
    if invitation.user_id != actor.pk:
        raise PermissionDenied(_("This invitation is for someone else."))
    if invitation.answered_at is not None:
        raise ValidationError(_("You already answered this invitation."))
    invitation.answered_at = timezone.now()
    invitation.accepted = accept
    invitation.save(update_fields=["answered_at", "accepted"])
    if not accept:
        return None
    return _make_expert(user=actor, by=invitation.invited_by, invited_from=invitation.space)
