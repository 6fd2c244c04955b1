"""Pictures that come from elsewhere (a PeerTube thumbnail, a speaker's avatar), made safe.

Pillow decodes them within a pixel budget, after checking the format from the content (never
the name or the content type); they are re-encoded as JPEG, which drops metadata and anything
that is not a picture.
"""

import io
import warnings

from PIL import Image, UnidentifiedImageError

FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 4096 * 4096


class NotAPicture(ValueError):
    """The bytes are not a picture we take (the message says why, in English, for logs)."""


def decode_picture(data, *, max_side, max_pixels=MAX_PIXELS):
    """An RGB picture no larger than max_side a side, or NotAPicture."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in FORMATS:
                    raise NotAPicture(f"unexpected image format {probe.format}")
                width, height = probe.size
                if width * height > max_pixels:
                    raise NotAPicture(f"image too large ({width}x{height})")
                probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
        except NotAPicture:
            raise
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
            OSError,
            SyntaxError,
            ValueError,
            EOFError,
        ) as exc:
            raise NotAPicture(f"unreadable ({exc})") from None
    image = image.convert("RGB")
    image.thumbnail((max_side, max_side))
    return image


def as_jpeg(image, quality=85):
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()
