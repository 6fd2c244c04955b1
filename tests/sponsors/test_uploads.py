import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import override

from wagtail.images import get_image_model

import pytest
from PIL import Image

from sponsors.portal import portal_path
from sponsors.uploads import MAX_LOGO_BYTES, check_logo
from tests.factories.sponsors import BOOTH_FORM, BoothInfoFactory
from tests.sponsors.conftest import png_bytes

pytestmark = pytest.mark.django_db


def bomb_png(width=30_000, height=30_000):
    """A tiny PNG file whose header claims a huge picture (a decompression bomb)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = compressor.compress(row * 64) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)


@pytest.fixture
def booth(home_page):
    return BoothInfoFactory()


def post_logo(client, booth, upload):
    with override("en"):
        url = portal_path(booth.sponsorship, language="en")
    return client.post(url, {**BOOTH_FORM, "save": "1", "logo": upload})


@pytest.mark.parametrize(
    ("image_format", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")]
)
def test_png_jpeg_and_webp_logos_are_stored_as_wagtail_images(
    client, booth, image_format, extension
):
    data = png_bytes(size=(120, 60), image_format=image_format)
    upload = SimpleUploadedFile("whatever.name", data, content_type="application/octet-stream")
    response = post_logo(client, booth, upload)
    assert response.status_code == 302
    booth.refresh_from_db()
    logo = booth.logo_override
    assert isinstance(logo, get_image_model())
    assert (logo.width, logo.height) == (120, 60)
    assert logo.file.name.endswith(f".{extension}")
    assert "whatever" not in logo.file.name
    assert logo.alt_text == booth.sponsorship.sponsor.name


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.png", b"This is plain text, not a picture.", "not a PNG, JPEG or WebP image"),
        ("logo.svg", SVG, "SVG files are not accepted"),
        ("logo.png", SVG, "SVG files are not accepted"),
        ("logo.png", bomb_png(), "too many pixels"),
        ("logo.gif", None, "not a PNG, JPEG or WebP image"),
        ("logo.png", png_bytes()[:40], "not a PNG, JPEG or WebP image"),
    ],
    ids=["text-renamed-png", "svg", "svg-renamed-png", "decompression-bomb", "gif", "truncated"],
)
def test_bad_logos_are_refused_with_a_clear_message_and_the_rest_is_kept(
    client, booth, name, data, message
):
    if data is None:
        buffer = io.BytesIO()
        Image.new("RGB", (10, 10)).save(buffer, format="GIF")
        data = buffer.getvalue()
    images_before = get_image_model().objects.count()
    response = post_logo(
        client,
        booth,
        SimpleUploadedFile(name, data, content_type="image/png"),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    assert 'value="Camille Martin"' in body
    assert "choose the file again" not in body  # the logo itself is the problem
    assert get_image_model().objects.count() == images_before
    booth.refresh_from_db()
    assert booth.logo_override is None


def test_oversized_file_is_refused_before_reading_it_as_an_image(client, booth):
    data = b"\x89PNG\r\n\x1a\n" + b"\x00" * (MAX_LOGO_BYTES + 10)
    response = post_logo(client, booth, SimpleUploadedFile("big.png", data))
    assert response.status_code == 400
    assert "The file is too large" in response.content.decode()


def test_picture_too_wide_is_refused_even_below_the_pixel_budget():
    from django.core.exceptions import ValidationError

    data = png_bytes(size=(7000, 2))
    with pytest.raises(ValidationError) as caught:
        check_logo(SimpleUploadedFile("wide.png", data))
    assert caught.value.code == "too_many_pixels"


def test_a_good_logo_with_other_errors_asks_to_choose_the_file_again(client, booth):
    with override("en"):
        url = portal_path(booth.sponsorship, language="en")
    upload = SimpleUploadedFile("logo.png", png_bytes())
    response = client.post(url, {**BOOTH_FORM, "description": "", "submit": "1", "logo": upload})
    assert response.status_code == 400
    assert "choose the file again" in response.content.decode()
