from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reports.services import FOREWORD_MAX


class ForewordForm(forms.Form):
    """The foreword in each of the network's languages (each optional)."""

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            foreword = report.foreword_in(code) if report else None
            self.fields[code] = forms.CharField(
                label=_("Foreword in %(language)s") % {"language": name},
                required=False,
                max_length=FOREWORD_MAX,
                initial=foreword.text if foreword else "",
                help_text=_("Markdown. Printed at the start of the PDF in this language."),
                widget=forms.Textarea(attrs={"rows": 8, "lang": code}),
            )
