"""The demo program's TOML files (program/fixtures/demo/) parse and hold together: sessions name
only the speakers, rooms and tracks the other files define, with the stored choice values."""

import datetime
from collections import Counter

from django.utils.text import slugify

import pytest

from home.demo_tools import demo_data
from program.choices import AudienceLevel, SessionKind, SessionLanguage, TrackColour
from program.demo import session_files, session_speakers


def load(name):
    return demo_data("program", name)


def repeated(values):
    return sorted(value for value, count in Counter(values).items() if count > 1)


@pytest.fixture(scope="module")
def editions():
    return {name: load(name) for name in session_files()}


def test_demo_has_one_sessions_file_per_edition(editions):
    assert set(editions) == {
        "sessions-2024",
        "sessions-2025",
        "sessions-2026",
        "sessions-upcoming",
    }
    assert sorted(program["edition"] for program in editions.values()) == [1, 2, 3, 4]


def test_demo_sessions_name_only_speakers_rooms_and_tracks_the_demo_defines(editions):
    speakers = {speaker["name"] for speaker in load("speakers")["speaker"]}
    room_sets = load("rooms")
    tracks = {track["slug"] for track in load("tracks")["track"]}

    for name, program in editions.items():
        rooms = {room["name"] for room in room_sets[program["rooms"]]}
        for session in program["session"]:
            where = f"{name}: {session['title']}"
            assert {person for person, _ in session_speakers(session)} <= speakers, where
            assert session.get("room", next(iter(rooms))) in rooms, where
            if program.get("tracks"):
                assert session.get("track", next(iter(tracks))) in tracks, where
            else:
                assert "track" not in session, where


def test_demo_sessions_use_the_stored_choice_values(editions):
    defaults = load("defaults")

    for name, program in editions.items():
        for session in program["session"]:
            where = f"{name}: {session['title']}"
            assert session["kind"] in SessionKind.values, where
            assert session.get("language", "fr") in SessionLanguage.values, where
            assert session.get("level", "everyone") in AudienceLevel.values, where
            assert ("moderator" in session) <= (session["kind"] == SessionKind.ROUND_TABLE), where
            assert datetime.time.fromisoformat(session["start"]).second == 0, where
            assert session["minutes"] > 0, where
    assert set(defaults["abstract"]["fr"]) == set(SessionKind.values)
    assert set(defaults["peertube"]["filmed_kinds"]) <= set(SessionKind.values)
    assert {track["colour"] for track in load("tracks")["track"]} <= set(TrackColour.values)


def test_demo_names_and_titles_are_unique_where_the_loader_finds_records_by_them(editions):
    speakers = load("speakers")["speaker"]

    assert repeated(slugify(speaker["name"]) for speaker in speakers) == []
    assert repeated(track["slug"] for track in load("tracks")["track"]) == []
    for rooms in load("rooms").values():
        assert repeated(room["name"] for room in rooms) == []
    for program in editions.values():
        assert repeated(slugify(session["title"])[:120] for session in program["session"]) == []
