from django import forms
from django.utils.translation import gettext_lazy as _

from courses.forms import ThemeChoiceField, themes_in_order
from library.models import Instrument, Publication
from lms.choices import Country, InterfaceLanguage


class DocumentSearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Type"), required=False)
    theme = ThemeChoiceField(
        label=_("Theme"),
        queryset=themes_in_order(),
        required=False,
        empty_label=_("All themes"),
    )
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All types")), *Publication.Kind.choices]
        self.fields["language"].choices = [("", _("Any language")), *InterfaceLanguage.choices]


class InstrumentFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False)

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Country.choices)
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, labels.get(code, code)) for code in countries
        ]
        self.fields["kind"].choices = [("", _("All types")), *Instrument.Kind.choices]


class SuggestForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Type"), choices=Publication.Kind.suggestible)
    url = forms.URLField(
        label=_("Link"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Where the document can be read or downloaded."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=InterfaceLanguage.choices)
    summary = forms.CharField(
        label=_("Why it is useful"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
