from django import forms
from django.utils.translation import gettext_lazy as _

from courses.forms import ThemeChoiceField, themes_in_order
from lms.choices import Country
from needs.models import MAX_DESCRIPTION, MAX_TITLE, Need


class NeedForm(forms.Form):
    theme = ThemeChoiceField(label=_("Theme"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    description = forms.CharField(
        label=_("Description"),
        max_length=MAX_DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What your ministry wants to achieve, what it has tried, what is missing. "
            "Markdown: **bold**, *italics*, lists, links."
        ),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Need.Urgency.choices, widget=forms.RadioSelect
    )
    help_kinds = forms.MultipleChoiceField(
        label=_("Help wanted"),
        choices=Need.Help.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, for_ministry: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_in_order()
        if for_ministry:
            # The secretariat states a need for a ministry; a focal point, for their own.
            self.fields = {
                "country": forms.ChoiceField(
                    label=_("Ministry"), choices=[("", "---------"), *Country.choices]
                ),
                **self.fields,
            }


class FilterForm(forms.Form):
    theme = ThemeChoiceField(label=_("Theme"), queryset=None, required=False)
    country = forms.ChoiceField(
        label=_("Ministry"), choices=[("", _("All")), *Country.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("All")),
            (Need.Status.OPEN, _("Not answered yet (oldest first)")),
            (Need.Status.ANSWERED, _("Answered")),
            (Need.Status.CLOSED, _("Closed")),
        ],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_in_order()
        self.fields["theme"].empty_label = _("All")


class AnsweredForm(forms.Form):
    note = forms.CharField(
        label=_("How it was answered"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
