"""Newsletter pages: the archive, an issue, subscribing, composing and sending."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsletter import services
from newsletter.models import LANGUAGES, Issue, Item, Subscription


def archive(request):
    user = request.user
    subscribed = (
        user.is_authenticated and Subscription.objects.filter(user=user, subscribed=True).exists()
    )
    drafts = []
    if user.is_authenticated and user.is_secretariat:
        drafts = list(Issue.objects.exclude(status=Issue.Status.SENT))
    return render(
        request,
        "newsletter/archive.html",
        {
            "issues": list(Issue.objects.filter(status=Issue.Status.SENT)[:100]),
            "drafts": drafts,
            "subscribed": subscribed,
        },
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


@csrf_exempt  # one click from a mail client (RFC 8058): the signed token is the proof
def unsubscribe(request, token):
    if request.method == "POST":
        try:
            services.newsletter_unsubscribe_by_token(token=token)
        except ValidationError as error:
            return render(
                request,
                "newsletter/unsubscribe.html",
                {"error": error.messages[0]},
                status=400,
            )
        return render(request, "newsletter/unsubscribe.html", {"done": True})
    return render(request, "newsletter/unsubscribe.html", {"token": token})


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
