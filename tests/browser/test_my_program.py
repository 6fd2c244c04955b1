"""My program in a real browser: stars mark sessions without JavaScript (the address carries
the choice) and with it (the browser's storage, toggled in place), the page lists them, no
cookie is set, and axe finds no violation."""

from tests.browser.conftest import assert_no_axe_violations

SCHEDULE = "/2026/programme/"


def _talk_stars(page):
    """The stars of the first sessions of the day (the keynote, then the first talks)."""
    return page.locator(".schedule-day").first.locator("a.star")


def test_marking_sessions_without_javascript(chromium, demo_server):
    context = chromium.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_server + SCHEDULE)
    first = _talk_stars(page).first
    code = first.get_attribute("data-code")
    first.click()
    page.wait_for_url(f"**/programme/?s={code}#s-{code}")

    star = page.locator(f"a.star[data-code='{code}']")
    assert "star--on" in star.get_attribute("class")
    assert star.inner_text().strip().startswith("★")
    second = _talk_stars(page).nth(1)
    other = second.get_attribute("data-code")
    second.click()
    page.wait_for_url(f"**/programme/?s={code}-{other}#s-{other}")

    page.locator(".program-nav .my-program-link").click()
    page.wait_for_url(f"**/mon-programme/?s={code}-{other}")
    assert page.locator("h1").inner_text() == "Mon programme"
    assert page.locator(".my-program__item").count() == 2
    assert page.locator("a[href^='/2026/programme/mon-programme.ics?s=']").count() == 1
    # (axe needs JavaScript: the test below runs it on the same page.)
    # Removing from the list keeps the other one.
    page.locator(f".my-program__item a.star[data-code='{code}']").click()
    page.wait_for_url(f"**/mon-programme/?s={other}")
    assert page.locator(".my-program__item").count() == 1
    assert context.cookies() == []
    context.close()


def test_marking_sessions_with_javascript(page, demo_server):
    page.goto(demo_server + SCHEDULE)
    stars = _talk_stars(page)
    codes = [stars.nth(0).get_attribute("data-code"), stars.nth(2).get_attribute("data-code")]
    stars.nth(0).click()
    stars.nth(2).click()

    assert page.url == demo_server + SCHEDULE  # toggled in place, nothing sent
    assert "star--on" in stars.nth(0).get_attribute("class")
    assert "Retirer de mon programme" in stars.nth(2).inner_text()
    assert page.evaluate("localStorage.getItem('alposs-my-program')") == (
        f'["{codes[0]}","{codes[1]}"]'
    )
    link = page.locator(".program-nav .my-program-link")
    assert link.inner_text() == "Mon programme (2)"

    page.reload()
    assert "star--on" in _talk_stars(page).nth(2).get_attribute("class")

    # The page without a selection in the address shows the one kept in the browser.
    page.goto(demo_server + SCHEDULE + "mon-programme/")
    page.wait_for_url(f"**/mon-programme/?s={codes[0]}-{codes[1]}")
    assert page.locator(".my-program__item").count() == 2
    assert_no_axe_violations(page)
    assert page.context.cookies() == []


def test_session_page_star_and_english_page(page, demo_server):
    page.goto(demo_server + SCHEDULE)
    href = (
        page.locator(".schedule-day").first.locator(".slot__title a").nth(1).get_attribute("href")
    )
    page.goto(demo_server + href)
    star = page.locator(".session-detail__star a.star")
    star.click()
    assert "star--on" in star.get_attribute("class")
    assert_no_axe_violations(page)

    code = star.get_attribute("data-code")
    page.goto(demo_server + f"/en/2026/programme/my-program/?s={code}-ffffffff")
    assert page.locator("h1").inner_text() == "My program"
    assert page.locator(".my-program__item").count() == 1
    assert "left out" in page.locator(".notice").inner_text()
    assert_no_axe_violations(page)
