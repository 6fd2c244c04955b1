"""Uploads: oversized bodies refused before they are read, polyglot logos refused or rewritten
to their pixels alone, replaced logos deleted unless something else uses them."""

import io
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import override

from wagtail.images import get_image_model

import pytest
from PIL import ExifTags, Image, ImageCms, PngImagePlugin

from home.request_limits import RequestTooLarge
from sponsors.portal import portal_path
from tests.factories.home import StandardPageFactory
from tests.factories.sponsors import BOOTH_FORM, BoothInfoFactory
from tests.sponsors.conftest import make_image, png_bytes
from tests.sponsors.test_uploads import SVG, bomb_png

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
BOUNDARY = "alposs-test-boundary"
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


class HugeMultipartBody:
    """A multipart body of `size` bytes (one file field), made as it is read; counts the bytes
    the server read, so a test can tell a body refused unread from one read to the end."""

    def __init__(self, size, field="logo"):
        self.head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; '
            'filename="big.png"\r\nContent-Type: image/png\r\n\r\n'
        ).encode()
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.size = size
        self.read_bytes = 0

    def read(self, size=-1):
        size = self.size - self.read_bytes if size is None or size < 0 else size
        end = min(self.size, self.read_bytes + size)
        start, self.read_bytes = self.read_bytes, end
        head_part = self.head[start:end] if start < len(self.head) else b""
        middle_end = self.size - len(self.tail)
        zeros = max(0, min(end, middle_end) - max(start, len(self.head)))
        tail_part = self.tail[max(0, start - middle_end) : max(0, end - middle_end)]
        return head_part + b"\0" * zeros + tail_part

    def readline(self, size=-1):
        return self.read(size)


def post_huge(client, path, size=60 * MB):
    body = HugeMultipartBody(size)
    response = client.generic("POST", path, **huge_environ(body))
    return response, body


def huge_environ(body):
    return {
        "wsgi.input": body,
        "CONTENT_LENGTH": str(body.size),
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
    }


@pytest.fixture
def booth(home_page):
    return BoothInfoFactory()


def portal_of(booth, language="en"):
    with override(language):
        return portal_path(booth.sponsorship, language=language)


def post_logo(client, booth, data, name="logo.png"):
    upload = SimpleUploadedFile(name, data, content_type="image/png")
    return client.post(portal_of(booth), {**BOOTH_FORM, "save": "1", "logo": upload})


# Request size


@pytest.mark.parametrize("where", ["home page", "sponsor portal"])
def test_a_60_mb_post_is_answered_413_without_reading_its_body(client, booth, where):
    path = "/en/" if where == "home page" else portal_of(booth)

    response, body = post_huge(client, path)

    assert response.status_code == 413
    assert body.read_bytes == 0
    page = response.content.decode()
    assert "<h1>Too large to send</h1>" in page
    assert "larger than this site accepts (10 MB at most)" in page
    assert get_image_model().objects.count() == 0


def test_the_413_page_speaks_french_on_the_french_site(client, booth):
    response, _body = post_huge(client, portal_of(booth, "fr"))

    assert response.status_code == 413
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "<h1>Envoi trop volumineux</h1>" in page
    assert "10 Mo au plus" in page


def test_a_post_just_over_the_public_limit_is_refused_and_one_under_it_is_read(client, booth):
    limit = settings.ALPOSS_MAX_REQUEST_BYTES

    over, over_body = post_huge(client, portal_of(booth), size=limit + 1)
    under, under_body = post_huge(client, portal_of(booth), size=limit - 1)

    assert over.status_code == 413
    assert over_body.read_bytes == 0
    # read to the end, then refused by the form (a 10 MB file is no logo), with its message
    assert under.status_code == 400
    assert under_body.read_bytes == limit - 1
    assert "The file is too large (2 MB at most)" in under.content.decode()


@pytest.fixture
def editor(home_page):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")


