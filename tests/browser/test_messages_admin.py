"""Organizers write a message to a workshop's seat holders, preview it, test it, send it, and
read its delivery record: each screen without an accessibility violation."""

import pytest

from tests.browser.conftest import assert_no_axe_violations
from tests.browser.test_admin import admin_login, log_in  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser


def settled(page):
    """The page once Wagtail's message has faded in (axe would judge a colour half-way)."""
    if page.locator(".messages li").count():
        page.wait_for_timeout(1000)
    return page


def test_organizer_sends_a_message_to_a_workshops_seat_holders(
    page,
    demo_server,
    admin_login,  # noqa: F811  (the fixture imported above)
    demo_environment,
):
    log_in(page, demo_server, admin_login)
    page.goto(demo_server + "/admin/messages/")
    assert_no_axe_violations(settled(page))

    # The demo's message and its record, with the address the mail server refused.
    with page.expect_navigation():
        page.locator("main table a").first.click()
    assert page.locator("main td", has_text="Mailbox unavailable").is_visible()
    assert_no_axe_violations(settled(page))

    page.goto(demo_server + "/admin/messages/new/")
    assert_no_axe_violations(settled(page))
    page.locator("#id_audience").select_option("seat_holders")
    page.locator("#id_workshop").select_option(index=1)
    page.locator("#id_subject_fr").fill("Salle changée")
    page.locator("#id_body_fr").fill("Bonjour {prenom}")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.get_by_text("Le champ {prenom} est inconnu").is_visible()
    assert page.locator("#id_body_fr").input_value() == "Bonjour {prenom}"
    assert_no_axe_violations(settled(page))

    page.locator("#id_body_fr").fill("Bonjour {first_name}, votre lien : {manage_link}")
    page.locator("#id_subject_en").fill("New room")
    page.locator("#id_body_en").fill("Hello {first_name}, your link: {manage_link}")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url.endswith("/preview/")
    assert page.get_by_text("/gerer/").or_(page.get_by_text("/manage/")).first.is_visible()
    assert_no_axe_violations(settled(page))

    with page.expect_navigation():
        page.get_by_role("button", name="M’envoyer un test").or_(
            page.get_by_role("button", name="M'envoyer un test")
        ).first.click()
    assert page.get_by_text("part vers").is_visible()

    with page.expect_navigation():
        page.get_by_role("link", name="Envoyer…").click()
    assert_no_axe_violations(settled(page))
    with page.expect_navigation():
        page.get_by_role("button", name="Oui, l'envoyer").or_(
            page.get_by_role("button", name="Oui, l’envoyer")
        ).first.click()
    assert page.url.endswith("/record/")
    assert page.get_by_text("Aucun échec.").is_visible()
    assert_no_axe_violations(settled(page))
    mails = list((demo_environment["workdir"] / "mail").glob("*"))
    assert mails
