"""The funding directory's pages: thin, over funding/selectors.py and funding/services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from funding import forms, selectors, services
from lms.forms import add_service_errors


def index(request):
    form = forms.CallFilterForm(request.GET or None)
    form.is_valid()  # the valid filters apply even if another one is not
    data = getattr(form, "cleaned_data", {})
    calls = selectors.open_calls(
        q=data.get("q", ""),
        theme=data.get("theme"),
        country=data.get("country", ""),
        kind=data.get("kind", ""),
        within_days=data.get("within"),
    )
    page = Paginator(calls, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    user = request.user
    follow_form = None
    if user.is_authenticated:
        follow_form = forms.FollowForm(
            initial={"themes": sorted(selectors.followed_theme_ids(user=user))}
        )
    return render(
        request,
        "funding/index.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": any(value not in (None, "") for value in data.values()),
            "funders": list(selectors.funders(theme=data.get("theme"), kind=data.get("kind", ""))),
            "follow_form": follow_form,
            "may_suggest": selectors.may_suggest(user=user),
            "may_review": selectors.may_review(user=user),
        },
    )


@login_required
@require_POST
def follow(request):
    form = forms.FollowForm(request.POST)
    if form.is_valid():
        services.follows_set(user=request.user, themes=form.cleaned_data["themes"])
        messages.success(request, _("The themes you follow are saved."))
    else:
        messages.error(request, " ".join(form.errors.get("themes", [])))
    return redirect("funding:index")


def funder(request, slug):
    item = selectors.funder_for(user=request.user, slug=slug)
    if item is None:
        raise Http404
    return render(
        request,
        "funding/funder.html",
        {"funder": item, "calls": list(selectors.open_calls(funder=item))},
    )


def call(request, pk):
    item = selectors.call_for(user=request.user, pk=pk)
    if item is None:
        raise Http404
    return render(request, "funding/call.html", {"call": item})


def _suggest(request, form_class, suggest, heading, **form_kwargs):
    if not selectors.may_suggest(user=request.user):
        raise PermissionDenied
    form = form_class(**form_kwargs)
    if request.method == "POST":
        form = form_class(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                suggest(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Thank you: the Technical Secretariat will review your suggestion.")
                )
                return redirect("funding:index")
    return render(request, "funding/suggest.html", {"form": form, "heading": heading})


@login_required
def suggest_funder(request):
    return _suggest(
        request, forms.FunderSuggestForm, services.funder_suggest, _("Suggest a funder")
    )


@login_required
def suggest_call(request):
    return _suggest(
        request,
        forms.CallSuggestForm,
        services.call_suggest,
        _("Suggest a call"),
        funders=selectors.suggestible_funders(),
    )


@login_required
def review(request):
    if not selectors.may_review(user=request.user):
        raise PermissionDenied
    funders, calls = selectors.suggestions(user=request.user)
    return render(request, "funding/review.html", {"funders": funders, "calls": calls})


@login_required
@require_POST
def decide(request, what, pk):
    if not selectors.may_review(user=request.user):
        raise PermissionDenied
    item = selectors.suggestion_for(user=request.user, what=what, pk=pk)
    if item is None:
        raise Http404
    decide_one = services.funder_decide if what == "funder" else services.call_decide
    publish = request.POST.get("decision") == "publish"
    try:
        decide_one(actor=request.user, **{what: item}, publish=publish)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("funding:review")
