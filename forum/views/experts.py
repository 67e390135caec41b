"""Pages of the experts network: directory, profiles, questions, office hours."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.forms import taxonomy_version
from forum import forms, selectors, services
from forum.access import MODERATOR, RoomAccess, office_hour_role, room_role
from forum.models import ExpertInvitation, OfficeHourQuestion, Space
from forum.selectors import experts as expert_selectors
from forum.selectors.calendar import office_hour_entry
from forum.selectors.video import office_hour_video_owner
from forum.views.chat import room_context
from forum.views.forums import forum_strings, pk_or_404
from lms import video
from lms.calendar import absolute, calendar_file, ics_response
from lms.choices import Role
from lms.forms import add_service_errors
from lms.models import User
from lms.selectors.people import person_time_zone
from lms.selectors.video import video_panel

# --- Directory and profiles -----------------------------------------------------------------


@login_required
def directory(request):
    form = forms.DirectoryForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return render(
        request,
        "forum/experts/directory.html",
        {
            "form": form,
            "listing": _directory_listing(request, filters),
            "filtered": any(filters.values()) if filters else False,
            "upcoming": expert_selectors.next_office_hours(user=request.user),
            "grant_form": forms.GrantExpertForm() if request.user.is_secretariat else None,
            # The roles are loaded with the person: no query for the profile.
            "is_expert": request.user.has_role(Role.EXPERT),
        },
    )


# Pages of the whole directory, rendered (see forum.selectors.experts.directory_version).
LISTINGS_KEPT = 256
_listings: dict = {}


def _directory_listing(request, filters: dict) -> str:
    """The count, the cards and the pages' links: the same for everyone who reads the
    same page of the whole directory in the same language, so kept per process."""
    number = request.GET.get("page") or ""
    whole = set(request.GET) <= {"page"} and (not number or (number.isdigit() and len(number) <= 4))
    key = None
    if whole:
        key = (
            expert_selectors.directory_version(),
            taxonomy_version(),
            get_language(),
            get_script_prefix(),
            number,
        )
        listing = _listings.get(key)
        if listing is not None:
            return listing
    experts = expert_selectors.directory(
        theme=filters.get("theme"),
        language=filters.get("language", ""),
        country=filters.get("country", ""),
        query=filters.get("q", ""),
    )
    page = Paginator(experts, expert_selectors.EXPERTS_PER_PAGE).get_page(number or None)
    records = expert_selectors.expert_records(profile.user_id for profile in page)
    query = request.GET.copy()
    query.pop("page", None)
    listing = render_to_string(
        "forum/experts/directory_list.html",
        {
            "page": page,
            "rows": [(profile, records.get(profile.user_id)) for profile in page],
            "query": query.urlencode(),
        },
    )
    if key is not None:
        if len(_listings) >= LISTINGS_KEPT:
            _listings.clear()
        _listings[key] = listing
    return listing


@receiver(setting_changed)
def _forget_listings(**_kwargs) -> None:
    # Tests change languages, URLs or templates: what was kept may no longer be what renders.
    _listings.clear()


@login_required
@require_POST
def grant(request):
    if not request.user.is_secretariat:
        raise PermissionDenied
    form = forms.GrantExpertForm(request.POST)
    if form.is_valid():
        person = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if person is None:
            messages.error(request, _("Nobody on the campus has this email address."))
        else:
            try:
                services.expert_grant(actor=request.user, user=person)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("%(name)s is an expert. Complete their profile.")
                    % {"name": person.get_full_name()},
                )
                return redirect("forum:expert_edit_other", user_id=person.pk)
    else:
        messages.error(request, _("Give a valid email address."))
    return redirect("forum:experts")


@login_required
def profile(request, user_id):
    expert = expert_selectors.expert_profile(user_id=user_id, viewer=request.user)
    if expert is None:
        raise Http404
    record = expert_selectors.expert_records([expert.user_id]).get(expert.user_id)
    return render(
        request,
        "forum/experts/profile.html",
        {
            "expert": expert,
            "record": record,
            "upcoming": expert_selectors.upcoming_office_hours(
                user=request.user, expert=expert.user
            ),
            "past": list(expert_selectors.past_office_hours(expert=expert.user)[:10]),
            "can_edit": request.user.pk == expert.user_id or request.user.is_secretariat,
            "can_ask": expert.accepts_questions
            and expert.is_listed
            and request.user.pk != expert.user_id,
        },
    )


@login_required
def profile_edit(request, user_id=None):
    user_id = user_id or request.user.pk
    if user_id != request.user.pk and not request.user.is_secretariat:
        raise PermissionDenied
    expert = expert_selectors.expert_profile(user_id=user_id, viewer=request.user)
    if expert is None:
        raise Http404
    can_hide = request.user.is_secretariat
    initial = {
        "headline": expert.headline,
        "bio": expert.bio,
        "themes": list(expert.themes.all()),
        "workshops": list(expert.workshops.all()),
        "seminars": expert.seminars,
        "availability": expert.availability,
        "accepts_questions": expert.accepts_questions,
        "accepts_direct_messages": expert.accepts_direct_messages,
        "is_listed": expert.is_listed,
    }
    form = forms.ExpertProfileForm(initial=initial, can_hide=can_hide)
    if request.method == "POST":
        form = forms.ExpertProfileForm(
            request.POST, request.FILES, initial=initial, can_hide=can_hide
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.expert_profile_update(
                    actor=request.user,
                    profile=expert,
                    headline=data["headline"],
                    bio=data["bio"],
                    themes=data["themes"],
                    workshops=data["workshops"],
                    seminars=data["seminars"],
                    availability=data["availability"],
                    accepts_questions=data["accepts_questions"],
                    accepts_direct_messages=data["accepts_direct_messages"],
                    is_listed=data.get("is_listed") if can_hide else None,
                    photo=data.get("photo"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The profile is saved."))
                return redirect("forum:expert", user_id=expert.user_id)
    return render(request, "forum/experts/profile_edit.html", {"expert": expert, "form": form})


@login_required
@require_POST
def invite(request, slug):
    space = get_object_or_404(
        Space.objects.filter(kind__in=Space.kinds(invites_experts=True)), slug=slug
    )
    person = get_object_or_404(User, pk=pk_or_404(request.POST.get("user")))
    try:
        services.expert_invite(actor=request.user, space=space, user=person)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is invited to join the experts network.")
            % {"name": person.get_full_name()},
        )
    return redirect("forum:members", slug=slug)


@login_required
def invitation(request, invitation_id):
    invite = get_object_or_404(
        ExpertInvitation.objects.select_related("space", "invited_by"),
        pk=invitation_id,
        user=request.user,
    )
    if request.method == "POST":
        accept = request.POST.get("answer") == "accept"
        try:
            services.expert_invitation_answer(actor=request.user, invitation=invite, accept=accept)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("forum:expert_invitation", invitation_id=invite.pk)
        if accept:
            messages.success(request, _("Welcome to the experts network. Complete your profile."))
            return redirect("forum:expert_edit")
        messages.info(request, _("You declined the invitation."))
        return redirect("forum:experts")
    return render(request, "forum/experts/invitation.html", {"invitation": invite})


# --- Questions ------------------------------------------------------------------------------


@login_required
def ask(request):
    initial = {}
    expert = None
    if request.GET.get("expert"):
        expert = (
            expert_selectors.askable_experts().filter(pk=pk_or_404(request.GET["expert"])).first()
        )
        initial["expert"] = expert
    if request.GET.get("theme"):
        initial["theme"] = pk_or_404(request.GET["theme"])
    form = forms.AskForm(initial=initial)
    if request.method == "POST":
        form = forms.AskForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                question = services.question_ask(
                    user=request.user,
                    title=data["title"],
                    body=data["body"],
                    token=data["token"],
                    expert=data.get("expert"),
                    theme=data.get("theme"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Your question is sent. You will be notified when an expert answers."),
                )
                return redirect("forum:question", question_id=question.pk)
    return render(
        request,
        "forum/experts/ask.html",
        {"form": form, "expert": expert, "forum_strings": forum_strings()},
    )


@login_required
def questions(request):
    return render(
        request,
        "forum/experts/questions.html",
        {
            "asked": Paginator(expert_selectors.questions_asked(user=request.user), 30).get_page(
                request.GET.get("asked")
            ),
            "received": Paginator(
                expert_selectors.questions_received(user=request.user), 30
            ).get_page(request.GET.get("received")),
            "invitations": list(expert_selectors.pending_invitations(user=request.user)),
            "is_expert": hasattr(request.user, "expert_profile"),
        },
    )


def _question(request, question_id):
    found = expert_selectors.question_for(user=request.user, question_id=question_id)
    if found is None:
        # Not found and not yours look the same: a question is private.
        raise Http404
    return found


@login_required
def question(request, question_id):
    question, party = _question(request, question_id)
    access = RoomAccess(room=question.room, role=room_role(user=request.user, room=question.room))
    context = room_context(request, access)
    closed = question.status == question.Status.CLOSED
    context.update(
        {
            "question": question,
            "party": party,
            "experts": list(
                User.objects.filter(
                    space_memberships__space=question.space,
                    space_memberships__role=MODERATOR,
                ).order_by("full_name")
            ),
            "helpful_url": (
                reverse("forum:question_helpful", kwargs={"question_id": question.pk})
                if party == "asker" and not closed
                else ""
            ),
            "helpful_seq": question.helpful_message.seq if question.helpful_message else None,
            "answered_label": question.Status.ANSWERED.label,
            "readonly_note": _("This question is closed: the conversation is kept as it is.")
            if closed
            else "",
        }
    )
    return render(request, "forum/experts/question.html", context)


@login_required
@require_POST
def question_helpful(request, question_id):
    question, _party = _question(request, question_id)
    try:
        services.question_mark_helpful(
            user=request.user, question=question, seq=request.POST.get("seq")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: the expert's record counts this answer."))
    return redirect("forum:question", question_id=question.pk)


@login_required
@require_POST
def question_close(request, question_id):
    question, _party = _question(request, question_id)
    if request.POST.get("action") == "reopen":
        services.question_reopen(user=request.user, question=question)
        messages.success(request, _("The question is open again."))
    else:
        services.question_close(user=request.user, question=question)
        messages.success(request, _("The question is closed."))
    return redirect("forum:question", question_id=question.pk)


@login_required
@require_POST
def question_publish(request, question_id):
    question, _party = _question(request, question_id)
    try:
        topic = services.question_publish(user=request.user, question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("forum:question", question_id=question.pk)
    messages.success(request, _("Published: others can now learn from this answer."))
    return redirect("forum:topic", topic_id=topic.pk)


# --- Office hours ---------------------------------------------------------------------------


@login_required
def office_hours(request):
    return render(
        request,
        "forum/experts/office_hours.html",
        {
            "upcoming": expert_selectors.upcoming_office_hours(user=request.user),
            "past": Paginator(expert_selectors.past_office_hours(), 30).get_page(
                request.GET.get("page")
            ),
            "is_expert": hasattr(request.user, "expert_profile"),
        },
    )


@login_required
def office_hour_new(request):
    if not hasattr(request.user, "expert_profile"):
        raise PermissionDenied(_("Office hours are for experts of the network."))
    zone = person_time_zone(request.user)
    form = forms.OfficeHourForm(initial={"time_zone": zone, "duration_minutes": 60})
    if request.method == "POST":
        form = forms.OfficeHourForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = services.office_hour_create(
                    actor=request.user,
                    topic=data["topic"],
                    description=data["description"],
                    language=data["language"],
                    starts_at=data["starts_at"],
                    time_zone=data["time_zone"],
                    duration_minutes=data["duration_minutes"],
                )
            except (ValidationError, PermissionDenied) as error:
                if isinstance(error, PermissionDenied):
                    raise
                add_service_errors(form, error)
            else:
                messages.success(request, _("The session is scheduled."))
                return redirect("forum:office_hour", session_id=session.pk)
    return render(request, "forum/experts/office_hour_form.html", {"form": form})


def _session(session_id):
    session = expert_selectors.office_hour(session_id=session_id)
    if session is None:
        raise Http404
    return session


@login_required
def office_hour(request, session_id):
    session = _session(session_id)
    user = request.user
    state = session.state()
    role = office_hour_role(user=user, session=session)
    subscribed = expert_selectors.is_subscribed(user=user, session=session)
    is_host = user.pk == session.expert_id
    viewer_zone = expert_selectors.user_zone(user)
    context = {
        "session": session,
        "state": state,
        "subscribed": subscribed,
        "is_host": is_host,
        "queue": expert_selectors.office_hour_queue(session=session, user=user),
        "question_form": forms.OfficeHourQuestionForm() if state != "ended" else None,
        # Shown in the viewer's zone, and in the session's own when it differs.
        "viewer_zone": viewer_zone.key,
        "same_zone": timezone.localtime(session.starts_at, viewer_zone).utcoffset()
        == timezone.localtime(
            session.starts_at, expert_selectors.user_zone_named(session.time_zone)
        ).utcoffset(),
        "show_room": role is not None,
    }
    if video.configured():
        # The office hour's video room on the platform's server, beside its chat room.
        context["video"] = video_panel(
            owner=office_hour_video_owner(session=session, user=user, subscribed=subscribed)
        )
    if role is not None:
        access = RoomAccess(room=session.room, role=role)
        context.update(room_context(request, access))
        if state == "ended":
            # The transcript, whole and without a script (a session is a few hours).
            history = selectors.messages_after(
                room=session.room, after=0, limit=expert_selectors.TRANSCRIPT_MAX
            )
            context.update(
                {
                    "history": history,
                    "has_more": False,
                    "transcript": True,
                    "readonly_note": _("The session has ended: this is its transcript."),
                }
            )
    return render(request, "forum/experts/office_hour.html", context)


@login_required
@require_POST
def office_hour_subscribe(request, session_id):
    session = _session(session_id)
    try:
        if request.POST.get("action") == "unsubscribe":
            services.office_hour_unsubscribe(user=request.user, session=session)
            messages.success(request, _("You are no longer subscribed."))
        else:
            services.office_hour_subscribe(user=request.user, session=session)
            messages.success(
                request,
                _("You are subscribed. We will remind you by email the day before."),
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("forum:office_hour", session_id=session.pk)


@login_required
@require_POST
def office_hour_ask(request, session_id):
    session = _session(session_id)
    form = forms.OfficeHourQuestionForm(request.POST)
    if form.is_valid():
        try:
            services.office_hour_question_add(
                user=request.user,
                session=session,
                body=form.cleaned_data["body"],
                token=form.cleaned_data["token"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your question is in the queue."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect(reverse("forum:office_hour", kwargs={"session_id": session.pk}) + "#queue")


def _session_question(question_id) -> OfficeHourQuestion:
    return get_object_or_404(OfficeHourQuestion.objects.select_related("session"), pk=question_id)


@login_required
@require_POST
def office_hour_vote(request, question_id):
    question = _session_question(question_id)
    try:
        services.office_hour_vote(
            user=request.user, question=question, vote=request.POST.get("action") != "unvote"
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect(
        reverse("forum:office_hour", kwargs={"session_id": question.session_id})
        + f"#q-{question.pk}"
    )


@login_required
@require_POST
def office_hour_answered(request, question_id):
    question = _session_question(question_id)
    try:
        services.office_hour_question_answered(
            actor=request.user, question=question, answered=request.POST.get("answered") != "0"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(
        reverse("forum:office_hour", kwargs={"session_id": question.session_id})
        + f"#q-{question.pk}"
    )


@login_required
def office_hour_ics(request, session_id):
    entry = office_hour_entry(_session(session_id))
    return ics_response(calendar_file(absolute([entry], request)), f"office-hours-{session_id}.ics")
