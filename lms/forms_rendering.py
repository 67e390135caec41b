from django.forms.renderers import TemplatesSetting


class RialFormRenderer(TemplatesSetting):
    """Render every form and field with the site's templates.

    Django already ties help text and errors to the input (``aria-describedby``,
    ``aria-invalid``); these templates add the layout and required markers.
    """

    form_template_name = "includes/form.html"
    field_template_name = "includes/form_field.html"
