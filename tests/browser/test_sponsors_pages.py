"""A sponsor fills its booth information through the private link, as a new user would;
organizers request changes, approve and export; the partners page shows the result.
"""

import csv
import io
import re
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import PROJECT_DIR, assert_no_axe_violations, manage

ADMIN_PASSWORD = "browser-test-sponsors-password"
SPONSOR = "cordee-numerique"


@pytest.fixture(scope="module")
def portal_path(demo_environment, demo_server):
    return urlparse(manage(demo_environment, "sponsor_link", SPONSOR).strip()).path


@pytest.fixture(scope="module")
def organizer(demo_environment, demo_server):
    manage(demo_environment, "ensure_admin", "--password", ADMIN_PASSWORD)
    return {"username": "admin", "password": ADMIN_PASSWORD}


def log_in(page, demo_server, organizer):
    page.goto(demo_server + "/admin/login/")
    page.locator("#id_username").fill(organizer["username"])
    page.locator("#id_password").fill(organizer["password"])
    page.locator("form button[type=submit]").click()
    page.wait_for_url(demo_server + "/admin/")


def mail_files(demo_environment):
    mail_dir = demo_environment["workdir"] / "mail"
    # django-environ reads filemail:///abs/path as a path relative to the working directory.
    misplaced = PROJECT_DIR / str(mail_dir).lstrip("/")
    return sorted([*mail_dir.glob("*"), *misplaced.glob("*")], key=lambda path: path.name)


def review_url(demo_environment):
    urls = []
    for path in mail_files(demo_environment):
        urls += re.findall(r"https?://\S+/admin/sponsors/booths/\d+/review/", path.read_text())
    assert urls, "the organizers were not told of the submission"
    return urlparse(urls[-1]).path


@pytest.mark.parametrize("path", ["/2026/partenaires/", "/en/2026/partners/"])
def test_partners_page_has_tiers_logos_and_exhibitors_without_violation(page, demo_server, path):
    page.goto(demo_server + path)
    assert page.locator(".sponsor-tier h2").count() == 4
    logos = page.locator(".sponsor-logos img")
    assert logos.count() >= 8
    assert all(logos.nth(n).get_attribute("alt") for n in range(logos.count()))
    assert page.locator(".exhibitor-card").count() >= 4
    assert_no_axe_violations(page)


def test_tampered_link_is_a_clear_page(page, demo_server, portal_path):
    response = page.goto(demo_server + portal_path[:-6] + "xxxxx/")
    assert response.status == 404
    assert page.locator("h1").inner_text()
    assert_no_axe_violations(page)


def test_sponsor_fills_saves_submits_gets_a_change_request_and_is_approved(
    page, demo_server, demo_environment, portal_path, organizer, chromium
):
    portal = demo_server + portal_path
    page.goto(portal)
    assert "La Cordée numérique" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)

    # A first draft, incomplete.
    page.locator("#id_description").fill("Nous aidons chacun à apprivoiser le numérique libre.")
    page.locator("button[name=save]").click()
    assert page.locator(".booth-status--draft").is_visible()
    assert page.locator("#id_description").input_value().startswith("Nous aidons")

    # Submitting without an arrival time: the error is listed and tied to the field.
    page.locator("#id_arrival_time").fill("")
    page.locator("button[name=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_arrival_time").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_description").input_value().startswith("Nous aidons")
    assert_no_axe_violations(page)

    page.locator("#id_arrival_time").fill("07:45")
    page.locator("#id_staff_text").fill("Alix Durand\nSacha Roux")
    page.locator("button[name=submit]").click()
    assert page.locator(".booth-status--submitted").is_visible()

    # The organizers ask for a change.
    admin = chromium.new_context(locale="fr-FR")
    organizer_page = admin.new_page()
    log_in(organizer_page, demo_server, organizer)
    organizer_page.goto(demo_server + review_url(demo_environment))
    organizer_page.locator("#id_comment").fill("Ajoutez une description en anglais, merci.")
    organizer_page.locator("button[name=request_changes]").click()

    page.goto(portal)
    assert page.locator(".booth-status--changes_requested").is_visible()
    assert page.get_by_text("Ajoutez une description en anglais, merci.").is_visible()
    page.locator("#id_description_en").fill("We help everyone get along with free software.")
    page.locator("button[name=submit]").click()
    assert page.locator(".booth-status--submitted").is_visible()

    # Approved: the form becomes read-only.
    organizer_page.goto(demo_server + review_url(demo_environment))
    organizer_page.locator("button[name=approve]").click()
    page.goto(portal)
    assert page.locator(".booth-status--approved").is_visible()
    assert page.locator("form.booth-form").count() == 0
    assert_no_axe_violations(page)

    # The partners page of the edition shows the approved description.
    page.goto(demo_server + "/")
    page.locator(".top-sponsors p a").click()
    exhibitor = page.locator(".exhibitor-card", has_text="La Cordée numérique")
    assert "apprivoiser le numérique libre" in exhibitor.inner_text()
    assert_no_axe_violations(page)

    # The logistics export has the booth with its staff.
    organizer_page.goto(demo_server + "/admin/sponsors/exports/")
    href = organizer_page.locator("a", has_text="CSV").first.get_attribute("href")
    response = organizer_page.request.get(demo_server + href)
    rows = list(csv.reader(io.StringIO(response.body().decode("utf-8-sig"))))
    row = next(row for row in rows if "La Cordée numérique" in row)
    assert "Alix Durand; Sacha Roux" in row
    admin.close()
