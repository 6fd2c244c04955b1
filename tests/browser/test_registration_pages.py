"""A participant registers, confirms, gets a ticket, changes workshops and cancels, in a real
browser, in French and in English; axe checks every registration page on the way."""

import email
import email.policy
import re
from urllib.parse import urlparse

from django.utils import timezone

import pytest

from home.demo import upcoming_date
from tests.browser.conftest import PROJECT_DIR, assert_no_axe_violations


@pytest.fixture(scope="module")
def year():
    return upcoming_date(timezone.localdate()).year


def mails(demo_environment):
    """Every message the demo server wrote, parsed (file backend, one file per connection)."""
    mail_dir = demo_environment["workdir"] / "mail"
    misplaced = PROJECT_DIR / str(mail_dir).lstrip("/")
    messages = []
    for path in sorted(
        [*mail_dir.glob("*"), *misplaced.glob("*")], key=lambda p: p.stat().st_mtime
    ):
        for chunk in re.split(r"\n-{79}\n", path.read_text()):
            if chunk.strip():
                messages.append(
                    email.message_from_string(chunk.strip() + "\n", policy=email.policy.default)
                )
    return messages


def last_link(demo_environment, to, route):
    for message in reversed(mails(demo_environment)):
        if to in message["To"]:
            body = message.get_body(preferencelist=("plain",)).get_content()
            found = re.findall(rf"https?://\S+?/{route}/[\w-]+/", body)
            if found:
                return urlparse(found[0]).path, message
    raise AssertionError(f"no {route} link mailed to {to}")


def fill_form(page, first, last, address):
    page.locator("#id_first_name").fill(first)
    page.locator("#id_last_name").fill(last)
    page.locator("#id_email").fill(address)
    page.locator("#id_organization").fill("Association fictive")
    page.locator("#id_category_1").check()
    page.locator("#id_accessibility_needs").fill("Une place près de l'allée")
    page.locator("#id_consent").check()


def test_register_confirm_change_and_cancel_in_french(page, demo_server, demo_environment, year):
    address = "browser.fr@example.org"
    page.goto(f"{demo_server}/{year}/inscription/")
    assert_no_axe_violations(page)

    page.locator("form.registration-form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert_no_axe_violations(page)

    fill_form(page, "Lucie", "Fictive", address)
    page.locator("input[name=sessions]").first.check()
    page.locator("form.registration-form button[type=submit]").click()
    page.wait_for_url(f"{demo_server}/{year}/inscription/envoyee/")
    assert_no_axe_violations(page)

    confirm_path, _ = last_link(demo_environment, address, "confirmer")
    page.goto(demo_server + confirm_path)
    assert "Lucie Fictive" in page.content()
    assert_no_axe_violations(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("main .notice").first.is_visible()
    assert_no_axe_violations(page)

    manage_path, ticket = last_link(demo_environment, address, "gerer")
    filenames = [part.get_filename() for part in ticket.iter_attachments()]
    assert "ticket-qr.png" in filenames
    assert any(name and name.endswith(".ics") for name in filenames)

    page.goto(demo_server + manage_path)
    assert page.locator(".registration-ticket img").is_visible()
    assert_no_axe_violations(page)
    boxes = page.locator("input[name=sessions]")
    boxes.first.uncheck()
    page.locator("button[name=change_workshops]").click()
    page.wait_for_load_state()
    assert page.locator("main [role=status].notice--ok").is_visible()
    assert_no_axe_violations(page)

    page.locator("button[name=new_link]").click()
    page.wait_for_load_state()
    assert page.locator("main [role=status].notice--ok").is_visible()
    assert_no_axe_violations(page)
    old_path = manage_path
    manage_path, _ = last_link(demo_environment, address, "gerer")
    assert manage_path != old_path
    page.goto(demo_server + old_path)
    assert page.locator(".notice--error").is_visible()  # the old link no longer works
    assert_no_axe_violations(page)

    page.goto(demo_server + manage_path + "annuler/")
    assert_no_axe_violations(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    # The page shown after cancelling can still delete the data; the link itself is revoked.
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{demo_server}/{year}/inscription/supprimee/")
    assert_no_axe_violations(page)
    page.goto(demo_server + manage_path)
    assert page.locator(".notice--error").is_visible()  # the private link no longer works


def test_register_in_english_and_bad_links_are_explained(page, demo_server, demo_environment, year):
    address = "browser.en@example.org"
    page.goto(f"{demo_server}/en/{year}/register/")
    assert page.locator("html").get_attribute("lang") == "en"
    fill_form(page, "Oscar", "Madeup", address)
    page.locator("form.registration-form button[type=submit]").click()
    page.wait_for_url(f"{demo_server}/en/{year}/register/sent/")
    confirm_path, message = last_link(demo_environment, address, "confirm")
    assert confirm_path.startswith(f"/en/{year}/register/")
    assert "confirm" in message["Subject"].lower()

    page.goto(demo_server + confirm_path[:-6] + "xxxxx/")
    assert page.locator(".notice--error").is_visible()
    assert_no_axe_violations(page)


def test_past_edition_says_registration_is_closed(page, demo_server):
    page.goto(f"{demo_server}/2026/inscription/")
    assert page.locator("main .notice").is_visible()
    assert page.locator("#id_email").count() == 0
    assert_no_axe_violations(page)
