"""The schedule, the speakers index and each export cost a fixed number of SQL queries.

Rendered with 20 and with 200 sessions (and their speakers, rooms, tracks, links and photos),
each route must run exactly the same queries; the numbers are stated so a change shows up.
"""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Filter

import pytest

from home.demo_tools import demo_image
from program.choices import SessionKind, TrackColour
from program.models import Room, Session, SessionLink, SessionSpeaker, Speaker, Track
from program.queries import PHOTO_FILTERS
from tests.factories.program import at

ROOMS = 5

# Route -> queries per anonymous request with a cold cache. Of these, Wagtail's routing takes 9
# (site, locale, each page of the path, aliases, view restrictions) and the base template's
# menus, language switcher and site settings 11 on HTML pages. The program's own part: the
# edition, then sessions + their speakers (schedule, 3), speakers + photos + renditions + their
# sessions (speakers index, 5), sessions + speakers + links (exports, 4).
EXPECTED = {
    "/2026/programme/": 23,
    "/2026/programme/intervenants/": 25,
    "/2026/programme/schedule.xml": 13,
    "/2026/programme/schedule.json": 13,
    "/2026/programme/schedule.ics": 13,
}


def add_sessions(edition, count, photos):
    """`count` more talks over ROOMS rooms, two speakers each, a link each, some photos."""
    rooms = list(Room.objects.filter(edition=edition).order_by("sort_order"))
    tracks = list(Track.objects.filter(edition=edition))
    already = Session.objects.filter(edition=edition).count()
    speakers = Speaker.objects.bulk_create(
        Speaker(
            name=f"Personne Fictive {already + n}",
            slug=f"personne-fictive-{already + n}",
            photo=photos[n % len(photos)] if n % 3 == 0 else None,
        )
        for n in range(count)
    )
    sessions = []
    for n in range(count):
        slot = already + n
        start = at(edition, 8) + datetime.timedelta(minutes=5 * (slot // ROOMS))
        sessions.append(
            Session(
                edition=edition,
                kind=SessionKind.WORKSHOP if slot % 7 == 0 else SessionKind.TALK,
                title=f"Session numéro {slot}",
                slug=f"session-{slot}",
                abstract="Un résumé.",
                description="<p>Une description <b>riche</b>.</p>",
                room=rooms[slot % ROOMS],
                track=tracks[slot % len(tracks)],
                start=start,
                end=start + datetime.timedelta(minutes=5),
                language="en" if slot % 5 == 0 else "fr",
                live=True,
            )
        )
    sessions = Session.objects.bulk_create(sessions)
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(session=session, speaker=speaker, sort_order=order)
        for n, session in enumerate(sessions)
        for order, speaker in enumerate((speakers[n], speakers[(n + 1) % count]))
    )
    SessionLink.objects.bulk_create(
        SessionLink(session=session, title="Diapositives", url="https://example.org/s.pdf")
        for session in sessions
    )


@pytest.fixture
def big_edition(edition):
    edition.start_date = edition.end_date = datetime.date(2026, 2, 17)
    edition.save()
    for n in range(ROOMS):
        Room.objects.create(edition=edition, name=f"Salle {n}", capacity=50, sort_order=n)
    for n, colour in enumerate(TrackColour.values[:3]):
        Track.objects.create(
            edition=edition, name=f"Parcours {n}", slug=f"parcours-{n}", colour=colour
        )
    return edition


def count_queries(client, url):
    cache.clear()
    client.get(url)  # warm up: renditions of the photos are made once
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


def portrait(n):
    """A photo whose renditions exist already.

    Wagtail leaves a SpooledTemporaryFile open when it generates a rendition, which fails the
    run under -W error; the rows it would create are written here instead.
    """
    image = demo_image(f"Portrait {n}", "", text="PF", seed=n, kind="portrait", size=(80, 80))
    for spec in PHOTO_FILTERS:
        size = int(spec.split("-")[1].split("x")[0])
        image.renditions.create(
            filter_spec=spec,
            focal_point_key=Filter(spec).get_cache_key(image),
            file=f"images/portrait-{n}.{spec}.png",
            width=size,
            height=size,
        )
    return image


@pytest.mark.parametrize("url", list(EXPECTED))
def test_route_runs_the_same_queries_for_20_and_200_sessions(
    client, program_page, big_edition, url
):
    photos = [portrait(n) for n in range(2)]
    add_sessions(big_edition, 20, photos)
    with_20, response_20 = count_queries(client, url)
    add_sessions(big_edition, 180, photos)
    with_200, response_200 = count_queries(client, url)

    assert len(response_200.content) > 5 * len(response_20.content)
    assert with_20 == with_200 == EXPECTED[url]
