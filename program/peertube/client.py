"""Read PeerTube metadata: videos (with live state), playlists' and channels' video lists.

Answers are cached with the Django cache: briefly while a video is live or waiting for its
live, longer for replays. A copy of the last good answer is kept under a separate long-lived
key; when the instance times out, refuses, answers 4xx/5xx, non-JSON, truncated or oversized
bodies, callers get that copy (or None) and a warning goes to the log. Nothing here raises.
"""

import dataclasses
import logging
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.core.cache import cache

from . import http
from .http import FetchError, Malformed, NotFound, setting
from .urls import CHANNEL, PLAYLIST, UUID_RE, VIDEO, PeerTubeRef, uuid_to_short

log = logging.getLogger("program.peertube")

# Live states (VideoState): other values exist and are tolerated (kept as they are).
STATE_PUBLISHED = 1  # for a live: streaming now
STATE_TO_TRANSCODE = 2
STATE_WAITING_FOR_LIVE = 4
STATE_LIVE_ENDED = 5

PAGE_SIZE = 100  # PeerTube's maximum `count`


@dataclass(frozen=True)
class VideoInfo:
    instance: str
    uuid: str
    short_uuid: str
    title: str
    duration: int = 0
    is_live: bool = False
    state: int | None = None
    views: int = 0
    viewers: int | None = None
    published_at: datetime | None = None
    originally_published_at: datetime | None = None
    thumbnail_path: str | None = None
    preview_path: str | None = None
    id: int | None = None

    @property
    def ref(self) -> PeerTubeRef:
        return PeerTubeRef(self.instance, VIDEO, self.uuid)

    @property
    def live_now(self) -> bool:
        return self.is_live and self.state == STATE_PUBLISHED

    @property
    def live_waiting(self) -> bool:
        return self.is_live and self.state == STATE_WAITING_FOR_LIVE

    @property
    def live_ended(self) -> bool:
        return self.is_live and self.state == STATE_LIVE_ENDED

    @property
    def replay_ready(self) -> bool:
        """A plain video (or a live turned into its replay) that can be watched."""
        return not self.is_live and self.state in (STATE_PUBLISHED, None)

    @property
    def date(self) -> datetime | None:
        """When it was recorded, as far as PeerTube knows."""
        return self.originally_published_at or self.published_at

    def image_path(self) -> str | None:
        return self.preview_path or self.thumbnail_path


# -- JSON checks --------------------------------------------------------------------------


def _field(data, key, kinds, default=None):
    """`data[key]` if of one of `kinds`, `default` when absent or null; Malformed otherwise."""
    value = data.get(key)
    if value is None:
        return default
    if isinstance(value, bool) and bool not in kinds:
        raise Malformed(f"{key}: boolean where {kinds} expected")
    if not isinstance(value, kinds):
        raise Malformed(f"{key}: {type(value).__name__} where {kinds} expected")
    return value


def _path(value) -> str | None:
    """A server-relative path (`/lazy-static/…`), never an absolute or protocol-relative URL."""
    ok = (
        isinstance(value, str)
        and value.startswith("/")
        and not value.startswith("//")
        and len(value) < 500
        and value.isprintable()
        and not any(c in value for c in " \\")
    )
    return value if ok else None


def _datetime(data, key) -> datetime | None:
    value = _field(data, key, (str,))
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise Malformed(f"{key}: not an ISO date") from exc
    return parsed if parsed.tzinfo else None


def _thumbnail_from_list(data) -> str | None:
    """PeerTube 8.1 deprecates thumbnailPath for a `thumbnails` list: take the largest."""
    thumbnails = data.get("thumbnails")
    if not isinstance(thumbnails, list):
        return None
    best, best_width = None, -1
    for item in thumbnails:
        if isinstance(item, dict) and _path(item.get("path")):
            width = item.get("width") if isinstance(item.get("width"), int) else 0
            if width > best_width:
                best, best_width = _path(item["path"]), width
    return best


