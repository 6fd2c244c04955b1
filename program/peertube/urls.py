"""PeerTube URLs: parse what organizers paste, build watch and embed URLs, shortUUIDs.

Only `https://<host>/…` URLs on an allowed instance are accepted, with no user info, no port,
and an id of a known shape. See ../shared/ref/peertube-and-schedule-notes.md §2 and §3.
"""

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _

VIDEO = "video"
PLAYLIST = "playlist"
CHANNEL = "channel"
KINDS = (VIDEO, PLAYLIST, CHANNEL)

DEFAULT_HOSTS = ["video.echirolles.fr"]
MAX_URL_LENGTH = 2000
ALLOWED_HOSTS_TTL = 3600
MAX_START_SECONDS = 24 * 3600

# npm short-uuid defaults (flickrBase58, padded to 22 chars with "1"); not PyPI's shortuuid.
ALPHABET = "123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
_INDEX = {c: i for i, c in enumerate(ALPHABET)}
SHORT_UUID_LENGTH = 22

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SHORT_UUID_RE = re.compile(r"^[1-9A-HJ-NP-Za-km-z]{22}$")
NUMERIC_ID_RE = re.compile(r"^[1-9][0-9]{0,9}$")
CHANNEL_NAME_RE = re.compile(r"^(?=.*[a-zA-Z0-9])[a-zA-Z0-9_.:-]{1,50}$")
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
HOSTNAME_RE = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})+$")
DURATION_RE = re.compile(r"^(?:(\d{1,2})h)?(?:(\d{1,4})m)?(?:(\d{1,5})s)?$")

# (kind, path pattern); the id group is checked separately.
_ROUTES = [
    (VIDEO, re.compile(r"^/w/(?P<id>[^/]+)/?$")),
    (VIDEO, re.compile(r"^/videos/watch/(?P<id>[^/]+)/?$")),
    (VIDEO, re.compile(r"^/videos/embed/(?P<id>[^/]+)/?$")),
    (PLAYLIST, re.compile(r"^/w/p/(?P<id>[^/]+)/?$")),
    (PLAYLIST, re.compile(r"^/videos/watch/playlist/(?P<id>[^/]+)/?$")),
    (PLAYLIST, re.compile(r"^/video-playlists/embed/(?P<id>[^/]+)/?$")),
    (CHANNEL, re.compile(r"^/c/(?P<id>[^/]+)(?:/videos|/video-playlists)?/?$")),
    (CHANNEL, re.compile(r"^/video-channels/(?P<id>[^/]+)(?:/videos|/video-playlists)?/?$")),
]


class PeerTubeURLError(ValidationError, ValueError):
    """A URL that is not a PeerTube video, playlist or channel of an allowed instance.

    Both a Django `ValidationError` (forms and model fields show its message) and a `ValueError`.
    """


@dataclass(frozen=True)
class PeerTubeRef:
    """What a PeerTube URL points to: `id` is a UUID (or a numeric id) for videos and
    playlists, a channel name for channels; `start` is a start time in seconds, if any."""

    instance: str
    kind: str
    id: str
    start: int | None = None

    @property
    def short_id(self) -> str:
        """The id as PeerTube writes it in its own links: shortUUID when there is a UUID."""
        return uuid_to_short(self.id) if UUID_RE.match(self.id) else self.id

    @property
    def is_uuid(self) -> bool:
        return bool(UUID_RE.match(self.id))


def uuid_to_short(value: str) -> str:
    """`9c9de5e8-0a1e-484a-b099-e80766180a6d` -> `kkGMgK9ZtnKfYAgnEtQxbv`."""
    if not UUID_RE.match(value.lower()):
        raise ValueError(f"not a UUID: {value!r}")
    n, out = int(value.replace("-", ""), 16), ""
    while n:
        n, r = divmod(n, 58)
        out = ALPHABET[r] + out
    return out.rjust(SHORT_UUID_LENGTH, ALPHABET[0])


def short_to_uuid(value: str) -> str:
    """`kkGMgK9ZtnKfYAgnEtQxbv` -> `9c9de5e8-0a1e-484a-b099-e80766180a6d`."""
    if not SHORT_UUID_RE.match(value):
        raise ValueError(f"not a shortUUID: {value!r}")
    n = 0
    for c in value:
        n = n * 58 + _INDEX[c]
    if n >= 1 << 128:
        raise ValueError(f"shortUUID out of range: {value!r}")
    h = f"{n:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def clean_hosts(configured) -> list[str]:
    """Lower-case host names, once each; entries that are not plain host names are ignored."""
    hosts = []
    for host in configured:
        host = str(host).strip().lower()
        if HOSTNAME_RE.match(host) and host not in hosts:
            hosts.append(host)
    return hosts


def _default_hosts():
    return list(getattr(settings, "ALPOSS_PEERTUBE_HOSTS", DEFAULT_HOSTS))


def allowed_hosts_cache_key() -> str:
    digest = hashlib.sha256("|".join(_default_hosts()).encode()).hexdigest()[:16]
    return f"peertube:v1:allowed-hosts:{digest}"


def _site_setting_hosts():
    """The list organizers keep in the site settings (default site), or None if there is none."""
    from home.models import SiteSettings

    try:
        text = (
            SiteSettings.objects.filter(site__is_default_site=True)
            .values_list("peertube_instances", flat=True)
            .first()
        )
    except DatabaseError:  # tables not migrated yet
        return None
    return text.split() if text and text.strip() else None


