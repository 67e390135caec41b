"""Form fields for the ILO taxonomy, shared by every app that classifies by theme."""

from django import forms

from courses.models import Theme


def themes_in_order():
    return Theme.objects.select_related("area").order_by("area__sort_order", "sort_order", "code")


class ThemeChoiceField(forms.ModelChoiceField):
    """One theme, labelled "Area — Theme" (theme names repeat across areas)."""

    def label_from_instance(self, obj):
        return f"{obj.area.name} — {obj.name}"


class ThemeMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.area.name} — {obj.name}"
