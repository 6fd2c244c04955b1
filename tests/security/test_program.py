"""The program page's filters, routes and exports, and the live page: hostile values are
ignored or answered 404, never 500, never echoed raw."""

import pytest

from tests.security.hostile import HOSTILE, RAW_ESCAPES, SAMPLE, check, path_segment

pytestmark = pytest.mark.django_db

FILTERS = ("kind", "track", "language")


def test_hostile_filter_values_show_the_whole_schedule(client, site):
    for hostile in HOSTILE:
        params = dict.fromkeys(FILTERS, hostile.value)
        response = check(client.get(site.program_url, params), hostile)
        assert response.status_code == 200, hostile
        assert site.talk.title in response.content.decode(), hostile


def test_valid_filters_still_filter(client, site):
    html = client.get(site.program_url, {"kind": "workshop"}).content.decode()
    assert site.workshop.title in html
    assert site.talk.title not in html
    html = client.get(site.program_url, {"track": site.track.slug}).content.decode()
    assert site.talk.title in html
    assert site.workshop.title not in html


def test_repeated_filters_and_broken_escapes(client, site):
    query = "kind=talk&kind=workshop&track=x&track=&language[]=fr"
    assert check(client.get(f"{site.program_url}?{query}")).status_code == 200
    for raw in RAW_ESCAPES:
        url = f"{site.program_url}?kind={raw}&track={raw}&language={raw}&page={raw}"
        assert check(client.get(url)).status_code == 200, raw


@pytest.mark.parametrize(
    "route", ["{}/", "intervenants/{}/", "{}.ics", "schedule.xml/{}/", "{}/{}/"]
)
def test_a_hostile_slug_is_not_found(client, site, route):
    for hostile in HOSTILE if route == "{}/" else SAMPLE:
        if not hostile.value:
            continue
        segment = path_segment(hostile.value)
        response = check(client.get(site.program_url + route.format(segment, segment)), hostile)
        assert response.status_code in (200, 301, 302, 404), hostile


@pytest.mark.parametrize("export", ["schedule.xml", "schedule.json", "schedule.ics"])
def test_exports_ignore_any_query_string(client, site, export):
    for hostile in HOSTILE:
        response = check(client.get(site.program_url + export, {"kind": hostile.value}))
        assert response.status_code == 200, hostile
        if hostile.marker:
            assert hostile.marker not in response.content.decode(), hostile


def test_the_live_page_of_a_year_no_database_can_hold_is_not_found(client, site):
    for year in ("9" * 40, str(2**63), "0"):
        assert check(client.get(f"/{year}/direct/")).status_code == 404, year
    for hostile in HOSTILE:
        url = f"/{site.edition.year}/direct/?now={path_segment(hostile.value)}"
        assert check(client.get(url), hostile).status_code == 200, hostile
