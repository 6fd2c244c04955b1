"""The demo's "Changes" page in a real browser: its versions, linked from the program's
sub-navigation, with no axe violation in French or in English."""

import pytest

from tests.browser.conftest import assert_no_axe_violations


@pytest.mark.parametrize(
    ("path", "link"),
    [("/2026/programme/changements/", "Changements"), ("/en/2026/programme/changes/", "Changes")],
)
def test_changes_page_lists_versions_without_axe_violations(page, demo_server, path, link):
    page.goto(demo_server + path)

    current = page.locator(".program-nav a[aria-current='page']")
    assert current.inner_text() == link
    assert page.locator(".schedule-version").count() >= 1
    assert page.locator("link[rel='alternate'][type='application/atom+xml']").count() == 1
    assert_no_axe_violations(page)