def allowed_hosts() -> list[str]:
    """The PeerTube instances this site accepts (lower-case host names, no port).

    From the site settings (PeerTube instances, one per line), else from the
    `ALPOSS_PEERTUBE_HOSTS` setting; cached until the site settings change.
    """
    key = allowed_hosts_cache_key()
    hosts = cache.get(key)
    if hosts is None:
        hosts = clean_hosts(_site_setting_hosts() or _default_hosts())
        cache.set(key, hosts, ALLOWED_HOSTS_TTL)
    return hosts


def forget_allowed_hosts(**kwargs):
    """Signal receiver: the site settings changed."""
    cache.delete(allowed_hosts_cache_key())


def frame_src_origins(hosts=None) -> list[str]:
    """The Content-Security-Policy `frame-src` origins for the allowed instances."""
    return [f"https://{host}" for host in (allowed_hosts() if hosts is None else hosts)]


def parse_duration(value: str) -> int:
    """`90`, `1m30s`, `1h2m3s` -> seconds. Raises ValueError."""
    value = value.strip()
    if value.isdigit() and len(value) <= 6:
        seconds = int(value)
    else:
        match = DURATION_RE.match(value)
        if not value or not match:
            raise ValueError(value)
        hours, minutes, secs = (int(g or 0) for g in match.groups())
        seconds = hours * 3600 + minutes * 60 + secs
    if seconds > MAX_START_SECONDS:
        raise ValueError(value)
    return seconds


def _error(message, code, **params):
    return PeerTubeURLError(message, code=code, params=params or None)


def _normalise_id(kind: str, raw: str, host: str) -> str:
    if kind == CHANNEL:
        name, _sep, at_host = raw.partition("@")
        if at_host and at_host.lower() != host:
            raise _error(
                _("This channel belongs to another instance (%(host)s)."),
                "remote_channel",
                host=at_host,
            )
        if not CHANNEL_NAME_RE.match(name):
            raise _error(_("This is not a valid PeerTube channel name."), "bad_id")
        return name
    if UUID_RE.match(raw.lower()):
        return raw.lower()
    if SHORT_UUID_RE.match(raw):
        try:
            return short_to_uuid(raw)
        except ValueError:
            pass
    elif NUMERIC_ID_RE.match(raw):
        return raw
    raise _error(_("This is not a valid PeerTube video or playlist id."), "bad_id")


def parse_url(url, hosts=None) -> PeerTubeRef:
    """Parse a PeerTube watch, embed, playlist or channel URL of an allowed instance.

    Raises `PeerTubeURLError` (a `ValidationError` and a `ValueError`) with a translated message.
    """
    if hosts is None:
        hosts = allowed_hosts()
    hosts = [h.lower() for h in hosts]
    if not isinstance(url, str):
        raise _error(_("Enter a PeerTube address."), "invalid")
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise _error(_("This address is too long."), "too_long")
    if not url.lower().startswith("https://"):
        raise _error(_("A PeerTube address starts with https://."), "scheme")
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 or c == "\\" for c in url):
        raise _error(_("This address contains characters that are not allowed."), "invalid")
    parts = urlsplit(url)
    if "@" in parts.netloc:
        raise _error(_("A PeerTube address cannot contain a user name."), "userinfo")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port is not None or ":" in parts.netloc:
        raise _error(_("A PeerTube address cannot contain a port number."), "port")
    host = (parts.hostname or "").lower()
    if host not in hosts:
        raise _error(
            _("Only videos from these PeerTube instances are accepted: %(hosts)s."),
            "host",
            hosts=", ".join(hosts) or "-",
        )
    kind, match = next(
        ((kind, m) for kind, pattern in _ROUTES if (m := pattern.match(parts.path))),
        (None, None),
    )
    if match is None:
        raise _error(_("This address is not a PeerTube video, playlist or channel page."), "path")
    ref_id = _normalise_id(kind, match["id"], host)
    start = None
    query = parse_qs(parts.query)
    if kind == VIDEO and query.get("start"):
        try:
            start = parse_duration(query["start"][0]) or None
        except ValueError:
            raise _error(_("The start time must be in seconds or like 1h2m3s."), "start") from None
    return PeerTubeRef(instance=host, kind=kind, id=ref_id, start=start)


def validate_peertube_url(value):
    """Validator for model and form fields: a PeerTube URL on an allowed instance."""
    if value:
        parse_url(value)


def watch_url(ref: PeerTubeRef, start=None) -> str:
    """The public page of the video, playlist or channel on its instance."""
    path = {VIDEO: "/w/", PLAYLIST: "/w/p/", CHANNEL: "/c/"}[ref.kind]
    url = f"https://{ref.instance}{path}{ref.short_id}"
    start = ref.start if start is None else start
    if ref.kind == VIDEO and start:
        url += "?" + urlencode({"start": int(start)})
    return url


def embed_url(ref: PeerTubeRef, start=None, autoplay=False) -> str:
    """The iframe URL, privacy first: no P2P (WebRTC exposes viewers' IP addresses to peers and
    outside STUN servers), hence no P2P warning, no link to the instance in the control bar."""
    if ref.kind == VIDEO:
        path = "/videos/embed/"
    elif ref.kind == PLAYLIST:
        path = "/video-playlists/embed/"
    else:
        raise ValueError("PeerTube channels have no embed player")
    params = {"p2p": "0", "warningTitle": "0", "peertubeLink": "0"}
    start = ref.start if start is None else start
    if start and ref.kind == VIDEO:
        params["start"] = str(int(start))
    if autoplay:
        params["autoplay"] = "1"
    return f"https://{ref.instance}{path}{ref.short_id}?{urlencode(params)}"
