"""Copy a video's thumbnail into our storage once, so pages never hot-link PeerTube.

The image is fetched with the same bounds as API calls (size cap, timeouts, no redirects),
decoded by Pillow within a pixel budget, and re-encoded as JPEG (which drops metadata and
anything that is not a picture).
"""

import io
import logging
import warnings

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from PIL import Image, UnidentifiedImageError

from . import http
from .client import VideoInfo

log = logging.getLogger("program.peertube")

FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 4096 * 4096
MAX_SIDE = 1280


def thumbnail_name(info: VideoInfo) -> str:
    return f"peertube/{info.instance}/{info.uuid}.jpg"


def _decode(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in FORMATS:
                raise ValueError(f"unexpected image format {probe.format}")
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValueError(f"image too large ({width}x{height})")
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    image = image.convert("RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    return image


def store_thumbnail(info: VideoInfo, *, storage=None, force=False, wait=0.0) -> str | None:
    """The storage name of the video's picture (preview, else thumbnail), fetched the first
    time only. None when there is no picture or it could not be fetched or read (logged)."""
    storage = storage or default_storage
    name = thumbnail_name(info)
    if not force and storage.exists(name):
        return name
    path = info.image_path()
    if not path:
        return None
    max_bytes = int(http.setting("THUMBNAIL_MAX_BYTES", 2 * 1024 * 1024))
    try:
        data, content_type = http.fetch(
            info.instance, path, max_bytes=max_bytes, accept="image/*", wait=wait
        )
        if not content_type.lower().startswith("image/"):
            raise http.Malformed(f"not an image ({content_type or 'no content type'})")
        image = _decode(data)
    except http.FetchError as exc:
        log.warning("PeerTube %s thumbnail of %s: %s", info.instance, info.uuid, exc)
        return None
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
        ValueError,
    ) as exc:
        log.warning("PeerTube %s thumbnail of %s: unreadable (%s)", info.instance, info.uuid, exc)
        return None
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(out.getvalue()))
