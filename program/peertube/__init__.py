"""The only code that speaks PeerTube: URLs, embeds, the REST API client, thumbnails, matching.

Pages call these functions; none of them raises into a page render (the client returns the
last good value or None when the instance is slow, down or answers nonsense).
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
