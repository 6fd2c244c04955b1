"""Every public page type of the foundation, in both languages: axe, third parties, weight."""

from urllib.parse import urlparse

import pytest

from tests.browser.conftest import PageWeight, assert_no_axe_violations

CONTENT_PAGES = [
    ("/", "AlpOSS — Alpes Open Source Software"),
    ("/en/", "AlpOSS — Alpes Open Source Software"),
    ("/2026/", "AlpOSS 2026"),
    ("/en/2026/", "AlpOSS 2026"),
    ("/infos-pratiques/", "Infos pratiques"),
    ("/en/practical-information/", "Practical information"),
    ("/acces/", "Lieu et accès"),
    ("/recherche/?q=atelier", "Rechercher"),
    ("/en/search/?q=workshop", "Search"),
    ("/page-qui-n-existe-pas/", "Page introuvable"),
    ("/en/no-such-page/", "Page not found"),
]


@pytest.mark.parametrize(("path", "heading"), CONTENT_PAGES)
def test_public_page_has_no_accessibility_violation(page, demo_server, path, heading):
    page.goto(demo_server + path)

    assert page.locator("h1").first.inner_text() == heading
    assert_no_axe_violations(page)


@pytest.mark.parametrize(("path", "heading"), CONTENT_PAGES[:4])
def test_public_page_has_no_accessibility_violation_on_a_phone(
    phone_page, demo_server, path, heading
):
    phone_page.goto(demo_server + path)

    assert_no_axe_violations(phone_page)


@pytest.mark.parametrize("path", ["/", "/2026/", "/acces/", "/en/practical-information/"])
def test_content_page_loads_nothing_from_elsewhere_and_sets_no_cookie(page, demo_server, path):
    weight = PageWeight(page)

    page.goto(demo_server + path)
    page.wait_for_load_state("networkidle")

    hosts = {urlparse(url).netloc for url in weight.requests}
    assert hosts == {urlparse(demo_server).netloc}
    assert page.context.cookies() == []


@pytest.mark.parametrize("path", ["/", "/2026/", "/acces/", "/recherche/?q=atelier"])
def test_content_page_scores_ecoindex_a(page, demo_server, path):
    weight = PageWeight(page)

    page.goto(demo_server + path)
    page.wait_for_load_state("networkidle")

    measure = weight.ecoindex()
    assert measure["grade"] == "A", measure


def test_skip_link_moves_focus_to_the_main_content(page, demo_server):
    page.goto(demo_server + "/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switcher_leads_to_the_english_copy(page, demo_server):
    page.goto(demo_server + "/infos-pratiques/")

    page.get_by_role("link", name="English").click()

    assert page.url == demo_server + "/en/practical-information/"
    assert page.locator("html").get_attribute("lang") == "en"


def test_faq_answers_open_without_javascript(chromium, demo_server):
    context = chromium.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(demo_server + "/infos-pratiques/")

    tab.get_by_text("Faut-il être développeur pour venir ?").click()

    assert tab.get_by_text("Le programme s'adresse aussi aux élus").is_visible()
    context.close()


@pytest.mark.parametrize(
    ("path", "session_heading", "speaker_heading"),
    [
        ("/recherche/?q=linux", "Sessions", "Intervenants"),
        ("/en/search/?q=linux", "Sessions", "Speakers"),
    ],
)
def test_search_finds_sessions_and_speakers_that_open(
    page, demo_server, path, session_heading, speaker_heading
):
    page.goto(demo_server + path)

    sessions = page.locator("section", has=page.get_by_role("heading", name=session_heading))
    speakers = page.locator("section", has=page.get_by_role("heading", name=speaker_heading))
    assert sessions.locator("a").count() >= 1 and speakers.locator("a").count() >= 1
    for link in (sessions.locator("a").first, speakers.locator("a").first):
        assert page.request.get(demo_server + link.get_attribute("href")).status == 200
    assert_no_axe_violations(page)
