"""The documentation centre, the repositories, and members' suggestions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from library import forms, selectors, services
from library.models import Publication, Repository
from lms.forms import add_service_errors


def documents(request):
    form = forms.DocumentSearchForm(request.GET or None)
    form.is_valid()  # the valid filters apply even if another one is not
    data = getattr(form, "cleaned_data", {})
    items = selectors.publications(
        q=data.get("q", ""),
        kind=data.get("kind", ""),
        theme=data.get("theme"),
        language=data.get("language", ""),
    )
    page = Paginator(items, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "library/documents.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": any(data.values()) if data else False,
            "repositories": list(selectors.repositories()),
        },
    )


@login_required
def suggest(request):
    form = forms.SuggestForm()
    if request.method == "POST":
        form = forms.SuggestForm(request.POST)
        if form.is_valid():
            try:
                services.publication_suggest(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Thank you: the Technical Secretariat will review your suggestion.")
                )
                return redirect("library:documents")
    return render(request, "library/suggest.html", {"form": form})


@login_required
def suggestions(request):
    if not request.user.is_secretariat:
        raise PermissionDenied
    return render(request, "library/suggestions.html", {"items": list(selectors.suggestions())})


@login_required
@require_POST
def suggestion_decide(request, pk):
    publication = get_object_or_404(Publication, pk=pk)
    try:
        services.publication_decide(
            actor=request.user,
            publication=publication,
            publish=request.POST.get("decision") == "publish",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("library:document_suggestions")


def repository(request, slug):
    item = get_object_or_404(Repository, slug=slug)
    form = forms.InstrumentFilterForm(
        request.GET or None, countries=selectors.countries_in(repository=item)
    )
    data = form.cleaned_data if form.is_valid() else {}
    page = Paginator(
        selectors.instruments(
            repository=item, country=data.get("country", ""), kind=data.get("kind", "")
        ),
        30,
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "library/repository.html",
        {"repository": item, "form": form, "page": page, "query": query.urlencode()},
    )
