"""The Technical Secretariat's side: calls, applications, cohorts, groups, reports."""

import csv
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from courses.models import CoursePage, ModulePage
from lms.forms import (
    CallForm,
    CsvImportForm,
    GroupForm,
    ReportLearnerFilterForm,
    add_service_errors,
    new_token,
)
from lms.models import (
    Application,
    CertificateArchive,
    Cohort,
    CohortGroup,
    Enrolment,
    EnrolmentCall,
    ImportJob,
)
from lms.selectors import certificates as certificate_selectors
from lms.selectors import reports
from lms.selectors.jobs import import_jobs_recent
from lms.selectors.tutoring import cohort_with_groups, tutors_available
from lms.services import certificates as certificate_services
from lms.services import cohorts as cohort_services
from lms.services import enrolment as enrolment_services
from lms.services import learning as learning_services
from lms.services.enrolment_import import enrolments_import_csv

PAGE_SIZE = 50


def secretariat_required(view):
    @functools.wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not request.user.is_secretariat:
            raise PermissionDenied(_("This page is for the Technical Secretariat."))
        return view(request, *args, **kwargs)

    return wrapped


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@secretariat_required
@require_POST
def open_track_offer(request, course_id: int):
    """Offer a course as an open, self-paced track (from the course's page)."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    enrolment_services.open_track_create(actor=request.user, course=course)
    messages.success(request, _("The course is now offered as an open, self-paced track."))
    return redirect(course.url or "lms:manage")


@secretariat_required
def manage_index(request):
    calls = EnrolmentCall.objects.select_related("course__locale", "cohort").order_by("-opens_at")
    cohorts = Cohort.objects.select_related("course__locale").order_by("-starts_on")
    return render(
        request,
        "lms/manage/index.html",
        {
            "calls": Paginator(calls, PAGE_SIZE).get_page(request.GET.get("calls")),
            "cohorts": Paginator(cohorts, PAGE_SIZE).get_page(request.GET.get("cohorts")),
        },
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def call_create(request):
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            call = cohort_services.call_create(
                actor=request.user,
                course=data["course"],
                title=data["title"],
                description=data["description"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                seats=data["seats"],
                starts_on=data["starts_on"],
                time_zone=data["time_zone"],
                eligibility=data["eligibility"],
                countries=data["countries"],
                institutions=data["institutions"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The call and its cohort have been created."))
            return redirect("lms:manage_call", call_id=call.pk)
    return render(request, "lms/manage/call_form.html", {"form": form})


@secretariat_required
@require_http_methods(["GET", "POST"])
def call_detail(request, call_id: int):
    call = get_object_or_404(
        EnrolmentCall.objects.select_related("course__locale", "cohort"), pk=call_id
    )
    if request.method == "POST":
        ids = [int(value) for value in request.POST.getlist("application") if value.isdigit()]
        accept = request.POST.get("decision") == "accept"
        try:
            result = enrolment_services.applications_decide(
                actor=request.user, call=call, application_ids=ids, accept=accept
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if accept:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s application accepted and enrolled.",
                        "%(count)s applications accepted and enrolled.",
                        result.accepted,
                    )
                    % {"count": result.accepted},
                )
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s application not accepted.",
                        "%(count)s applications not accepted.",
                        result.rejected,
                    )
                    % {"count": result.rejected},
                )
            if result.unchanged:
                messages.info(
                    request,
                    ngettext(
                        "%(count)s had already been decided and was left as it was.",
                        "%(count)s had already been decided and were left as they were.",
                        result.unchanged,
                    )
                    % {"count": result.unchanged},
                )
        return redirect(request.get_full_path())
    status = request.GET.get("status", "")
    applications = call.applications.select_related("user__profile").order_by("created_at")
    if status in Application.Status.values:
        applications = applications.filter(status=status)
    cohort = getattr(call, "cohort", None)
    taken = (
        Enrolment.objects.filter(cohort=cohort).exclude(status=Enrolment.Status.WITHDRAWN).count()
        if cohort
        else 0
    )
    return render(
        request,
        "lms/manage/call_detail.html",
        {
            "call": call,
            "cohort": cohort,
            "applications": Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page")),
            "status": status,
            "status_query": f"status={status}" if status else "",
            "statuses": Application.Status.choices,
            "seats_left": call.seats - taken,
        },
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def cohort_detail(request, cohort_id: int):
    cohort = get_object_or_404(
        Cohort.objects.select_related("course__locale", "call"), pk=cohort_id
    )
    group_form = GroupForm(request.POST if request.POST.get("action") == "group" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "group" and group_form.is_valid():
                cohort_services.group_create(
                    actor=request.user,
                    cohort=cohort,
                    name=group_form.cleaned_data["name"],
                    tutor=group_form.cleaned_data["tutor"],
                )
                messages.success(request, _("Group created."))
                return redirect("lms:manage_cohort", cohort_id=cohort.pk)
            if action == "tutor":
                group = get_object_or_404(
                    CohortGroup, pk=_int_or_none(request.POST.get("group")), cohort=cohort
                )
                tutor_id = _int_or_none(request.POST.get("tutor"))
                tutor = tutors_available().filter(pk=tutor_id).first() if tutor_id else None
                cohort_services.group_set_tutor(actor=request.user, group=group, tutor=tutor)
                messages.success(request, _("Tutor changed."))
                return redirect("lms:manage_cohort", cohort_id=cohort.pk)
            if action == "move":
                enrolment = get_object_or_404(
                    Enrolment, pk=_int_or_none(request.POST.get("enrolment")), cohort=cohort
                )
                group_id = _int_or_none(request.POST.get("group"))
                group = (
                    CohortGroup.objects.filter(pk=group_id, cohort=cohort).first()
                    if group_id
                    else None
                )
                cohort_services.enrolment_move(actor=request.user, enrolment=enrolment, group=group)
                messages.success(request, _("Learner moved."))
                return redirect("lms:manage_cohort", cohort_id=cohort.pk)
            if action == "open_module":
                module = get_object_or_404(ModulePage, pk=_int_or_none(request.POST.get("module")))
                learning_services.module_open_early(
                    actor=request.user, cohort=cohort, module=module
                )
                messages.success(
                    request, _("“%(module)s” is open for this cohort.") % {"module": module.title}
                )
                return redirect("lms:manage_cohort", cohort_id=cohort.pk)
        except ValidationError as error:
            if action == "group":
                add_service_errors(group_form, error)
            else:
                messages.error(request, " ".join(error.messages))
    return render(
        request,
        "lms/manage/cohort_detail.html",
        {
            "cohort": cohort,
            "groups": cohort_with_groups(cohort=cohort),
            "group_form": group_form,
            "tutors": tutors_available(),
            "enrolments": Paginator(
                cohort.enrolments.select_related("user__profile", "group").order_by(
                    "user__full_name", "pk"
                ),
                PAGE_SIZE,
            ).get_page(request.GET.get("page")),
            "modules": reports.cohort_modules(cohort=cohort),
            "certificate_archive": certificate_selectors.certificate_archive_latest(
                cohort_id=cohort.pk
            ),
            "archive_token": new_token(),
        },
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def cohort_import(request, cohort_id: int):
    cohort = get_object_or_404(Cohort.objects.select_related("course__locale"), pk=cohort_id)
    form = CsvImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        # Every line is checked here; the enrolling and the emails go to the worker.
        result = enrolments_import_csv(
            actor=request.user,
            cohort=cohort,
            text=form.cleaned_data["text"],
            token=form.cleaned_data["token"],
        )
        if result.ok:
            return redirect("lms:import_job", job_id=result.job.pk)
    return render(
        request,
        "lms/manage/cohort_import.html",
        {
            "cohort": cohort,
            "form": form,
            "result": result,
            "recent": import_jobs_recent(
                user=request.user, kind=ImportJob.Kind.ENROLMENT, target_id=cohort.pk
            ),
        },
    )


@secretariat_required
def cohort_report(request, cohort_id: int):
    cohort = get_object_or_404(Cohort.objects.select_related("course__locale"), pk=cohort_id)
    groups = list(cohort.groups.order_by("name"))
    form = ReportLearnerFilterForm(request.GET or None, groups=groups)
    data = form.cleaned_data if form.is_valid() else {}
    learners = reports.cohort_report_learners(
        cohort=cohort,
        search=(data.get("q") or "").strip(),
        group_id=data.get("group"),
        status=data.get("status") or "",
        page=request.GET.get("page") or 1,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "lms/manage/cohort_report.html",
        {
            "cohort": cohort,
            "report": reports.cohort_report(cohort=cohort),
            "form": form,
            "learners": learners,
            "query": query.urlencode(),
            "filtered": any(data.get(name) for name in ("q", "group", "status")),
        },
    )


@secretariat_required
@never_cache  # people's results: kept by no cache at all
def cohort_report_csv(request, cohort_id: int, table: str):
    cohort = get_object_or_404(Cohort.objects.select_related("course__locale"), pk=cohort_id)
    tables = reports.cohort_report_tables(cohort=cohort)
    if table not in tables:
        return HttpResponse(status=404)
    header, rows = tables[table]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-{cohort.pk}-{table}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([reports.csv_safe(value) for value in row])
    return response


@secretariat_required
@require_http_methods(["GET", "HEAD", "POST"])
def cohort_certificates(request, cohort_id: int):
    """Start the zip of the cohort's certificates (from the cohort's page): the
    worker writes it and its page follows it. A GET (an old link to the zip)
    leads to the cohort's certificates section, where the zip is asked for."""
    cohort = get_object_or_404(Cohort, pk=cohort_id)
    if request.method != "POST":
        return redirect(reverse("lms:manage_cohort", args=[cohort.pk]) + "#certificates")
    archive = certificate_services.certificate_archive_start(
        actor=request.user, cohort=cohort, token=request.POST.get("token")
    )
    return redirect("lms:manage_certificate_archive", cohort_id=cohort.pk, archive_id=archive.pk)


