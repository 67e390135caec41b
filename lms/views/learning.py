"""The learner's side: dashboard, applying, lesson activities, notifications, certificates."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import hooks

from courses.models import CoursePage, LessonPage
from lms.forms import ApplicationForm, AssignmentForm, add_service_errors, draft_key
from lms.models import Application, EnrolmentCall, Profile
from lms.notification_kinds import Channel, KindGroup
from lms.selectors import dashboards
from lms.selectors.certificates import certificate_for, certificate_public
from lms.selectors.notifications import notifications_page, preferences_of, push_devices
from lms.selectors.tutoring import submission_for
from lms.services import enrolment as enrolment_services
from lms.services import learning as learning_services
from lms.services import notifications as notification_services
from lms.services.certificates import (
    certificate_filename,
    certificate_languages_set,
    certificate_pdf,
)
from lms.services.push import push_configured


def _errors(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def _lesson(lesson_id: int) -> LessonPage:
    lesson = LessonPage.objects.live().filter(pk=lesson_id).specific().first()
    if lesson is None:
        raise Http404
    return lesson


def _token(request) -> uuid.UUID:
    try:
        return uuid.UUID(request.POST.get("token", ""))
    except ValueError as error:
        raise ValidationError(_("The form has expired: reload the page and try again.")) from error


@login_required
def dashboard(request):
    user = request.user
    return render(
        request,
        "lms/dashboard.html",
        {
            "courses": dashboards.learner_courses(user=user),
            "applications": dashboards.learner_applications(user=user),
            "notifications": dashboards.unread_notifications(user=user),
            "open_calls": dashboards.learner_open_calls(user=user),
            # What other apps ask of the person (a questionnaire to answer...):
            # each ``rial_dashboard_notices`` hook returns [{"text", "url", "link"}].
            "notices": [
                notice
                for hook in hooks.get_hooks("rial_dashboard_notices")
                for notice in hook(user)
            ],
        },
    )


@login_required
@require_POST
def open_track_enrol(request, course_id: int):
    """Start the course's open, self-paced track: enrolled at once, at its first lesson."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        enrolment_services.open_track_enrol(user=request.user, course=course)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(course.url or "lms:dashboard")
    messages.success(
        request,
        _("You are enrolled in the open track: every module is open, go at your own pace."),
    )
    first = LessonPage.objects.descendant_of(course).live().order_by("path").first()
    return redirect(first.url if first and first.url else "lms:dashboard")


@login_required
@require_http_methods(["GET", "POST"])
def call_apply(request, call_id: int):
    call = get_object_or_404(
        EnrolmentCall.objects.select_related("course__locale", "cohort"), pk=call_id
    )
    profile = Profile.objects.filter(user=request.user).first()
    existing = Application.objects.filter(call=call, user=request.user).first()
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment_services.application_create(
                user=request.user, call=call, motivation=form.cleaned_data["motivation"]
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your application has been sent. We will write to you when it is decided."),
            )
            return redirect("lms:dashboard")
    return render(
        request,
        "lms/call_apply.html",
        {
            "call": call,
            "form": form,
            "existing": existing,
            "eligible": call.admits(profile),
            "profile": profile,
        },
    )


@login_required
@require_POST
def application_withdraw(request, application_id: int):
    application = get_object_or_404(Application, pk=application_id, user=request.user)
    try:
        enrolment_services.application_withdraw(user=request.user, application=application)
    except ValidationError as error:
        messages.error(request, " ".join(_errors(error)))
    else:
        messages.success(request, _("Your application has been withdrawn."))
    return redirect("lms:dashboard")


@login_required
@require_POST
def lesson_done(request, lesson_id: int):
    lesson = _lesson(lesson_id)
    done = request.POST.get("done", "1") == "1"
    try:
        learning_services.lesson_complete(user=request.user, lesson=lesson, done=done)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(lesson.url)
    if done:
        messages.success(request, _("Lesson marked as done."))
        following = request.POST.get("next")
        if following == "next":
            next_lesson = _next_lesson(lesson)
            if next_lesson is not None:
                return redirect(next_lesson.url)
    return redirect(lesson.url)


