"""Open chat sockets follow sessions and the rules that lms and allauth change.

Logout, a new password and a deactivated account end sessions; a withdrawn
enrolment, a cohort's tutors and a person's roles change who may read and
write a room. Those changes are made by Django, allauth and lms, which do not
know forum (lms must not import it), so forum listens here and announces them
after commit (forum.services.sockets); the hub of every process checks its
sockets again. An expert's search entry holds their name and institution, which lms
changes: it is written again in the same transaction. The experts directory's cards
show more of what lms and Wagtail change (languages, country, photo): its pages are
made again (``directory_changed``). Connected in ForumConfig.ready().
"""

from allauth.account.signals import password_changed, password_reset, password_set
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images import get_image_model

from forum.access import CURRENT_ENROLMENT
from forum.models import ExpertProfile, ExpertQuestion
from forum.selectors.experts import directory_changed
from forum.services.sockets import chat_access_changed, chat_sessions_check, chat_sessions_ended
from lms.choices import Role
from lms.models import CohortGroup, Enrolment, Profile, ProfileLanguage, RoleGrant, User


def logged_out(sender, request=None, user=None, **kwargs):
    """Sent before the session is flushed: its key still names it.

    The session is deleted from the store here, before its sockets are told:
    Django flushes it only after this signal, and a chat page that reconnects at
    once (it tries once after 4401, for a renewed session) got in again with it
    when the announcement won the race (seen in CI under load). Django's flush
    deletes it again, which does nothing."""
    session = getattr(request, "session", None)
    if user is not None and session is not None:
        key = session.session_key
        if key:
            session.delete(key)
        chat_sessions_ended(user=user, session_keys=[key])


def password_changed_anyhow(sender, request=None, user=None, **kwargs):
    """allauth changed, set or reset the password: other sessions no longer sign in."""
    if user is not None:
        chat_sessions_check(user=user)


def user_saved(sender, instance, created=False, **kwargs):
    """Deactivated, or a new password saved outside allauth (the Wagtail admin, a
    command): ``set_password`` keeps the new password in ``_password`` until the
    save is over."""
    if not created and (not instance.is_active or instance._password is not None):
        chat_sessions_check(user=instance)


# What an expert's search entry says or depends on, of what lms saves (forum.search).
EXPERT_USER_FIELDS = {"full_name", "is_active"}


def expert_person_saved(sender, instance, update_fields=None, **kwargs):
    """A name, an institution or an active flag changed on the lms side (profile page,
    Wagtail admin, a command): the person's expert entry says it too. A save that
    names its fields and none of these (a login's ``last_login``) costs nothing."""
    if sender is User and update_fields is not None and not EXPERT_USER_FIELDS & set(update_fields):
        return
    from forum.search import experts_reindex

    experts_reindex(user_id=instance.pk if sender is User else instance.user_id)


# What the directory's cards show, of what lms saves (forum.selectors.experts).
DIRECTORY_USER_FIELDS = EXPERT_USER_FIELDS
DIRECTORY_PROFILE_FIELDS = {"institution", "country", "actor_type", "actor_type_verified_at"}


def directory_person_saved(sender, instance, update_fields=None, **kwargs):
    """A name, an account, an institution or a country changed: the directory's pages
    are made again. A save that names its fields and none of these (a login's
    ``last_login``, the language switcher's ``preferred_language``) costs nothing."""
    fields = DIRECTORY_USER_FIELDS if sender is User else DIRECTORY_PROFILE_FIELDS
    if update_fields is not None and not fields & set(update_fields):
        return
    directory_changed()


def _cohort_space(cohort_id: int):
    from forum.models import Space

    return Space.objects.filter(cohort_id=cohort_id).values_list("pk", flat=True).first()


def enrolment_changed(sender, instance, created=False, **kwargs):
    """A withdrawn or deleted enrolment takes the learner out of the cohort's rooms.

    A new or current enrolment only adds access: nobody has a socket to close,
    and a 10,000-line import announces nothing.
    """
    deleted = kwargs.get("signal") is post_delete
    if not deleted and (created or instance.status in CURRENT_ENROLMENT):
        return
    space = _cohort_space(instance.cohort_id)
    if space is not None:
        chat_access_changed(space=space, users=[instance.user_id])


def group_changed(sender, instance, created=False, **kwargs):
    """A group's tutor changed or the group went: tutors moderate the cohort's rooms
    (rare: check them all). A new group only adds a moderator."""
    if created:
        return
    space = _cohort_space(instance.cohort_id)
    if space is not None:
        chat_access_changed(space=space)


def role_changed(sender, instance, **kwargs):
    """The secretariat role granted or revoked: it moderates every space. (Other
    roles do not open rooms.)"""
    if instance.role == Role.SECRETARIAT:
        chat_access_changed(users=[instance.user_id])


def connect() -> None:
    user_logged_out.connect(logged_out, dispatch_uid="forum.chat.logged_out")
    for signal in (password_changed, password_set, password_reset):
        signal.connect(password_changed_anyhow, dispatch_uid="forum.chat.password")
    post_save.connect(user_saved, sender=User, dispatch_uid="forum.chat.user_saved")
    for model in (User, Profile):
        post_save.connect(expert_person_saved, sender=model, dispatch_uid=f"forum.search.{model}")
    for signal in (post_save, post_delete):
        signal.connect(enrolment_changed, sender=Enrolment, dispatch_uid="forum.chat.enrolment")
        signal.connect(group_changed, sender=CohortGroup, dispatch_uid="forum.chat.group")
        signal.connect(role_changed, sender=RoleGrant, dispatch_uid="forum.chat.role")
    # The experts directory's cards (forum.selectors.experts.directory_version).
    for model in (User, Profile):
        post_save.connect(
            directory_person_saved, sender=model, dispatch_uid=f"forum.directory.{model}"
        )
    for model in (ExpertProfile, ExpertQuestion, ProfileLanguage, get_image_model()):
        for signal in (post_save, post_delete):
            signal.connect(directory_changed, sender=model, dispatch_uid=f"forum.directory.{model}")
    post_delete.connect(directory_changed, sender=User, dispatch_uid="forum.directory.gone")
    m2m_changed.connect(
        directory_changed,
        sender=ExpertProfile.themes.through,
        dispatch_uid="forum.directory.themes",
    )
