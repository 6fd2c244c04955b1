import datetime
import re

from django.core import mail
from django.core.cache import cache
from django.utils import timezone

import pytest

from registrations import services, tokens
from registrations.choices import RegistrationStatus
from registrations.models import Registration
from tests.factories.home import EditionFactory, EditionPageFactory
from tests.factories.registrations import (
    REGISTRATION_FORM,
    RegistrationFactory,
    RegistrationPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def link_in(message, route):
    match = re.search(rf"http://testserver(/\S*/{route}/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_the_form_shows_every_field_with_the_privacy_consent(client, registration_page):
    response = client.get("/2031/inscription/".replace("2031", str(registration_page.edition.year)))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("first_name", "last_name", "email", "organization", "category", "consent"):
        assert f'name="{name}"' in html
    assert 'name="dietary_needs"' in html
    assert 'name="newsletter"' in html
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_participant_registers_confirms_and_gets_a_ticket(
    client, registration_page, django_capture_on_commit_callbacks
):
    url = registration_page.url
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, REGISTRATION_FORM)
    assert response.status_code == 302
    assert response["Location"].endswith("/inscription/envoyee/")
    page = client.get(response["Location"]).content.decode()
    assert "e-mail" in page.lower() or "courriel" in page.lower()
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.PENDING
    assert registration.language == "fr"
    assert registration.accessibility_needs == "Wheelchair"

    confirm_url = link_in(mail.outbox[0], "confirmer")
    confirm_page = client.get(confirm_url)
    assert confirm_page.status_code == 200
    assert "Grace Hopper" in confirm_page.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING  # a GET (link preview) holds nothing

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(confirm_url)
    assert done.status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    ticket = mail.outbox[0]
    names = [getattr(a, "filename", None) or a.get_filename() for a in ticket.attachments]
    assert "ticket-qr.png" in names
    assert any(name.endswith(".ics") for name in names)
    ics = next(a for a in ticket.attachments if getattr(a, "filename", "").endswith(".ics"))
    assert "BEGIN:VEVENT" in ics.content
    assert "/inscription/accueil/" in ticket.body
    assert 'src="cid:ticket-qr@alposs"' in ticket.alternatives[0].content

    manage_url = link_in(ticket, "gerer")
    manage = client.get(manage_url)
    assert manage.status_code == 200
    assert 'src="data:image/svg+xml' in manage.content.decode()


def test_the_english_page_registers_in_english(
    client, registration_page_en, django_capture_on_commit_callbacks
):
    assert registration_page_en.url.startswith("/en/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(registration_page_en.url, REGISTRATION_FORM)
    assert response["Location"].startswith("/en/")
    registration = Registration.objects.get()
    assert registration.language == "en"
    message = mail.outbox[0]
    assert "Please confirm" in message.subject
    assert "/en/" in link_in(message, "confirm")


def test_links_follow_the_page_language_and_links_sent_in_the_other_one_still_work(
    client, registration_page, registration_page_en
):
    registration = RegistrationFactory(edition=registration_page.edition)
    token = tokens.make_token(registration, tokens.MANAGE)

    french = registration_page.reverse_subpage("manage_view", kwargs={"token": token})
    english = registration_page_en.reverse_subpage("manage_view", kwargs={"token": token})

    assert french == f"gerer/{token}/"
    assert english == f"manage/{token}/"
    for url in (registration_page.url + french, registration_page.url + english):
        assert client.get(url).status_code == 200
    assert client.get(registration_page_en.url + english).status_code == 200


def test_missing_and_invalid_fields_are_explained_and_what_was_typed_is_kept(
    client, registration_page
):
    data = {**REGISTRATION_FORM, "email": "not-an-address", "first_name": ""}
    del data["consent"]
    response = client.post(registration_page.url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert 'value="not-an-address"' in html
    assert 'value="Hopper"' in html
    assert html.count('class="errorlist') >= 3 or html.count("errorlist") >= 3
    assert not Registration.objects.exists()
    # Screen readers hear the error at once: the title says so and the summary takes the focus.
    assert "<title>Erreur\u202f: " in html
    assert re.search(r'class="[^"]*error-summary[^"]*" role="alert" tabindex="-1" autofocus', html)


def test_the_honeypot_stops_robots(client, registration_page):
    response = client.post(
        registration_page.url, {**REGISTRATION_FORM, "website": "http://spam.example"}
    )
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_too_many_attempts_with_one_address_are_slowed_down(client, registration_page, settings):
    settings.ALPOSS_RATE_LIMITS = {"registration.email": "2/h"}
    for _ in range(2):
        assert client.post(registration_page.url, REGISTRATION_FORM).status_code == 302
    response = client.post(registration_page.url, REGISTRATION_FORM)
    assert response.status_code == 429
    assert 'value="grace@example.org"' in response.content.decode()
    assert "error-summary" in response.content.decode()
    assert Registration.objects.count() == 1


def test_registering_again_shows_the_same_page_and_mails_the_link(
    client, registration_page, django_capture_on_commit_callbacks
):
    first = client.post(registration_page.url, REGISTRATION_FORM)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(registration_page.url, {**REGISTRATION_FORM, "first_name": "Other"})
    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("opens", "closes", "expected"),
    [
        (2, 9, "registration_opens"),
        (-9, -2, "closed"),
    ],
)
def test_outside_the_window_the_page_says_when_it_opens_or_that_it_is_closed(
    client, home_page, opens, closes, expected
):
    now = timezone.now()
    edition = EditionFactory(
        registration_opens_at=now + datetime.timedelta(days=opens),
        registration_closes_at=now + datetime.timedelta(days=closes),
    )
    parent = EditionPageFactory(parent=home_page, edition=edition)
    page = RegistrationPageFactory(parent=parent)
    response = client.get(page.url)
    html = response.content.decode()
    assert 'name="email"' not in html
    if expected == "closed":
        assert "fermées" in html or "closed" in html
    else:
        assert str(edition.registration_opens_at.year) in html


def test_a_form_posted_after_closing_keeps_what_was_typed(client, registration_page, edition):
    edition.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    edition.registration_opens_at = timezone.now() - datetime.timedelta(days=3)
    edition.save()
    response = client.post(registration_page.url, REGISTRATION_FORM)
    assert response.status_code == 200
    assert 'value="Grace"' in response.content.decode()
    assert not Registration.objects.exists()


def test_a_tampered_link_gets_a_clear_message(client, registration_page, edition):
    registration = RegistrationFactory(edition=edition)
    token = tokens.make_token(registration, tokens.MANAGE)
    for bad in (token[:-2] + "xx", "nonsense", tokens.make_token(registration, tokens.CONFIRM)):
        response = client.get(f"{registration_page.url}manage/{bad}/")
        assert response.status_code == 404
        assert "notice--error" in response.content.decode()


def test_an_expired_confirmation_link_says_so(client, registration_page, edition, settings):
    registration = RegistrationFactory(edition=edition)
    token = tokens.make_token(registration, tokens.CONFIRM)
    settings.ALPOSS_REGISTRATION_CONFIRMATION_HOURS = -1
    response = client.get(f"{registration_page.url}confirm/{token}/")
    assert response.status_code == 410


def test_a_revoked_link_no_longer_works(client, registration_page, edition):
    registration = RegistrationFactory(edition=edition)
    token = tokens.make_token(registration, tokens.MANAGE)
    registration.rotate_key()
    registration.save()
    assert client.get(f"{registration_page.url}manage/{token}/").status_code == 404


def test_the_participant_cancels_from_the_private_page(
    client, registration_page, edition, django_capture_on_commit_callbacks
):
    registration = services.confirm(RegistrationFactory(edition=edition)).registration
    url = f"{registration_page.url}manage/{tokens.make_token(registration, tokens.MANAGE)}/"
    page = client.get(url).content.decode()
    cancel_section = page[page.index('id="cancel-title"') : page.index('id="cancel-title"') + 600]
    assert 'class="button button--danger"' in cancel_section  # its own section, marked as such
    confirmation = client.get(url + "cancel/")
    assert confirmation.status_code == 200
    assert 'type="submit" class="button button--danger"' in confirmation.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url + "cancel/")
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert len(mail.outbox) == 1


def test_the_participant_downloads_then_deletes_their_data(client, registration_page, edition):
    registration = services.confirm(
        RegistrationFactory(edition=edition, first_name="Émile", email="emile@example.org")
    ).registration
    url = f"{registration_page.url}manage/{tokens.make_token(registration, tokens.MANAGE)}/"
    data = client.get(url + "data/")
    assert data["Content-Type"].startswith("application/json")
    assert "attachment" in data["Content-Disposition"]
    assert data.json()["first_name"] == "Émile"
    assert data.json()["status"] == "confirmed"

    response = client.post(url + "delete/")
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    registration.refresh_from_db()
    assert registration.email == "" and registration.first_name == ""
    assert registration.status == RegistrationStatus.CANCELLED
    assert client.get(url).status_code == 404


def test_the_form_and_the_management_page_use_the_reworded_english_labels(edition):
    from django.utils import translation

    from registrations.forms import RegistrationForm

    with translation.override("en"):
        form = RegistrationForm(edition=edition)
        labels = [str(field.label) for field in form.fields.values()]
        assert "Attending as" in labels
        assert "You come as" not in labels
        legends = [str(item.legend) for item in form.helper.layout if hasattr(item, "legend")]
        assert "Accessibility and dietary needs" in legends