def test_the_admin_takes_larger_uploads_from_people_who_work_in_it(client, editor):
    add_image = reverse("wagtailimages:add")
    size = 20 * MB  # above the public limit, below the admin's

    anonymous, anonymous_body = post_huge(client, add_image, size=size)
    client.force_login(editor)
    editing, editing_body = post_huge(client, add_image, size=size)
    too_large, too_large_body = post_huge(client, add_image, size=60 * MB)

    assert anonymous.status_code == 413
    assert anonymous_body.read_bytes == 0
    assert editing.status_code == 200  # Wagtail's own form answers, about its own limits
    assert editing_body.read_bytes == size
    assert too_large.status_code == 413
    assert too_large_body.read_bytes == 0
    assert "50 Mo au plus" in too_large.content.decode()  # the admin has no /en/ prefix


def test_the_upload_handler_stops_reading_past_the_limit_whatever_the_headers_said(booth):
    """The second line, for a body the middleware did not measure."""
    request, body = request_without_middleware(portal_of(booth), size=60 * MB)

    with pytest.raises(RequestTooLarge):
        request.POST  # noqa: B018 - reading it parses the body

    limit = settings.ALPOSS_MAX_REQUEST_BYTES
    assert limit < body.read_bytes < limit + 1 * MB


def request_without_middleware(path, size):
    body = HugeMultipartBody(size)
    request = RequestFactory().generic("POST", path, **huge_environ(body))
    return request, body


# Polyglots and metadata


def png_with(size=(120, 60), **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#174a7c").save(buffer, format="PNG", **save_options)
    return buffer.getvalue()


def jpeg_with_gps_facing_right():
    """A 120 x 60 photo whose EXIF holds a position and says "turn me a quarter"."""
    image = Image.new("RGB", (120, 60), "#e94e1b")
    exif = image.getexif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Phone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (45.0, 8.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (5.0, 43.0, 10.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def stored_logo(booth):
    booth.refresh_from_db()
    logo = booth.logo_override
    with logo.open_file() as stored:
        return logo, stored.read()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.svg", SVG, "SVG files are not accepted"),
        ("logo.png", SVG, "SVG files are not accepted"),
        ("logo.png", b"<!DOCTYPE html>" + HTML, "not a PNG, JPEG or WebP image"),
        ("logo.png", bomb_png(), "too many pixels"),
    ],
    ids=["svg-with-script", "svg-renamed-png", "html-renamed-png", "decompression-bomb"],
)
def test_polyglots_that_are_no_picture_are_refused_with_a_clear_message(
    client, booth, name, data, message
):
    response = post_logo(client, booth, data, name=name)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert get_image_model().objects.count() == 0


def test_a_png_with_an_html_document_appended_is_stored_without_it(client, booth):
    original = png_with()
    response = post_logo(client, booth, original + HTML)

    assert response.status_code == 302
    logo, data = stored_logo(booth)
    assert b"<html" not in data
    assert b"<script" not in data
    assert data.endswith(b"IEND\xaeB`\x82")  # the image's last chunk is the file's end
    with Image.open(io.BytesIO(data)) as stored, Image.open(io.BytesIO(original)) as sent:
        assert stored.format == "PNG"
        assert stored.tobytes() == sent.tobytes()  # the same pixels


def test_png_text_chunks_and_colour_profile_are_dropped(client, booth):
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "<script>alert(1)</script>")
    text.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>secret</x:xmpmeta>", zip=True)
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    response = post_logo(client, booth, png_with(pnginfo=text, icc_profile=profile))

    assert response.status_code == 302
    _logo, data = stored_logo(booth)
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"iCCP", b"eXIf"):
        assert chunk not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.info == {}


