"""Newsletter pages: the archive, an issue, subscribing, composing and sending."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsletter import services
from newsletter.forms import VisitorSubscribeForm
from newsletter.models import LANGUAGES, Issue, Item, Subscription


def archive(request, form=None):
    user = request.user
    subscribed = (
        user.is_authenticated and Subscription.objects.filter(user=user, subscribed=True).exists()
    )
    drafts = []
    subscriber_count = None
    if user.is_authenticated and user.is_secretariat:
        drafts = list(Issue.objects.exclude(status=Issue.Status.SENT))
        subscriber_count = services.subscriber_count()
    if form is None and not user.is_authenticated:
        form = VisitorSubscribeForm(language=get_language())
    return render(
        request,
        "newsletter/archive.html",
        {
            "issues": list(Issue.objects.filter(status=Issue.Status.SENT)[:100]),
            "drafts": drafts,
            "subscribed": subscribed,
            "form": form,
            "subscriber_count": subscriber_count,
        },
        status=400 if form is not None and form.errors else 200,
    )


def _issue(request, number) -> Issue:
    issue = Issue.objects.filter(number=number).first()
    if issue is None:
        raise Http404
    if issue.status != Issue.Status.SENT and not (
        request.user.is_authenticated and request.user.is_secretariat
    ):
        raise Http404
    return issue


def issue(request, number):
    item = _issue(request, number)
    sections = []
    items = [entry for entry in item.items.all() if entry.include]
    for code, label in Item.Section.choices:
        chosen = [entry for entry in items if entry.section == code]
        if chosen:
            sections.append((label, chosen))
    return render(request, "newsletter/issue.html", {"issue": item, "sections": sections})


@login_required
@require_POST
def subscribe(request):
    subscribed = request.POST.get("subscribed") == "1"
    services.newsletter_subscribe(user=request.user, subscribed=subscribed)
    messages.success(
        request,
        _("You will receive the newsletter.") if subscribed else _("You are unsubscribed."),
    )
    return redirect("newsletter:archive")


# No CSRF token: the newsletter page is one visitors get from the shared page cache,
# which a token cookie would forbid. A forged post can only start a double opt-in
# (one confirmation email an hour to an address), which anyone can do by typing it.
@csrf_exempt
@require_POST
def visitor_subscribe(request):
    """The visitor's form: the same answer whether the address is new or known."""
    form = VisitorSubscribeForm(request.POST, language=get_language())
    if not form.is_valid():
        return archive(request, form=form)
    try:
        services.visitor_subscribe(
            email=form.cleaned_data["email"], language=form.cleaned_data["language"]
        )
    except ValidationError as error:
        form.add_error("email", error)
        return archive(request, form=form)
    return redirect("newsletter:check_email")


def check_email(request):
    return render(request, "newsletter/check_email.html")


@csrf_exempt  # the signed token in the address is the proof, as for unsubscribing
def confirm(request, token):
    """GET shows a button (link checkers of mail servers open links); POST confirms."""
    if request.method == "POST":
        try:
            services.visitor_confirm(token=token)
        except ValidationError as error:
            return render(
                request, "newsletter/confirm.html", {"error": error.messages[0]}, status=400
            )
        return render(request, "newsletter/confirm.html", {"done": True})
    return render(request, "newsletter/confirm.html", {"token": token})


def _unsubscribe(request, token, unsubscribe_by_token):
    if request.method == "POST":
        try:
            unsubscribe_by_token(token=token)
        except ValidationError as error:
            return render(
                request,
                "newsletter/unsubscribe.html",
                {"error": error.messages[0]},
                status=400,
            )
        return render(request, "newsletter/unsubscribe.html", {"done": True})
    return render(request, "newsletter/unsubscribe.html", {"token": token})


@csrf_exempt  # one click from a mail client (RFC 8058): the signed token is the proof
def unsubscribe(request, token):
    return _unsubscribe(request, token, services.newsletter_unsubscribe_by_token)


@csrf_exempt  # the same, for a visitor subscriber
def visitor_unsubscribe(request, token):
    return _unsubscribe(request, token, services.visitor_unsubscribe_by_token)


@login_required
@require_POST
def compose(request):
    try:
        issue = services.newsletter_compose(actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("newsletter:archive")
    return redirect("newsletter:edit", number=issue.number)


@login_required
def edit(request, number):
    if not request.user.is_secretariat:
        raise PermissionDenied
    item = _issue(request, number)
    if request.method == "POST" and request.POST.get("action") == "resume":
        services.newsletter_send(actor=request.user, issue=item)  # sends to who is left
        messages.success(request, _("The newsletter is being sent."))
        return redirect("newsletter:archive")
    if request.method == "POST":
        intros = {language: request.POST.get(f"intro_{language}", "") for language in LANGUAGES}
        included = {int(pk) for pk in request.POST.getlist("items") if pk.isdigit()}
        try:
            services.newsletter_update(
                actor=request.user, issue=item, intros=intros, included=included
            )
            if request.POST.get("action") == "send":
                services.newsletter_send(actor=request.user, issue=item)
                messages.success(request, _("The newsletter is being sent."))
                return redirect("newsletter:archive")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The draft is saved."))
        return redirect("newsletter:edit", number=number)
    return render(
        request,
        "newsletter/edit.html",
        {
            "issue": item,
            "items": list(item.items.all()),
            "intros": [(code, getattr(item, f"intro_{code}")) for code in LANGUAGES],
        },
    )
