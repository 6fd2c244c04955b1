"""The demo program in a real browser: grid on wide screens, list on phones, filters without
JavaScript, the day on paper, and no axe violation on schedule, session and speaker pages."""

import pytest

from tests.browser.conftest import PageWeight, assert_no_axe_violations

ROUND_TABLE = "table-ronde-la-souverainete-numerique-des-collectivites-concretement"
ENGLISH_KEYNOTE = "open-source-as-public-infrastructure"


@pytest.mark.parametrize("path", ["/2026/programme/", "/en/2026/programme/"])
def test_schedule_is_a_grid_by_room_on_wide_screens(page, demo_server, path):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(demo_server + path)

    grid = page.locator(".schedule-grid").first
    assert grid.is_visible()
    assert not page.locator(".schedule-list").first.is_visible()
    headers = grid.locator("thead th").all_inner_texts()
    assert headers[1:] == [
        "Grande salle",
        "Salle Belledonne",
        "Salle Chartreuse",
        "Salle Chamrousse",
        "Atelier Vercors",
        "Atelier Taillefer",
    ]
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", ["/2026/programme/", "/en/2026/programme/"])
def test_schedule_is_a_list_by_time_on_phones(phone_page, demo_server, path):
    phone_page.goto(demo_server + path)

    assert not phone_page.locator(".schedule-grid").first.is_visible()
    assert phone_page.locator(".schedule-list__time").first.inner_text() == "08:30"
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert_no_axe_violations(phone_page)


def test_filter_form_works_without_javascript(chromium, demo_server):
    context = chromium.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_server + "/2026/programme/")
    page.locator("#filter-kind").select_option("workshop")
    page.locator(".program-filters button[type=submit]").click()
    page.wait_for_url("**/programme/?kind=workshop*")

    kinds = {text.lower() for text in page.locator(".schedule-list .kind").all_text_contents()}
    context.close()
    assert kinds in ({"workshop"}, {"atelier"})


def test_printed_schedule_is_the_list_without_filters(page, demo_server):
    page.goto(demo_server + "/2026/programme/")
    page.emulate_media(media="print")

    assert page.locator(".schedule-list").first.is_visible()
    assert not page.locator(".schedule-grid").first.is_visible()
    assert not page.locator(".program-filters").is_visible()


@pytest.mark.parametrize(
    "path",
    [
        f"/2026/programme/{ROUND_TABLE}/",
        f"/en/2026/programme/{ENGLISH_KEYNOTE}/",
        "/2026/programme/intervenants/",
        "/en/2026/programme/speakers/",
        "/2026/programme/intervenants/maelle-rivoire/",
        "/en/2026/programme/speakers/ingrid-holm/",
    ],
)
def test_session_and_speaker_pages_have_no_axe_violation(page, demo_server, path):
    response = page.goto(demo_server + path)

    assert response.status == 200
    assert page.locator("h1").inner_text()
    assert_no_axe_violations(page)


def test_session_page_offers_its_ics_and_marks_its_language(page, demo_server):
    page.goto(demo_server + f"/2026/programme/{ENGLISH_KEYNOTE}/")

    assert page.locator("h1").get_attribute("lang") == "en"
    href = page.locator("a[href$='.ics']").get_attribute("href")
    response = page.request.get(demo_server + href)
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert b"Open source as public infrastructure" in response.body()


def test_schedule_page_weight_stays_within_budget(page, demo_server):
    """42 sessions shown twice (grid and list): measured 1,200 DOM nodes, 2 requests, 62 KB."""
    weight = PageWeight(page)
    page.goto(demo_server + "/2026/programme/")

    measures = weight.ecoindex()
    assert measures["requests"] == 2
    assert measures["nodes"] <= 1300
    assert measures["size_kb"] <= 80
