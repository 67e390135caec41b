from django import forms
from django.utils.translation import gettext_lazy as _

from lms.choices import InterfaceLanguage


class VisitorSubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language of the newsletter"), choices=InterfaceLanguage.choices
    )

    def __init__(self, *args, language: str = "es", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if language in dict(InterfaceLanguage.choices):
            self.fields["language"].initial = language
