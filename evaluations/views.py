"""The evaluation form of an event or a cooperation activity, its results, and the
secretariat's list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cooperation import selectors as cooperation
from evaluations import selectors, services
from evaluations.forms import EvaluationForm
from events import selectors as events
from lms.forms import add_service_errors


def _answer(request, subject, title, back):
    """The form for one subject: shown to its participants; answered once."""
    if not selectors.may_answer(user=request.user, subject=subject):
        raise Http404  # the same answer as for something that does not exist
    evaluation = selectors.evaluation_of(subject)
    answered = selectors.has_answered(user=request.user, evaluation=evaluation)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and not answered and form.is_valid():
        try:
            services.evaluation_answer(user=request.user, subject=subject, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Thank you: your evaluation is recorded, without your name.")
            )
            return redirect(back)
    return render(
        request,
        "evaluations/answer.html",
        {
            "title": title,
            "back": back,
            "evaluation": evaluation,
            "is_open": evaluation.is_open(),
            "answered": answered,
            "form": form,
        },
    )


@login_required
def event(request, slug):
    item = events.event(slug=slug, user=request.user)
    if item is None:
        raise Http404
    return _answer(request, item, item.title, reverse("events:event", kwargs={"slug": item.slug}))


@login_required
def proposal(request, pk):
    item = cooperation.proposal_for(user=request.user, pk=pk)
    if item is None:
        raise Http404
    return _answer(
        request, item, item.topic, reverse("cooperation:proposal", kwargs={"pk": item.pk})
    )


def _require_secretariat(user):
    if not selectors.can_read_results(user):
        raise PermissionDenied(_("Only the Technical Secretariat reads evaluations' results."))


@login_required
def index(request):
    _require_secretariat(request.user)
    return render(
        request,
        "evaluations/index.html",
        {"evaluations": selectors.evaluations_page(page=request.GET.get("page"))},
    )


@login_required
def results(request, pk):
    _require_secretariat(request.user)
    evaluation = selectors.evaluation_for(user=request.user, pk=pk)
    if evaluation is None:
        raise Http404
    return render(
        request,
        "evaluations/results.html",
        {
            "evaluation": evaluation,
            "results": selectors.results(evaluation=evaluation),
            "min_respondents": selectors.MIN_RESPONDENTS_FOR_TEXT,
        },
    )
