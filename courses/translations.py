"""A name or title typed once in its own language, with its translations on the same
row (``name_translations``, ``{"en": "...", "pt": "..."}``): spaces, forum categories,
documents. ``in_reader_language`` picks the reader's; the admin edits them with one
text box per language (``TranslationsWidget``). No query: the translations are a
column of the row already fetched.
"""

import json

from django import forms
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGES = (("es", "Español"), ("en", "English"), ("pt", "Português"), ("fr", "Français"))


def in_reader_language(
    original: str, translations: dict | None, language: str | None = None
) -> str:
    """``original`` in the reader's language (the active one unless ``language``) when
    ``translations`` has it; else ``original``, in the language it was written in."""
    code = (language or get_language() or "")[:2]
    text = (translations or {}).get(code) if isinstance(translations, dict) else None
    return text.strip() if isinstance(text, str) and text.strip() else original


class TranslationsWidget(forms.MultiWidget):
    """One text box per language for a ``{language: text}`` JSON field; empty boxes
    are left out (the original is shown in those languages)."""

    template_name = "courses/widgets/translations.html"

    def __init__(self, attrs=None):
        super().__init__(
            [forms.TextInput(attrs={"lang": code}) for code, _name in LANGUAGES], attrs
        )

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value or "{}")
            except ValueError:
                value = {}
        value = value if isinstance(value, dict) else {}
        return [value.get(code, "") for code, _name in LANGUAGES]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for (_code, label), widget in zip(LANGUAGES, context["widget"]["subwidgets"], strict=True):
            widget["label"] = label
        return context

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name)
        texts = {
            code: text.strip()
            for (code, _name), text in zip(LANGUAGES, values, strict=True)
            if text and text.strip()
        }
        return json.dumps(texts, ensure_ascii=False)


def translations_field(verbose_name=None) -> models.JSONField:
    """The ``name_translations`` column of a model (a migration-stable factory)."""
    return models.JSONField(
        verbose_name or _("in other languages"),
        default=dict,
        blank=True,
        help_text=_(
            "Shown to readers of that language; leave a language empty to show the original."
        ),
    )