def parse_video(data, instance: str) -> VideoInfo:
    """A `Video` / `VideoDetails` JSON object, checked field by field. Raises Malformed."""
    if not isinstance(data, dict):
        raise Malformed("video: not an object")
    uuid = _field(data, "uuid", (str,))
    if not uuid or not UUID_RE.match(uuid):
        raise Malformed("video: no valid uuid")
    title = _field(data, "name", (str,))
    if not title:
        raise Malformed("video: no name")
    state = _field(data, "state", (dict,))
    state_id = _field(state, "id", (int,)) if state is not None else None
    duration = _field(data, "duration", (int,), 0)
    views = _field(data, "views", (int,), 0)
    short = data.get("shortUUID")
    if not (isinstance(short, str) and len(short) == 22 and short == uuid_to_short(uuid)):
        short = uuid_to_short(uuid)
    return VideoInfo(
        instance=instance,
        uuid=uuid,
        short_uuid=short,
        title=title[:500],
        duration=max(0, duration),
        is_live=_field(data, "isLive", (bool,), False),
        state=state_id,
        views=max(0, views),
        viewers=_field(data, "viewers", (int,)),
        published_at=_datetime(data, "publishedAt"),
        originally_published_at=_datetime(data, "originallyPublishedAt"),
        thumbnail_path=_path(data.get("thumbnailPath")) or _thumbnail_from_list(data),
        preview_path=_path(data.get("previewPath")),
        id=_field(data, "id", (int,)),
    )


def parse_video_list(data, instance: str) -> tuple[list[VideoInfo], int]:
    """A `{total, data: [...]}` page. Items are videos (channel lists) or playlist elements
    `{position, video}` (what playlists really return); deleted or private elements have no
    video and are skipped, and so are malformed items. Raises Malformed for a bad page."""
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise Malformed("list: no data array")
    total = _field(data, "total", (int,), 0)
    videos = []
    for item in data["data"]:
        if isinstance(item, dict) and "video" in item and "uuid" not in item:
            item = item["video"]
            if item is None:
                continue
        try:
            videos.append(parse_video(item, instance))
        except Malformed as exc:
            log.info("PeerTube %s: list item skipped (%s)", instance, exc)
    return videos, total


# -- cache ------------------------------------------------------------------------------


def _to_cache(value):
    if isinstance(value, VideoInfo):
        return {"video": dataclasses.asdict(value)}
    return {"videos": [dataclasses.asdict(v) for v in value]}


def _from_cache(stored):
    try:
        if "video" in stored:
            return VideoInfo(**stored["video"])
        return [VideoInfo(**v) for v in stored["videos"]]
    except (TypeError, KeyError):
        return None  # stored by an older version of this module


def _ttl_for(value) -> int:
    long_ttl = int(setting("TTL", 3600))
    short_ttl = int(setting("LIVE_TTL", 30))
    if isinstance(value, VideoInfo):
        return long_ttl if value.replay_ready and value.state == STATE_PUBLISHED else short_ttl
    return long_ttl


class _Miss:
    pass


def cache_keys(name, ref):
    """The keys of the fresh answer and of the last good copy for `ref` (`name`: its kind)."""
    parts = (name, ref.instance, ref.id)
    return http.cache_key("fresh", *parts), http.cache_key("last", *parts)


def _cached(name, ref: PeerTubeRef, load, *, cached_only=False, refresh=False):
    """The cached answer for `ref`, else `load()`'s, else the last good one (or None).

    `refresh=True` (commands) asks the instance even when a cached answer is still fresh.
    Even an unexpected error (a cache backend down, a bug) ends as None and a log entry:
    this is called while rendering pages.
    """
    try:
        return _cached_or_loaded(name, ref, load, cached_only=cached_only, refresh=refresh)
    except Exception:
        log.exception("PeerTube %s %s %s: unexpected error", ref.instance, name, ref.id)
        return None


def _cached_or_loaded(name, ref, load, *, cached_only, refresh):
    fresh_key, last_key = cache_keys(name, ref)
    stored = _Miss if refresh else cache.get(fresh_key, _Miss)
    if stored is not _Miss:
        return _from_cache(stored) if stored is not None else _last_good(last_key)
    if cached_only or (http.backing_off(ref.instance) and not refresh):
        return _last_good(last_key)
    try:
        value = load()
    except FetchError as exc:
        last = _last_good(last_key)
        if exc.instance_fault:
            http.back_off(ref.instance)
        log.warning(
            "PeerTube %s %s %s: %s; serving %s",
            ref.instance,
            name,
            ref.id,
            exc,
            "the last good value" if last is not None else "nothing",
        )
        # Do not ask again for a little while: `None` means "use the last good value".
        cache.set(fresh_key, None, int(setting("LIVE_TTL", 30)))
        return last
    _store(fresh_key, last_key, value)
    return value


