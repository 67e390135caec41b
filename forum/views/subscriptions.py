"""Following spaces, categories and topics, the digest setting, and the one-click
unsubscribe page of the emails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum import forms, services
from forum.access import access_category, access_space, access_topic
from forum.views.forums import back_or, pk_or_404


@login_required
@require_POST
def subscribe(request):
    kind, pk = request.POST.get("kind"), pk_or_404(request.POST.get("id"))
    if kind == "space":
        target, _access = access_space(user=request.user, space_id=pk)
    elif kind == "category":
        target, _access = access_category(user=request.user, category_id=pk)
    elif kind == "topic":
        target, _access = access_topic(user=request.user, topic_id=pk)
    else:
        raise Http404
    form = forms.SubscriptionForm(request.POST, prefix=request.POST.get("prefix") or None)
    if form.is_valid():
        services.subscription_set(
            user=request.user, target=target, level=form.cleaned_data["level"]
        )
        messages.success(request, _("Your notification settings are saved."))
    default = (
        reverse("forum:topic", kwargs={"topic_id": target.pk})
        if kind == "topic"
        else reverse(
            "forum:space", kwargs={"slug": (target if kind == "space" else target.space).slug}
        )
    )
    return redirect(back_or(request, default))


@login_required
@require_POST
def digest(request):
    form = forms.DigestForm(request.POST)
    if form.is_valid():
        services.digest_preference_set(user=request.user, frequency=form.cleaned_data["frequency"])
        messages.success(request, _("Your digest setting is saved."))
    return redirect("forum:index")


def unsubscribe(request, token):
    """From an email, no sign-in needed: the link shows one button, the button applies.

    A GET changes nothing, so mail scanners that open links do not unsubscribe
    anyone.
    """
    try:
        if request.method == "POST":
            _user, target = services.unsubscribe(token=token)
        else:
            target = services.unsubscribe_target(token=token)
    except ValidationError:
        return render(request, "forum/unsubscribe.html", {"invalid": True}, status=400)
    return render(
        request,
        "forum/unsubscribe.html",
        {"target": target, "token": token, "done": request.method == "POST"},
    )
