"""The tutor's side: their learners, work waiting for feedback, reminders."""

import re
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import hooks

from lms import video
from lms.forms import FeedbackForm, LearnerFilterForm, ScheduleMoveForm, add_service_errors
from lms.selectors import live_video, tutoring
from lms.selectors import schedule as schedule_selectors
from lms.services import learning as learning_services
from lms.services import schedule as schedule_services


@login_required
def tutoring_index(request):
    cohorts = tutoring.tutor_cohorts(user=request.user)
    if not request.user.is_secretariat and not cohorts.exists():
        raise PermissionDenied(_("You do not tutor any group."))
    return render(request, "lms/tutoring_index.html", {"cohorts": cohorts})


@login_required
def tutoring_cohort(request, cohort_id: int):
    cohort = tutoring.cohort_for_staff(user=request.user, cohort_id=cohort_id)
    if cohort is None:
        raise Http404
    groups = tutoring.groups_for_staff(user=request.user, cohort=cohort)
    form = LearnerFilterForm(request.GET or None, groups=groups)
    data = form.cleaned_data if form.is_valid() else {}
    filters = tutoring.DashboardFilter(
        search=(data.get("q") or "").strip(),
        group_id=data.get("group"),
        status=data.get("status") or "",
        inactive_days=data.get("inactive"),
    )
    # The forum (a later app) answers through a hook: lms does not import it.
    questions = [
        question for hook in hooks.get_hooks("rial_cohort_questions") for question in hook(cohort)
    ]
    dashboard = tutoring.tutor_dashboard(
        user=request.user,
        cohort=cohort,
        filters=filters,
        groups=groups,
        page_number=request.GET.get("page") or 1,
        asked_user_ids={question.get("author_id") for question in questions} - {None},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "lms/tutoring_cohort.html",
        {
            "cohort": cohort,
            "dashboard": dashboard,
            "outline": dashboard.outline,
            "rows": dashboard.rows,
            "form": form,
            "filtered": any(data.get(name) for name in ("q", "group", "status", "inactive")),
            "query": query.urlencode(),
            "quiz_titles": [(activity, None) for activity in dashboard.graded],
            "to_review": tutoring.submissions_to_review(user=request.user, cohort=cohort),
            "questions": questions,
            "week": cohort.current_week(),
        },
    )


@login_required
@require_POST
def send_reminders(request, cohort_id: int):
    cohort = tutoring.cohort_for_staff(user=request.user, cohort_id=cohort_id)
    if cohort is None:
        raise Http404
    ids = [int(value) for value in request.POST.getlist("enrolment") if value.isdigit()]
    back = request.POST.get("back") or ""
    target = redirect("lms:tutoring_cohort", cohort_id=cohort.pk)
    if re.fullmatch(r"\?[A-Za-z0-9_=&%+.@-]{1,300}", back):
        target["Location"] += back
    if not ids:
        messages.error(request, _("Choose at least one learner to remind."))
        return target
    try:
        sent, skipped = learning_services.reminders_send(
            actor=request.user, cohort=cohort, enrolment_ids=ids
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
        return target
    if sent:
        messages.success(
            request,
            ngettext(
                "Reminder sent to %(count)s learner.", "Reminder sent to %(count)s learners.", sent
            )
            % {"count": sent},
        )
    if skipped:
        messages.info(
            request,
            ngettext(
                "%(count)s learner had been reminded in the last 24 hours and was skipped.",
                "%(count)s learners had been reminded in the last 24 hours and were skipped.",
                skipped,
            )
            % {"count": skipped},
        )
    return target


@login_required
@require_http_methods(["GET", "POST"])
def tutoring_schedule(request, cohort_id: int):
    """The cohort's live sessions and deadlines; the secretariat or its tutors move one."""
    cohort = tutoring.cohort_for_staff(user=request.user, cohort_id=cohort_id)
    if cohort is None:
        raise Http404
    failed = None
    if request.method == "POST":
        form = ScheduleMoveForm(request.POST, cohort=cohort)
        if form.is_valid():
            try:
                schedule_services.schedule_move(
                    actor=request.user,
                    cohort=cohort,
                    block_id=form.cleaned_data["block"],
                    starts_at=form.cleaned_data["starts_at"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Moved. The cohort's learners are told in their language.")
                )
                return redirect("lms:tutoring_schedule", cohort_id=cohort.pk)
        failed = form
    entries = schedule_selectors.cohort_schedule(cohort=cohort)
    rows = []
    for entry in entries:
        if failed is not None and failed.data.get("block") == entry.block_id:
            form = failed
        else:
            local = timezone.localtime(entry.starts_at, zoneinfo.ZoneInfo(cohort.time_zone))
            form = ScheduleMoveForm(
                initial={"block": entry.block_id, "starts_at": local.replace(tzinfo=None)},
                cohort=cohort,
                auto_id=f"move-{entry.block_id}-%s",
            )
        rows.append((entry, form))
    return render(
        request,
        "lms/tutoring_schedule.html",
        # cohort_for_staff let in only those who may move its dates (schedule_move
        # checks again).
        {"cohort": cohort, "rows": rows, "video_rooms": video.configured()},
        status=400 if failed is not None else 200,
    )


@login_required
def tutoring_session(request, cohort_id: int, block_id: str):
    """A live session's video room for the cohort's tutors: joining as moderator, then
    who attended and the recordings."""
    cohort = tutoring.cohort_for_staff(user=request.user, cohort_id=cohort_id)
    if cohort is None:
        raise Http404
    panel = live_video.tutor_session_panel(cohort=cohort, block_id=block_id)
    if panel is None:
        raise Http404
    return render(request, "lms/tutoring_session.html", {"cohort": cohort, "video": panel})


@login_required
@require_http_methods(["GET", "POST"])
def submission_review(request, submission_id: int):
    submission = tutoring.submission_for(user=request.user, submission_id=submission_id)
    if submission is None:
        raise Http404
    if not tutoring.can_review(user=request.user, submission=submission):
        # The learner themself: their own work is on the lesson page.
        return redirect(submission.lesson.url)
    initial = {"feedback": submission.feedback, "grade": submission.grade}
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            learning_services.submission_review(
                reviewer=request.user,
                submission=submission,
                feedback=form.cleaned_data["feedback"],
                grade=form.cleaned_data["grade"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Feedback sent to the learner."))
            return redirect("lms:tutoring_cohort", cohort_id=submission.enrolment.cohort_id)
    activity = submission.lesson.specific.activity(submission.block_id)
    return render(
        request,
        "lms/submission_review.html",
        {
            "submission": submission,
            "assignment": activity[1] if activity else None,
            "form": form,
        },
    )
