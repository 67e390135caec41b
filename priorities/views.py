"""Pages of the priorities questionnaire (namespace "priorities")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lms.choices import Country
from lms.forms import add_service_errors
from priorities import forms, selectors, services
from priorities.models import MAX_CHOICES, OPEN_QUESTIONS

PER_PAGE = 25


def _questionnaire(request, pk):
    questionnaire = selectors.questionnaire_for(user=request.user, pk=pk)
    if questionnaire is None:
        raise Http404
    return questionnaire


def _ministry(request) -> str:
    country = selectors.ministry_of(request.user)
    if not country:
        raise Http404
    return country


def _secretariat(request) -> None:
    if not request.user.is_secretariat:
        raise Http404


@login_required
def index(request):
    user = request.user
    page = Paginator(selectors.questionnaires_for(user=user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    items = list(page)
    country = selectors.ministry_of(user)
    states = selectors.ministry_answers(questionnaires=items, country=country)
    return render(
        request,
        "priorities/index.html",
        {
            "questionnaires": [(item, states.get(item.pk)) for item in items],
            "page_obj": page,
            "country": country,
        },
    )


@login_required
def questionnaire(request, pk):
    item = _questionnaire(request, pk)
    user = request.user
    country = selectors.ministry_of(user)
    mine = selectors.answer_of(questionnaire=item, country=country)
    context = {
        "questionnaire": item,
        "country": country,
        "country_name": Country(country).label if country else "",
        "answer": mine,
        "texts": [(label, getattr(mine, name)) for name, label in OPEN_QUESTIONS] if mine else [],
        "can_see_results": selectors.can_see_results(user=user, questionnaire=item),
        "rate": selectors.response_rate(item),
    }
    if user.is_secretariat:
        context["states"] = selectors.answer_states(item)
        context["sending"] = selectors.sending_latest(item)
    return render(request, "priorities/questionnaire.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def answer(request, pk):
    item = _questionnaire(request, pk)
    country = _ministry(request)
    current = selectors.answer_of(questionnaire=item, country=country)
    refused = selectors.answering_refused(item)
    if refused:
        messages.error(request, refused)
        return redirect("priorities:questionnaire", pk=item.pk)
    if current is not None and current.is_submitted:
        return redirect("priorities:questionnaire", pk=item.pk)
    form = forms.AnswerForm(initial=forms.AnswerForm.initial_from(current))
    if request.method == "POST":
        form = forms.AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.answer_save(
                    actor=request.user,
                    questionnaire=item,
                    themes=form.themes(),
                    texts=form.texts(),
                    to_confirm=request.POST.get("action") == "submit",
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied as error:
                raise Http404 from error
            else:
                if request.POST.get("action") == "submit":
                    return redirect("priorities:submit", pk=item.pk)
                messages.success(
                    request,
                    _(
                        "Draft saved. You or another focal point of your ministry "
                        "can come back to it."
                    ),
                )
                return redirect("priorities:questionnaire", pk=item.pk)
    return render(
        request,
        "priorities/answer.html",
        {
            "questionnaire": item,
            "form": form,
            "country_name": Country(country).label,
            "max_choices": MAX_CHOICES,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, pk):
    """The confirmation before the ministry's answer is submitted."""
    item = _questionnaire(request, pk)
    country = _ministry(request)
    current = selectors.answer_of(questionnaire=item, country=country)
    if current is None:
        return redirect("priorities:answer", pk=item.pk)
    if request.method == "POST":
        try:
            services.answer_submit(
                actor=request.user, questionnaire=item, version=request.POST.get("version", "")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            if error.code == "changed":
                return redirect("priorities:submit", pk=item.pk)
            return redirect("priorities:questionnaire", pk=item.pk)
        except PermissionDenied as error:
            raise Http404 from error
        messages.success(request, _("Your ministry's answer is submitted. Thank you."))
        return redirect("priorities:questionnaire", pk=item.pk)
    if current.is_submitted:
        return redirect("priorities:questionnaire", pk=item.pk)
    return render(
        request,
        "priorities/submit.html",
        {
            "questionnaire": item,
            "answer": current,
            "version": services.answer_version(current),
            "country_name": Country(country).label,
            "texts": [(label, getattr(current, name)) for name, label in OPEN_QUESTIONS],
        },
    )


@login_required
@require_POST
def reopen(request, pk, country):
    item = _questionnaire(request, pk)
    _secretariat(request)
    current = selectors.answer_of(questionnaire=item, country=country)
    if current is None:
        raise Http404
    try:
        services.answer_reopen(actor=request.user, answer=current)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The answer of %(country)s is a draft again.")
            % {"country": current.get_country_display()},
        )
    return redirect("priorities:questionnaire", pk=item.pk)


def _results_or_404(request, pk):
    item = _questionnaire(request, pk)
    if not selectors.can_see_results(user=request.user, questionnaire=item):
        raise Http404
    return item


@login_required
def results(request, pk):
    item = _results_or_404(request, pk)
    ranked = selectors.ranked_themes(item)
    with_answers = selectors.can_see_answers(user=request.user, questionnaire=item)
    answers = selectors.submitted_answers(item) if with_answers else []
    return render(
        request,
        "priorities/results.html",
        {
            "questionnaire": item,
            "rate": selectors.response_rate(item),
            "ranked": ranked,
            "areas": selectors.ranked_areas(ranked),
            "open_answers": selectors.open_answers(answers),
            "with_answers": with_answers,
            "max_choices": MAX_CHOICES,
        },
    )


@login_required
def results_csv(request, pk):
    item = _results_or_404(request, pk)
    response = HttpResponse(
        selectors.results_csv(
            item, with_answers=selectors.can_see_answers(user=request.user, questionnaire=item)
        ),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="priorities-{item.pk}.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def send(request, pk):
    item = _questionnaire(request, pk)
    _secretariat(request)
    form = forms.SendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sending = services.sending_start(
                actor=request.user, questionnaire=item, token=form.cleaned_data["token"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("priorities:questionnaire", pk=item.pk)
        return redirect("priorities:sending", pk=item.pk, sending_id=sending.pk)
    return render(
        request,
        "priorities/send.html",
        {
            "questionnaire": item,
            "form": forms.SendForm(),
            "people": selectors.focal_points().count(),
            "ministries": len(selectors.countries_with_focal_points()),
            "sending": selectors.sending_latest(item),
        },
    )


def _sending(request, pk, sending_id):
    item = _questionnaire(request, pk)
    sending = selectors.sending_for(user=request.user, questionnaire=item, pk=sending_id)
    if sending is None:
        raise Http404
    return item, sending


@login_required
def sending(request, pk, sending_id):
    item, job = _sending(request, pk, sending_id)
    return render(
        request,
        "priorities/sending.html",
        {
            "questionnaire": item,
            "sending": job,
            "summary": selectors.sending_summary(job),
            "counts": selectors.sending_counts(job),
        },
    )


@login_required
def sending_progress(request, pk, sending_id):
    _item, job = _sending(request, pk, sending_id)
    return JsonResponse(selectors.sending_progress(job))
