from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lms import selectors, services
from lms.choices import InterfaceLanguage, Role
from lms.forms import ProfileForm, add_service_errors
from lms.http import set_language_cookie
from lms.middleware import remember_time_zone


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    current = selectors.profile_for_user(user=user)
    if request.method == "POST":
        form = ProfileForm(request.POST, initial=ProfileForm.initial_for(current))
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.profile_update(
                    actor=user,
                    user=user,
                    full_name=data["full_name"],
                    country=data["country"],
                    institution=data["institution"],
                    position=data["position"],
                    preferred_language=data["preferred_language"],
                    time_zone=data["time_zone"],
                    spoken_languages=data["spoken_languages"],
                    constituency=data["constituency"],
                    sex=data["sex"],
                    actor_type=data["actor_type"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                remember_time_zone(request, saved.time_zone)
                messages.success(request, _("Your profile has been saved."))
                response = redirect("lms:profile")
                set_language_cookie(response, saved.preferred_language)
                if saved.preferred_language != request.LANGUAGE_CODE:
                    # Show the saved page in the language just chosen.
                    response["Location"] = translate_url(
                        response["Location"], saved.preferred_language
                    )
                return response
    else:
        form = ProfileForm(initial=ProfileForm.initial_for(current))

    role_labels = dict(Role.choices)
    roles = [str(role_labels[code]) for code in sorted(user.roles) if code in role_labels]
    return render(
        request,
        "lms/profile.html",
        {"form": form, "profile": current, "roles": roles},
    )


@require_POST
def set_language(request):
    """Switch the interface language; remember it for signed-in people.

    The switcher posts the address of the current page in the chosen language
    as ``next`` (see cms/templatetags/site_tags.py).
    """
    language = request.POST.get("language", "")
    if language not in InterfaceLanguage.values:
        language = settings.LANGUAGE_CODE
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = f"/{language}/"
    response = HttpResponseRedirect(next_url)
    set_language_cookie(response, language)
    if request.user.is_authenticated:
        services.profile_set_language(user=request.user, language=language)
    return response
