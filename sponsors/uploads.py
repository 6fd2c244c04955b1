"""Logo uploads from the sponsor portal, checked by content (Pillow), never by file name, and
stored re-encoded: the pixels alone, nothing else the file carried."""

import io
import secrets
import warnings

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.images import get_image_model

from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}
SAVE_OPTIONS = {"JPEG": {"quality": 90}, "WEBP": {"quality": 90}}
# What Pillow keeps in `info` that belongs to the pixels (a palette's transparent colour).
PIXEL_INFO = ("transparency",)
MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 16_000_000  # e.g. 4000 x 4000
MAX_LOGO_SIDE = 6000


def _looks_like_svg(head):
    text = head.lstrip().lower()
    return text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text[:1024]


def pixels_only(image, image_format):
    """`image` saved again in its format: turned as its EXIF orientation says, then without
    EXIF, XMP, text chunks, colour profile, comments, or anything after the image data."""
    upright = ImageOps.exif_transpose(image)
    upright.info = {key: upright.info[key] for key in PIXEL_INFO if key in upright.info}
    out = io.BytesIO()
    upright.save(out, format=image_format, **SAVE_OPTIONS.get(image_format, {}))
    return out.getvalue()


def check_logo(upload):
    """Return (bytes, extension) of a valid PNG, JPEG or WebP upload, re-encoded (see
    pixels_only), or raise ValidationError."""
    if upload.size is not None and upload.size > MAX_LOGO_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB at most).")
            % {"size": MAX_LOGO_BYTES // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB at most).")
            % {"size": MAX_LOGO_BYTES // (1024 * 1024)},
            code="too_large",
        )
    if _looks_like_svg(data[:2048]):
        raise ValidationError(
            _("SVG files are not accepted. Export your logo as PNG, JPEG or WebP."), code="svg"
        )
    not_an_image = ValidationError(
        _("This file is not a PNG, JPEG or WebP image (whatever its name says)."),
        code="not_an_image",
    )
    bomb = ValidationError(
        _(
            "This image has too many pixels (%(max)s million at most, %(side)s pixels a side "
            "at most). Send a smaller version."
        )
        % {"max": MAX_LOGO_PIXELS // 1_000_000, "side": MAX_LOGO_SIDE},
        code="too_many_pixels",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ALLOWED_FORMATS:
                    raise not_an_image
                width, height = image.size
                if (
                    width * height > MAX_LOGO_PIXELS
                    or width > MAX_LOGO_SIDE
                    or height > MAX_LOGO_SIDE
                ):
                    raise bomb
                image_format = image.format
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                clean = pixels_only(image, image_format)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise bomb from None
        except ValidationError:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise not_an_image from None
    return clean, ALLOWED_FORMATS[image_format]


def store_logo(data, extension, sponsor):
    """Store checked logo bytes as a Wagtail image, under a name we choose."""
    image_model = get_image_model()
    name = f"sponsor-{slugify(sponsor.slug or sponsor.name)[:40]}-{secrets.token_hex(4)}"
    image = image_model(
        title=_("Logo of %(sponsor)s") % {"sponsor": sponsor.name},
        alt_text=str(sponsor.name),
    )
    image.file = ImageFile(io.BytesIO(data), name=f"{name}.{extension}")
    image.save()
    return image
