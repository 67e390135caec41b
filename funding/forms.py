from django import forms
from django.utils.translation import gettext_lazy as _

from courses.forms import ThemeChoiceField, ThemeMultipleChoiceField, themes_in_order
from funding.models import Funder
from lms.choices import Country, InterfaceLanguage


class CallFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    theme = ThemeChoiceField(
        label=_("Theme"), queryset=themes_in_order(), required=False, empty_label=_("All themes")
    )
    country = forms.ChoiceField(label=_("Eligible country"), required=False)
    kind = forms.ChoiceField(label=_("Type of funder"), required=False)
    within = forms.TypedChoiceField(
        label=_("Deadline"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Any deadline")),
            (7, _("In the next 7 days")),
            (30, _("In the next 30 days")),
            (90, _("In the next 3 months")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *Country.choices]
        self.fields["kind"].choices = [("", _("All types")), *Funder.Kind.choices]


class FollowForm(forms.Form):
    themes = ThemeMultipleChoiceField(
        label=_("Themes I follow"),
        queryset=themes_in_order(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "You are told of new calls of these themes, and a week and a day before they "
            "close, in the campus and by email."
        ),
    )


class FunderSuggestForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=Funder.Kind.choices)
    region = forms.CharField(label=_("Country or region"), max_length=120, required=False)
    website = forms.URLField(label=_("Website"), max_length=500, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What it funds and for whom (Markdown)."),
    )
    themes = ThemeMultipleChoiceField(
        label=_("Themes"),
        queryset=themes_in_order(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CallSuggestForm(forms.Form):
    funder = forms.ModelChoiceField(label=_("Funder"), queryset=Funder.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    themes = ThemeMultipleChoiceField(
        label=_("Themes"),
        queryset=themes_in_order(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.MultipleChoiceField(
        label=_("Eligible countries"),
        choices=Country.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("None chosen: every country of the network."),
    )
    amount_min = forms.DecimalField(
        label=_("Smallest amount"), required=False, min_value=0, max_digits=14, decimal_places=0
    )
    amount_max = forms.DecimalField(
        label=_("Largest amount"), required=False, min_value=0, max_digits=14, decimal_places=0
    )
    currency = forms.CharField(
        label=_("Currency"), max_length=3, required=False, initial="USD", help_text="USD, EUR..."
    )
    opens_on = forms.DateField(
        label=_("Opening date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave it empty if applications are received at any time."),
    )
    how_to_apply = forms.CharField(
        label=_("How to apply"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown."),
    )
    url = forms.URLField(label=_("Link"), max_length=500, assume_scheme="https", required=False)
    language = forms.ChoiceField(label=_("Language of the call"), choices=InterfaceLanguage.choices)

    def __init__(self, *args, funders=None, **kwargs):
        super().__init__(*args, **kwargs)
        if funders is not None:
            self.fields["funder"].queryset = funders
