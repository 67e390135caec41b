"""The progress of an import running in the background: a page and its JSON."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from lms.models import ImportJob
from lms.selectors import jobs as selectors


def _job(request, job_id: int) -> ImportJob:
    job = selectors.import_job_for(user=request.user, job_id=job_id)
    if job is None:
        raise Http404  # the same answer for missing and for someone else's
    return job


@login_required
@require_safe
@never_cache
def import_job(request, job_id: int):
    job = _job(request, job_id)
    return render(
        request,
        "lms/import_job.html",
        {
            "job": job,
            "summary": selectors.import_job_summary(job),
            "errors": selectors.import_job_errors(job),
            "back_url": selectors.import_job_link(job, "back"),
            "again_url": selectors.import_job_link(job, "again"),
            "is_members": job.kind == ImportJob.Kind.MEMBERS,
        },
    )


@login_required
@require_safe
@never_cache
def import_job_progress(request, job_id: int):
    job = _job(request, job_id)
    try:
        since = int(request.GET.get("since", 0))
    except ValueError:
        since = 0
    return JsonResponse(selectors.import_job_progress(job, since))
