"""Pages of the performance report: the full report, its CSV and PDF, the foreword,
publishing, and the public summary."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.forms import add_service_errors
from reports import pdf, selectors, services
from reports.forms import ForewordForm
from workplan import selectors as workplan


def _plan(request, pk):
    """The plan and its report record, for the report's readers (404 for the others,
    as for a plan that does not exist)."""
    plan = workplan.plan_for(user=request.user, pk=pk)
    if plan is None or not selectors.can_read(request.user, plan):
        raise Http404
    return plan, selectors.report_of(plan)


def _figures(report) -> dict:
    chart = selectors.chart_rows(report.lines)
    return {
        "report": report,
        "chart": chart,
        "chart_height": max(len(chart), 1) * selectors.CHART_ROW_HEIGHT,
        "min_said_sex": selectors.MIN_SAID_SEX,
        "min_in_a_cell": selectors.MIN_IN_A_CELL,
    }


def _require_secretariat(user):
    if not selectors.can_edit(user):
        raise PermissionDenied(_("Only the Technical Secretariat edits performance reports."))


@login_required
def report(request, pk):
    plan, record = _plan(request, pk)
    return render(
        request,
        "reports/report.html",
        {
            "plan": plan,
            **_figures(selectors.report_for(user=request.user, plan=plan, record=record)),
            "foreword": record.foreword_in(request.LANGUAGE_CODE) if record else None,
            "is_public": selectors.summary_is_public(plan, record),
            "can_edit": selectors.can_edit(request.user),
            "languages": settings.LANGUAGES,
            "history": selectors.history(record),
        },
    )


@login_required
def report_csv(request, pk):
    plan, record = _plan(request, pk)
    report = selectors.report_for(user=request.user, plan=plan, record=record)
    response = HttpResponse(
        services.report_csv(report=report), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="performance-report-{plan.period}.csv"'
    return response


@login_required
def report_pdf(request, pk, language):
    if language not in dict(settings.LANGUAGES):
        raise Http404
    plan, record = _plan(request, pk)
    with translation.override(language):
        report = selectors.report_for(user=request.user, plan=plan, record=record)
        content = pdf.report_pdf(report=report, language=language)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="performance-report-{plan.period}-{language}.pdf"'
    )
    return response


@login_required
def foreword(request, pk):
    plan, record = _plan(request, pk)
    _require_secretariat(request.user)
    form = ForewordForm(request.POST or None, report=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_forewords_set(actor=request.user, plan=plan, texts=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The foreword is saved."))
            return redirect("reports:report", pk=plan.pk)
    return render(request, "reports/foreword.html", {"plan": plan, "form": form})


@login_required
@require_POST
def publish(request, pk):
    plan, _record = _plan(request, pk)
    _require_secretariat(request.user)
    try:
        if request.POST.get("public") == "1":
            services.report_publish(actor=request.user, plan=plan)
            messages.success(request, _("The summary is public: anyone can read it."))
        else:
            services.report_withdraw(actor=request.user, plan=plan)
            messages.success(request, _("The summary is no longer public."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("reports:report", pk=plan.pk)


def summary(request, pk):
    plan = workplan.plan_for(user=request.user, pk=pk)
    record = selectors.report_of(plan) if plan is not None else None
    if plan is None or not selectors.can_read_summary(request.user, plan, record):
        raise Http404
    # Figures as a visitor would see them, whoever reads: the summary is one page
    # for everybody, and the full report is where a reader sees more.
    return render(
        request,
        "reports/summary.html",
        {
            "plan": plan,
            **_figures(selectors.report_for(user=AnonymousUser(), plan=plan, record=record)),
            "foreword": record.foreword_in(request.LANGUAGE_CODE) if record else None,
            "is_public": selectors.summary_is_public(plan, record),
            "can_read": selectors.can_read(request.user, plan),
        },
    )
