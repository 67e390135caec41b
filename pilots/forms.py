import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.forms import ThemeChoiceField, themes_in_order
from library.models import Publication
from lms.choices import Country
from pilots import selectors
from pilots.models import Milestone, Origin

BLANK = [("", "---------")]


class ExpertChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        profile = getattr(obj, "profile", None)
        country = profile.get_country_display() if profile is not None else ""
        return f"{obj.full_name} ({country})" if country else obj.full_name


def origin_choices() -> list:
    """Where a pilot may come from, grouped: workshops, programmes, cooperation
    activities, each value "kind:pk"."""
    return [
        *BLANK,
        (
            Origin.WORKSHOP.label,
            [(f"workshop:{item.pk}", item.title) for item in selectors.workshops()[:200]],
        ),
        (
            Origin.PROGRAMME.label,
            [(f"programme:{item.pk}", item.name) for item in selectors.programmes()[:500]],
        ),
        (
            Origin.COOPERATION.label,
            [
                (f"cooperation:{item.pk}", item.topic)
                for item in selectors.cooperation_activities()[:500]
            ],
        ),
    ]


def source_of(value: str):
    """The workshop, programme or activity a form's "kind:pk" names (None if none)."""
    kind, _sep, pk = (value or "").partition(":")
    querysets = {
        Origin.WORKSHOP: selectors.workshops,
        Origin.PROGRAMME: selectors.programmes,
        Origin.COOPERATION: selectors.cooperation_activities,
    }
    if kind not in querysets or not pk.isdigit():
        return kind, None
    return kind, querysets[kind]().filter(pk=int(pk)).first()


class PilotForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    objective = forms.CharField(
        label=_("Objective"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown: **bold**, lists, links."),
    )
    leading_country = forms.ChoiceField(label=_("Leading ministry"), choices=Country.choices)
    partners = forms.MultipleChoiceField(
        label=_("Partner ministries"),
        choices=Country.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    theme = ThemeChoiceField(label=_("Theme"), queryset=themes_in_order())
    experts = ExpertChoiceField(
        label=_("Expert support"),
        queryset=selectors.experts(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Experts of the directory who support the pilot."),
    )
    starts_on = forms.DateField(label=_("Starts"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("Ends"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    funding_sought = forms.DecimalField(
        label=_("Funding sought"), min_value=0, max_digits=14, decimal_places=2, initial=0
    )
    funding_obtained = forms.DecimalField(
        label=_("Funding obtained"), min_value=0, max_digits=14, decimal_places=2, initial=0
    )
    funding_source = forms.CharField(
        label=_("Source of the funding"),
        max_length=300,
        required=False,
        help_text=_("Who funds it or was asked to: an agency, a bank, the ministry's budget."),
    )


class NewPilotForm(PilotForm):
    field_order = ["origin"]
    origin = forms.ChoiceField(
        label=_("Drawn from"),
        help_text=_("The workshop, programme of the portfolio or cooperation activity."),
    )
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin"].choices = origin_choices()

    def clean(self):
        data = super().clean()
        data["origin"], data["source"] = source_of(data.get("origin", ""))
        return data


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=250)
    due_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))


class MilestoneStateForm(forms.Form):
    state = forms.ChoiceField(label=_("Status"), choices=Milestone.State.choices)


class ResultsForm(forms.Form):
    results = forms.CharField(
        label=_("Results"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What came of the pilot. Markdown. The followers are told."),
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    publication = forms.ModelChoiceField(
        label=_("A document of the documentation centre"),
        queryset=Publication.objects.filter(status=Publication.Status.PUBLISHED).order_by("title"),
        required=False,
    )
    file = forms.FileField(label=_("Or a file"), required=False)


class FilterForm(forms.Form):
    country = forms.ChoiceField(
        label=_("Ministry"), choices=BLANK + list(Country.choices), required=False
    )
    theme = ThemeChoiceField(label=_("Theme"), queryset=themes_in_order(), required=False)
    origin = forms.ChoiceField(
        label=_("Drawn from"), choices=BLANK + list(Origin.choices), required=False
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = BLANK + selectors.status_choices()

    def filters(self) -> selectors.Filters:
        if not self.is_valid():
            return selectors.Filters()
        data = self.cleaned_data
        return selectors.Filters(
            country=data["country"],
            theme=data["theme"],
            origin=data["origin"],
            status=data["status"],
        )
