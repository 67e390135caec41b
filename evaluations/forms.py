from django import forms
from django.utils.translation import gettext_lazy as _

from evaluations.services import TEXT_MAX

SCALE = [
    (5, _("5 — very much")),
    (4, "4"),
    (3, "3"),
    (2, "2"),
    (1, _("1 — not at all")),
]


class EvaluationForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("Overall, how satisfied are you?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    usefulness = forms.TypedChoiceField(
        label=_("How useful is it for your ministry's work?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    will_apply = forms.CharField(
        label=_("What will you apply in your ministry?"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    improve = forms.CharField(
        label=_("What should be improved?"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
