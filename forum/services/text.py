"""Small helpers the forum's services share: Markdown for a form field, unique addresses,
the token of a form sent twice."""

import uuid

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.markup import MarkupTooLong, render_markdown


def markdown_field(text: str, field: str):
    """The text rendered by ``lms.markup``; a text too long is an error on ``field``."""
    try:
        return render_markdown(text)
    except MarkupTooLong as error:
        raise ValidationError({field: _("The text is too long.")}) from error


def form_token(value) -> uuid.UUID:
    """The token a form carries (the same form sent twice carries the same), or a new one."""
    try:
        return uuid.UUID(str(value)) if value else uuid.uuid4()
    except ValueError:
        return uuid.uuid4()


def unique_slug(model, base: str, field: str = "slug", max_length: int = 80) -> str:
    """An address made from ``base`` that no ``model`` row has yet."""
    base = (slugify(base) or "x")[: max_length - 9].strip("-") or "x"
    slug = base
    while model.objects.filter(**{field: slug}).exists():
        slug = f"{base}-{uuid.uuid4().hex[:6]}"
    return slug
