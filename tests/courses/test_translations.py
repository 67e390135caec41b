"""Names typed once with their translations on the row (courses/translations.py)."""

import json

from django import forms
from django.utils import translation

from courses.translations import TranslationsWidget, in_reader_language


def test_in_reader_language_picks_the_translation_or_the_original():
    names = {"pt": "Rede de pontos focais", "fr": " ", "en": None}
    with translation.override("pt-br"):
        assert in_reader_language("Red de puntos focales", names) == "Rede de pontos focais"
    for code in ("fr", "en", "es"):  # blank, missing or the original's language
        with translation.override(code):
            assert in_reader_language("Red de puntos focales", names) == "Red de puntos focales"
    assert in_reader_language("Red", None, "pt") == "Red"
    assert in_reader_language("Red", names, language="pt") == "Rede de pontos focais"


def test_widget_edits_one_box_per_language_and_leaves_out_empty_ones():
    class Form(forms.Form):
        names = forms.JSONField(required=False, widget=TranslationsWidget)

    html = Form(initial={"names": {"en": "Questions", "pt": "Perguntas"}}).as_p()
    assert 'lang="pt"' in html and 'value="Perguntas"' in html and "Français" in html
    form = Form(
        data={"names_0": "", "names_1": " Questions ", "names_2": "", "names_3": "Questions"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["names"] == {"en": "Questions", "fr": "Questions"}
    assert TranslationsWidget().decompress(json.dumps({"fr": "Général"})) == ["", "", "", "Général"]
