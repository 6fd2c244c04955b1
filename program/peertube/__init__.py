"""The only code that speaks PeerTube: URLs, embeds, the REST API client, thumbnails, matching.

Pages call these functions; none of them raises into a page render (the client returns the
last good value or None when the instance is slow, down or answers nonsense).

How the rest of the site is meant to use it:

- Model fields holding PeerTube URLs: `validators=[validate_peertube_url]` (https only, an
  instance of `allowed_hosts()`, a known URL form); `parse_url(url)` gives a `PeerTubeRef`
  (instance, kind, id as a UUID, start in seconds).
- Admin check that a video exists: `check_video(ref)` -> (FOUND | MISSING | UNREACHABLE, info);
  bounded by the timeouts, so saving never hangs.
- Page renders: `video(ref, cached_only=True)` never touches the network (a periodic task or
  the admin refreshes with `video(ref)`); `info.live_now`, `live_waiting`, `live_ended`,
  `replay_ready`, `views`. Facade: `store_thumbnail(info)` once (our storage), then
  `embed_url(ref, autoplay=True)` behind the click, `watch_url(ref)` as the no-JS link.
- CSP: `frame_src_origins()`; settings compute the same list from ALPOSS_PEERTUBE_HOSTS.
- Replays: `manage.py peertube_sync` (program/management/commands/peertube_sync.py) uses
  `playlist_videos` / `channel_videos` and `match_videos`.

Settings (all optional): ALPOSS_PEERTUBE_HOSTS, _CONNECT_TIMEOUT, _READ_TIMEOUT, _MAX_BYTES,
_LIVE_TTL, _TTL (in base.py); _LAST_GOOD_TTL, _BACKOFF, _MAX_CALLS, _RATE_WINDOW,
_MAX_LIST_ITEMS, _THUMBNAIL_MAX_BYTES, _CONTACT, _API_ORIGINS (defaults in the code).
"""

from .client import (
    FOUND,
    MISSING,
    UNREACHABLE,
    VideoInfo,
    channel_videos,
    check_video,
    playlist_videos,
    video,
)
from .matching import MatchReport, match_videos, normalise_title
from .thumbnails import store_thumbnail, thumbnail_name
from .urls import (
    CHANNEL,
    PLAYLIST,
    VIDEO,
    PeerTubeRef,
    PeerTubeURLError,
    allowed_hosts,
    embed_url,
    frame_src_origins,
    parse_url,
    short_to_uuid,
    uuid_to_short,
    validate_peertube_url,
    watch_url,
)

__all__ = [
    "FOUND",
    "MatchReport",
    "MISSING",
    "UNREACHABLE",
    "VideoInfo",
    "channel_videos",
    "check_video",
    "playlist_videos",
    "video",
    "CHANNEL",
    "PLAYLIST",
    "VIDEO",
    "PeerTubeRef",
    "PeerTubeURLError",
    "allowed_hosts",
    "embed_url",
    "frame_src_origins",
    "match_videos",
    "normalise_title",
    "parse_url",
    "short_to_uuid",
    "store_thumbnail",
    "thumbnail_name",
    "uuid_to_short",
    "validate_peertube_url",
    "watch_url",
]
