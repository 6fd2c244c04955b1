"""Copy a video's thumbnail into our storage once, so pages never hot-link PeerTube.

The image is fetched with the same bounds as API calls (size cap, timeouts, no redirects),
decoded by Pillow within a pixel budget, and re-encoded as JPEG (which drops metadata and
anything that is not a picture).
"""

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from home.pictures import NotAPicture, as_jpeg, decode_picture

from . import http
from .client import VideoInfo

log = logging.getLogger("program.peertube")

MAX_SIDE = 1280


def thumbnail_name(info: VideoInfo) -> str:
    return f"peertube/{info.instance}/{info.uuid}.jpg"


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
        image = decode_picture(data, max_side=MAX_SIDE)
    except http.FetchError as exc:
        log.warning("PeerTube %s thumbnail of %s: %s", info.instance, info.uuid, exc)
        return None
    except NotAPicture as exc:
        log.warning("PeerTube %s thumbnail of %s: unreadable (%s)", info.instance, info.uuid, exc)
        return None
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(as_jpeg(image)))
