import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.forms import ThemeChoiceField, themes_in_order
from priorities.models import MAX_CHOICES, OPEN_QUESTIONS


class AnswerForm(forms.Form):
    """Up to ``MAX_CHOICES`` themes in order of priority, and the open questions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for rank in range(1, MAX_CHOICES + 1):
            self.fields[f"theme_{rank}"] = ThemeChoiceField(
                label=_("Priority %(rank)s") % {"rank": rank},
                queryset=themes_in_order(),
                required=False,
                empty_label=_("(none)"),
            )
        for name, label in OPEN_QUESTIONS:
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def theme_fields(self):
        return [self[f"theme_{rank}"] for rank in range(1, MAX_CHOICES + 1)]

    def text_fields(self):
        return [self[name] for name, _label in OPEN_QUESTIONS]

    def clean(self):
        cleaned = super().clean()
        seen = set()
        for rank in range(1, MAX_CHOICES + 1):
            theme = cleaned.get(f"theme_{rank}")
            if theme is None:
                continue
            if theme.pk in seen:
                self.add_error(f"theme_{rank}", _("This theme is already chosen above."))
            seen.add(theme.pk)
        return cleaned

    def themes(self) -> list:
        """The chosen themes in order of priority, empty places skipped."""
        chosen = (self.cleaned_data.get(f"theme_{rank}") for rank in range(1, MAX_CHOICES + 1))
        return [theme for theme in chosen if theme is not None]

    def texts(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name, _label in OPEN_QUESTIONS}

    @staticmethod
    def initial_from(answer) -> dict:
        if answer is None:
            return {}
        initial = {name: getattr(answer, name) for name, _label in OPEN_QUESTIONS}
        for choice in answer.choices.all():
            initial[f"theme_{choice.rank}"] = choice.theme_id
        return initial


class SendForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
