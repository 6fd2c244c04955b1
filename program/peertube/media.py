"""What pages show about PeerTube videos, kept in the database: metadata, pictures, views.

Pages never call PeerTube: they read `PeerTubeVideo` rows (one query for any number of
videos, `stored_players`) and pictures copied into our storage. `record` writes a row from
what the client read; `refresh_edition` (run by `peertube_sync --refresh`, for instance from
cron during the event) reads every replay and room live of an edition again.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from program.cache import bump_cache_version

from .client import VideoInfo, video
from .thumbnails import store_thumbnail
from .urls import VIDEO, PeerTubeRef, PeerTubeURLError, embed_url, parse_url, watch_url

log = logging.getLogger("program.peertube")

REFRESH_WAIT = 15.0  # seconds one call may wait for the rate guard in a command


def record(info: VideoInfo, *, edition_id=None, wait=0.0):
    """Store what was read about a video (and copy its picture once); return the row.

    The most viewers seen at once only grows; views are PeerTube's count, replaced.
    """
    from program.models import PeerTubeVideo

    thumbnail = store_thumbnail(info, wait=wait) or ""
    with transaction.atomic():
        row = (
            PeerTubeVideo.objects.select_for_update()
            .filter(instance=info.instance, uuid=info.uuid)
            .first()
        )
        created = row is None
        if created:
            row = PeerTubeVideo(instance=info.instance, uuid=info.uuid)
        shown_before = (row.title, row.thumbnail)
        row.title = info.title
        row.duration = info.duration
        row.is_live = info.is_live
        row.state = info.state
        row.views = info.views
        row.viewers = info.viewers if info.is_live else None
        if info.live_now and info.viewers:
            row.peak_viewers = max(row.peak_viewers, info.viewers)
        row.thumbnail = thumbnail or row.thumbnail
        if edition_id is not None:
            row.edition_id = edition_id
        row.refreshed_at = timezone.now()
        row.save()
    if created or shown_before != (row.title, row.thumbnail):
        bump_cache_version()
    return row


def video_ref(url) -> PeerTubeRef | None:
    """The video an address points to, if it is one on an allowed instance, else None."""
    if not url:
        return None
    try:
        ref = parse_url(url)
    except PeerTubeURLError:
        return None
    return ref if ref.kind == VIDEO else None


@dataclass
class RefreshReport:
    read: int = 0
    failed: list = field(default_factory=list)


def edition_video_urls(edition):
    """The addresses of an edition's replays (published, filmable sessions) and room lives."""
    from program.models import Room, Session

    replays = (
        Session.objects.filter(edition=edition, live=True, do_not_record=False)
        .exclude(video_url="")
        .values_list("video_url", flat=True)
    )
    lives = (
        Room.objects.filter(edition=edition)
        .exclude(peertube_live_url="")
        .values_list("peertube_live_url", flat=True)
    )
    return list(dict.fromkeys([*replays, *lives]))


def refresh_edition(edition, *, wait=REFRESH_WAIT) -> RefreshReport:
    """Read again every replay and room live of the edition; store metadata, pictures, views.

    Videos no longer linked from the edition stop counting in its figures.
    """
    from program.models import PeerTubeVideo

    report = RefreshReport()
    linked = set()
    for url in edition_video_urls(edition):
        ref = video_ref(url)
        info = video(ref, refresh=True, wait=wait) if ref else None
        if ref and ref.is_uuid:
            linked.add(ref.id)
        if info is None:
            report.failed.append(url)
            continue
        linked.add(info.uuid)
        record(info, edition_id=edition.pk, wait=wait)
        report.read += 1
    PeerTubeVideo.objects.filter(edition=edition).exclude(uuid__in=linked).update(edition=None)
    return report


@dataclass(frozen=True)
class Player:
    """A facade for one video: our picture, a link to PeerTube, the iframe address for JS."""

    ref: PeerTubeRef
    stored: object = None  # the PeerTubeVideo row, when one was read

    @property
    def watch_url(self):
        return watch_url(self.ref)

    @property
    def embed_url(self):
        return embed_url(self.ref, autoplay=True)

    @property
    def thumbnail_url(self):
        return self.stored.thumbnail_url if self.stored is not None else ""

    @property
    def title(self):
        return self.stored.title if self.stored is not None else ""

    @property
    def instance(self):
        return self.ref.instance


def stored_players(urls):
    """{url: Player} for the addresses that are videos of allowed instances (one query)."""
    from program.models import PeerTubeVideo

    refs = {url: ref for url in dict.fromkeys(urls) if (ref := video_ref(url))}
    if not refs:
        return {}
    uuids = {ref.id for ref in refs.values() if ref.is_uuid}
    rows = PeerTubeVideo.objects.filter(uuid__in=uuids) if uuids else []
    by_key = {(row.instance, str(row.uuid)): row for row in rows}
    return {url: Player(ref, by_key.get((ref.instance, ref.id))) for url, ref in refs.items()}
