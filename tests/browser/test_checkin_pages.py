"""A volunteer, on a phone, checks demo participants in: from a ticket's QR URL and from the
search page, undoes a mistake, marks a workshop seat holder present; axe checks every page."""

import json
import re
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import assert_no_axe_violations, manage

VOLUNTEER_PASSWORD = "browser-test-volunteer-password"
# Two confirmed people of the upcoming edition not checked in yet, and one workshop seat holder.
FIND_PEOPLE = """
import json
from registrations.choices import SeatStatus
from registrations.links import RegistrationLinks
from registrations.models import Registration, WorkshopSeat
people = Registration.objects.filter(
    edition__number=4, status="confirmed", checked_in_at__isnull=True, seats__isnull=True
).order_by("pk")[:2]
seat = WorkshopSeat.objects.filter(
    registration__edition__number=4, status=SeatStatus.CONFIRMED, attendance__isnull=True
).select_related("registration").order_by("pk").first()
print(json.dumps({
    "people": [
        {"name": p.full_name, "code": p.ticket_code, "url": RegistrationLinks(p).checkin}
        for p in people
    ],
    "workshop": {"pk": seat.session_id, "name": seat.registration.full_name},
}))
"""


# The demo server is shared with the other modules (the figures page counts check-ins).
FORGET_OUR_CHECK_INS = """
from registrations.models import Registration, WorkshopAttendance
Registration.objects.filter(checked_in_by__username="benevole").update(
    checked_in_at=None, checked_in_by=None
)
WorkshopAttendance.objects.filter(checked_in_by__username="benevole").delete()
"""


@pytest.fixture(scope="module")
def volunteer(demo_environment, demo_server):
    output = manage(demo_environment, "ensure_volunteer", "--password", VOLUNTEER_PASSWORD)
    search_path = re.search(r"http://\S+?(/\S*accueil/)", output).group(1)
    yield {"username": "benevole", "password": VOLUNTEER_PASSWORD, "search": search_path}
    manage(demo_environment, "shell", "-c", FORGET_OUR_CHECK_INS)


@pytest.fixture(scope="module")
def demo_people(demo_environment, demo_server):
    output = manage(demo_environment, "shell", "-c", FIND_PEOPLE)
    return json.loads(output.strip().splitlines()[-1])  # after the shell's own notice


def log_in_from(page, demo_server, path, volunteer):
    """Opening a check-in page asks to log in (the admin's page), then comes back to it."""
    page.goto(demo_server + path)
    assert "/admin/login/" in page.url
    fill_the_login_form(page, demo_server, path, volunteer)


def fill_the_login_form(page, demo_server, path, volunteer):
    page.locator("#id_username").fill(volunteer["username"])
    page.locator("#id_password").fill(volunteer["password"])
    page.locator("form button[type=submit]").click()
    page.wait_for_url(demo_server + path)


def counter(page):
    text = page.locator(".checkin-counter").inner_text()
    checked_in, confirmed = (int(n) for n in re.findall(r"\d+", text.replace("\u202f", ""))[:2])
    return checked_in, confirmed


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_volunteer_checks_in_from_the_qr_url_then_from_search(
    phone_page, demo_server, volunteer, demo_people
):
    page = phone_page
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security" in message.text else None
        ),
    )
    first, second = demo_people["people"]
    qr_path = urlparse(first["url"]).path

    # Not logged in, the QR URL is what the participant sees when scanning their own ticket.
    page.goto(demo_server + qr_path)
    assert page.locator("h1").inner_text().startswith("Bonjour ")
    assert first["code"] in page.content()  # the code to show, with its QR code
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Équipe\u202f: se connecter").click()
    page.wait_for_url(re.compile(r".*/admin/login/.*"))
    fill_the_login_form(page, demo_server, qr_path, volunteer)
    assert page.locator(".registration-checkin-name").inner_text() == first["name"]
    assert first["code"] in page.content()
    assert fits_the_phone(page)
    assert_no_axe_violations(page)

    button = page.get_by_role("button", name=f"Enregistrer l'arrivée {first['name']}")
    assert button.bounding_box()["height"] >= 44  # a thumb can hit it
    button.click()
    page.wait_for_load_state()
    assert page.locator(".notice--ok[role=status]").is_visible()
    assert "Bénévole Démo" in page.locator(".checkin-done").inner_text()
    assert_no_axe_violations(page)

    # Scanned again: the page says when and by whom, and offers only to undo.
    page.goto(demo_server + qr_path)
    assert re.search(r"le \d{1,2}(er)? \w+ \d{4} à \d\d:\d\d par Bénévole Démo", page.content())
    assert page.get_by_role("button", name=re.compile("Annuler l'arrivée")).is_visible()
    assert page.locator(".checkin-button").count() == 0
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Chercher une autre personne").click()
    page.wait_for_url(re.compile(r".*/accueil/$"))
    before = counter(page)
    assert before[0] >= 1
    assert fits_the_phone(page)
    assert_no_axe_violations(page)

    page.get_by_label("Nom, courriel ou code du billet").fill(second["code"].lower())
    page.get_by_role("button", name="Rechercher", exact=True).click()
    page.wait_for_load_state()
    result = page.locator(".checkin-result")
    assert result.count() == 1
    assert second["name"] in result.inner_text()
    assert_no_axe_violations(page)

    result.get_by_role("button", name=f"Enregistrer l'arrivée {second['name']}").click()
    page.wait_for_load_state()
    assert page.locator(".notice--ok").is_visible()
    assert counter(page) == (before[0] + 1, before[1])
    assert_no_axe_violations(page)

    # A mistake: undo it from the results.
    page.locator(".checkin-result").get_by_role("button", name=re.compile("Annuler")).click()
    page.wait_for_load_state()
    assert counter(page) == before
    assert page.locator(".checkin-result .checkin-button").is_visible()
    # The counter's script is allowed by the page's security policy, and its data answer.
    assert page.locator("script[src$='js/checkin.js']").count() == 1
    counts = page.evaluate(
        "fetch(document.querySelector('[data-counter-url]').dataset.counterUrl)"
        ".then(response => response.json())"
    )
    assert (counts["checked_in"], counts["confirmed"]) == before
    assert refused == []


def test_a_volunteer_marks_a_workshop_seat_holder_present(
    phone_page, demo_server, volunteer, demo_people
):
    page = phone_page
    workshop = demo_people["workshop"]
    path = f"{volunteer['search']}atelier/{workshop['pk']}/"
    log_in_from(page, demo_server, path, volunteer)
    assert fits_the_phone(page)
    assert_no_axe_violations(page)

    page.get_by_role("button", name=f"Présent {workshop['name']}").first.click()
    page.wait_for_load_state()
    assert page.locator(".notice--ok").is_visible()
    assert page.get_by_role("button", name=f"Annuler {workshop['name']}").first.is_visible()
    assert_no_axe_violations(page)


def test_without_javascript_the_search_and_check_in_still_work(
    chromium, demo_server, volunteer, demo_people
):
    context = chromium.new_context(
        locale="fr-FR",
        timezone_id="Europe/Paris",
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
    )
    page = context.new_page()
    try:
        log_in_from(page, demo_server, volunteer["search"], volunteer)
        first = demo_people["people"][0]
        page.get_by_label("Nom, courriel ou code du billet").fill(first["code"])
        page.get_by_role("button", name="Rechercher", exact=True).click()
        page.wait_for_load_state()
        assert first["name"] in page.locator(".checkin-result").inner_text()
    finally:
        context.close()
