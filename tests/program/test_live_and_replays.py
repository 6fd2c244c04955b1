"""The live page before the event (each room's first session of the day, and only the rooms
that have one) and after it (the replays page, each replay with its picture and length)."""

import datetime

import pytest

from program.models import PeerTubeVideo, Room, Session
from tests.factories.program import RoomFactory, SessionFactory, at
from tests.program import test_peertube_pages as pages
from tests.program.test_peertube_pages import HOST, LIVE_WAITING, REPLAY, watch

# The live page's fixtures, shared with the PeerTube pages' tests.
clock, french, live_program = pages.clock, pages.french, pages.live_program
peertube, replay_row, streamed = pages.peertube, pages.replay_row, pages.streamed

pytestmark = pytest.mark.django_db


def room_block(html, name):
    return html.split(f"{name}</h2>")[1].split("</li>")[0]


def test_before_the_event_each_room_says_its_first_session_of_the_day_and_when_it_streams(
    client, live_program, program_page_en, clock
):
    edition = live_program["edition"]
    grande = live_program["sessions"][0].room
    # An earlier session in the big room whose speakers asked not to be filmed: the stream
    # starts with the first one that is streamed, and "next" names that same session.
    SessionFactory(edition=edition, room=grande, hour=9, title="Accueil privé", do_not_record=True)
    clock(edition, 8, days=-3)

    html = client.get("/en/2026/live/").content.decode()

    block = room_block(html, "Grande salle")
    assert "Streaming starts on 17 February 2026 at 10:00" in block
    assert "Ouverture du direct" in block and "(17 February 2026, 10:00)" in block
    assert "Accueil privé" not in block
    assert "Suite en grande salle" not in block  # the second session is not "next"


def test_before_the_event_a_room_without_a_session_that_day_is_not_listed(
    client, live_program, clock
):
    edition = live_program["edition"]
    later = RoomFactory(
        edition=edition,
        name="Salle Chartreuse",
        sort_order=9,
        peertube_live_url=watch(LIVE_WAITING),
    )
    start = at(edition, 10) + datetime.timedelta(days=1)
    SessionFactory(
        edition=edition, room=later, start=start, end=start + datetime.timedelta(hours=1)
    )
    RoomFactory(
        edition=edition, name="Salle vide", sort_order=10, peertube_live_url=watch(LIVE_WAITING)
    )
    clock(edition, 8, days=-3)

    html = client.get("/2026/direct/").content.decode()

    assert "Grande salle</h2>" in html
    assert "Salle Chartreuse</h2>" not in html  # only on the next day
    assert "Salle vide</h2>" not in html
    assert "<title>Direct" in html


def test_after_the_event_the_page_is_the_replays_page_with_pictures_and_lengths(
    client, live_program, replay_row, clock
):
    finished = live_program["sessions"][0]
    Session.objects.filter(pk=finished.pk).update(video_url=watch(REPLAY))
    PeerTubeVideo.objects.filter(pk=replay_row.pk).update(duration=3 * 60 + 65 * 60)
    clock(live_program["edition"], 18)

    html = client.get("/2026/direct/").content.decode()

    assert "<title>Rediffusions · " in html
    assert "<h1>Rediffusions de " in html
    assert "En direct" not in html.split("<main")[1].split("</h1>")[0]
    item = html.split(f'href="/2026/programme/{finished.slug}/"')[1].split("</li>")[0]
    assert f'src="/media/peertube/{HOST}/{REPLAY["uuid"]}.jpg"' in item
    assert 'alt=""' in item  # the title next to it names the link
    assert '<time datetime="PT68M">1 h 08</time>' in item
    assert finished.title in item


def test_after_the_event_a_replay_without_a_stored_picture_still_lists(client, live_program, clock):
    finished = live_program["sessions"][0]
    Session.objects.filter(pk=finished.pk).update(video_url=watch(REPLAY))
    clock(live_program["edition"], 18)

    html = client.get("/2026/direct/").content.decode()

    item = html.split(f'href="/2026/programme/{finished.slug}/"')[1].split("</li>")[0]
    assert "replay__picture--none" in item
    assert Room.objects.filter(edition=live_program["edition"]).exists()
