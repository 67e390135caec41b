"""Form fields for the ILO taxonomy, shared by every app that classifies by theme.

Their choice labels ("Area — Theme", in the reader's language) are built once per
language and kept in the cache until an area or a theme changes (see
``courses.apps``); filter forms rendered on every request cost no query for them.
"""

import hashlib
from uuid import uuid4

from django import forms
from django.core.cache import cache
from django.utils.translation import get_language

from courses.models import Area, Theme

TAXONOMY_VERSION_KEY = "courses:taxonomy-version"


def themes_in_order():
    return Theme.objects.select_related("area").order_by("area__sort_order", "sort_order", "code")


def taxonomy_changed(**_kwargs) -> None:
    """Forget every cached label of areas and themes (an area or theme was saved or deleted)."""
    cache.set(TAXONOMY_VERSION_KEY, uuid4().hex, None)


def _taxonomy_version() -> str:
    version = cache.get(TAXONOMY_VERSION_KEY)
    if version is None:
        cache.add(TAXONOMY_VERSION_KEY, uuid4().hex, None)
        version = cache.get(TAXONOMY_VERSION_KEY)
    return version


def taxonomy_version() -> str:
    """Changes whenever an area or theme is saved or deleted (in the shared cache)."""
    return _taxonomy_version()


def translated_choices(choices_class) -> list[tuple]:
    """A Choices class's (value, label) with the labels translated once per language."""
    key = (choices_class, get_language())
    found = _TRANSLATED.get(key)
    if found is None:
        found = _TRANSLATED[key] = [(value, str(label)) for value, label in choices_class.choices]
    return found


_TRANSLATED: dict = {}


class _CachedLabelsIterator(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.field.cached_choices()

    def __len__(self):
        return len(self.field.cached_choices()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.cached_choices())


class CachedLabelsMixin:
    """A model choice field whose (pk, label) pairs come from the cache, per language.

    Only the rendering is cached: a submitted value is still checked against the
    queryset. The key names the queryset's SQL, so fields over different subsets
    do not share labels.
    """

    iterator = _CachedLabelsIterator

    def cached_choices(self) -> list[tuple]:
        model = self.queryset.model._meta.label_lower
        which = hashlib.sha1(str(self.queryset.query).encode(), usedforsecurity=False).hexdigest()
        key = f"courses:labels:{model}:{which}:{get_language()}:{_taxonomy_version()}"
        choices = cache.get(key)
        if choices is None:
            choices = [(obj.pk, self.label_from_instance(obj)) for obj in self.queryset]
            cache.set(key, choices, 60 * 60 * 24)
        return choices


class AreaChoiceField(CachedLabelsMixin, forms.ModelChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Area.objects.all())
        super().__init__(**kwargs)


class ThemeChoiceField(CachedLabelsMixin, forms.ModelChoiceField):
    """One theme, labelled "Area — Theme" (theme names repeat across areas)."""

    def label_from_instance(self, obj):
        return f"{obj.area.name} — {obj.name}"


class ThemeMultipleChoiceField(CachedLabelsMixin, forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.area.name} — {obj.name}"
