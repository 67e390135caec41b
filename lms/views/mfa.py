"""Setting up an authenticator app: allauth's page, plus what our rules need.

Mounted before ``allauth.urls`` at allauth's own path (config/urls.py), so every
link to ``mfa_activate_totp`` reaches it.
"""

from allauth.mfa.base.internal.flows import post_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView as AllauthActivateTOTPView

from lms.mfa import Hold


class ActivateTOTPView(AllauthActivateTOTPView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The QR code is shown from allauth's ``totp_svg_data_uri`` in an <img>
        # (the CSP allows data: images): nothing is marked safe here.
        context["mfa_setup_required"] = getattr(self.request, "rial_mfa_hold", None) is Hold.SETUP
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        # The code just typed proves the person holds the authenticator app: this
        # session has passed it. Spend the code (each is accepted once) and record
        # the pass as allauth's two-factor step does when signing in, so that
        # lms.middleware lets the person go on instead of asking for another code.
        user = self.request.user
        authenticator = Authenticator.objects.get(user_id=user.pk, type=Authenticator.Type.TOTP)
        authenticator.user = user
        authenticator.wrap().validate_code(form.cleaned_data["code"])
        post_authentication(self.request, authenticator)
        return response


activate_totp = ActivateTOTPView.as_view()
