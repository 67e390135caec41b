"""The renderer writes common widgets in Python: byte for byte what Django's templates write."""

import datetime

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from lms.forms_rendering import RialFormRenderer, _all_as_expected


class Everything(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'a "quoted" <b>'}))
    email = forms.EmailField(required=False)
    number = forms.IntegerField(initial=1234567)
    url = forms.URLField(
        assume_scheme="https", widget=forms.URLInput(attrs={"data-x": mark_safe("&amp;")})
    )
    password = forms.CharField(widget=forms.PasswordInput)
    hidden = forms.CharField(widget=forms.HiddenInput, initial="h<i>")
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search", "autofocus": True}))
    date = forms.DateField(initial=datetime.date(2026, 1, 2))
    when = forms.DateTimeField(initial=datetime.datetime(2026, 1, 2, 3, 4))
    agree = forms.BooleanField(initial=True)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), initial="x < y & z")
    empty_body = forms.CharField(widget=forms.Textarea, required=False)
    pick = forms.ChoiceField(
        choices=[("", gettext_lazy("All")), (1, "One & <two>"), ("b", mark_safe("<i>b</i>"))],
        initial=1,
    )
    grouped = forms.ChoiceField(
        choices=[("Group <1>", [("a", "A"), ("b", "B")]), ("c", "C"), (2, 3)], initial="b"
    )
    several = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B"), ("c", "C")], initial=["a", "c"]
    )
    radio = forms.ChoiceField(
        choices=[("a", "A"), ("Group", [("b", "B"), ("c", "C")])],
        widget=forms.RadioSelect(attrs={"class": "choices"}),
        initial="b",
    )
    boxes = forms.MultipleChoiceField(
        choices=[(1, "One"), (2, "Two")], widget=forms.CheckboxSelectMultiple, initial=[2]
    )


def _fields(form):
    return [str(form[name].as_widget()) for name in form.fields]


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "text": "t\"x'<",
            "number": "12",
            "pick": "b",
            "several": ["b"],
            "radio": "a",
            "boxes": ["1", "2"],
            "body": "",
            "agree": "on",
            "grouped": "c",
        },
    ],
)
def test_widgets_render_as_the_templates_do(data, monkeypatch):
    assert _all_as_expected()
    slow = Everything(data, renderer=TemplatesSetting(), auto_id="id_%s")
    expected = _fields(slow)
    used = []
    original = TemplatesSetting.render
    monkeypatch.setattr(
        TemplatesSetting,
        "render",
        lambda *args, **kwargs: used.append(args[1]) or original(*args, **kwargs),
    )
    fast = Everything(data, renderer=RialFormRenderer(), auto_id="id_%s")
    assert _fields(fast) == expected
    assert used == []  # no widget went through the templates
    monkeypatch.undo()
    without_ids = Everything(data, renderer=RialFormRenderer(), auto_id=False)
    plain = Everything(data, renderer=TemplatesSetting(), auto_id=False)
    assert _fields(without_ids) == _fields(plain)


def test_a_whole_form_renders_as_before():
    fast = Everything(renderer=RialFormRenderer())
    slow = Everything(renderer=RialFormRenderer())
    slow.renderer.render = lambda name, context, request=None: TemplatesSetting.render(
        slow.renderer, name, context, request
    )
    assert str(fast) == str(slow)
