"""Pages of the portfolio of programmes: search, the Table, a programme, the
submission form, the review, translations, interest and supply and demand."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.choices import Role
from lms.forms import add_service_errors
from lms.markup import render_markdown
from lms.selectors.people import person_country
from needs import selectors as needs
from portfolio import forms, selectors, services
from portfolio.models import Programme


def portfolio(request):
    """The search engine: words and filters in the query string, so URLs can be shared."""
    form = forms.SearchForm(request.GET or None)
    # The valid filters apply even when another one is not (a stale theme id...).
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    filters = selectors.Filters(
        q=data.get("q", ""),
        country=data.get("country", ""),
        category=data.get("category", ""),
        area=data.get("area"),
        theme=data.get("theme"),
        target=data.get("target", ""),
        language=data.get("language", ""),
        owner=data.get("owner", ""),
        record_type=data.get("record_type", ""),
    )
    page = Paginator(selectors.listing(filters), selectors.PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portfolio/index.html",
        {
            "form": form,
            "page": page,
            "programmes": [(p, p.in_language()) for p in page],
            "query": query.urlencode(),
            "filtered": filters.active(),
        },
    )


def table(request):
    rows = selectors.table()
    # Beside what is offered, the needs the ministries stated (for the signed in).
    themes = [cell.theme for row in rows for cell in row.themes]
    show_needs = needs.counts_on_themes(themes, user=request.user)
    return render(
        request,
        "portfolio/table.html",
        {
            "rows": rows,
            "ministries": selectors.MINISTRIES,
            "organisations": selectors.ORGANISATIONS,
            "show_needs": show_needs,
        },
    )


def _programme(request, pk):
    programme = selectors.programme_for(user=request.user, pk=pk)
    if programme is None:
        raise Http404
    return programme


def _markdown_html(programme, text) -> dict[str, str]:
    """Each of Programme.MARKDOWN_FIELDS as safe HTML: the translated texts in the
    language shown (``text``), the others as the ministry wrote them."""
    html = {}
    for name in Programme.MARKDOWN_FIELDS:
        value = getattr(text if name in Programme.TRANSLATED_FIELDS else programme, name)
        html[name] = render_markdown(value) if value else ""
    return html


def programme(request, pk):
    item = _programme(request, pk)
    user = request.user
    editor = selectors.can_edit(user=user, programme=item)
    text = item.in_language()
    return render(
        request,
        "portfolio/programme.html",
        {
            "programme": item,
            "text": text,
            # Entered as plain text by ministries: shown through lms.markup like all user text.
            "html": _markdown_html(item, text),
            "can_edit": editor,
            "history": selectors.history(programme=item) if editor else [],
            "review_form": forms.ReviewForm()
            if user.is_authenticated and user.is_secretariat
            else None,
            "interested": selectors.interest_of(user=user, programme=item)
            if user.is_authenticated
            else False,
            # Demand is for the secretariat and the programme's ministry to see.
            "interested_countries": selectors.interested_countries(programme=item)
            if editor
            else [],
            "can_show_interest": user.is_authenticated and user.has_role(Role.FOCAL_POINT),
            "own_country": person_country(user) == item.country,
        },
    )


@login_required
def programme_edit(request, pk=None):
    item = _programme(request, pk) if pk else None
    if item is not None and not selectors.can_edit(user=request.user, programme=item):
        raise PermissionDenied(_("Only your ministry's focal points edit this programme."))
    if item is None and not selectors.can_submit(user=request.user):
        raise PermissionDenied(_("Focal points and the secretariat submit programmes."))
    secretariat = request.user.is_secretariat
    form = forms.ProgrammeForm(instance=item, secretariat=secretariat)
    if request.method == "POST":
        form = forms.ProgrammeForm(request.POST, instance=item, secretariat=secretariat)
        if form.is_valid():
            # The model's fields go as ``data``; the service refuses any name it
            # would not save, so a form field is never dropped silently.
            data = dict(form.cleaned_data)
            themes, targets = data.pop("themes"), data.pop("targets")
            country = data.pop("country", "")
            organisation = data.pop("organisation", "")
            try:
                saved = services.programme_save(
                    actor=request.user,
                    programme=item,
                    data=data,
                    themes=themes,
                    targets=targets,
                    submit=request.POST.get("submit") == "review",
                    country=country,
                    organisation=organisation,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if saved.is_published:
                    messages.success(request, _("The programme is updated."))
                elif saved.status == saved.Status.SUBMITTED:
                    messages.success(
                        request, _("Sent for review: the Technical Secretariat will answer.")
                    )
                else:
                    messages.success(request, _("Draft saved. Send it for review when ready."))
                return redirect("portfolio:programme", pk=saved.pk)
    return render(request, "portfolio/form.html", {"form": form, "programme": item})


@login_required
def mine(request):
    if not selectors.can_submit(user=request.user):
        raise PermissionDenied(_("Focal points and the secretariat submit programmes."))
    page = Paginator(selectors.ministry_programmes(user=request.user), 30).get_page(
        request.GET.get("page")
    )
    queue = list(selectors.review_queue()) if request.user.is_secretariat else []
    return render(request, "portfolio/mine.html", {"page": page, "queue": queue})


@login_required
@require_POST
def review(request, pk):
    item = _programme(request, pk)
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("portfolio:programme", pk=pk)
    try:
        services.programme_review(
            actor=request.user,
            programme=item,
            action=form.cleaned_data["action"],
            comment=form.cleaned_data["comment"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Decision recorded; the focal points are told."))
    return redirect("portfolio:programme", pk=pk)


@login_required
def translate(request, pk):
    item = _programme(request, pk)
    if not request.user.is_secretariat:
        raise PermissionDenied(_("Only the Technical Secretariat translates programmes."))
    language = request.GET.get("language") or request.POST.get("language") or ""
    existing = next((t for t in item.translations.all() if t.language == language), None)
    initial = (
        {
            "language": language,
            "name": existing.name,
            "needs": existing.needs,
            "description": existing.description,
            "objectives": existing.objectives,
        }
        if existing
        else {"language": language}
    )
    form = forms.TranslationForm(initial=initial)
    if request.method == "POST":
        form = forms.TranslationForm(request.POST)
        if form.is_valid():
            try:
                services.programme_translate(
                    actor=request.user, programme=item, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Translation saved."))
                return redirect("portfolio:programme", pk=pk)
    return render(request, "portfolio/translate.html", {"form": form, "programme": item})


@login_required
@require_POST
def interest(request, pk):
    item = _programme(request, pk)
    try:
        services.programme_interest_set(
            user=request.user, programme=item, interested=request.POST.get("interested") == "1"
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return redirect("portfolio:programme", pk=pk)


@login_required
def supply_demand(request):
    if not request.user.is_secretariat:
        raise PermissionDenied
    rows, by_category = selectors.supply_and_demand()
    return render(
        request,
        "portfolio/supply_demand.html",
        {"rows": rows, "by_category": by_category, "needs_by_theme": needs.demand_by_theme()},
    )
