"""Checking uploaded files by what they contain, not by what they are called.

Used by assignment submissions (lms) and forum attachments (forum): each keeps
its own list of accepted types and its own messages. Every upload that makes an
image (expert photos, forum and event images) also passes ``check_image_pixels``.
"""

import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def upload_extension(upload) -> str:
    """ ".pdf", ".docx"... in lower case; "" when the name has none."""
    name = upload.name or ""
    return ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""


def content_matches(upload, magic: bytes | None) -> bool:
    """Does the file start as its type says? ``magic=None`` means UTF-8 text.

    Reads the first 2 KB and puts the file back at its start.
    """
    head = upload.read(2048)
    upload.seek(0)
    if magic is not None:
        return head.startswith(magic)
    # The first 2 KB may end in the middle of a character: allow for that.
    sample = head if len(head) < 2048 else head[:-3]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def image_pixels(upload) -> int | None:
    """Pixels of an uploaded image (width x height x frames), read from its header.

    Nothing is decoded: Pillow's ``open`` reads the header and stops, so a
    17 KB PNG that claims 12000 x 12000 costs no more than a small one. ``None``
    when Pillow cannot read the header (the type checks reject such files).
    Puts the file back at its start.
    """
    from PIL import Image

    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own limit (89 million pixels): we only read
            # the size here, and judge it against ours.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
    except Image.DecompressionBombError:
        # Above twice Pillow's limit it will not even say the size.
        return 2 * Image.MAX_IMAGE_PIXELS + 1
    except (OSError, ValueError, SyntaxError):
        return None
    finally:
        upload.seek(0)
    return width * height * frames


def too_many_pixels(upload) -> str | None:
    """Why this image is refused, if it has more pixels than
    WAGTAILIMAGES_MAX_IMAGE_PIXELS (the limit the Wagtail admin applies to its
    own uploads); ``None`` when it is within the limit."""
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    pixels = image_pixels(upload)
    if not limit or pixels is None or pixels <= limit:
        return None
    return _(
        "%(name)s has too many pixels: an image may have at most %(millions)s million "
        "(width times height). Make it smaller and send it again."
    ) % {"name": upload.name or _("The image"), "millions": limit // 1_000_000}


def check_image_pixels(upload, *, field: str) -> None:
    """Refuse an image with too many pixels; the message goes to ``field``."""
    message = too_many_pixels(upload)
    if message:
        raise ValidationError({field: message}, code="image_too_many_pixels")


class LimitedImageField(forms.ImageField):
    """An image field that reads the pixel count from the header first, so a huge
    image is refused with a clear message before Pillow looks any further."""

    def to_python(self, data):
        if data and hasattr(data, "seek"):
            message = too_many_pixels(data)
            if message:
                raise ValidationError(message, code="image_too_many_pixels")
        return super().to_python(data)
