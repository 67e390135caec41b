"""Images are sent at the size they are shown (issue 19): every Wagtail image in our
templates offers renditions in ``srcset`` and says in ``sizes`` how wide it is shown,
so a phone on a slow connection fetches the small one and a wide 2x screen the big one.
"""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from cms.blocks import BodyStreamBlock
from cms.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(settings, tmp_path):
    """A 1500 x 1050 photo in the Wagtail library (larger than any size shown)."""
    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1500, 1050), (10, 80, 160)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title="Taller", file=ImageFile(buffer, name="taller.jpg")
    )


def img_tag(html: str) -> dict[str, str]:
    tags = re.findall(r"<img\b[^>]*>", html)
    assert len(tags) == 1, html
    return dict(re.findall(r'(\w+)="([^"]*)"', tags[0]))


def widths(srcset: str) -> list[int]:
    return [int(candidate.split()[-1].rstrip("w")) for candidate in srcset.split(",")]


def test_an_image_in_a_page_body_offers_the_widths_of_the_text_column(photo):
    body = BodyStreamBlock()
    value = body.to_python(
        [
            {
                "type": "image",
                "value": {"image": photo.pk, "decorative": False, "alt_text": "Un taller"},
            }
        ]
    )
    tag = img_tag(body.render(value))
    assert widths(tag["srcset"]) == [480, 720, 960, 1440]
    assert tag["sizes"] == "(max-width: 46rem) calc(100vw - 2rem), 44rem"
    assert tag["alt"] == "Un taller"
    assert (tag["width"], tag["height"]) == ("480", "336")  # the smallest for src, no layout shift


def test_a_picture_narrower_than_the_column_offers_each_width_once(settings, tmp_path):
    """Wagtail never enlarges: asked for 480, 720, 960 and 1440 of a 500 px picture it
    makes 480 and three of 500; a srcset naming one width twice is invalid HTML."""
    settings.MEDIA_ROOT = str(tmp_path)
    buffer = io.BytesIO()
    PillowImage.new("RGB", (500, 350), (10, 80, 160)).save(buffer, "JPEG")
    small = get_image_model().objects.create(title="Foto", file=ImageFile(buffer, name="foto.jpg"))
    body = BodyStreamBlock()
    value = body.to_python(
        [{"type": "image", "value": {"image": small.pk, "decorative": True, "alt_text": ""}}]
    )
    assert widths(img_tag(body.render(value))["srcset"]) == [480, 500]


def test_the_home_page_hero_offers_three_sizes_of_its_crop(client, demo_pages, photo):
    home = HomePage.objects.get(locale__language_code="en")
    home.hero_image = photo
    home.save_revision().publish()
    tag = img_tag(client.get("/en/").content.decode().split('class="hero__media"')[1])
    assert widths(tag["srcset"]) == [320, 640, 960]
    assert tag["sizes"] == "(max-width: 48rem) calc(100vw - 2rem), 28rem"
    assert tag["loading"] == "eager"