def _store(fresh_key, last_key, value):
    stored = _to_cache(value)
    cache.set(fresh_key, stored, _ttl_for(value))
    cache.set(last_key, stored, int(setting("LAST_GOOD_TTL", 30 * 24 * 3600)))


def _last_good(last_key):
    stored = cache.get(last_key)
    return _from_cache(stored) if stored is not None else None


# -- public API -------------------------------------------------------------------------


def _check_kind(ref, kind):
    if not isinstance(ref, PeerTubeRef) or ref.kind != kind:
        raise ValueError(f"expected a PeerTube {kind} reference, got {ref!r}")


def _load_video(ref, wait=0.0):
    data = http.fetch_json(ref.instance, f"/api/v1/videos/{ref.id}", wait=wait)
    return parse_video(data, ref.instance)


def video(ref: PeerTubeRef, *, cached_only=False, refresh=False, wait=0.0) -> VideoInfo | None:
    """The video's metadata and live state, or the last good copy, or None. Never raises
    (except ValueError for a reference that is not a video: a programming error).

    `cached_only=True` never touches the network (for page renders that must not wait);
    commands pass `wait` (how long the call may wait for the rate guard).
    """
    _check_kind(ref, VIDEO)
    load = partial(_load_video, ref, wait)
    return _cached("video", ref, load, cached_only=cached_only, refresh=refresh)


def _load_list(ref, path, params, wait):
    max_items = int(setting("MAX_LIST_ITEMS", 500))
    videos, start = [], 0
    while len(videos) < max_items:
        count = min(PAGE_SIZE, max_items - len(videos))
        page = http.fetch_json(
            ref.instance, path, {**params, "start": start, "count": count}, wait=wait
        )
        items, total = parse_video_list(page, ref.instance)
        videos.extend(items)
        start += count
        if len(page["data"]) < count or start >= total:
            break
    return videos[:max_items]


def playlist_videos(ref: PeerTubeRef, *, cached_only=False, refresh=False, wait=0.0):
    """The playlist's videos in order (at most MAX_LIST_ITEMS), or the last good list, or None.

    Commands pass `refresh=True` (skip the fresh cache) and `wait` (how long each page may
    wait for the rate guard); pages keep the defaults and never wait.
    """
    _check_kind(ref, PLAYLIST)
    path = f"/api/v1/video-playlists/{ref.id}/videos"
    load = partial(_load_list, ref, path, {}, wait)
    return _cached("playlist", ref, load, cached_only=cached_only, refresh=refresh)


def channel_videos(ref: PeerTubeRef, *, cached_only=False, refresh=False, wait=0.0):
    """The channel's published videos, newest first (anonymous listings omit lives that are
    waiting or ended: store each live's UUID instead of looking for it here)."""
    _check_kind(ref, CHANNEL)
    path = f"/api/v1/video-channels/{ref.id}/videos"
    params = {"sort": "-publishedAt"}
    load = partial(_load_list, ref, path, params, wait)
    return _cached("channel", ref, load, cached_only=cached_only, refresh=refresh)


FOUND, MISSING, UNREACHABLE = "found", "missing", "unreachable"


def check_video(ref: PeerTubeRef) -> tuple[str, VideoInfo | None]:
    """For admin validation: ask the instance now (not the cache) whether the video exists;
    a found video refreshes the cache.

    Returns (FOUND, info), (MISSING, None) on 404/410, or (UNREACHABLE, None) on any other
    fault; bounded by the timeouts like every call.
    """
    _check_kind(ref, VIDEO)
    try:
        info = _load_video(ref)
    except NotFound:
        return MISSING, None
    except FetchError as exc:
        log.warning("PeerTube %s video %s: check failed: %s", ref.instance, ref.id, exc)
        return UNREACHABLE, None
    _store(*cache_keys("video", ref), info)
    return FOUND, info


def reset():
    """Forget the per-process rate guard (tests; the cache is cleared separately)."""
    http.RATE_GUARD.reset()