def _next_lesson(lesson: LessonPage):
    from courses.serving import cached_course_outline

    flat = [item for _module, items in cached_course_outline(lesson.course) for item in items]
    ids = [item.pk for item in flat]
    if lesson.pk in ids and ids.index(lesson.pk) + 1 < len(flat):
        return flat[ids.index(lesson.pk) + 1]
    return None


@login_required
@require_POST
def quiz_submit(request, lesson_id: int, block_id: str):
    lesson = _lesson(lesson_id)
    anchor = f"{lesson.url}#activity-{block_id}"
    found = lesson.activity(block_id)
    if found is None or found[0] != "quiz":
        raise Http404
    answers = {}
    for index, _question in enumerate(found[1]["questions"]):
        chosen = request.POST.getlist(f"q{index}")
        if chosen:
            answers[index] = chosen
    request.session.pop(draft_key(lesson.pk, block_id), None)
    try:
        result = learning_services.quiz_attempt_submit(
            user=request.user,
            lesson=lesson,
            block_id=block_id,
            answers=answers,
            token=_token(request),
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        # Keep the answers already chosen: the form shows them again.
        request.session[draft_key(lesson.pk, block_id)] = {
            str(index): chosen for index, chosen in answers.items()
        }
        messages.error(request, " ".join(_errors(error)))
    else:
        attempt = result.attempt
        messages.success(
            request,
            _("Attempt %(number)s: %(correct)s of %(total)s correct (%(score)s%%).")
            % {
                "number": attempt.number,
                "correct": attempt.correct,
                "total": attempt.questions,
                "score": f"{attempt.score:.0f}",
            },
        )
    return redirect(anchor)


@login_required
@require_POST
def assignment_submit(request, lesson_id: int, block_id: str):
    lesson = _lesson(lesson_id)
    anchor = f"{lesson.url}#activity-{block_id}"
    found = lesson.activity(block_id)
    if found is None or found[0] != "assignment":
        raise Http404
    text = request.POST.get("text", "")
    try:
        _submission, created = learning_services.submission_create(
            user=request.user,
            lesson=lesson,
            block_id=block_id,
            text=text,
            upload=request.FILES.get("file"),
            token=_token(request),
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        # Back to the assignment's box, where the errors stand next to their
        # fields and what the person wrote is in the text box again (kept once,
        # for this redirect: see the assignment_form tag). The address goes to
        # the error summary, which the browser focuses and screen readers announce.
        form = AssignmentForm.refused(
            text=text,
            error=error,
            block_id=block_id,
            accepts=found[1].get("accepts") or "text_or_file",
        )
        request.session[draft_key(lesson.pk, block_id)] = form.kept()
        return redirect(f"{lesson.url}#{form.summary_id}")
    else:
        request.session.pop(draft_key(lesson.pk, block_id), None)
        if created:
            messages.success(request, _("Your work has been sent to your tutor."))
        else:
            messages.info(request, _("This work had already been sent; nothing was sent twice."))
    return redirect(anchor)


@login_required
@require_POST
def survey_submit(request, lesson_id: int, block_id: str):
    lesson = _lesson(lesson_id)
    anchor = f"{lesson.url}#activity-{block_id}"
    found = lesson.activity(block_id)
    if found is None or found[0] != "survey":
        raise Http404
    answers = {
        index: request.POST.get(f"s{index}", "") for index, _q in enumerate(found[1]["questions"])
    }
    try:
        _completion, created = learning_services.survey_submit(
            user=request.user, lesson=lesson, block_id=block_id, answers=answers
        )
    except PermissionDenied as error:
        messages.error(request, str(error))
    except ValidationError as error:
        request.session[draft_key(lesson.pk, block_id)] = [
            answers[index] for index in range(len(answers))
        ]
        messages.error(request, " ".join(_errors(error)))
    else:
        request.session.pop(draft_key(lesson.pk, block_id), None)
        if created:
            messages.success(request, _("Thank you: your answers have been recorded anonymously."))
        else:
            messages.info(request, _("You had already answered this survey."))
    return redirect(anchor)


@login_required
def submission_file(request, submission_id: int):
    submission = submission_for(user=request.user, submission_id=submission_id)
    if submission is None or not submission.file:
        raise Http404
    response = FileResponse(
        submission.file.open("rb"), as_attachment=True, filename=submission.file_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    """The notification centre: a page of notifications, filtered by kind group.

    A POST marks the given ones read (``id``), or all of them; the person comes
    back to the same filter and page.
    """
    source = request.POST if request.method == "POST" else request.GET
    group = source.get("kind", "")
    group = group if group in KindGroup.values else ""
    if request.method == "POST":
        ids = request.POST.getlist("id")
        notification_services.notifications_mark_read(
            user=request.user, ids=[int(i) for i in ids if i.isdigit()] if ids else None
        )
        back = {"kind": group} if group else {}
        page_number = request.POST.get("page", "")
        if page_number.isdigit() and page_number != "1":
            back["page"] = page_number
        return redirect(reverse("lms:notifications") + (f"?{urlencode(back)}" if back else ""))
    page = notifications_page(user=request.user, group=group, page=request.GET.get("page"))
    return render(
        request,
        "lms/notifications.html",
        {
            "page": page,
            "items": page.object_list,
            "group": group,
            "groups": KindGroup.choices,
            "query": urlencode({"kind": group}) if group else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    """Per kind group and channel: in the campus (always), email, push."""
    if request.method == "POST":
        notification_services.notification_preferences_set(
            user=request.user,
            enabled={
                (group, channel): f"{group}:{channel}" in request.POST
                for group in KindGroup.values
                for channel in (Channel.EMAIL, Channel.PUSH)
            },
        )
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("lms:notification_preferences")
    chosen = preferences_of(user=request.user)
    rows = [
        {
            "group": group,
            "label": label,
            "channels": [
                {
                    "channel": channel,
                    "label": channel_label,
                    "on": chosen[(group, channel)],
                    "fixed": channel == Channel.CAMPUS,
                }
                for channel, channel_label in Channel.choices
            ],
        }
        for group, label in KindGroup.choices
    ]
    return render(
        request,
        "lms/notification_preferences.html",
        {
            "rows": rows,
            "delay": settings.NOTIFICATION_EMAIL_DELAY_MINUTES,
            "push_configured": push_configured(),
            "push_key": settings.WEB_PUSH_VAPID_PUBLIC_KEY,
            "devices": push_devices(user=request.user),
        },
    )


@csrf_exempt  # the token is the credential; mail clients' one-click POST (RFC 8058) has no cookie
@require_http_methods(["GET", "POST"])
def notification_unsubscribe(request, token: str):
    """From an email, no sign-in needed: a GET shows one button and changes nothing
    (mail scanners open links), a POST (the button, or the mail client's one-click
    ``List-Unsubscribe=One-Click``) turns email off for the link's groups."""
    try:
        if request.method == "POST":
            _user, groups = notification_services.notification_unsubscribe(token=token)
        else:
            _user, groups = notification_services.notification_unsubscribe_groups(token=token)
    except ValidationError:
        return render(request, "lms/notification_unsubscribe.html", {"invalid": True}, status=400)
    labels = dict(KindGroup.choices)
    return render(
        request,
        "lms/notification_unsubscribe.html",
        {
            "groups": [labels[group] for group in groups],
            "token": token,
            "done": request.method == "POST",
        },
    )


def _own_certificate(request, code: str):
    """The certificate its holder (or the secretariat) acts on; 404 for anyone else."""
    certificate = certificate_for(user=request.user, code=code)
    if certificate is None:
        raise Http404
    return certificate


@login_required
@never_cache
def certificate_download(request, code: str):
    certificate = _own_certificate(request, code)
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(certificate)}"'
    return response


@login_required
@require_POST
def certificate_languages(request, code: str):
    certificate = _own_certificate(request, code)
    first, _dash, second = request.POST.get("languages", "").partition("-")
    try:
        certificate_languages_set(
            actor=request.user, certificate=certificate, languages=(first, second)
        )
    except ValidationError:
        return HttpResponseBadRequest()  # the form offers valid pairs only
    messages.success(request, _("Your certificate will be printed in the languages you chose."))
    return redirect("lms:dashboard")


def certificate_verify(request, code: str = ""):
    code = (code or request.GET.get("code", "")).strip().upper()
    if len(code) > 30:
        return HttpResponseBadRequest()
    certificate = certificate_public(code=code) if code else None
    status = 200 if certificate or not code else 404
    return render(
        request,
        "lms/certificate_verify.html",
        {"code": code, "certificate": certificate},
        status=status,
    )
