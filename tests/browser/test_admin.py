"""Organizers edit editions and pages in the Wagtail admin, under its own security policy."""

import subprocess

import pytest

from tests.browser.conftest import assert_no_axe_violations

ADMIN_PASSWORD = "browser-test-admin-password"


@pytest.fixture(scope="module")
def admin_login(demo_environment, demo_server):
    subprocess.run(
        [*demo_environment["manage"], "ensure_admin", "--password", ADMIN_PASSWORD],
        env=demo_environment["env"],
        check=True,
        capture_output=True,
    )
    return {"username": "admin", "password": ADMIN_PASSWORD}


def log_in(page, demo_server, admin_login):
    page.goto(demo_server + "/admin/login/")
    page.locator("#id_username").fill(admin_login["username"])
    page.locator("#id_password").fill(admin_login["password"])
    page.locator("form button[type=submit]").click()
    page.wait_for_url(demo_server + "/admin/")


def test_organizer_edits_an_edition_in_the_admin(page, demo_server, admin_login):
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security" in message.text else None
        ),
    )
    log_in(page, demo_server, admin_login)

    page.goto(demo_server + "/admin/snippets/home/edition/")
    page.get_by_role("link", name="AlpOSS 2026", exact=True).first.click()
    page.locator("#id_theme").fill("Des logiciels libres, sobres et accessibles !")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(demo_server + "/admin/snippets/home/edition/")

    page.goto(demo_server + "/2026/")
    assert page.get_by_text("Des logiciels libres, sobres et accessibles !").is_visible()
    assert blocked == []


def test_organizer_opens_the_page_editor_without_policy_errors(page, demo_server, admin_login):
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security" in message.text else None
        ),
    )
    log_in(page, demo_server, admin_login)

    page.goto(demo_server + "/admin/pages/search/?q=Infos")
    page.locator("main a[href$='/edit/']", has_text="Infos pratiques").first.click()

    assert page.locator("#id_title").input_value() == "Infos pratiques"
    assert blocked == []


REGISTRATION_ADMIN_PAGES = [
    "/admin/registrations/",
    "/admin/registrations/?status=waiting",
    "/admin/registration-actions/workshop-lists/",
]


@pytest.mark.parametrize("path", REGISTRATION_ADMIN_PAGES)
def test_registration_admin_pages_have_no_accessibility_violation(
    page, demo_server, admin_login, path
):
    log_in(page, demo_server, admin_login)

    response = page.goto(demo_server + path)

    assert response.status == 200
    assert_no_axe_violations(page)


def test_printable_workshop_attendee_list_has_no_accessibility_violation(
    page, demo_server, admin_login
):
    log_in(page, demo_server, admin_login)
    page.goto(demo_server + "/admin/registration-actions/workshop-lists/")

    page.locator("main a[href*='/workshop-lists/']").first.click()

    assert page.get_by_role("table").count() >= 1
    assert_no_axe_violations(page)
