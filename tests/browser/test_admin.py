"""Organizers edit editions and pages in the Wagtail admin, under its own security policy."""

import os
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import PROJECT_DIR, assert_no_axe_violations

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


SCREENSHOTS = os.environ.get("ALPOSS_SCREENSHOTS", "")  # a folder, to look at the pages


def screenshot(page, name):
    if SCREENSHOTS:
        page.screenshot(path=Path(SCREENSHOTS) / name, full_page=True)


IMPORT_FIXTURE = PROJECT_DIR / "tests" / "program" / "import_fixtures" / "alposs2027.json"
IMPORT_EDITION_SETUP = """
import datetime
from home.models import Edition
from program.models import Speaker
Edition.objects.create(
    year=2097,
    name="Édition d'essai d'import",
    start_date=datetime.date(2027, 3, 10),
    end_date=datetime.date(2027, 3, 11),
)
print(max(Speaker.objects.values_list("pk", flat=True), default=0))
"""
IMPORT_EDITION_TEARDOWN = """
from home.models import Edition
from program.models import Session, Speaker, Room, Track
edition = Edition.objects.get(year=2097)
Session.objects.filter(edition=edition).delete()
Speaker.objects.filter(pk__gt={last_speaker}).delete()
edition.delete()
"""


@pytest.fixture
def import_edition(demo_environment):
    """An edition of its own for the fixture's dates, gone afterwards: the other browser tests
    read the demo data as it was."""

    def shell(code):
        return subprocess.run(
            [*demo_environment["manage"], "shell", "-c", code],
            env=demo_environment["env"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    last_speaker = int(shell(IMPORT_EDITION_SETUP).split()[-1])
    yield "Édition d'essai d'import"
    shell(IMPORT_EDITION_TEARDOWN.format(last_speaker=last_speaker))


def test_organizer_imports_a_program_from_the_edition_row(
    page, demo_server, admin_login, import_edition
):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, demo_server, admin_login)
    page.goto(demo_server + "/admin/snippets/home/edition/?q=essai")
    row = page.locator("tr", has_text=import_edition)
    row.get_by_role("button", name="Plus d’options").or_(
        row.locator("[data-controller='w-dropdown'] button")
    ).first.click()
    with page.expect_navigation():
        row.get_by_role("link", name="Importer le programme").click()
    page.wait_for_load_state()

    chosen = page.locator("#id_edition").evaluate("s => s.options[s.selectedIndex].text")
    assert chosen == import_edition
    assert_no_axe_violations(page)
    page.locator("#id_file").set_input_files(str(IMPORT_FIXTURE))
    screenshot(page, "import-read.png")
    with page.expect_navigation():
        page.get_by_role("button", name="Le lire (essai à blanc)").click()
    screenshot(page, "import-dry-run.png")

    assert page.get_by_text("32 séances créées").first.is_visible()
    assert page.get_by_text("C3VOC JSON v1").first.is_visible()
    assert_no_axe_violations(page)
    apply = page.get_by_role("button", name="Appliquer l’import")
    apply.scroll_into_view_if_needed()
    assert page.get_by_role("combobox", name="Discussion").input_value() == "round_table"
    if SCREENSHOTS:
        page.screenshot(path=Path(SCREENSHOTS) / "import-kinds.png")
    with page.expect_navigation():
        apply.click()

    assert page.get_by_text("Programme importé dans").first.is_visible()
    assert page.get_by_role("heading", name="Ce que l’import a fait").is_visible()
    screenshot(page, "import-applied.png")

    # A newer version: the dry run lists exactly what changes.
    page.get_by_role("link", name="Importer une version plus récente").click()
    page.locator("#id_file").set_input_files(str(IMPORT_FIXTURE.with_name("alposs2027-v2.json")))
    with page.expect_navigation():
        page.get_by_role("button", name="Le lire (essai à blanc)").click()
    assert page.get_by_text("4 séances modifiées").first.is_visible()
    assert page.locator("tr.import-change", has_text="Séance 3, nouveau titre").is_visible()
    screenshot(page, "import-changes.png")
    assert_no_axe_violations(page)
    assert_no_axe_violations(page)
