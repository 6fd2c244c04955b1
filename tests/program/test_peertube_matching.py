"""Matching PeerTube videos to sessions: sure matches are proposed, the rest are doubts."""

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from program.peertube.matching import match_videos, normalise_title, title_score

PARIS = ZoneInfo("Europe/Paris")


@dataclass
class Session:
    title: str
    start: datetime
    room: str | None = None
    video_uuid: str | None = None


@dataclass
class Video:
    uuid: str
    title: str
    published_at: datetime | None = None
    originally_published_at: datetime | None = None


def at(day, hour, minute=0):
    return datetime(2026, 6, day, hour, minute, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("Logiciels libres et collectivités", "logiciels libres et collectivites"),
        ("« Éco-conception » : ÇA MARCHE ?!", "eco conception ca marche"),
        ("Cœur   d'œuvre_libre", "coeur d oeuvre libre"),
        ("Straße", "strasse"),
        ("", ""),
        (None, ""),
    ],
)
def test_titles_are_normalised_for_accents_case_and_punctuation(raw, normalised):
    assert normalise_title(raw) == normalised


def test_title_score_ranks_equal_then_contained_then_similar():
    assert title_score("peertube pour les mairies", "peertube pour les mairies") == 1.0
    contained = title_score(
        "alposs 2026 peertube pour les mairies jeanne dupont", "peertube pour les mairies"
    )
    assert contained == 0.95
    assert 0.6 < title_score("peertube pour la mairie", "peertube pour les mairies") < 0.95
    assert title_score("ouverture", "cloture") < 0.5
    assert title_score("", "x") == 0.0


SESSIONS = [
    Session("Logiciels libres et collectivités", at(18, 9, 30), "Jean-Jaurès"),
    Session("PeerTube pour les mairies", at(18, 11), "Pablo-Neruda"),
    Session("Ouverture", at(18, 9), "Jean-Jaurès"),
    Session("Ouverture", at(19, 9), "Jean-Jaurès"),
    Session("Atelier Git", at(18, 14), "Salle 3"),
    Session("Déjà en ligne", at(18, 16), "Salle 3", video_uuid="u-linked"),
]


def by_title(report_items, attr="session"):
    return {getattr(item, attr).title for item in report_items}


def test_equal_and_contained_titles_are_proposed():
    videos = [
        Video("u1", "LOGICIELS LIBRES ET COLLECTIVITÉS", at(18, 17)),
        Video("u2", "AlpOSS 2026 – PeerTube pour les mairies (Jeanne Dupont)", at(19, 10)),
    ]
    report = match_videos(videos, SESSIONS)
    assert [(p.video.uuid, p.session.title) for p in report.proposals] == [
        ("u1", "Logiciels libres et collectivités"),
        ("u2", "PeerTube pour les mairies"),
    ]
    assert report.doubts == []


def test_the_same_title_on_two_days_is_told_apart_by_the_recording_date():
    videos = [Video("u3", "Ouverture", at(19, 12), originally_published_at=at(19, 9))]
    (proposal,) = match_videos(videos, SESSIONS).proposals
    assert proposal.session.start == at(19, 9)


def test_the_same_title_with_nothing_to_tell_apart_is_a_doubt():
    videos = [Video("u3", "Ouverture", at(25, 12))]
    report = match_videos(videos, SESSIONS)
    assert report.proposals == []
    (doubt,) = report.doubts
    assert sorted(s.start for s in doubt.candidates) == [at(18, 9), at(19, 9)]


def test_a_title_that_only_looks_alike_is_a_doubt():
    report = match_videos([Video("u4", "PeerTube dans la mairie", at(18, 12))], SESSIONS)
    assert report.proposals == []
    assert by_title([report.doubts[0]], "video") == {"PeerTube dans la mairie"}
    assert "PeerTube pour les mairies" in {s.title for s in report.doubts[0].candidates}


def test_a_video_recorded_another_day_is_a_doubt():
    video = Video("u5", "Atelier Git", at(25, 12), originally_published_at=at(2, 14))
    report = match_videos([video], SESSIONS)
    assert report.proposals == []
    assert len(report.doubts) == 1


def test_a_whole_room_recording_is_a_doubt_listing_that_room_s_sessions_of_the_day():
    video = Video("u6", "Salle Jean-Jaurès – direct - 18/06/2026 14:00:03", at(18, 18))
    report = match_videos([video], SESSIONS)
    assert report.proposals == []
    (doubt,) = report.doubts
    assert {s.title for s in doubt.candidates} == {"Logiciels libres et collectivités", "Ouverture"}


def test_two_videos_for_one_session_are_both_doubts():
    videos = [
        Video("u7", "Atelier Git", at(18, 18)),
        Video("u8", "Atelier Git (version longue)", at(18, 19)),
    ]
    report = match_videos(videos, SESSIONS)
    assert report.proposals == []
    assert {d.video.uuid for d in report.doubts} == {"u7", "u8"}


def test_already_linked_videos_and_sessions_are_left_as_they_are():
    videos = [
        Video("u-linked", "Déjà en ligne", at(18, 18)),
        Video("u9", "Déjà en ligne", at(18, 19)),
    ]
    report = match_videos(videos, SESSIONS)
    assert [(v.uuid, s.title) for v, s in report.already] == [("u-linked", "Déjà en ligne")]
    assert report.proposals == []
    assert [v.uuid for v in report.unmatched_videos] == ["u9"]


def test_unrelated_videos_and_sessions_without_video_are_listed():
    report = match_videos(
        [Video("u10", "Bande-annonce", datetime(2026, 5, 1, tzinfo=UTC))], SESSIONS
    )
    assert [v.uuid for v in report.unmatched_videos] == ["u10"]
    assert "Atelier Git" in {s.title for s in report.unmatched_sessions}
    assert "Déjà en ligne" not in {s.title for s in report.unmatched_sessions}


def test_dates_are_compared_in_paris_time():
    # 23:30 UTC on 17 June is 01:30 on 18 June in Paris: same day as the 18 June sessions.
    late = datetime(2026, 6, 17, 23, 30, tzinfo=UTC)
    video = Video("u11", "Ouverture", late, originally_published_at=late)
    (proposal,) = match_videos([video], SESSIONS).proposals
    assert proposal.session.start == at(18, 9)
