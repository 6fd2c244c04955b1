"""From the private management page, a participant corrects their details and changes their
e-mail address; the new address is confirmed from its mailbox first, the old one is told."""

import re

from django.core import mail

import pytest

from registrations import services, tokens
from registrations.models import Registration
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db

HOUR = 3600


def confirmed(edition, **fields):
    return services.confirm(RegistrationFactory(edition=edition, **fields)).registration


def manage_url(page, registration):
    return f"{page.url}gerer/{tokens.make_token(registration, tokens.MANAGE)}/"


def html(response):
    return response.content.decode()


DETAILS = {
    "change_details": "1",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "organization": "Analytical Engines",
    "accessibility_needs": "Une place près de la porte",
    "dietary_needs": "Végétarienne",
}


def test_a_participant_corrects_their_name_organization_and_needs(
    client, registration_page, edition
):
    person = confirmed(edition, first_name="Adda", organization="")
    response = client.post(manage_url(registration_page, person), DETAILS)
    assert response.status_code == 200
    assert "Vos informations sont enregistrées." in html(response)
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.organization) == (
        "Ada",
        "Lovelace",
        "Analytical Engines",
    )
    assert person.accessibility_needs == "Une place près de la porte"
    assert person.dietary_needs == "Végétarienne"
    assert person.seats.count() == 0  # the workshops form was not touched


def test_a_wrong_detail_is_shown_on_its_field_and_what_was_typed_is_kept(
    client, registration_page, edition
):
    person = confirmed(edition, first_name="Ada")
    response = client.post(
        manage_url(registration_page, person),
        {**DETAILS, "first_name": "", "organization": "Mon association"},
    )
    page = html(response)
    assert response.status_code == 200
    assert re.search(r"<title>Erreur\u202f?\s?: Mon inscription", page)  # heard at once
    assert '<a href="#id_first_name">Prénom\u202f: Champ requis.</a>' in page  # the summary
    assert 'aria-describedby="id_first_name_error" id="id_first_name"' in page  # the field
    assert 'value="Mon association"' in page
    person.refresh_from_db()
    assert person.first_name == "Ada"


def test_the_details_form_speaks_english_on_the_english_page(client, registration_page_en, edition):
    person = confirmed(edition, language="en")
    page = html(client.get(manage_url(registration_page_en, person)))
    assert "Correct my details" in page
    assert "Change my e-mail address" in page
    assert '<label for="id_new_email"' in page


def email_link(message):
    match = re.search(r"http://testserver(/\S*/(?:adresse|email)/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_a_new_address_is_confirmed_from_its_mailbox_and_the_old_one_is_told(
    client, registration_page, edition, django_capture_on_commit_callbacks
):
    person = confirmed(edition, email="ada@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            manage_url(registration_page, person),
            {"change_email": "1", "new_email": "ada@new.example.org"},
        )
    assert response.status_code == 200
    assert "Nous avons envoyé un lien de confirmation à ada@new.example.org" in html(response)
    person.refresh_from_db()
    assert person.email == "ada@example.org"  # not yet
    assert person.pending_email == "ada@new.example.org"
    (confirmation,) = mail.outbox
    assert confirmation.to == ["ada@new.example.org"]
    assert confirmation.subject == f"Confirmez votre nouvelle adresse électronique pour {edition}"
    link = email_link(confirmation)

    assert client.get(link).status_code == 200  # a GET changes nothing (mail scanners)
    person.refresh_from_db()
    assert person.email == "ada@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(link)
    assert done.status_code == 200
    assert "les messages de votre inscription vont désormais à ada@new.example.org" in html(done)
    person.refresh_from_db()
    assert (person.email, person.pending_email) == ("ada@new.example.org", "")
    told = mail.outbox[1]
    assert told.to == ["ada@example.org"]
    assert "ada@new.example.org" in told.body
    assert "/gerer/" not in told.body  # no private link to a mailbox the participant left
    assert client.post(link).status_code == 404  # used: nothing is waiting any more


def test_the_link_of_an_earlier_request_dies_with_a_new_request(
    client, registration_page, edition, django_capture_on_commit_callbacks
):
    person = confirmed(edition, email="ada@example.org")
    manage = manage_url(registration_page, person)
    for address in ("first@example.org", "second@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(manage, {"change_email": "1", "new_email": address})
    first, second = (email_link(message) for message in mail.outbox)
    assert client.post(first).status_code == 404
    assert client.post(second).status_code == 200
    person.refresh_from_db()
    assert person.email == "second@example.org"


def test_a_wrong_or_expired_address_link_is_refused(client, registration_page, edition):
    person = confirmed(edition, email="ada@example.org")
    services.request_email_change(person, "new@example.org")
    person.refresh_from_db()
    token = tokens.make_token(person, tokens.EMAIL)
    assert client.post(f"{registration_page.url}adresse/{token}x/").status_code == 404
    assert client.get(f"{registration_page.url}adresse/nothing/").status_code == 404
    old = tokens.make_token(person, tokens.EMAIL, now=1)  # issued in 1970
    response = client.post(f"{registration_page.url}adresse/{old}/")
    assert response.status_code == 410
    assert "Votre adresse n’a pas changé" in html(response) or "adresse n'a pas changé" in html(
        response
    )
    person.refresh_from_db()
    assert person.email == "ada@example.org"


def test_an_address_of_another_registration_or_the_same_one_is_refused_on_the_field(
    client, registration_page, edition
):
    confirmed(edition, email="taken@example.org")
    person = confirmed(edition, email="ada@example.org")
    manage = manage_url(registration_page, person)
    for address, message in (
        ("taken@example.org", "Une autre inscription à cette édition utilise déjà cette adresse."),
        ("ada@example.org", "C’est déjà l’adresse de votre inscription."),
        ("pas-une-adresse", "Saisissez une adresse de courriel valide."),
    ):
        page = html(client.post(manage, {"change_email": "1", "new_email": address}))
        errors = re.search(r'<ul class="errorlist" id="id_new_email_error">(.*?)</ul>', page)
        assert errors, address
        assert message.replace("’", "'") in errors.group(1).replace("&#x27;", "'").replace("’", "'")
        assert f'value="{address}"' in page
    assert Registration.objects.get(pk=person.pk).pending_email == ""


def test_address_changes_are_rate_limited_like_registrations(
    client, registration_page, edition, settings
):
    settings.ALPOSS_RATE_LIMITS = {"registration.email": "1/h"}
    person = confirmed(edition, email="ada@example.org")
    manage = manage_url(registration_page, person)
    client.post(manage, {"change_email": "1", "new_email": "new@example.org"})
    response = client.post(manage, {"change_email": "1", "new_email": "new@example.org"})
    assert response.status_code == 429
    assert "Trop de modifications" in html(response)
    assert 'value="new@example.org"' in html(response)
