import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.models import CRITERIA, MAX_SCORE, Proposal
from cooperation.services import RESULT_KINDS
from courses.forms import ThemeMultipleChoiceField, themes_in_order
from lms.choices import Country
from portfolio.models import Programme


class ProposalForm(forms.Form):
    providing_country = forms.ChoiceField(label=_("Providing ministry"), choices=Country.choices)
    beneficiaries = forms.MultipleChoiceField(
        label=_("Beneficiary ministries"),
        choices=Country.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    topic = forms.CharField(label=_("Topic"), max_length=250)
    themes = ThemeMultipleChoiceField(
        label=_("Themes"),
        queryset=themes_in_order(),
        widget=forms.CheckboxSelectMultiple,
    )
    objectives = forms.CharField(
        label=_("Objectives"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=Proposal.Format.choices, widget=forms.RadioSelect
    )
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    programme = forms.ModelChoiceField(
        label=_("Programme of the portfolio it builds on"),
        queryset=Programme.objects.filter(status="published").order_by("name"),
        required=False,
    )
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


class ScoreForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in CRITERIA:
            self.fields[code] = forms.IntegerField(
                label=label, min_value=1, max_value=MAX_SCORE, required=False
            )


class ReportForm(forms.Form):
    results = forms.CharField(
        label=_("What came of the activity"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    kinds = forms.MultipleChoiceField(
        label=_("Results"),
        choices=list(RESULT_KINDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
