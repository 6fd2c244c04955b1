"""At the door: a ticket scanned twice is unmistakable, and a participant's own ticket link
shows the code and the QR code to show there."""

import datetime
import re

from django.utils import timezone

import pytest

from registrations import services, tokens
from registrations.choices import RegistrationStatus
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db


def person(edition, **fields):
    fields.setdefault("first_name", "Ada")
    fields.setdefault("last_name", "Lovelace")
    return services.confirm(RegistrationFactory(edition=edition, **fields)).registration


def ticket_url(page, registration):
    token = tokens.make_token(registration, tokens.CHECKIN)
    return page.url + page.reverse_subpage("checkin", kwargs={"token": token})


def test_a_first_check_in_is_green_and_a_second_scan_is_an_amber_panel_with_when_and_who(
    client, registration_page, edition, volunteer
):
    ada = person(edition)
    url = ticket_url(registration_page, ada)
    client.force_login(volunteer)

    html = client.post(url, {"action": "check_in"}, follow=True).content.decode()
    assert "checkin-panel--ok" in html
    assert "checkin-panel--already" not in html

    html = client.get(url).content.decode()  # the same ticket, scanned again
    panel = re.search(
        r'<div class="checkin-panel checkin-panel--already" role="alert">.*?</div>', html, re.S
    )
    assert panel is not None
    text = re.sub(r"<[^>]+>", " ", panel.group(0))
    assert "Déjà entré" in text  # words and an icon, not colour alone
    assert 'aria-hidden="true">!<' in panel.group(0)
    ada.refresh_from_db()
    local = timezone.localtime(ada.checked_in_at)
    assert f"à {local:%H:%M}" in text
    assert "Bénédicte Vol" in text
    assert "checkin-panel--ok" not in html
    assert 'value="check_in"' not in html


def test_the_second_scan_gives_paris_time(client, registration_page, edition, volunteer):
    ada = person(edition)
    services.check_in(
        ada, by=volunteer, now=datetime.datetime(2026, 11, 23, 8, 5, tzinfo=datetime.UTC)
    )
    client.force_login(volunteer)
    html = client.get(ticket_url(registration_page, ada)).content.decode()
    assert "checkin-panel--already" in html
    assert "23\u00a0novembre 2026 à 09:05" in html or "23 novembre 2026 à 09:05" in html


def test_trying_to_check_in_again_is_an_amber_warning_not_a_red_error_or_green(
    client, registration_page, edition, volunteer
):
    ada = person(edition)
    services.check_in(ada, by=volunteer)
    client.force_login(volunteer)
    html = client.post(
        ticket_url(registration_page, ada), {"action": "check_in"}, follow=True
    ).content.decode()
    assert 'class="notice notice--warning" role="alert"' in html
    assert "checkin-panel--already" in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_participant_opening_their_ticket_link_sees_the_code_and_the_qr_code(
    client, request, registration_page, edition, language
):
    page = registration_page
    if language == "en":
        page = request.getfixturevalue("registration_page_en")
    ada = person(edition)
    html = client.get(ticket_url(page, ada)).content.decode()
    assert ada.ticket_code in html
    image = re.search(r'<img class="door-ticket__qr" src="([^"]+)"[^>]*alt="([^"]+)"', html)
    assert image.group(1).startswith("data:image/svg+xml")
    alt = "QR code du billet" if language == "fr" else "QR code of your ticket"
    assert alt in image.group(2) and ada.ticket_code in image.group(2)


def test_the_door_qr_code_has_its_quiet_zone_and_encodes_the_ticket_link(
    client, registration_page, edition
):
    from registrations import tickets

    image = tickets.qr_image("http://testserver/x/")
    code = tickets.qr_code("http://testserver/x/")
    assert image["side"] == (code.symbol_size(scale=1, border=0)[0] + 2 * 4) * 6


def test_an_unconfirmed_registration_shows_no_code(client, registration_page, edition):
    ada = RegistrationFactory(edition=edition, status=RegistrationStatus.PENDING)
    response = client.get(ticket_url(registration_page, ada))
    assert response.status_code in (200, 404, 410)
    html = response.content.decode()
    assert "door-ticket__qr" not in html
