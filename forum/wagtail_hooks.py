from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from forum.models import Space
from forum.services import chat_access_changed, space_ensure_for_cohort


@hooks.register("rial_search_providers")
def search_providers():
    from forum.search import providers

    return providers()


@hooks.register("rial_notifications_changed")
def notifications_changed(user_ids):
    """Their unread notifications changed: their open chat sockets show the new count."""
    from forum.services.sockets import chat_notifications_changed

    chat_notifications_changed(users=user_ids)


@hooks.register("rial_cohort_created")
def cohort_space(cohort):
    space_ensure_for_cohort(cohort=cohort)


@hooks.register("rial_cohort_questions")
def cohort_questions(cohort):
    """Questions in the cohort's forum still waiting for an answer, for its tutors."""
    from forum.selectors.forums import waiting_questions

    return waiting_questions(cohort=cohort)


@hooks.register("rial_calendar_entries")
def calendar_entries(user, start, end):
    """Office hours and community meetings, for the person's calendar (lms)."""
    from forum.selectors.calendar import calendar_entries

    return calendar_entries(user=user, start=start, end=end)


@hooks.register("rial_video_owners")
def video_owners():
    """Communities' dialogues and meetings, for their video rooms (lms)."""
    from forum.selectors.video import video_owners

    return video_owners()


@hooks.register("after_edit_snippet")
def space_edited(request, instance):
    """The secretariat changed a space (its members, its rooms, who reads it): open
    chat sockets in its rooms are checked again."""
    if isinstance(instance, Space):
        chat_access_changed(space=instance)


@hooks.register("before_delete_snippet")
def space_deleting(request, instances):
    # A deleted row loses its primary key: remember which spaces go.
    request.rial_deleted_spaces = [item.pk for item in instances if isinstance(item, Space)]


@hooks.register("after_delete_snippet")
def space_deleted(request, instances):
    """Sockets in the rooms of a deleted space close."""
    for space_id in getattr(request, "rial_deleted_spaces", []):
        chat_access_changed(space=space_id)


class SpaceViewSet(SnippetViewSet):
    """The secretariat creates spaces, lists their members and opens rooms."""

    model = Space
    icon = "group"
    menu_label = _("Spaces and rooms")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]


register_snippet(SpaceViewSet)


@hooks.register("rial_offline_pages")
def offline_pages(user):
    """The chat rooms the person uses, for the installable app to keep offline (lms)."""
    from django.urls import reverse

    from forum.selectors.chat import offline_rooms

    return [(reverse("forum:room", args=[room.slug]), "room") for room in offline_rooms(user=user)]
