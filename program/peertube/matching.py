"""Match PeerTube videos to program sessions (pure functions, for `manage.py peertube_sync`).

Videos are anything with `uuid`, `title`, `published_at` and optionally
`originally_published_at` (`VideoInfo` fits). Sessions are anything with `title`, `start` (an
aware datetime), `room` (a room name or None) and optionally `video_uuid` (already linked).
A proposal is made only when one session clearly stands out; everything else is a doubt for a
human to settle.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from home.text import fold

SURE = 0.9  # title score from which a unique candidate is proposed
SIMILAR = 0.5  # title score from which a candidate is worth a doubt
TIE = 0.05
MIN_CONTAINED = 8  # a session title this long found inside a video title counts as the title

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l"})
_NON_WORD = re.compile(r"[\W_]+")


def normalise_title(title) -> str:
    """Lower case, no accents, no punctuation, single spaces: `« Éco-conçu ! »` -> `eco concu`."""
    text = fold(str(title or "")).translate(_LIGATURES)
    return " ".join(_NON_WORD.sub(" ", text).split())


def title_score(video_title: str, session_title: str) -> float:
    """Similarity of two normalised titles, 0..1: 1 when equal, 0.95 when the session title is
    contained in the video's (`AlpOSS 2026 - <title> - <speaker>`), else the mean of character
    similarity and shared words."""
    if not video_title or not session_title:
        return 0.0
    if video_title == session_title:
        return 1.0
    if len(session_title) >= MIN_CONTAINED and f" {session_title} " in f" {video_title} ":
        return 0.95
    # Characters alone find "ouverture" and "cloture" alike: average with shared words.
    chars = SequenceMatcher(None, video_title, session_title, autojunk=False).ratio()
    video_words, session_words = set(video_title.split()), set(session_title.split())
    words = 2 * len(video_words & session_words) / (len(video_words) + len(session_words))
    return (chars + words) / 2


def _local_date(moment):
    if moment is None:
        return None
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


def _video_date(video):
    return _local_date(
        getattr(video, "originally_published_at", None) or getattr(video, "published_at", None)
    )


@dataclass(frozen=True)
class Proposal:
    video: object
    session: object
    score: float
    reason: str


@dataclass(frozen=True)
class Doubt:
    video: object
    candidates: tuple
    reason: str


@dataclass
class MatchReport:
    proposals: list = field(default_factory=list)
    doubts: list = field(default_factory=list)
    already: list = field(default_factory=list)  # (video, session) pairs linked before
    unmatched_videos: list = field(default_factory=list)
    unmatched_sessions: list = field(default_factory=list)


@dataclass(frozen=True)
class _Candidate:
    session: object
    score: float
    same_day: bool
    room_named: bool

    @property
    def rank(self):
        return (self.score, self.same_day, self.room_named)


def _candidates(video, sessions):
    video_title = normalise_title(video.title)
    video_day = _video_date(video)
    found = []
    for session in sessions:
        room = normalise_title(getattr(session, "room", None))
        found.append(
            _Candidate(
                session=session,
                score=title_score(video_title, normalise_title(session.title)),
                same_day=video_day is not None and video_day == _local_date(session.start),
                room_named=bool(room) and f" {room} " in f" {video_title} ",
            )
        )
    return sorted(found, key=lambda c: c.rank, reverse=True)


def _judge(video, candidates):
    """A Proposal, a Doubt, or None (nothing looks like this video)."""
    titled = [c for c in candidates if c.score >= SIMILAR]
    if not titled:
        # A permanent live's replay is named "<room live> - <date>": the room's sessions that
        # day are candidates, but which part of the recording is which needs a human.
        by_room = [c.session for c in candidates if c.room_named and c.same_day]
        if by_room:
            return Doubt(video, tuple(by_room), _("recording of a whole room: set start times"))
        return None
    top = titled[0].score
    if top < SURE:
        return Doubt(video, tuple(c.session for c in titled[:3]), _("titles only look alike"))
    # Near-equal titles (the same talk given twice, "Opening"…) are told apart by day and room.
    group = sorted(
        (c for c in titled if c.score >= top - TIE),
        key=lambda c: (c.same_day, c.room_named, c.score),
        reverse=True,
    )
    best, rivals = group[0], group[1:]
    if any((r.same_day, r.room_named) == (best.same_day, best.room_named) for r in rivals):
        sessions = tuple(c.session for c in group)
        return Doubt(video, sessions, _("several sessions have this title"))
    if getattr(video, "originally_published_at", None) and not best.same_day:
        return Doubt(video, (best.session,), _("recorded on another day"))
    reason = _("same title") if best.score == 1.0 else _("title contained or nearly equal")
    if rivals:
        reason = _("same title, told apart by date or room")
    return Proposal(video, best.session, best.score, reason)


def match_videos(videos, sessions) -> MatchReport:
    """Propose which video is the replay of which session; report what is unsure."""
    report = MatchReport()
    sessions = list(sessions)
    linked = {getattr(s, "video_uuid", None): s for s in sessions if getattr(s, "video_uuid", None)}
    open_sessions = [s for s in sessions if not getattr(s, "video_uuid", None)]
    by_session = {}
    for video in videos:
        if video.uuid in linked:
            report.already.append((video, linked[video.uuid]))
            continue
        verdict = _judge(video, _candidates(video, open_sessions))
        if verdict is None:
            report.unmatched_videos.append(video)
        elif isinstance(verdict, Doubt):
            report.doubts.append(verdict)
        else:
            by_session.setdefault(id(verdict.session), []).append(verdict)
    for proposals in by_session.values():
        if len(proposals) == 1:
            report.proposals.append(proposals[0])
        else:
            for proposal in proposals:
                report.doubts.append(
                    Doubt(proposal.video, (proposal.session,), _("several videos for one session"))
                )
    matched = {id(p.session) for p in report.proposals}
    report.unmatched_sessions = [s for s in open_sessions if id(s) not in matched]
    report.proposals.sort(key=lambda p: p.session.start)
    return report
