"""The bodies in the Wagtail admin (bodies, seats, members: configuration the
secretariat keeps), and the hooks the lower apps call."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from bodies import selectors, services
from bodies.models import Body, Meeting, Member, Seat


@hooks.register("rial_calendar_entries")
def calendar_entries(user, start, end):
    """The meetings of the person's bodies, for their calendar (lms)."""
    return selectors.calendar_entries(user=user, start=start, end=end)


@hooks.register("rial_video_owners")
def video_owners():
    """Bodies' virtual meetings, for their video rooms (lms)."""
    return selectors.video_owners()


@hooks.register("rial_space_cadence")
def space_cadence(space, now=None):
    """A community that is a body (forum): the body's cadence, with ``months``,
    ``last`` and ``next`` (its meetings, each with ``starts_at``); None otherwise."""
    return selectors.space_cadence(space, now=now)


@hooks.register("before_delete_snippet")
def refuse_deleting_bodies_that_met(request, instances):
    """A body with meetings keeps them (``Meeting.body`` is protected): their approved
    minutes and decisions are the record. Refuse with a message, not an error page."""
    bodies = [item.pk for item in instances if isinstance(item, Body)]
    if not bodies or not Meeting.objects.filter(body_id__in=bodies).exists():
        return None
    messages.error(
        request,
        _(
            "A body that has met is not deleted: its meetings, minutes and decisions "
            "are the record."
        ),
    )
    return redirect("wagtailsnippets_bodies_body:list")


@hooks.register("before_edit_snippet")
def member_as_it_was(request, instance):
    """Remember a member's body before the edit: if the form moves the membership to
    another body (and perhaps another person), the old body's space is brought up to
    date too, at once, not at the next night's sync."""
    if isinstance(instance, Member) and instance.pk:
        request._rial_member_body_before = instance.body_id


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def body_or_member_saved(request, instance):
    """A body saved gets its space (its own, unless the secretariat chose one); a
    member saved gains or loses access to their body's space (and to the one of the
    body they were moved from, or whose person was changed)."""
    if isinstance(instance, Body):
        services.body_space_ensure(body=instance)
    elif isinstance(instance, Member):
        before = getattr(request, "_rial_member_body_before", None)
        body_ids = {instance.body_id} | ({before} if before else set())
        services.body_spaces_sync(body_ids=body_ids, user_id=instance.user_id)


@hooks.register("after_delete_snippet")
def bodies_or_members_deleted(request, instances):
    """Deleted members lose access to their body's space; a deleted body's own space
    keeps its conversation but lists nobody."""
    members = [item for item in instances if isinstance(item, Member)]
    if members:
        services.body_spaces_sync(body_ids={member.body_id for member in members})
    if any(isinstance(item, Body) for item in instances):
        services.body_spaces_orphaned_close()


class BodyViewSet(SnippetViewSet):
    model = Body
    icon = "group"
    menu_label = _("Bodies")
    list_display = ["name", "kind", "meetings_per_year", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["name"]


class SeatViewSet(SnippetViewSet):
    model = Seat
    icon = "user"
    menu_label = _("Seats")
    list_display = ["__str__", "body", "constituency", "is_active"]
    list_filter = ["body", "constituency", "is_active"]


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "user"
    menu_label = _("Members and terms")
    list_display = ["user", "body", "seat", "role", "starts_on", "ends_on"]
    list_filter = ["body", "role"]


class BodiesViewSetGroup(SnippetViewSetGroup):
    items = (BodyViewSet, SeatViewSet, MemberViewSet)
    menu_icon = "group"
    menu_label = _("Bodies of the network")
    menu_name = "bodies"
    menu_order = 340


register_snippet(BodiesViewSetGroup)
