"""The site's form renderer.

Forms and fields go through the site's templates. Widgets go through Django's
own templates, except the common ones (inputs, text areas, selects, radio and
checkbox lists), which are written here in Python with the very same output:
the template engine costs about 0.1 ms an option, and a select of the 70 ILO
themes rendered 10 ms on every page that filters by theme. The Python path is
taken only while Django's templates are the ones found and read exactly as
written below (``_EXPECTED``); otherwise, and for any value it does not know how
to print, the templates render as before.
"""

from functools import cache

from django.forms.renderers import TemplatesSetting
from django.template.loader import get_template
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime

W = "django/forms/widgets/"
INPUT = '{% include "django/forms/widgets/input.html" %}\n'
# The sources this module reproduces (Django 5.2).
_EXPECTED = {
    W + "attrs.html": (
        "{% for name, value in widget.attrs.items %}{% if value is not False %} {{ name }}"
        "{% if value is not True %}=\"{{ value|stringformat:'s' }}\"{% endif %}{% endif %}"
        "{% endfor %}"
    ),
    W + "input.html": (
        '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %}'
        " value=\"{{ widget.value|stringformat:'s' }}\"{% endif %}"
        '{% include "django/forms/widgets/attrs.html" %}>\n'
    ),
    W + "textarea.html": (
        '<textarea name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>\n'
        "{% if widget.value %}{{ widget.value }}{% endif %}</textarea>\n"
    ),
    W + "select.html": (
        '<select name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>'
        "{% for group_name, group_choices, group_index in widget.optgroups %}"
        '{% if group_name %}\n  <optgroup label="{{ group_name }}">{% endif %}'
        "{% for option in group_choices %}\n  {% include option.template_name with widget=option %}"
        "{% endfor %}{% if group_name %}\n  </optgroup>{% endif %}{% endfor %}\n</select>\n"
    ),
    W + "select_option.html": (
        "<option value=\"{{ widget.value|stringformat:'s' }}\""
        '{% include "django/forms/widgets/attrs.html" %}>{{ widget.label }}</option>\n'
    ),
    W + "multiple_input.html": (
        '{% with id=widget.attrs.id %}<div{% if id %} id="{{ id }}"{% endif %}'
        '{% if widget.attrs.class %} class="{{ widget.attrs.class }}"{% endif %}>'
        "{% for group, options, index in widget.optgroups %}{% if group %}\n"
        "  <div><label>{{ group }}</label>{% endif %}{% for option in options %}<div>\n"
        "    {% include option.template_name with widget=option %}</div>{% endfor %}"
        "{% if group %}\n  </div>{% endif %}{% endfor %}\n</div>{% endwith %}\n"
    ),
    W + "input_option.html": (
        "{% if widget.wrap_label %}<label{% if widget.attrs.id %}"
        ' for="{{ widget.attrs.id }}"{% endif %}>{% endif %}'
        '{% include "django/forms/widgets/input.html" %}'
        "{% if widget.wrap_label %} {{ widget.label }}</label>{% endif %}\n"
    ),
    W + "radio_option.html": '{% include "django/forms/widgets/input_option.html" %}\n',
    W + "checkbox_option.html": '{% include "django/forms/widgets/input_option.html" %}\n',
    W + "radio.html": '{% include "django/forms/widgets/multiple_input.html" %}\n',
    W + "checkbox_select.html": '{% include "django/forms/widgets/multiple_input.html" %}\n',
}
# Widgets whose template is only "the input": <input type=...>.
_INPUTS = [
    "text",
    "email",
    "number",
    "url",
    "password",
    "hidden",
    "search",
    "tel",
    "date",
    "datetime",
    "time",
    "checkbox",
]
_EXPECTED.update({f"{W}{name}.html": INPUT for name in _INPUTS})
_OPTION_TEMPLATES = {W + "radio_option.html", W + "checkbox_option.html"}


class _Unknown(Exception):
    """A value this module does not print the way the template would: use the template."""


@cache
def _as_expected(template_name: str) -> bool:
    try:
        source = get_template(template_name).template.source
    except Exception:  # any doubt: the templates render
        return False
    return source == _EXPECTED.get(template_name)


def _all_as_expected() -> bool:
    return all(_as_expected(name) for name in _EXPECTED)


def _out(value) -> str:
    """``{{ value }}``, autoescaped."""
    if isinstance(value, str):
        return conditional_escape(value)
    if callable(value):  # the template would call it
        raise _Unknown
    return conditional_escape(str(localize(template_localtime(value))))


def _format_s(value) -> str:
    """``{{ value|stringformat:'s' }}``, autoescaped."""
    if callable(value):
        raise _Unknown
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs: dict) -> str:
    parts = []
    for name, value in attrs.items():
        if callable(value):
            raise _Unknown
        if value is False:
            continue
        parts.append(f" {_out(name)}" if value is True else f' {_out(name)}="{_format_s(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = widget["value"]
    shown = f' value="{_format_s(value)}"' if value != None else ""  # noqa: E711 - as the template
    return (
        f'<input type="{_out(widget["type"])}" name="{_out(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>\n"
    )


def _textarea(widget: dict) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_out(value) if value else ''}</textarea>\n"
    )


def _select(widget: dict) -> str:
    parts = [f'<select name="{_out(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_out(group_name)}">')
        for option in options:
            if option["template_name"] != W + "select_option.html":
                raise _Unknown
            parts.append(
                f'\n  <option value="{_format_s(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_out(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _multiple_input(widget: dict) -> str:
    attrs = widget["attrs"]
    element_id, css_class = attrs.get("id"), attrs.get("class")
    parts = [
        "<div",
        f' id="{_out(element_id)}"' if element_id else "",
        f' class="{_out(css_class)}"' if css_class else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_out(group)}</label>")
        for option in options:
            if option["template_name"] not in _OPTION_TEMPLATES:
                raise _Unknown
            option_id = option["attrs"].get("id")
            if option["wrap_label"]:
                label_for = f' for="{_out(option_id)}"' if option_id else ""
                html = f"<label{label_for}>{_input(option)} {_out(option['label'])}</label>"
            else:
                html = _input(option)
            parts.append(f"<div>\n    {html}\n\n</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


_WRITERS = {
    W + "textarea.html": _textarea,
    W + "select.html": _select,
    W + "radio.html": _multiple_input,
    W + "checkbox_select.html": _multiple_input,
    **{f"{W}{name}.html": _input for name in _INPUTS},
}


class RialFormRenderer(TemplatesSetting):
    """Render every form and field with the site's templates.

    Django already ties help text and errors to the input (``aria-describedby``,
    ``aria-invalid``); these templates add the layout and required markers.
    """

    form_template_name = "includes/form.html"
    field_template_name = "includes/form_field.html"

    def render(self, template_name, context, request=None):
        writer = _WRITERS.get(template_name)
        if writer is not None and "widget" in context and _all_as_expected():
            try:
                return mark_safe(writer(context["widget"]).strip())  # noqa: S308 - escaped above
            except _Unknown:
                pass
        return super().render(template_name, context, request=request)
