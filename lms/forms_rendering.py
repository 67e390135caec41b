from django.core.signals import setting_changed
from django.dispatch import receiver
from django.forms.renderers import TemplatesSetting
from django.utils.html import format_html
from django.utils.translation import get_language


class RialFormRenderer(TemplatesSetting):
    """Render every form and field with the site's templates.

    Django already ties help text and errors to the input (``aria-describedby``,
    ``aria-invalid``); these templates add the layout and required markers.
    """

    form_template_name = "includes/form.html"
    field_template_name = "includes/form_field.html"


# --- Unbound forms rendered once per process ----------------------------------------------------
#
# Rendering a form through the templates of its fields and widgets costs about half
# a millisecond a field, on pages read far more often than sent (a topic's reply
# form, the subscription radios, the experts' filters). Unbound, such a form's
# HTML depends only on the language, its prefix, its fields' initial values and
# whatever ``kept_key`` adds (choices read from the database): ``KeptHtmlForm``
# renders it once for each of those and keeps it. Fields named in ``marked``
# (a one-time token, a quoted text) are rendered with a marker in place of their
# value; the kept HTML (Django's, braces doubled) has a ``{n}`` placeholder there and
# each render fills it with ``format_html``, which escapes the value as the
# templates do, so the HTML is the one Django writes. A bound form (errors, values
# sent) renders as usual.

KEPT_FORMS = 512
_kept: dict = {}
_MARK = "\x1erial-kept-{}\x1e"


class KeptHtmlForm:
    """Mixin for a ``forms.Form``: its unbound HTML is rendered once (see above)."""

    marked: tuple[str, ...] = ()

    def kept_key(self) -> tuple:
        """What else the HTML depends on (e.g. a version of choices read from the database)."""
        return ()

    def render(self, template_name=None, context=None, renderer=None):
        if self.is_bound or template_name or context or renderer or self.auto_id != "id_%s":
            return super().render(template_name, context, renderer)
        values = {name: self[name].value() for name in self.fields}
        # An empty value is part of the key (inputs then have no value attribute at all).
        marked = tuple(name for name in self.marked if values[name] not in (None, ""))
        fixed = tuple(
            (name, None if value is None else str(value))
            for name, value in values.items()
            if name not in marked
        )
        key = (type(self), self.renderer, get_language(), self.prefix, fixed, *self.kept_key())
        html = _kept.get(key)
        if html is None:
            html = self._render_marked(values, marked)
            if html is None:  # a marker Django did not write once: nothing kept
                return super().render()
            if len(_kept) >= KEPT_FORMS:
                _kept.clear()
            _kept[key] = html
        if not marked:
            return html  # Django's own SafeString, kept as rendered
        return format_html(html, *(values[name] for name in marked))

    def _render_marked(self, values: dict, marked: tuple) -> str | None:
        """Django's HTML of the form (as rendered when nothing is marked), else as a
        ``format_html`` string: ``{n}`` where the n-th marked field's value goes."""
        initial = {**values, **{name: _MARK.format(name) for name in marked}}
        twin = type(self)(
            initial=initial, prefix=self.prefix, renderer=self.renderer, **self.kept_init()
        )
        rendered = super(KeptHtmlForm, twin).render()
        if not marked:
            return rendered
        html = str(rendered)
        if any(html.count(_MARK.format(name)) != 1 for name in marked):
            return None
        html = html.replace("{", "{{").replace("}", "}}")
        for index, name in enumerate(marked):
            html = html.replace(_MARK.format(name), "{" + str(index) + "}")
        return html

    def kept_init(self) -> dict:
        """Keyword arguments the form's ``__init__`` needs besides ``initial`` and ``prefix``."""
        return {}

    __str__ = __html__ = render


@receiver(setting_changed)
def _forget_kept(**_kwargs) -> None:
    # Tests change languages or templates: what was kept may no longer be what renders.
    _kept.clear()
