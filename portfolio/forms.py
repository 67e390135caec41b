"""Forms of the portfolio. They collect and check shapes; services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.forms import (
    AreaChoiceField,
    ThemeChoiceField,
    ThemeMultipleChoiceField,
    themes_in_order,
    translated_choices,
)
from lms.choices import Country, InterfaceLanguage
from portfolio.models import Category, Organisation, Programme, RecordType, Target
from portfolio.selectors import MINISTRIES, ORGANISATIONS


def _with_targets(fields: tuple[str, ...]) -> list[str]:
    at = fields.index("target_population")
    return [*fields[:at], "targets", *fields[at:]]


class ProgrammeForm(forms.ModelForm):
    """The consolidated-programme submission form. A draft needs only a name; sending
    it for review needs the rest (the service says which fields are missing)."""

    themes = ThemeMultipleChoiceField(
        label=_("Areas and themes"),
        queryset=themes_in_order(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    targets = forms.MultipleChoiceField(
        label=_("Target population (for the search)"),
        choices=Target.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Programme
        # The model's declaration, with the target populations before their description.
        fields = _with_targets(Programme.EDITABLE_FIELDS)
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "human_resources": forms.Textarea(attrs={"rows": 2}),
            "needs": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "target_population": forms.Textarea(attrs={"rows": 2}),
            "institutions": forms.Textarea(attrs={"rows": 2}),
            "funding": forms.Textarea(attrs={"rows": 2}),
            "in_kind": forms.Textarea(attrs={"rows": 2}),
            "other_support": forms.Textarea(attrs={"rows": 2}),
            "achievements": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 3}),
            "improvements": forms.Textarea(attrs={"rows": 3}),
            "evaluations": forms.Textarea(attrs={"rows": 3}),
            "documentation": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, secretariat=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Most records are programmes: a form that does not say keeps what the record was.
        self.fields["record_type"].required = False
        if self.instance.pk:
            self.initial.setdefault("targets", [t.code for t in self.instance.targets.all()])
        if secretariat and not self.instance.pk:
            # The secretariat records a ministry's programme, or an international
            # organisation's project (with the country it runs in, if one).
            self.fields["organisation"] = forms.ChoiceField(
                label=_("International organisation"),
                choices=[("", _("None: a ministry's programme")), *Organisation.choices],
                required=False,
                help_text=_(
                    "For a technical-cooperation project of an international organisation."
                ),
            )
            self.fields["country"] = forms.ChoiceField(
                label=_("Country (ministry)"),
                choices=[("", "—"), *Country.choices],
                required=False,
                help_text=_("For an organisation's project, the country it runs in (if one)."),
            )

    def clean_record_type(self):
        return self.cleaned_data["record_type"] or self.instance.record_type

    def clean(self):
        cleaned = super().clean()
        if "country" in self.fields and not (cleaned.get("country") or cleaned.get("organisation")):
            self.add_error("country", _("Choose the ministry's country or an organisation."))
        return cleaned


class SearchForm(forms.Form):
    """The portfolio's filters, from the query string (shareable URLs)."""

    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    area = AreaChoiceField(label=_("Area"), required=False, empty_label=_("All areas"))
    theme = ThemeChoiceField(
        label=_("Theme"),
        queryset=themes_in_order(),
        required=False,
        empty_label=_("All themes"),
    )
    target = forms.ChoiceField(label=_("Target population"), required=False)
    language = forms.ChoiceField(label=_("Available in"), required=False)
    owner = forms.ChoiceField(label=_("Whose"), required=False)
    record_type = forms.ChoiceField(label=_("Type of record"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Labels translated once per language, not on every request.
        self.fields["country"].choices = [
            ("", _("All countries")),
            *translated_choices(Country),
        ]
        self.fields["category"].choices = [
            ("", _("All categories")),
            *translated_choices(Category),
        ]
        self.fields["target"].choices = [("", _("Everyone")), *translated_choices(Target)]
        self.fields["language"].choices = [
            ("", _("Any language")),
            *translated_choices(InterfaceLanguage),
        ]
        self.fields["owner"].choices = [
            ("", _("Ministries and organisations")),
            (MINISTRIES, _("Ministries of labour")),
            (ORGANISATIONS, _("International organisations")),
            *translated_choices(Organisation),
        ]
        self.fields["record_type"].choices = [
            ("", _("All types")),
            *translated_choices(RecordType),
        ]


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve and publish")),
            ("changes", _("Ask for changes")),
            ("reject", _("Do not accept")),
            ("unpublish", _("Unpublish")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the focal point"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to ask for changes or not to accept."),
    )


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=InterfaceLanguage.choices)
    name = forms.CharField(label=_("Name of the programme"), max_length=250)
    needs = forms.CharField(label=_("Needs addressed"), widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 6}))
    objectives = forms.CharField(label=_("Objectives"), widget=forms.Textarea(attrs={"rows": 4}))
