"""A space's moderation and members pages: flagged posts, the list of members, holds,
removals and imported lists (the decisions are the services')."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from forum import forms, selectors, services
from forum.access import MEMBER, MODERATOR, READER, access_post, access_space, space_people
from forum.views.forums import back_or, pk_or_404
from lms.models import ImportJob, User
from lms.selectors.jobs import import_jobs_recent
from lms.selectors.people import remember_roles


@login_required
def moderation(request, slug):
    space, access = access_space(user=request.user, slug=slug)
    access.require_moderate()
    if request.method == "POST":
        post, _access = access_post(user=request.user, post_id=pk_or_404(request.POST.get("post")))
        if post.topic.space_id != space.pk:
            raise Http404
        hide = request.POST.get("action") == "hide"
        services.flags_resolve(actor=request.user, post=post, hide=hide)
        messages.success(request, _("The post is hidden.") if hide else _("The post stays."))
        return redirect("forum:moderation", slug=slug)
    queue = Paginator(selectors.moderation_queue(space=space), 20).get_page(request.GET.get("page"))
    queue.object_list = list(queue.object_list)  # marked below, shown as marked
    _mark_holdable(space, access, queue.object_list)
    held = space.holds.filter(until__gt=timezone.now()).select_related("user")
    return render(
        request,
        "forum/moderation.html",
        {"space": space, "access": access, "page_obj": queue, "held": held},
    )


def _mark_holdable(space, access, posts) -> None:
    """Whose author a moderator may put on hold from the queue (``can_hold_author``): in
    an open forum most who post are on no members page, where holds are given
    elsewhere. Two queries for a page: the listed authors' roles, the secretariat's."""
    for post in posts:
        post.can_hold_author = False
    if not space.rules.open_forum or not posts:
        return
    listed = dict(
        space.memberships.filter(user_id__in={post.author_id for post in posts}).values_list(
            "user_id", "role"
        )
    )
    remember_roles(post.author for post in posts)
    for post in posts:
        role = MODERATOR if post.author.is_secretariat else listed.get(post.author_id, READER)
        post.can_hold_author = access.can_hold(post.author, role)


@login_required
def members(request, slug):
    space, access = access_space(user=request.user, slug=slug)
    if not access.can_see_members:
        raise PermissionDenied(_("The list of members is for the members."))
    people = list(space_people(space=space).select_related("profile"))
    roles = dict(space.memberships.values_list("user_id", "role"))
    listed = set(roles)
    if space.cohort_id:
        # A cohort's tutors moderate it; its learners are members through enrolment.
        for tutor_id in User.objects.filter(tutored_groups__cohort_id=space.cohort_id).values_list(
            "pk", flat=True
        ):
            roles.setdefault(tutor_id, MODERATOR)
    held = dict(space.holds.filter(until__gt=timezone.now()).values_list("user_id", "until"))
    import_form = forms.MembersImportForm() if access.can_manage_members else None
    result = None
    if request.method == "POST" and access.can_manage_members:
        import_form = forms.MembersImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            # Every line is checked here; adding and inviting go to the worker.
            result = services.space_members_import(
                actor=request.user,
                space=space,
                text=import_form.cleaned_data["text"],
                token=import_form.cleaned_data["token"],
            )
            if not result.errors:
                return redirect("lms:import_job", job_id=result.job.pk)
    # A workshop's coordinators invite those who led it to the experts network.
    invite_experts = space.rules.invites_experts and access.can_manage_members
    experts = (
        set(selectors.askable_experts().values_list("pk", flat=True)) if invite_experts else set()
    )
    rows = [
        {
            "user": person,
            "handle": selectors.handle(person),
            "role": roles.get(person.pk, MEMBER),
            "can_hold": access.can_hold(person, roles.get(person.pk, MEMBER)),
            "can_remove": access.can_remove(person, person.pk in listed),
            "held_until": held.get(person.pk),
            "can_invite_expert": invite_experts
            and person.pk != request.user.pk
            and person.pk not in experts,
        }
        for person in people
    ]
    return render(
        request,
        "forum/members.html",
        {
            "space": space,
            "access": access,
            "rows": rows,
            "import_form": import_form,
            "result": result,
            "recent_imports": import_jobs_recent(
                user=request.user, kind=ImportJob.Kind.MEMBERS, target_id=space.pk
            )
            if access.can_manage_members
            else [],
            "hold_form": forms.HoldForm(),
        },
        status=400 if result and result.errors else 200,
    )


@login_required
@require_POST
def member_action(request, slug):
    space, _access = access_space(user=request.user, slug=slug)
    person = get_object_or_404(User, pk=pk_or_404(request.POST.get("user")))
    action = request.POST.get("action")
    try:
        if action == "remove":
            services.space_member_remove(actor=request.user, space=space, user=person)
            messages.success(
                request, _("%(name)s left the space.") % {"name": person.get_full_name()}
            )
        elif action == "hold":
            form = forms.HoldForm(request.POST)
            days = form.cleaned_data["days"] if form.is_valid() else 0
            services.member_hold(actor=request.user, space=space, user=person, days=days)
            messages.success(
                request,
                ngettext(
                    "%(name)s is on hold for %(days)s day.",
                    "%(name)s is on hold for %(days)s days.",
                    days,
                )
                % {"name": person.get_full_name(), "days": days},
            )
        elif action == "release":
            services.member_release(actor=request.user, space=space, user=person)
            messages.success(
                request, _("%(name)s can post again.") % {"name": person.get_full_name()}
            )
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(back_or(request, reverse("forum:members", kwargs={"slug": slug})))