def _archive(cohort_id: int, archive_id: int) -> CertificateArchive:
    return get_object_or_404(
        CertificateArchive.objects.select_related("cohort", "requested_by"),
        pk=archive_id,
        cohort_id=cohort_id,
    )


@secretariat_required
@require_safe
@never_cache
def certificate_archive(request, cohort_id: int, archive_id: int):
    archive = _archive(cohort_id, archive_id)
    return render(
        request,
        "lms/manage/certificate_archive.html",
        {
            "archive": archive,
            "cohort": archive.cohort,
            "summary": certificate_selectors.certificate_archive_summary(archive),
            "counts": certificate_selectors.certificate_archive_counts(archive),
        },
    )


@secretariat_required
@require_safe
@never_cache
def certificate_archive_progress(request, cohort_id: int, archive_id: int):
    archive = _archive(cohort_id, archive_id)
    return JsonResponse(certificate_selectors.certificate_archive_progress(archive))


@secretariat_required
@require_safe
@never_cache  # people's certificates: kept by no cache at all
def certificate_archive_download(request, cohort_id: int, archive_id: int):
    archive = _archive(cohort_id, archive_id)
    if not archive.is_ready:
        raise Http404
    response = FileResponse(
        archive.file.open("rb"),
        as_attachment=True,
        filename=archive.download_name,
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
