"""`manage.py peertube_sync`: proposals and doubts shown, --apply writes, a re-run does nothing."""

import datetime
import io
from zoneinfo import ZoneInfo

from django.core.management import CommandError, call_command
from django.utils import translation

import pytest

from program.management.commands import peertube_sync
from program.management.commands.peertube_sync import SyncSession, model_link, model_sessions
from program.peertube import PeerTubeRef, uuid_to_short, video
from program.peertube.urls import VIDEO
from tests.factories.program import SessionFactory, at
from tests.program.test_peertube_client import (  # noqa: F401 (peertube is a fixture)
    HOST,
    PLAYLIST_UUID,
    REPLAY,
    peertube,
)

PARIS = ZoneInfo("Europe/Paris")
CHANNEL_URL = f"https://{HOST}/c/alposs_conf/videos"
PLAYLIST_URL = f"https://{HOST}/w/p/{uuid_to_short(PLAYLIST_UUID)}"


def paris(day, hour):
    return datetime.datetime(2026, 6, day, hour, tzinfo=PARIS)


class Program:
    """Sessions kept in memory, wired into the command's two hooks."""

    def __init__(self):
        self.sessions = [
            SyncSession(
                1,
                "Logiciels libres et collectivités : le retour d'expérience d'Échirolles",
                paris(18, 9),
                "Jean-Jaurès",
            ),
            SyncSession(2, "PeerTube pour les mairies", paris(18, 11), "Pablo-Neruda"),
            SyncSession(3, "Atelier Git", paris(18, 14), "Jean-Jaurès"),
        ]
        self.links = {}

    def sessions_for(self, year):
        assert year == 2026
        return [
            SyncSession(s.key, s.title, s.start, s.room, self.links.get(s.key))
            for s in self.sessions
        ]

    def link(self, session, found):
        if session.key in self.links:
            return False
        self.links[session.key] = found.uuid
        return True


@pytest.fixture
def program(monkeypatch):
    program = Program()
    monkeypatch.setattr(peertube_sync, "sessions_for", program.sessions_for)
    monkeypatch.setattr(peertube_sync, "link", program.link)
    return program


def run(*args):
    out = io.StringIO()
    with translation.override("en"):
        call_command("peertube_sync", *args, stdout=out)
    return out.getvalue()


def test_sync_prints_proposals_and_doubts_and_writes_nothing_without_apply(peertube, program):  # noqa: F811
    output = run("2026", "--channel", CHANNEL_URL)
    assert "Videos on PeerTube: 3." in output
    assert "Proposed matches (2):" in output
    assert "«PeerTube pour les mairies»" in output
    assert "Doubts (1):" in output
    assert "recording of a whole room" in output
    assert "Nothing was written: run again with --apply." in output
    assert program.links == {}


def test_sync_apply_writes_the_proposals_and_a_rerun_changes_nothing(peertube, program):  # noqa: F811
    output = run("2026", "--channel", CHANNEL_URL, "--apply")
    assert "Replay links written: 2; left as they were: 0." in output
    assert program.links == {1: REPLAY["uuid"], 2: "73804a40-da9a-40c2-b1eb-2c6d9eec8f0a"}
    again = run("2026", "--channel", CHANNEL_URL, "--apply")
    assert "Proposed matches (0):" in again
    assert "Already linked: 2." in again
    assert "Replay links written: 0;" in again
    assert len(program.links) == 2


def test_sync_reads_the_list_afresh(peertube, program):  # noqa: F811
    run("2026", "--channel", CHANNEL_URL)
    run("2026", "--channel", CHANNEL_URL)
    assert len(peertube.api_requests()) == 2


def test_sync_refuses_a_url_of_the_wrong_kind_or_host(peertube, program):  # noqa: F811
    with pytest.raises(CommandError, match="not a PeerTube playlist"):
        run("2026", "--playlist", CHANNEL_URL)
    with pytest.raises(CommandError, match="Only videos from these PeerTube instances"):
        run("2026", "--channel", "https://evil.example/c/alposs")
    assert peertube.requests == []


def test_sync_with_an_unreachable_instance_changes_nothing(peertube, program):  # noqa: F811
    peertube.mode = "500"
    with pytest.raises(CommandError, match="did not answer"):
        run("2026", "--playlist", PLAYLIST_URL, "--apply")
    assert program.links == {}


def test_default_hooks_read_sessions_and_publish_the_replay_once(peertube, edition, rooms):  # noqa: F811
    talk = SessionFactory(
        edition=edition, room=rooms[0], title="PeerTube pour les mairies", start=at(edition, 9)
    )
    SessionFactory(edition=edition, room=None, kind="break", title="Pause", start=at(edition, 10))
    (session,) = model_sessions(2026)
    assert (session.key, session.title, session.room, session.video_uuid) == (
        talk.pk,
        "PeerTube pour les mairies",
        "Grande salle",
        None,
    )
    info = video(PeerTubeRef(HOST, VIDEO, REPLAY["uuid"]))
    assert model_link(session, info) is True
    talk.refresh_from_db()
    assert talk.video_url == f"https://{HOST}/w/{REPLAY['shortUUID']}"
    assert not talk.has_unpublished_changes
    assert model_sessions(2026)[0].video_uuid == REPLAY["uuid"]
    assert model_link(session, info) is False