def test_a_jpeg_is_turned_upright_and_its_exif_position_is_gone(client, booth):
    response = post_logo(client, booth, jpeg_with_gps_facing_right(), name="photo.jpg")

    assert response.status_code == 302
    logo, data = stored_logo(booth)
    assert b"Exif" not in data
    assert b"Phone" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG"
        assert stored.size == (60, 120)  # the orientation applied to the pixels
        assert dict(stored.getexif()) == {}
        assert stored.getpixel((30, 60)) == pytest.approx((233, 78, 27), abs=4)
    assert (logo.width, logo.height) == (60, 120)
    assert logo.file.name.endswith(".jpg")


def test_a_webp_keeps_its_transparency_and_loses_its_metadata(client, booth):
    image = Image.new("RGBA", (80, 40), (23, 74, 124, 0))
    image.paste((23, 74, 124, 255), (0, 0, 40, 40))
    exif = image.getexif()
    exif[ExifTags.Base.Make] = "Phone"
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", exif=exif, xmp=b"<x:xmpmeta>secret</x:xmpmeta>")

    response = post_logo(client, booth, buffer.getvalue(), name="logo.webp")

    assert response.status_code == 302
    _logo, data = stored_logo(booth)
    assert b"Phone" not in data
    assert b"secret" not in data
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "WEBP"
        assert stored.mode == "RGBA"
        assert stored.getpixel((10, 10))[3] == 255
        assert stored.getpixel((70, 10))[3] == 0


# Replaced logos


def upload(client, booth, colour):
    assert post_logo(client, booth, png_bytes(colour=colour)).status_code == 302
    booth.refresh_from_db()
    return booth.logo_override


def test_a_replaced_logo_that_nothing_else_uses_is_deleted_with_its_file(
    client, booth, django_capture_on_commit_callbacks, settings, tmp_path
):
    # On disk: Wagtail deletes files through a task that builds the storage again, and a new
    # in-memory storage (the tests' default) would not hold the file.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    first = upload(client, booth, "#111111")
    with django_capture_on_commit_callbacks(execute=True):
        second = upload(client, booth, "#222222")

    assert list(get_image_model().objects.all()) == [second]
    assert not first.file.storage.exists(first.file.name)
    assert second.file.storage.exists(second.file.name)


def test_a_replaced_logo_that_the_sponsor_record_uses_is_kept(client, booth):
    first = upload(client, booth, "#111111")
    sponsor = booth.sponsorship.sponsor
    sponsor.logo = first
    sponsor.save()

    second = upload(client, booth, "#222222")

    assert set(get_image_model().objects.all()) == {first, second}


def test_a_replaced_logo_that_another_booth_uses_is_kept(client, booth):
    first = upload(client, booth, "#111111")
    BoothInfoFactory(logo_override=first)

    second = upload(client, booth, "#222222")

    assert set(get_image_model().objects.all()) == {first, second}


def test_a_replaced_logo_that_a_page_shows_is_kept(client, booth, home_page):
    first = upload(client, booth, "#111111")
    image_block = {"image": {"image": first.pk, "decorative": True, "alt_text": ""}}
    StandardPageFactory(
        parent=home_page, body=json.dumps([{"type": "image", "value": image_block}])
    )

    second = upload(client, booth, "#222222")

    assert set(get_image_model().objects.all()) == {first, second}


def test_a_logo_an_organizer_uploaded_is_not_deleted_when_the_sponsor_replaces_it(
    client, booth, editor
):
    library_image = make_image("Logo chosen by the organizers")
    library_image.uploaded_by_user = editor
    library_image.save()
    booth.logo_override = library_image
    booth.save()

    second = upload(client, booth, "#222222")

    assert set(get_image_model().objects.all()) == {library_image, second}


def test_a_sponsor_who_sends_no_new_file_keeps_the_current_logo(client, booth):
    first = upload(client, booth, "#111111")

    response = client.post(portal_of(booth), {**BOOTH_FORM, "save": "1"})

    assert response.status_code == 302
    booth.refresh_from_db()
    assert booth.logo_override == first
    assert list(get_image_model().objects.all()) == [first]
