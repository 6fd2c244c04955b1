"""The schedule, the speakers index and each export cost a fixed number of SQL queries.

Rendered with 20 and with 200 sessions (and their speakers, rooms, tracks, links and photos),
each route must run exactly the same queries; the numbers are stated so a change shows up.
Two states are counted: just after the program changed (its cached responses stale, the site's
menus still cached: what the first reader after an edit costs) and with an empty cache.
"""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Filter

import pytest

from home.demo_tools import demo_image
from program.cache import bump_cache_version
from program.queries import PHOTO_FILTERS
from tests.factories.program import add_bulk_sessions, add_rooms_and_tracks

# Route -> queries of an anonymous request just after a program change. Wagtail's routing takes
# 9 (site, locale, each page of the path, aliases, view restrictions), the site settings 1 on
# HTML pages (menus and language switcher come from the cache). The program's own part: the
# edition, then sessions + their speakers (schedule, 3), speakers + photos + renditions + their
# sessions (speakers index, 3), sessions + speakers + links (exports, 4), and the latest
# schedule version, the XML and JSON `version` (1).
AFTER_CHANGE = {
    "/2026/programme/": 13,
    "/2026/programme/intervenants/": 13,
    "/2026/programme/schedule.xml": 14,
    "/2026/programme/schedule.json": 14,
    "/2026/programme/schedule.ics": 13,
}
# With an empty cache, HTML pages also build the menus (with the past editions' entry) and the
# language switcher (9 queries).
COLD = {
    "/2026/programme/": 22,
    "/2026/programme/intervenants/": 22,
    "/2026/programme/schedule.xml": 14,
    "/2026/programme/schedule.json": 14,
    "/2026/programme/schedule.ics": 13,
}
BUDGET = 15  # issue 3: at most 15 queries


@pytest.fixture
def big_edition(edition):
    edition.start_date = edition.end_date = datetime.date(2026, 2, 17)
    edition.save()
    add_rooms_and_tracks(edition, rooms=5, tracks=3)
    return edition


def add_sessions(edition, count, photos):
    add_bulk_sessions(edition, count, minutes=5, photos=photos)


def count_queries(client, url, empty_cache=False):
    client.get(url)  # warm up: renditions of the photos are made once, menus cached
    cache.clear() if empty_cache else bump_cache_version()
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


@pytest.mark.parametrize("url", list(AFTER_CHANGE))
def test_route_runs_the_same_queries_for_20_and_200_sessions(
    client, program_page, big_edition, url
):
    photos = [portrait(n) for n in range(2)]
    add_sessions(big_edition, 20, photos)
    with_20, response_20 = count_queries(client, url)
    cold_20, _ = count_queries(client, url, empty_cache=True)
    add_sessions(big_edition, 180, photos)
    with_200, response_200 = count_queries(client, url)
    cold_200, _ = count_queries(client, url, empty_cache=True)

    assert len(response_200.content) > 5 * len(response_20.content)
    assert with_20 == with_200 == AFTER_CHANGE[url] <= BUDGET
    assert cold_20 == cold_200 == COLD[url]
