"""At the door and after the event, in Chromium on the demo: a volunteer's phone (390 × 844)
shows the check-in button without scrolling and a second scan as a full-width amber panel; a
participant's own ticket link shows the code and the QR code; the live page of an edition held
is its replays page. axe finds nothing on each."""

import re
from urllib.parse import urlparse

from tests.browser import test_checkin_pages as checkin
from tests.browser.conftest import PHONE, assert_no_axe_violations

# The volunteer and two demo participants, shared with the check-in pages' tests.
volunteer, demo_people = checkin.volunteer, checkin.demo_people


def test_the_participant_sees_the_ticket_code_and_qr_code_at_the_door(
    phone_page, demo_server, demo_people
):
    person = demo_people["people"][1]
    phone_page.goto(demo_server + urlparse(person["url"]).path)

    assert phone_page.locator(".door-ticket__code").inner_text() == person["code"]
    qr = phone_page.get_by_role("img", name=re.compile(person["code"]))
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box["width"] >= 200 and box["width"] == box["height"]  # square, large enough to scan
    assert qr.evaluate("image => image.naturalWidth") > 0  # the data URI is an image
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(phone_page)


def test_a_volunteer_checks_in_above_the_fold_then_a_second_scan_is_amber(
    phone_page, demo_server, volunteer, demo_people
):
    page = phone_page
    person = demo_people["people"][0]
    path = urlparse(person["url"]).path
    page.goto(demo_server + path)
    page.locator(".checkin-staff-login a").click()
    page.wait_for_url(re.compile(r".*/admin/login/.*"))
    checkin.fill_the_login_form(page, demo_server, path, volunteer)

    # The site's menu is there, and the button is on screen without scrolling.
    assert page.locator(".site-header").is_visible()
    button = page.get_by_role("button", name=f"Enregistrer l'arrivée {person['name']}")
    box = button.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    assert_no_axe_violations(page)

    button.click()
    page.wait_for_load_state()
    welcome = page.locator(".checkin-panel--ok")
    assert welcome.is_visible() and page.locator(".checkin-panel--already").count() == 0

    page.goto(demo_server + path)  # the same ticket, scanned again
    panel = page.locator(".checkin-panel--already")
    assert panel.is_visible()
    assert panel.get_attribute("role") == "alert"
    text = panel.inner_text()
    assert "Déjà entré" in text and "Bénévole Démo" in text
    assert re.search(r"\d{1,2}(er)? \w+ \d{4} à \d\d:\d\d", text)
    # Full width of the phone, amber, above the fold.
    box = panel.bounding_box()
    assert box["width"] >= PHONE["width"] - 2 and box["y"] + box["height"] <= PHONE["height"]
    colour = panel.evaluate("element => getComputedStyle(element).backgroundColor")
    assert colour == "rgb(255, 216, 115)"
    green = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--ok').trim()"
    )
    assert colour != green
    assert page.locator(".checkin-button").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)


def test_after_the_event_the_live_page_is_the_replays_page(page, demo_server):
    page.goto(demo_server + "/2026/direct/")

    assert page.title().startswith("Rediffusions")
    assert page.locator("h1").inner_text().startswith("Rediffusions")
    replays = page.locator(".live__replays li")
    assert replays.count() >= 5
    pictures = page.locator(".live__replays img.replay__picture")
    assert pictures.count() >= 1
    assert all(
        urlparse(src).netloc in ("", urlparse(demo_server).netloc)
        for src in pictures.evaluate_all("images => images.map(image => image.src)")
    )
    assert pictures.first.evaluate("image => image.complete && image.naturalWidth > 0")
    assert page.locator(".replay__length time").count() >= 1
    assert_no_axe_violations(page)


def test_the_replays_page_on_a_phone_in_english(phone_page, demo_server):
    phone_page.goto(demo_server + "/en/2026/live/")

    assert phone_page.locator("h1").inner_text().startswith("Replays of")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(phone_page)


def test_before_the_event_each_room_next_session_is_when_its_stream_starts(page, demo_server):
    page.goto(demo_server + "/en/2027/live/")

    rooms = page.locator(".live-room")
    assert rooms.count() >= 1
    for index in range(rooms.count()):
        room = rooms.nth(index)
        starts = room.locator(".live-room__starts").inner_text()
        following = room.locator(".live-room__facts dd").nth(1).inner_text()
        time = re.search(r"at (\d\d:\d\d)", starts)
        if time:  # "next" is that very session, on that day
            assert time.group(1) in following
    assert_no_axe_violations(page)
