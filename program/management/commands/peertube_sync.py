"""`manage.py peertube_sync <year> --playlist <url> | --channel <url> [--apply] | --refresh`

Lists the videos of a PeerTube playlist or channel, matches them to the edition's sessions
(normalised title, day and room, in Paris time: program.peertube.matching) and prints the
proposed matches and the doubts. With `--apply`, writes the proposed replay URLs, then reads
the edition's videos as `--refresh` does. Re-running changes nothing already linked: a session
that has a video is never rewritten.

`--refresh` reads every replay and room live of the edition again and stores what pages show
(title, picture copied into our storage, views, most viewers at once): pages never ask
PeerTube themselves. Run it from cron during the event (every few minutes) and after it. It
exits with status 1 when some videos could not be read and 2 when none could (the instance is
down), saying how many on stderr, so that cron can alert.

The command talks to the program through two module-level functions, so it can be wired to
another model or driven by tests:

- `sessions_for(year) -> iterable of SyncSession` (title, start, room name, video_uuid);
- `link(session, video) -> bool`: store `watch_url(video.ref)` on the session, True if written.

The defaults below read and write `program.models.Session`.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from program.peertube import (
    CHANNEL,
    PLAYLIST,
    VIDEO,
    PeerTubeURLError,
    channel_videos,
    match_videos,
    parse_url,
    playlist_videos,
    watch_url,
)
from program.peertube.media import refresh_edition

LIST_WAIT = 15.0  # seconds a page of the list may wait for the rate guard
# Exit statuses of --refresh when videos could not be read (0: all were read).
FAILED_SOME, FAILED_ALL = 1, 2


@dataclass(frozen=True)
class SyncSession:
    key: object
    title: str
    start: datetime
    room: str | None = None
    video_uuid: str | None = None


def _video_uuid(url):
    try:
        ref = parse_url(url)
    except PeerTubeURLError:
        return None
    return ref.id if ref.kind == VIDEO else None


def model_sessions(year):
    """The edition's scheduled sessions (not breaks) from `program.models.Session`."""
    from program.choices import SessionKind
    from program.models import Session

    sessions = (
        Session.objects.filter(edition__year=year, start__isnull=False)
        .exclude(kind=SessionKind.BREAK)
        .select_related("room")
        .order_by("start", "pk")
    )
    return [
        SyncSession(
            key=session.pk,
            title=session.title,
            start=session.start,
            room=session.room.name if session.room else None,
            # Any URL already there counts as linked, even one that does not parse.
            video_uuid=(_video_uuid(session.video_url) or "?") if session.video_url else None,
        )
        for session in sessions
    ]


def model_link(session, video):
    """Publish the replay URL on a published session without pending draft changes."""
    from program.models import Session

    obj = Session.objects.filter(pk=session.key).first()
    if obj is None or obj.video_url or not obj.live or obj.has_unpublished_changes:
        return False
    obj.video_url = watch_url(video.ref)
    obj.save_revision(log_action=True).publish()
    return True


sessions_for = model_sessions
link = model_link


class Command(BaseCommand):
    help = "Match the videos of a PeerTube playlist or channel to an edition's sessions."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--playlist", help="PeerTube playlist URL")
        source.add_argument("--channel", help="PeerTube channel URL")
        source.add_argument(
            "--refresh",
            action="store_true",
            help="read the edition's replays and lives again: pictures, views, live state",
        )
        parser.add_argument("--apply", action="store_true", help="write the proposed replay URLs")

    def handle(self, *args, year, playlist, channel, apply, refresh, **options):
        if refresh:
            return self._refresh(year)
        ref = self._source(playlist, channel)
        fetch = playlist_videos if ref.kind == PLAYLIST else channel_videos
        videos = fetch(ref, refresh=True, wait=LIST_WAIT)
        if videos is None:
            raise CommandError(_("The PeerTube instance did not answer; nothing was changed."))
        report = match_videos(videos, sessions_for(year))
        self._print(report, len(videos))
        if apply:
            written = sum(bool(link(p.session, p.video)) for p in report.proposals)
            skipped = len(report.proposals) - written
            self.stdout.write(
                _("Replay links written: %(written)d; left as they were: %(skipped)d.")
                % {"written": written, "skipped": skipped}
            )
            self._refresh(year, required=False)
        elif report.proposals:
            self.stdout.write(_("Nothing was written: run again with --apply."))

    def _refresh(self, year, required=True):
        from home.models import Edition

        edition = Edition.objects.filter(year=year).first()
        if edition is None:
            if required:
                raise CommandError(_("No edition in %(year)d.") % {"year": year})
            return
        report = refresh_edition(edition)
        self.stdout.write(
            _("Videos read again: %(read)d; not answered: %(failed)d.")
            % {"read": report.read, "failed": len(report.failed)}
        )
        for url in report.failed:
            self.stdout.write(f"  ! {url}")
        if report.failed:
            # A non-zero exit is what lets cron (or a systemd timer) alert someone.
            raise CommandError(
                ngettext(
                    "%(failed)d of %(total)d videos could not be read.",
                    "%(failed)d of %(total)d videos could not be read.",
                    len(report.failed),
                )
                % {"failed": len(report.failed), "total": report.read + len(report.failed)},
                returncode=FAILED_ALL if not report.read else FAILED_SOME,
            )

    def _source(self, playlist, channel):
        url, kind = (playlist, PLAYLIST) if playlist else (channel, CHANNEL)
        try:
            ref = parse_url(url)
        except PeerTubeURLError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        if ref.kind != kind:
            if kind == PLAYLIST:
                raise CommandError(_("This address is not a PeerTube playlist."))
            raise CommandError(_("This address is not a PeerTube channel."))
        return ref

    def _when(self, session):
        return timezone.localtime(session.start).strftime("%Y-%m-%d %H:%M")

    def _print(self, report, count):
        write = self.stdout.write
        write(_("Videos on PeerTube: %(count)d.") % {"count": count})
        write("")
        write(_("Proposed matches (%(count)d):") % {"count": len(report.proposals)})
        for p in report.proposals:
            write(
                f"  {self._when(p.session)}  {p.session.room or '-'}  «{p.session.title}»"
                f"  <-  «{p.video.title}»  {watch_url(p.video.ref)}  ({p.reason}, {p.score:.2f})"
            )
        write("")
        write(_("Doubts (%(count)d):") % {"count": len(report.doubts)})
        for d in report.doubts:
            write(f"  «{d.video.title}»  {watch_url(d.video.ref)}  ({d.reason})")
            for session in d.candidates:
                write(f"      ? {self._when(session)}  {session.room or '-'}  «{session.title}»")
        write("")
        write(
            _(
                "Already linked: %(already)d. Videos matching no session: %(videos)d. "
                "Sessions without a video: %(sessions)d."
            )
            % {
                "already": len(report.already),
                "videos": len(report.unmatched_videos),
                "sessions": len(report.unmatched_sessions),
            }
        )
