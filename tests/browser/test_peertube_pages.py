"""PeerTube on the demo in a real browser: the session page's player facade and the live page
pass axe, and nothing is requested from PeerTube (or any other host) until the person clicks."""

import sqlite3
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import PageWeight, assert_no_axe_violations

PEERTUBE = "video.echirolles.fr"
# The demo's opening keynote of 2026 has a replay (program/demo.py, load_replays).
REPLAY_SESSION = "ouverture-dix-ans-de-logiciels-libres-dans-nos-mairies"


def host_of(url):
    return urlsplit(url).hostname


@pytest.fixture
def not_recorded_slug(demo_environment):
    """The 2026 session whose speakers asked not to be recorded, read from the demo database."""
    database = demo_environment["workdir"] / "db.sqlite3"
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            "SELECT s.slug FROM program_session s JOIN home_edition e ON e.id = s.edition_id "
            "WHERE s.do_not_record AND e.year = 2026"
        ).fetchone()
    return row[0]


def stub_other_hosts(page, demo_server):
    """Answer any request to another host here (the machine has no network), and record all."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    local = host_of(demo_server)

    def answer(route):
        if host_of(route.request.url) == local:
            return route.continue_()
        return route.fulfill(status=200, content_type="text/html", body="<!doctype html>")

    page.route("**/*", answer)
    return requests


@pytest.mark.parametrize(
    "path", [f"/2026/programme/{REPLAY_SESSION}/", f"/en/2026/programme/{REPLAY_SESSION}/"]
)
def test_session_page_with_a_replay_player_has_no_axe_violation(page, demo_server, path):
    response = page.goto(demo_server + path)

    assert response.status == 200
    facade = page.locator(".session-media .player__facade")
    assert facade.get_attribute("href").startswith(f"https://{PEERTUBE}/w/")
    assert page.locator(".session-media img").get_attribute("src").startswith("/media/peertube/")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_player_caption_sits_below_the_picture(page, demo_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{demo_server}/2026/programme/{REPLAY_SESSION}/")

    poster = page.locator(".player__poster").bounding_box()
    label = page.locator(".player__label").bounding_box()
    play = page.locator(".player__play").bounding_box()
    assert label["y"] >= poster["y"] + poster["height"] - 1
    assert play["y"] + play["height"] <= poster["y"] + poster["height"]


def test_session_page_with_a_player_on_a_phone(phone_page, demo_server):
    phone_page.goto(f"{demo_server}/2026/programme/{REPLAY_SESSION}/")

    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_no_axe_violations(phone_page)


def test_nothing_is_requested_from_peertube_before_the_click(page, demo_server):
    requests = stub_other_hosts(page, demo_server)
    weight = PageWeight(page)
    page.goto(f"{demo_server}/2026/programme/{REPLAY_SESSION}/")
    page.wait_for_load_state("networkidle")

    before = list(requests)
    assert before, "the page made no request at all"
    assert {host_of(url) for url in before} == {host_of(demo_server)}
    assert weight.ecoindex()["grade"] == "A"

    page.locator(".session-media .player__facade").click()
    frame = page.locator(".session-media iframe")
    frame.wait_for()

    src = frame.get_attribute("src")
    assert host_of(src) == PEERTUBE
    assert urlsplit(src).path.startswith("/videos/embed/")
    assert parse_qs(urlsplit(src).query)["p2p"] == ["0"]
    assert frame.get_attribute("title")
    after = requests[len(before) :]
    assert any(host_of(url) == PEERTUBE for url in after)
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"


def test_without_javascript_the_player_is_a_plain_link_to_peertube(chromium, demo_server):
    context = chromium.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    requests = stub_other_hosts(page, demo_server)
    page.goto(f"{demo_server}/2026/programme/{REPLAY_SESSION}/")

    link = page.locator(".session-media a.player__facade")
    href = link.get_attribute("href")
    label = link.inner_text()
    hosts = {host_of(url) for url in requests}
    context.close()
    assert host_of(href) == PEERTUBE and "/w/" in href
    assert "Regarder la rediffusion" in label
    assert hosts == {host_of(demo_server)}


def test_a_session_not_recorded_shows_no_player(page, demo_server, not_recorded_slug):
    page.goto(f"{demo_server}/2026/programme/{not_recorded_slug}/")

    assert "chose not to be recorded" in page.locator(".session-media").inner_text() or (
        "choisi de ne pas être enregistrés" in page.locator(".session-media").inner_text()
    )
    assert page.locator("[data-player]").count() == 0


@pytest.mark.parametrize("path", ["/2027/direct/", "/en/2027/live/"])
def test_live_page_of_the_upcoming_edition_shows_rooms_and_streams(page, demo_server, path):
    requests = stub_other_hosts(page, demo_server)
    response = page.goto(demo_server + path)

    assert response.status == 200
    assert page.locator(".live-room").count() == 2  # the rooms with a session on its first day
    assert page.locator(".live-room [data-player]").count() == 0  # nothing to play yet
    assert "09:30" in page.locator(".live-room").first.locator(".live-room__starts").inner_text()
    assert page.locator(".section-nav").count() == 1
    assert {host_of(url) for url in requests} == {host_of(demo_server)}
    assert_no_axe_violations(page)


def test_live_page_on_a_phone(phone_page, demo_server):
    phone_page.goto(demo_server + "/2027/direct/")

    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_no_axe_violations(phone_page)


def test_live_page_after_the_event_links_to_the_replays(page, demo_server):
    page.goto(demo_server + "/2026/direct/")

    links = page.locator(".live__replays a")
    assert links.count() >= 5
    assert page.locator("[data-player]").count() == 0
    assert_no_axe_violations(page)
