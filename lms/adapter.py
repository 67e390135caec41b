"""How django-allauth creates accounts and where it sends people afterwards."""

from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.signals import password_reset
from allauth.account.utils import get_login_redirect_url
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.dispatch import receiver
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lms import services
from lms.choices import InterfaceLanguage
from lms.http import set_language_cookie
from lms.middleware import remember_time_zone
from lms.models import Profile
from lms.services.notifications import absolute_url


class AccountAdapter(DefaultAccountAdapter):
    # Our own wording, translated in our catalogues (allauth has no "pt" one).
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account is currently inactive."),
        "email_password_mismatch": _(
            "The email address and/or password you specified are not correct."
        ),
        "email_taken": _("A user is already registered with this email address."),
        "enter_current_password": _("Please type your current password."),
        "incorrect_password": _("Incorrect password."),
        "invalid_or_expired_key": _("Invalid or expired key."),
        "invalid_password_reset": _("The password reset token was invalid."),
        "too_many_login_attempts": _("Too many failed login attempts. Try again later."),
        "unknown_email": _("The email address is not assigned to any user account."),
        "unverified_primary_email": _("Your primary email address must be verified."),
        "same_as_current": _("The new value must be different from the current one."),
        "rate_limited": _("Be patient, you are sending too many requests."),
        "duplicate_email": _("This email address is already associated with this account."),
    }

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        user.full_name = form.cleaned_data.get("full_name", "").strip()
        user.save()
        services.user_register(
            user=user,
            full_name=user.full_name,
            preferred_language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        return user

    def _preferred_language(self, user) -> str | None:
        language = (
            Profile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
        )
        return language if language in InterfaceLanguage.values else None

    def get_login_redirect_url(self, request):
        url = super().get_login_redirect_url(request)
        language = self._preferred_language(request.user)
        if language:
            url = translate_url(url, language)
            if url == "/":
                url = f"/{language}/"
        return url

    def post_login(self, request, user, **kwargs):
        # The welcome message is written now and shown on the page the person lands on,
        # often in another language than the sign-in page's: write it in that one.
        target = get_login_redirect_url(
            request, kwargs.get("redirect_url"), signup=kwargs.get("signup", False)
        )
        landing = translation.get_language_from_path(urlsplit(target).path)
        with translation.override(landing or translation.get_language()):
            response = super().post_login(request, user, **kwargs)
        language = self._preferred_language(user)
        if language:
            set_language_cookie(response, language)
        zone = Profile.objects.filter(user=user).values_list("time_zone", flat=True).first()
        remember_time_zone(request, zone)
        return response

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        """Notices of account changes (password, two-factor sign-in) greet the person
        by name and, through ``send_mail``, speak their language: allauth leaves the
        user out of their context."""
        context = {"user": user, **(context or {})}
        return super().send_notification_mail(template_prefix, user, context, email)

    def send_mail(self, template_prefix, email, context):
        """Write each email in its recipient's language when we know it.

        allauth builds its links (confirmation, password reset, sign-up) on the
        host the request came through; rebuild them on BASE_URL, like every
        other link in our emails (``absolute_url``).
        """
        user = context.get("user")
        language = self._preferred_language(user) if getattr(user, "pk", None) else None
        context = {
            key: _on_base_url(value) if key.endswith("_url") and isinstance(value, str) else value
            for key, value in context.items()
        }
        with translation.override(language or translation.get_language()):
            super().send_mail(template_prefix, email, context)


def _on_base_url(url: str) -> str:
    parts = urlsplit(url)
    if not parts.scheme:
        return url
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


class MFAAdapter(DefaultMFAAdapter):
    """Two-factor sign-in in our words (translated in our catalogues), QR codes inline."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": _(
            "While two-factor sign-in is on, your email address cannot be changed. "
            "Turn it off first, or write to the Technical Secretariat."
        ),
        "cannot_delete_authenticator": _("Two-factor sign-in cannot be turned off."),
        "cannot_generate_recovery_codes": _(
            "Set up an authenticator app before generating recovery codes."
        ),
        "incorrect_code": _(
            "That code is not valid. Type the code your app shows now, or an unused recovery code."
        ),
        "unverified_email": _(
            "Confirm your email address before setting up two-factor sign-in: "
            "follow the link we sent you."
        ),
    }

    def build_totp_svg(self, url: str) -> str:
        """The QR code as an ``<svg>`` element to put in the page itself.

        Served inline, the code costs no request and nothing to allow in the
        Content-Security-Policy; without the XML declaration it is valid HTML.
        """
        svg = super().build_totp_svg(url)
        return svg[svg.index("<svg") :]


@receiver(password_reset)
def _password_reset_confirms_email(sender, request, user, **kwargs):
    services.people.email_confirm_by_reset(user=user)
