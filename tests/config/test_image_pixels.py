"""Images are judged by their pixels, read from the header, on every upload that makes
one: the Wagtail admin, expert photos, forum attachments and event documents.

The attack: a 17 KB PNG that claims 12000 x 12000 pixels (144 million). Decoding it
takes ~576 MB and seconds on every page that shows it first.
"""

import io
import struct
import uuid
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageFile
from wagtail.images import get_image_model

from forum import services as expert_services
from forum import services as forum_services
from forum.forms import ExpertProfileForm
from forum.services import communities as community_services
from lms.uploads import check_image_pixels, image_pixels

# Fixtures shared with the forum tests (used as arguments below).
from tests.forum.forum_fixtures import ask, community_event, no_flood, workshop  # noqa: F401
from tests.mfa import mfa_force_login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_flood")]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def huge_png(side: int = 12000) -> bytes:
    """A valid black-and-white PNG of side x side pixels: zeros compress to ~17 KB."""
    row = b"\x00" + bytes((side + 7) // 8)  # filter byte, then 1 bit a pixel
    data = zlib.compress(row * side, 9)
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def photo(width=1600, height=1200, kind="JPEG") -> bytes:
    """An ordinary camera-sized photo."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, kind)
    return buffer.getvalue()


def upload(name, content, content_type):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return huge_png()


@pytest.fixture
def no_decoding(monkeypatch):
    """Fail if anything decodes pixels: the check must read the header only."""

    def refuse(self):
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_attack_is_small_and_claims_144_million_pixels(bomb, no_decoding):
    assert len(bomb) < 20_000
    assert image_pixels(upload("x.png", bomb, "image/png")) == 144_000_000
    assert image_pixels(upload("x.jpg", photo(), "image/jpeg")) == 1600 * 1200
    assert image_pixels(upload("x.pdf", b"%PDF-1.4", "application/pdf")) is None


def test_the_check_reads_the_header_and_says_why(bomb, no_decoding, settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    file = upload("mapa.png", bomb, "image/png")
    with pytest.raises(ValidationError) as refused:
        check_image_pixels(file, field="photo")
    message = refused.value.message_dict["photo"][0]
    assert "mapa.png has too many pixels" in message and "40 million" in message
    assert file.tell() == 0  # put back for whoever reads it next
    check_image_pixels(upload("foto.jpg", photo(), "image/jpeg"), field="photo")


def test_an_animated_image_counts_every_frame(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    buffer = io.BytesIO()
    frames = [Image.new("RGB", (500, 500), (50 * n, 0, 0)) for n in range(5)]
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    with pytest.raises(ValidationError):
        check_image_pixels(upload("a.gif", buffer.getvalue(), "image/gif"), field="files")


# --- every upload that makes an image ------------------------------------------------------


def _expert(secretariat):
    from tests.factories import ProfileFactory

    user = ProfileFactory(user__full_name="Patrícia Alves").user
    return user, expert_services.expert_grant(actor=secretariat, user=user)


def _profile_data():
    return {"headline": "", "bio": "", "seminars": "", "availability": ""}


def test_expert_photo_form_refuses_the_attack_and_takes_a_photo(bomb, no_decoding):
    form = ExpertProfileForm(
        data=_profile_data(), files={"photo": upload("yo.png", bomb, "image/png")}
    )
    assert not form.is_valid()
    assert form.errors["photo"] == [
        "yo.png has too many pixels: an image may have at most 40 million "
        "(width times height). Make it smaller and send it again."
    ]


def test_expert_photo_form_takes_an_ordinary_photo():
    form = ExpertProfileForm(
        data=_profile_data(), files={"photo": upload("yo.jpg", photo(), "image/jpeg")}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["photo"].name == "yo.jpg"


def test_expert_photo_service_refuses_the_attack(secretariat, bomb):
    user, profile = _expert(secretariat)
    arguments = {
        "actor": user,
        "profile": profile,
        "headline": "Especialista",
        "bio": "",
        "themes": [],
        "workshops": [],
        "seminars": "",
        "availability": "",
        "accepts_questions": True,
    }
    images = get_image_model().objects.count()
    with pytest.raises(ValidationError) as refused:
        expert_services.expert_profile_update(
            **arguments, photo=upload("yo.png", bomb, "image/png")
        )
    assert "photo" in refused.value.message_dict
    assert get_image_model().objects.count() == images
    updated = expert_services.expert_profile_update(
        **arguments, photo=upload("yo.jpg", photo(), "image/jpeg")
    )
    assert (updated.photo.width, updated.photo.height) == (1600, 1200)


def test_forum_attachments_refuse_the_attack(workshop, bomb):  # noqa: F811
    topic = ask(workshop)
    with pytest.raises(ValidationError) as refused:
        forum_services.post_reply(
            user=workshop["bruno"],
            topic=topic,
            body="El mapa",
            token=uuid.uuid4(),
            files=[upload("mapa.png", bomb, "image/png")],
        )
    assert "mapa.png has too many pixels" in refused.value.message_dict["files"][0]
    assert topic.posts.count() == 1
    post = forum_services.post_reply(
        user=workshop["bruno"],
        topic=topic,
        body="La foto",
        token=uuid.uuid4(),
        files=[upload("foto.jpg", photo(), "image/jpeg")],
    ).post
    assert post.attachments.get().is_image


def test_event_documents_refuse_the_attack(user, bomb):
    event = community_event(user)
    with pytest.raises(ValidationError) as refused:
        community_services.space_event_document_add(
            actor=user, event=event, upload=upload("foto.png", bomb, "image/png")
        )
    assert "too many pixels" in refused.value.message_dict["file"][0]
    document = community_services.space_event_document_add(
        actor=user, event=event, upload=upload("foto.png", photo(kind="PNG"), "image/png")
    )
    assert document.size > 0


def test_the_wagtail_admin_refuses_the_attack(client, secretariat, bomb):
    mfa_force_login(client, secretariat)
    images = get_image_model().objects.count()
    response = client.post(
        "/admin/images/add/",
        {"title": "Mapa", "file": upload("mapa.png", bomb, "image/png")},
    )
    assert response.status_code == 200  # the form again, with its error
    assert [error.code for error in response.context["form"].errors.as_data()["file"]] == [
        "file_too_many_pixels"
    ]
    assert get_image_model().objects.count() == images
    response = client.post(
        "/admin/images/add/",
        {"title": "Foto", "file": upload("foto.jpg", photo(), "image/jpeg")},
    )
    assert response.status_code == 302
    assert get_image_model().objects.count() == images + 1
